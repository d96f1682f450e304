// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/basin_certificate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace mtj {

LinearNeighbourhood linearNeighbourhood(const JunctionCoefficients& model, const Drive& drive, const Vec3& fixedPoint) {
    LinearNeighbourhood nb;
    nb.center = normalized(fixedPoint);
    tangentBasis(nb.center, nb.e1, nb.e2);
    nb.jacobian = tangentJacobian(model, nb.center, drive);
    const Eigen::Matrix2d& j = nb.jacobian;
    // J^T P + P J = -I for symmetric P = [p q; q r]: three linear equations.
    Eigen::Matrix3d a;
    a << 2.0 * j(0, 0), 2.0 * j(1, 0), 0.0,   //
        j(0, 1), j(0, 0) + j(1, 1), j(1, 0),  //
        0.0, 2.0 * j(0, 1), 2.0 * j(1, 1);
    const Eigen::Vector3d p = a.fullPivLu().solve(Eigen::Vector3d(-1.0, 0.0, -1.0));
    if (!p.allFinite()) return nb;
    nb.lyapunov << p(0), p(1), p(1), p(2);
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> pe(nb.lyapunov);
    nb.lyapunovSmallest = pe.eigenvalues()(0);
    const Eigen::EigenSolver<Eigen::Matrix2d> je(j);
    nb.decayRate = -je.eigenvalues().real().maxCoeff();
    nb.valid = nb.decayRate > 0.0 && nb.lyapunovSmallest > 0.0 && std::isfinite(nb.lyapunovSmallest);
    return nb;
}

Eigen::Vector2d tangentCoordinates(const LinearNeighbourhood& nb, const Vec3& m) {
    // Inverse of the exponential map: the angle to the centre along the great circle.
    const double c = std::clamp(dot(m, nb.center), -1.0, 1.0);
    const Vec3 offPlane = m - nb.center * c;
    const double s = norm(offPlane);
    if (s < 1e-300) return Eigen::Vector2d::Zero();
    const double angle = std::atan2(s, c);
    return Eigen::Vector2d(dot(offPlane, nb.e1), dot(offPlane, nb.e2)) * (angle / s);
}

double orbitRadius(const LinearNeighbourhood& nb, const Eigen::Vector2d& xi) {
    return std::sqrt(std::max(0.0, xi.dot(nb.lyapunov * xi)) / nb.lyapunovSmallest);
}

bool isLinearWithin(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb, double rho) {
    if (!nb.valid) return false;
    rho = std::min(rho, largestLinearRadius);
    // The unit directions of the circle, once.
    constexpr int directions = 16;
    static const std::array<Eigen::Vector2d, directions> circle = [] {
        std::array<Eigen::Vector2d, directions> d;
        for (int k = 0; k < directions; ++k) {
            const double phi = 2.0 * 3.14159265358979323846 * k / directions;
            d[static_cast<std::size_t>(k)] = Eigen::Vector2d(std::cos(phi), std::sin(phi));
        }
        return d;
    }();
    const LlgsCoefficients coefficients = llgsCoefficients(model, drive);
    // f at the point of the sphere a great-circle angle r from the centre along the unit tangent direction u
    // (cos r, sin r given), against J r u.
    auto linearAt = [&](const Eigen::Vector2d& u, double r, double cosine, double sine) {
        const Vec3 point = nb.center * cosine + (nb.e1 * u(0) + nb.e2 * u(1)) * sine;
        const Vec3 f = llgsRightHandSide(coefficients, point);
        const Eigen::Vector2d actual(dot(f, nb.e1), dot(f, nb.e2));
        const Eigen::Vector2d linear = nb.jacobian * (u * r);
        // f is evaluated in the basis at the centre; at angle r the tangent plane has turned by r, which moves f by
        // a relative r^2/2 at most: part of the tolerance.
        return (actual - linear).norm() <= linearityTolerance * linear.norm();
    };
    // The circle and two inner circles: a saddle inside the disc shows on one of them; along J's real
    // eigenvectors too, where the soft direction of a saddle-node lies.
    const Eigen::EigenSolver<Eigen::Matrix2d> je(nb.jacobian);
    const bool realEigenvalues = je.eigenvalues().imag().cwiseAbs().maxCoeff() == 0.0;
    for (double scale : {1.0, 0.5, 0.25}) {
        const double r = rho * scale;
        const double cosine = std::cos(r), sine = std::sin(r);
        for (const Eigen::Vector2d& u : circle) {
            if (!linearAt(u, r, cosine, sine)) return false;
        }
        if (realEigenvalues) {
            for (int k = 0; k < 2; ++k) {
                const Eigen::Vector2d v = je.eigenvectors().col(k).real();
                if (v.norm() == 0.0) continue;
                const Eigen::Vector2d u = v.normalized();
                if (!linearAt(u, r, cosine, sine) || !linearAt(-u, r, cosine, sine)) return false;
            }
        }
    }
    return true;
}

