// SPDX-License-Identifier: GPL-3.0-or-later
// Steady states of the LLGS equation under a DC drive at T = 0 (docs/physics.md section 3, "Fast path").
//
// relaxToFixedPoint: pseudo-transient continuation on the sphere, in two phases: a damping-dominated path from the
// start state (see FixedPointSettings::pathDamping; the quasi-static reading protocol), then the true device. Each iteration solves, in the tangent plane
// at m_k (basis E = [e1 e2]), the implicit-Euler system (I / dtau - J_t) xi = E^T f(m_k) and moves to
// m_{k+1} = (m_k + E xi) / |m_k + E xi|. Small pseudo-steps follow the damped flow from the start state (so a
// reading lands in the well its reset state relaxes into); dtau grows geometrically (// doubling each iteration unless the residual jumps) until the iteration is Newton's method, converging quadratically. Stops when the tangent
// step is below 1e-13. The result is then checked for linear stability (largest growth rate < 0).
//
// fixedPointSensitivity: implicit differentiation of f(m*(x), x) = 0, dm*/dx = -E J_t^{-1} E^T df/dx, exact to
// round-off at a converged fixed point: the reference derivative of docs/physics.md section 4.
//
// Pure functions; any thread may call them.
#pragma once

#include "physics/llgs.hpp"

namespace mtj {

struct FixedPointSettings {
    /// Damping of the path-following phase: the relaxation first follows the flow of the same device with
    /// alpha raised to this value (a damping-dominated, quasi-static path that settles into the well it starts
    /// in instead of precessing across saddles), then Newton's method on the true device polishes the result.
    /// 0 disables the phase.
    double pathDamping = 1.0;
    double maximumPathStepRadians = 0.1;
    double initialPseudoStepSeconds = 2e-12;  // first dtau: a fraction of a precession period
    double maximumPseudoStepSeconds = 1e-3;   // effectively Newton
    double stepTolerance = 1e-13;             // |xi| at convergence
    int maximumIterations = 400;
};

struct FixedPoint {
    Vec3 magnetization;
    bool converged = false;
    bool stable = false;
    double growthRate = 0.0;  // largest real part of the tangent eigenvalues, 1/s
    int iterations = 0;
};

/// Relaxes from `start` to a fixed point of the LLGS right-hand side under a constant drive.
FixedPoint relaxToFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& start,
                             const FixedPointSettings& settings = {});

/// Like relaxToFixedPoint, but when the relaxation ends on an unstable fixed point (a saddle or an unstable
/// focus that the pseudo-transient iteration, like Newton, can converge to) it leaves along the unstable direction,
/// the way a real trajectory would, and relaxes again: once on each side for a saddle (the side the flow from
/// `start` leans towards first), once for a focus.
FixedPoint settleToStableFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& start);

/// Newton's method from `guess` (continuation from a neighbouring point): relaxToFixedPoint with a large first
/// pseudo-step.
FixedPoint newtonFixedPoint(const JunctionCoefficients& model, const Drive& drive, const Vec3& guess);

/// dm*/dx at the fixed point m for a drive that depends on x with derivative dDrive (field in A/m per unit x,
/// current in A per unit x).
Vec3 fixedPointSensitivity(const JunctionCoefficients& model, const Drive& drive, const Vec3& m,
                           const Drive& driveRate);

}  // namespace mtj
