// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/fixed_point.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace mtj {
namespace {

Eigen::Vector3d toEigen(const Vec3& v) { return {v.x, v.y, v.z}; }

/// Solves the 2x2 system a xi = b in closed form; false when singular.
bool solve2x2(const Eigen::Matrix2d& a, const Eigen::Vector2d& b, Eigen::Vector2d& xi) {
    const double det = a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0);
    const double scale = a.cwiseAbs().maxCoeff();
    if (!(std::abs(det) > 1e-300 * scale * scale) || !std::isfinite(det)) {
        return false;
    }
    xi(0) = (a(1, 1) * b(0) - a(0, 1) * b(1)) / det;
    xi(1) = (a(0, 0) * b(1) - a(1, 0) * b(0)) / det;
    return true;
}

}  // namespace

namespace {

/// Pseudo-transient continuation from m with pseudo-steps from `firstStep`; each move at most `maximumStep`
/// radians. Returns the number of iterations, or -1 without convergence to stepTolerance.
int pseudoTransient(const JunctionCoefficients& model, const Drive& drive, Vec3& m, double firstStep,
                    double maximumStep, double stepTolerance, int maximumIterations);

}  // namespace

FixedPoint relaxToFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& start,
                             const FixedPointSettings& settings) {
    FixedPoint result;
    Vec3 m = normalized(start);
    if (settings.pathDamping > model.damping) {
        JunctionCoefficients damped = model;
        damped.damping = settings.pathDamping;
        damped.reducedGyromagneticRatio = model.reducedGyromagneticRatio * (1.0 + model.damping * model.damping) /
                                          (1.0 + damped.damping * damped.damping);
        // The damped path only has to end near the fixed point: Newton on the true device finishes.
        pseudoTransient(damped, drive, m, settings.initialPseudoStepSeconds, settings.maximumPathStepRadians, 1e-6,
                        settings.maximumIterations);
    }
    const int iterations = pseudoTransient(
        model, drive, m, settings.pathDamping > model.damping ? 1e-6 : settings.initialPseudoStepSeconds, 0.5,
        settings.stepTolerance, settings.maximumIterations);
    result.magnetization = m;
    result.converged = iterations >= 0 && isFinite(m);
    result.iterations = iterations;
    if (result.converged) {
        result.growthRate = largestGrowthRate(model, m, drive);
        result.stable = result.growthRate < 0.0;
    }
    return result;
}

namespace {

int pseudoTransient(const JunctionCoefficients& model, const Drive& drive, Vec3& m, double firstStep,
                    double maximumStep, double stepTolerance, int maximumIterations) {
    double pseudoStep = firstStep;
    double previousResidual = -1.0;
    const LlgsCoefficients coefficients = llgsCoefficients(model, drive);
    for (int iteration = 1; iteration <= maximumIterations; ++iteration) {
        Vec3 e1, e2;
        tangentBasis(m, e1, e2);
        Eigen::Matrix<double, 3, 2> basis;
        basis.col(0) = toEigen(e1);
        basis.col(1) = toEigen(e2);
        const Eigen::Vector3d f = toEigen(llgsRightHandSide(coefficients, m));
        const Eigen::Vector2d tangentResidual = basis.transpose() * f;
        const Eigen::Matrix2d jt = basis.transpose() * llgsJacobian(model, m, drive) * basis;
        const double residual = tangentResidual.norm();
        if (previousResidual > 0.0) {
            // Grow the pseudo-step geometrically towards Newton's method; hold it back while the residual rises
            // sharply (the flow is being followed through a turn).
            const double growth = residual > 4.0 * previousResidual ? 0.5 : 2.0;
            pseudoStep = std::min(1e-3, pseudoStep * growth);  // 1 ms: effectively Newton
        }
        previousResidual = residual;
        Eigen::Matrix2d system = -jt;
        system.diagonal().array() += 1.0 / pseudoStep;
        Eigen::Vector2d xi;
        if (!solve2x2(system, tangentResidual, xi)) {
            return -1;
        }
        // Keep each move on the sphere modest while far from the fixed point.
        const double length = xi.norm();
        if (length > maximumStep) {
            xi *= maximumStep / length;
        }
        m = normalized(m + e1 * xi(0) + e2 * xi(1));
        if (!isFinite(m)) {
            return -1;
        }
        if (length < stepTolerance) {
            return iteration;
        }
    }
    return -1;
}

}  // namespace

