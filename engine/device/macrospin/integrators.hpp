// SPDX-License-Identifier: GPL-3.0-or-later
// Time integrators for one macrospin (docs/physics.md section 1). All are header templates so that the right-hand
// side inlines into the step; `DriveAt` is any callable `Drive(double timeSeconds)` (use ConstantDrive for DC).
// After every step the magnetisation is renormalised to |m| = 1 (projection onto the sphere).
//
// - rk4Step: classical fourth-order Runge-Kutta, local error O(dt^5), for T = 0 with a fixed step.
// - heunStep: stochastic Heun (predictor-corrector with the same thermal field in both stages), which converges
//   to the Stratonovich solution of the stochastic LLGS; weak order 1. The Brown field is drawn per step with
//   sigma^2 = 2 alpha kB T / (gamma0 mu0 Ms V dt) per component.
// - integrateDormandPrince: embedded Dormand-Prince 5(4) with per-step error control
//   err = max_i |y5_i - y4_i| / (atol + rtol max(|y_i|, |y_new_i|)); a step is accepted when err <= 1 and the next
//   step is h * clamp(0.9 err^(-1/5), 0.2, 5).
//
// Pure functions of their arguments (the random source is passed in); any thread may call them.
#pragma once

#include <algorithm>
#include <cmath>

#include "common/status.hpp"
#include "physics/llgs.hpp"
#include "physics/random.hpp"

