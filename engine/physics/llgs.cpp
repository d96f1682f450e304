// SPDX-License-Identifier: GPL-3.0-or-later
#include "physics/llgs.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace mtj {
namespace {

Eigen::Vector3d toEigen(const Vec3& v) { return {v.x, v.y, v.z}; }

Eigen::Matrix3d crossMatrix(const Eigen::Vector3d& v) {
    Eigen::Matrix3d c;
    c << 0.0, -v.z(), v.y(), v.z(), 0.0, -v.x(), -v.y(), v.x(), 0.0;
    return c;
}

}  // namespace

Eigen::Matrix3d llgsJacobian(const JunctionCoefficients& model, const Vec3& mVec, const Drive& drive) {
    // f(m) = -g [ m x A + m (m.B) - B (m.m) ],  A = H + s(c) p,  B = alpha H + r(c) p,  c = m.p
    // s(c) = (xi - alpha) aJ(c), r(c) = (1 + alpha xi) aJ(c), aJ(c) = k I eta(c), eta'(c) = -P^3 / (1 + P^2 c)^2
    const double alpha = model.damping;
    const double xi = model.fieldLikeRatio;
    const double pol = model.polarization;
    const Eigen::Vector3d m = toEigen(mVec);
    const Eigen::Vector3d p = toEigen(model.referenceAxis);
    const Eigen::Vector3d u = toEigen(model.easyAxis);
    const Eigen::Vector3d z(0.0, 0.0, 1.0);
    const Eigen::Vector3d h = toEigen(effectiveField(model, mVec, drive.appliedField));

    const double c = m.dot(p);
    const double denominator = 1.0 + pol * pol * c;
    const double stt = model.sttFieldPerAmpere * drive.currentAmpere;
    const double aJ = stt * pol / denominator;
    const double aJPrime = -stt * pol * pol * pol / (denominator * denominator);

    const Eigen::Vector3d a = h + (xi - alpha) * aJ * p;
    const Eigen::Vector3d b = alpha * h + (1.0 + alpha * xi) * aJ * p;
    const Eigen::Matrix3d fieldJacobian =
        model.anisotropyField * u * u.transpose() - model.effectiveDemagField * z * z.transpose();
    const Eigen::Matrix3d pp = p * p.transpose();
    const Eigen::Matrix3d dA = fieldJacobian + (xi - alpha) * aJPrime * pp;
    const Eigen::Matrix3d dB = alpha * fieldJacobian + (1.0 + alpha * xi) * aJPrime * pp;

    const double mm = m.dot(m);
    Eigen::Matrix3d j = -crossMatrix(a) + crossMatrix(m) * dA;                               // d(m x A)
    j += m.dot(b) * Eigen::Matrix3d::Identity() + m * (b.transpose() + m.transpose() * dB);  // d(m (m.B))
    j -= mm * dB + 2.0 * b * m.transpose();                                                  // d(B (m.m))
    return -model.reducedGyromagneticRatio * j;
}

void tangentBasis(const Vec3& m, Vec3& e1, Vec3& e2) {
    // Pick the coordinate axis least aligned with m to build e1 by Gram-Schmidt.
    const double ax = std::abs(m.x), ay = std::abs(m.y), az = std::abs(m.z);
    Vec3 seed = (ax <= ay && ax <= az) ? Vec3{1, 0, 0} : (ay <= az ? Vec3{0, 1, 0} : Vec3{0, 0, 1});
    e1 = normalized(seed - m * dot(seed, m));
    e2 = cross(m, e1);
}

Eigen::Matrix2d tangentJacobian(const JunctionCoefficients& model, const Vec3& m, const Drive& drive) {
    Vec3 e1, e2;
    tangentBasis(m, e1, e2);
    Eigen::Matrix<double, 3, 2> basis;
    basis.col(0) = toEigen(e1);
    basis.col(1) = toEigen(e2);
    return basis.transpose() * llgsJacobian(model, m, drive) * basis;
}

double largestGrowthRate(const JunctionCoefficients& model, const Vec3& m, const Drive& drive) {
    const Eigen::Matrix2d jt = tangentJacobian(model, m, drive);
    // Eigenvalues of a 2x2: trace/2 +- sqrt(trace^2/4 - det).
    const double halfTrace = 0.5 * jt.trace();
    const double discriminant = halfTrace * halfTrace - jt.determinant();
    if (discriminant >= 0.0) {
        return halfTrace + std::sqrt(discriminant);
    }
    return halfTrace;  // complex pair: real part
}

}  // namespace mtj
