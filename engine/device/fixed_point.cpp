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

FixedPoint relaxToFixedPoint(const MacrospinModel& model, const Drive& drive, const Vec3& start,
                             const FixedPointSettings& settings) {
    FixedPoint result;
    Vec3 m = normalized(start);
    double pseudoStep = settings.initialPseudoStepSeconds;
    double previousResidual = -1.0;
    const LlgsCoefficients coefficients = llgsCoefficients(model, drive);
    for (int iteration = 1; iteration <= settings.maximumIterations; ++iteration) {
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
            pseudoStep = std::min(settings.maximumPseudoStepSeconds, pseudoStep * growth);
        }
        previousResidual = residual;
        Eigen::Matrix2d system = -jt;
        system.diagonal().array() += 1.0 / pseudoStep;
        Eigen::Vector2d xi;
        if (!solve2x2(system, tangentResidual, xi)) {
            break;
        }
        // Keep each move on the sphere modest (a quarter turn) while far from the fixed point.
        const double length = xi.norm();
        if (length > 0.5) {
            xi *= 0.5 / length;
        }
        m = normalized(m + e1 * xi(0) + e2 * xi(1));
        result.iterations = iteration;
        if (!isFinite(m)) {
            break;
        }
        if (length < settings.stepTolerance) {
            result.converged = true;
            break;
        }
    }
    result.magnetization = m;
    if (result.converged) {
        result.growthRate = largestGrowthRate(model, m, drive);
        result.stable = result.growthRate < 0.0;
    }
    return result;
}

FixedPoint newtonFixedPoint(const MacrospinModel& model, const Drive& drive, const Vec3& guess) {
    FixedPointSettings settings;
    settings.initialPseudoStepSeconds = 1e-6;
    settings.maximumIterations = 60;
    return relaxToFixedPoint(model, drive, guess, settings);
}

Vec3 fixedPointSensitivity(const MacrospinModel& model, const Drive& drive, const Vec3& m, const Drive& driveRate) {
    // df/dx = (df/dH) dH/dx + (df/dI) dI/dx. f is affine in H and in I, so each partial derivative is the
    // right-hand side of a model with only that input (offset field, anisotropy and demagnetisation removed).
    MacrospinModel linear = model;
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