namespace mtj {

/// A drive that does not depend on time.
struct ConstantDrive {
    Drive drive;
    const Drive& operator()(double /*timeSeconds*/) const { return drive; }
};

/// Projects a vector that is already close to the unit sphere back onto it. For |v|^2 = 1 + e with |e| < 1e-5
/// (every RK4 or Heun step at a sensible dt) it uses 1/sqrt(1 + e) = 1 - e/2 + 3e^2/8, exact to 3e-16; otherwise
/// the full square root. The series keeps the square root and a division off the latency-bound hot path.
MTJ_ALWAYS_INLINE Vec3 projectOntoSphere(const Vec3& v) {
    const double excess = dot(v, v) - 1.0;
    const double scale =
        std::abs(excess) < 1e-5 ? 1.0 + excess * (-0.5 + 0.375 * excess) : 1.0 / std::sqrt(1.0 + excess);
    return v * scale;
}

/// One classical RK4 step of size dt from time t.
template <class DriveAt>
inline Vec3 rk4Step(const JunctionCoefficients& model, const Vec3& m, double t, double dt, const DriveAt& driveAt) {
    const double half = 0.5 * dt;
    const Drive d0 = driveAt(t);
    const Drive dHalf = driveAt(t + half);
    const Drive d1 = driveAt(t + dt);
    const Vec3 k1 = llgsRightHandSide(model, m, d0);
    const Vec3 k2 = llgsRightHandSide(model, m + k1 * half, dHalf);
    const Vec3 k3 = llgsRightHandSide(model, m + k2 * half, dHalf);
    const Vec3 k4 = llgsRightHandSide(model, m + k3 * dt, d1);
    const Vec3 next = m + (k1 + (k2 + k3) * 2.0 + k4) * (dt / 6.0);
    return projectOntoSphere(next);
}

/// RK4 for axis kinds U and P (see llgsTorque) with the coefficients at the start, middle and end of the step
/// (they differ when the current or field depends on time): the hot path of the benchmark, of time-integrated
/// readings and of the batched integrator. Stage inputs and the weighted sum are built from the torque
/// with -g and the stage weights folded into one factor each; the sum is accumulated stage by stage so only the
/// last stage sits on the critical path.
template <int U, int P>
MTJ_ALWAYS_INLINE Vec3 rk4StepForAxes(const LlgsCoefficients& atStart, const LlgsCoefficients& atMiddle,
                                      const LlgsCoefficients& atEnd, const Vec3& m, double dt) {
    const double g = -atStart.reducedGyromagneticRatio;
    const double gHalf = g * (0.5 * dt);
    const double gSixth = g * (dt / 6.0);
    const double gThird = g * (dt / 3.0);
    const Vec3 t1 = llgsTorque<U, P>(atStart, m, atStart.externalField);
    Vec3 sum = m + t1 * gSixth;
    const Vec3 t2 = llgsTorque<U, P>(atMiddle, m + t1 * gHalf, atMiddle.externalField);
    sum += t2 * gThird;
    const Vec3 t3 = llgsTorque<U, P>(atMiddle, m + t2 * gHalf, atMiddle.externalField);
    sum += t3 * gThird;
    const Vec3 t4 = llgsTorque<U, P>(atEnd, m + t3 * (g * dt), atEnd.externalField);
    return projectOntoSphere(sum + t4 * gSixth);
}

/// The constant-drive step (the same coefficients at every stage).
template <int U, int P>
MTJ_ALWAYS_INLINE Vec3 rk4StepForAxes(const LlgsCoefficients& c, const Vec3& m, double dt) {
    return rk4StepForAxes<U, P>(c, c, c, m, dt);
}

/// One RK4 step with any axes.
inline Vec3 rk4Step(const LlgsCoefficients& c, const Vec3& m, double dt) {
    return rk4StepForAxes<anyAxis, anyAxis>(c, m, dt);
}

inline Vec3 rk4Step(const JunctionCoefficients& model, const Vec3& m, double dt, const Drive& drive) {
    return rk4Step(llgsCoefficients(model, drive), m, dt);
}

/// `steps` RK4 steps of dt from m, compiled for the coefficients' axis kinds; observer(stepIndex, m) after each
/// step (1-based) may return false to stop early. Returns the final magnetisation.
template <class Observer>
inline Vec3 advanceRk4(const LlgsCoefficients& c, Vec3 m, double dt, long steps, Observer&& observer) {
    return withAxisKinds(c, [&](auto u, auto p) {
        // Local copies: the coefficients cannot alias the state, so invariants stay in registers.
        const LlgsCoefficients coefficients = c;
        Vec3 state = m;
        for (long s = 1; s <= steps; ++s) {
            state = rk4StepForAxes<decltype(u)::value, decltype(p)::value>(coefficients, state, dt);
            if (!observer(s, state)) break;
        }
        return state;
    });
}

inline Vec3 advanceRk4(const LlgsCoefficients& c, const Vec3& m, double dt, long steps) {
    return advanceRk4(c, m, dt, steps, [](long, const Vec3&) { return true; });
}

/// Stochastic Heun for axis kinds U and P with the coefficients at the start and the end of the step and the
/// given thermal field (the same in both stages).
template <int U, int P>
MTJ_ALWAYS_INLINE Vec3 heunStepForAxes(const LlgsCoefficients& atStart, const LlgsCoefficients& atEnd, const Vec3& m,
                                       double dt, const Vec3& thermalField) {
    const double gHalf = -atStart.reducedGyromagneticRatio * (0.5 * dt);
    const Vec3 t1 = llgsTorque<U, P>(atStart, m, atStart.externalField + thermalField);
    const Vec3 t2 = llgsTorque<U, P>(atEnd, m + t1 * (2.0 * gHalf), atEnd.externalField + thermalField);
    return projectOntoSphere(m + (t1 + t2) * gHalf);
}

template <int U, int P>
MTJ_ALWAYS_INLINE Vec3 heunStepForAxes(const LlgsCoefficients& c, const Vec3& m, double dt, const Vec3& thermalField) {
    return heunStepForAxes<U, P>(c, c, m, dt, thermalField);
}

inline Vec3 heunStep(const LlgsCoefficients& c, const Vec3& m, double dt, const Vec3& thermalField) {
    return heunStepForAxes<anyAxis, anyAxis>(c, m, dt, thermalField);
}

/// Draws one Brown thermal field (A/m) with per-component standard deviation sigma.
inline Vec3 drawThermalField(GaussianRandom& random, double sigma) {
    const double x = random.normal();
    const double y = random.normal();
    const double z = random.normal();
    return Vec3{x, y, z} * sigma;
}

/// One stochastic Heun step of size dt from time t with the given thermal field (constant over the step).
template <class DriveAt>
inline Vec3 heunStep(const JunctionCoefficients& model, const Vec3& m, double t, double dt, const DriveAt& driveAt,
                     const Vec3& thermalField) {
    const Vec3 k1 = llgsRightHandSide(model, m, driveAt(t), thermalField);
    const Vec3 predictor = m + k1 * dt;
    const Vec3 k2 = llgsRightHandSide(model, predictor, driveAt(t + dt), thermalField);
    return projectOntoSphere(m + (k1 + k2) * (0.5 * dt));
}

/// Settings of the adaptive integrator (seconds; tolerances on the components of m).
struct AdaptiveSettings {
    double relativeTolerance = 1e-9;
    double absoluteTolerance = 1e-9;
    double initialStepSeconds = 1e-13;
    double minimumStepSeconds = 1e-19;
    double maximumStepSeconds = 1e-10;
    long maximumSteps = 50'000'000;
};

struct AdaptiveResult {
    Vec3 magnetization;
    double timeSeconds = 0.0;
    long acceptedSteps = 0;
    long rejectedSteps = 0;
    double lastStepSeconds = 0.0;
    Status status;
};

/// Integrates from t0 to t1 with Dormand-Prince 5(4). `observer(t, m)` is called after every accepted step and
/// may return false to stop early (for example once a reversal is detected).
template <class DriveAt, class Observer>
AdaptiveResult integrateDormandPrince(const JunctionCoefficients& model, Vec3 m, double t0, double t1,
                                      const DriveAt& driveAt, const AdaptiveSettings& settings, Observer&& observer) {
    // Butcher tableau of Dormand and Prince (1980).
    constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
    constexpr double a21 = 1.0 / 5;
    constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
    constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
    constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
    constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                     a65 = -5103.0 / 18656;
    constexpr double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
    constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525,
                     e7 = -1.0 / 40;

    AdaptiveResult result;
    double t = t0;
    double h = std::min(settings.initialStepSeconds, settings.maximumStepSeconds);
    Vec3 k1 = llgsRightHandSide(model, m, driveAt(t));
    while (t < t1) {
        if (result.acceptedSteps + result.rejectedSteps >= settings.maximumSteps) {
            result.status = Status::error("Dormand-Prince: step budget exhausted before the end time");
            break;
        }
        h = std::min(h, t1 - t);
        const Vec3 k2 = llgsRightHandSide(model, m + k1 * (h * a21), driveAt(t + c2 * h));
        const Vec3 k3 = llgsRightHandSide(model, m + (k1 * a31 + k2 * a32) * h, driveAt(t + c3 * h));
        const Vec3 k4 = llgsRightHandSide(model, m + (k1 * a41 + k2 * a42 + k3 * a43) * h, driveAt(t + c4 * h));
        const Vec3 k5 =
            llgsRightHandSide(model, m + (k1 * a51 + k2 * a52 + k3 * a53 + k4 * a54) * h, driveAt(t + c5 * h));
        const Vec3 k6 =
            llgsRightHandSide(model, m + (k1 * a61 + k2 * a62 + k3 * a63 + k4 * a64 + k5 * a65) * h, driveAt(t + h));
        const Vec3 next = m + (k1 * b1 + k3 * b3 + k4 * b4 + k5 * b5 + k6 * b6) * h;
        const Vec3 k7 = llgsRightHandSide(model, next, driveAt(t + h));
        const Vec3 errorVector = (k1 * e1 + k3 * e3 + k4 * e4 + k5 * e5 + k6 * e6 + k7 * e7) * h;
        auto scaled = [&](double e, double y0, double y1) {
            return std::abs(e) /
                   (settings.absoluteTolerance + settings.relativeTolerance * std::max(std::abs(y0), std::abs(y1)));
        };
        const double error = std::max({scaled(errorVector.x, m.x, next.x), scaled(errorVector.y, m.y, next.y),
                                       scaled(errorVector.z, m.z, next.z)});
        if (!std::isfinite(error)) {
            result.status = Status::error("Dormand-Prince: non-finite state");
            break;
        }
        const double factor = error > 0.0 ? std::clamp(0.9 * std::pow(error, -0.2), 0.2, 5.0) : 5.0;
        if (error <= 1.0) {
            t += h;
            m = normalized(next);
            ++result.acceptedSteps;
            result.lastStepSeconds = h;
            k1 = llgsRightHandSide(model, m, driveAt(t));
            if (!observer(t, m)) {
                break;
            }
        } else {
            ++result.rejectedSteps;
            if (h <= settings.minimumStepSeconds) {
                result.status = Status::error("Dormand-Prince: step size underflow");
                break;
            }
        }
        h = std::clamp(h * factor, settings.minimumStepSeconds, settings.maximumStepSeconds);
    }
    result.magnetization = m;
    result.timeSeconds = t;
    return result;
}

template <class DriveAt>
AdaptiveResult integrateDormandPrince(const JunctionCoefficients& model, Vec3 m, double t0, double t1,
                                      const DriveAt& driveAt, const AdaptiveSettings& settings = {}) {
    return integrateDormandPrince(model, m, t0, t1, driveAt, settings, [](double, const Vec3&) { return true; });
}

}  // namespace mtj