FixedPoint settleToStableFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& start) {
    FixedPoint fp = relaxToFixedPoint(model, drive, start);
    if (!fp.converged || fp.stable) return fp;
    // Leave the unstable fixed point along its most unstable tangent direction.
    const Vec3 m = fp.magnetization;
    Vec3 e1, e2;
    tangentBasis(m, e1, e2);
    const Eigen::Matrix2d jt = tangentJacobian(model, m, drive);
    // Eigenvalues of the 2x2: tr/2 +- sqrt(tr^2/4 - det); for a real pair the eigenvector of the larger is
    // (b, lambda - a) or (lambda - d, c); a complex pair (focus) spirals out in every direction.
    const double halfTrace = 0.5 * jt.trace();
    const double discriminant = halfTrace * halfTrace - jt.determinant();
    const bool focus = discriminant < 0.0;
    Eigen::Vector2d direction(1.0, 0.0);
    if (!focus) {
        const double lambda = halfTrace + std::sqrt(discriminant);
        const Eigen::Vector2d first(jt(0, 1), lambda - jt(0, 0));
        const Eigen::Vector2d second(lambda - jt(1, 1), jt(1, 0));
        direction = first.norm() >= second.norm() ? first : second;
        if (direction.norm() < 1e-300) direction = Eigen::Vector2d(1.0, 0.0);
    }
    direction.normalize();
    Vec3 away = e1 * direction(0) + e2 * direction(1);
    // Lean the way the flow from the start state leans.
    const Vec3 drift = llgsRightHandSide(model, normalized(start), drive);
    if (dot(drift, away) < 0.0) away = -away;
    constexpr double kick = 0.05;  // radians
    for (const Vec3& side : {away, -away}) {
        const FixedPoint next = relaxToFixedPoint(model, drive, normalized(m + side * kick));
        if (next.converged && next.stable) return next;
        if (focus) break;  // a focus has no second side
    }
    return fp;
}

FixedPoint newtonFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& guess) {
    FixedPointSettings settings;
    settings.initialPseudoStepSeconds = 1e-6;
    settings.maximumIterations = 60;
    return relaxToFixedPoint(model, drive, guess, settings);
}

Vec3 fixedPointSensitivity(const JunctionCoefficients& model, const Drive& drive, const Vec3& m,
                           const Drive& driveRate) {
    // df/dx = (df/dH) dH/dx + (df/dI) dI/dx. f is affine in H and in I, so each partial derivative is the
    // right-hand side of a model with only that input (offset field, anisotropy and demagnetisation removed).
    JunctionCoefficients linear = model;
    linear.anisotropyField = 0.0;
    linear.effectiveDemagField = 0.0;
    linear.offsetField = Vec3{};
    Drive fieldOnly;
    fieldOnly.appliedField = driveRate.appliedField;
    Vec3 rate = llgsRightHandSide(linear, m, fieldOnly);
    if (driveRate.currentAmpere != 0.0) {
        Drive currentOnly;
        currentOnly.currentAmpere = driveRate.currentAmpere;
        rate += llgsRightHandSide(linear, m, currentOnly);
    }
    Vec3 e1, e2;
    tangentBasis(m, e1, e2);
    Eigen::Matrix<double, 3, 2> basis;
    basis.col(0) = toEigen(e1);
    basis.col(1) = toEigen(e2);
    const Eigen::Matrix2d jt = basis.transpose() * llgsJacobian(model, m, drive) * basis;
    Eigen::Vector2d xi;
    if (!solve2x2(jt, -(basis.transpose() * toEigen(rate)), xi)) {
        return Vec3{std::nan(""), std::nan(""), std::nan("")};
    }
    return e1 * xi(0) + e2 * xi(1);
}

}  // namespace mtj