double linearRadius(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb) {
    double rho = largestLinearRadius;
    for (int k = 0; k <= 10; ++k, rho *= 0.5) {
        if (isLinearWithin(model, drive, nb, rho)) return rho;
    }
    return 0.0;
}

double ringDownRadius(const LinearNeighbourhood& nb, const Eigen::Vector2d& xi, double seconds) {
    const Eigen::Matrix2d& j = nb.jacobian;
    const double s = 0.5 * j.trace();
    const Eigen::Matrix2d a = j - s * Eigen::Matrix2d::Identity();
    const double q = -a.determinant();  // (J - s I)^2 = q I
    double c = 1.0, sinc = seconds;
    if (q > 0.0) {
        const double w = std::sqrt(q);
        c = std::cosh(w * seconds);
        sinc = std::sinh(w * seconds) / w;
    } else if (q < 0.0) {
        const double w = std::sqrt(-q);
        c = std::cos(w * seconds);
        sinc = std::sin(w * seconds) / w;
    }
    const Eigen::Vector2d later = std::exp(s * seconds) * (c * xi + sinc * (a * xi));
    return orbitRadius(nb, later);
}

bool convergesTo(const JunctionCoefficients& model, const Drive& drive, const LinearNeighbourhood& nb, const Vec3& m,
                 double remainingSeconds, double restRadius) {
    if (!nb.valid) return false;
    const Eigen::Vector2d xi = tangentCoordinates(nb, m);
    const double radius = orbitRadius(nb, xi);
    if (!(radius <= largestLinearRadius)) return false;
    if (!(ringDownRadius(nb, xi, remainingSeconds) <= restRadius)) return false;
    // A point at the centre (to round-off) needs no check.
    return radius < 1e-9 || isLinearWithin(model, drive, nb, radius);
}

double thermalJitterRadius(const JunctionCoefficients& model, const LinearNeighbourhood& nb) {
    if (!nb.valid) return std::numeric_limits<double>::infinity();
    if (!(model.temperatureKelvin > 0.0)) return 0.0;
    const double sigmaOneSecond = model.thermalFieldSigma(1.0);  // sigma^2 dt = q
    const double g = model.reducedGyromagneticRatio;
    const double diffusion = g * g * (1.0 + model.damping * model.damping) * sigmaOneSecond * sigmaOneSecond;
    // J S + S J^T = -D I for symmetric S = [a b; b c]: three linear equations.
    const Eigen::Matrix2d& j = nb.jacobian;
    Eigen::Matrix3d a;
    a << 2.0 * j(0, 0), 2.0 * j(0, 1), 0.0,   //
        j(1, 0), j(0, 0) + j(1, 1), j(0, 1),  //
        0.0, 2.0 * j(1, 0), 2.0 * j(1, 1);
    const Eigen::Vector3d covariance = a.fullPivLu().solve(Eigen::Vector3d(-diffusion, 0.0, -diffusion));
    const double variance = covariance(0) + covariance(2);
    return covariance.allFinite() && variance > 0.0 ? std::sqrt(variance) : std::numeric_limits<double>::infinity();
}

}  // namespace mtj
