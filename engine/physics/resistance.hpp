// SPDX-License-Identifier: GPL-3.0-or-later
// Junction resistance with bias-dependent TMR and the self-consistent junction voltage (docs/physics.md section 2).
//
//   G(theta, V) = (G_P + G_AP(V)) / 2 + (G_P - G_AP(V)) / 2 cos(theta),   cos(theta) = m.p
//   G_P = 1 / R_P,  G_AP(V) = 1 / (R_P (1 + TMR(V))),  TMR(V) = TMR0 / (1 + (V / Vh)^2)
//   V solves V G(theta, V) = I (Newton's method, safeguarded by bisection; V G(V) is monotone in V).
//
// Pure functions; any thread may call them.
#pragma once

#include "physics/device_parameters.hpp"
#include "physics/vec3.hpp"

namespace mtj {

/// TMR(V) as a fraction (1.5 means 150 %).
double tunnelMagnetoresistance(const JunctionCoefficients& model, double voltageVolts);

/// G(theta, V) in siemens.
double junctionConductanceSiemens(const JunctionCoefficients& model, double cosineToReference, double voltageVolts);

/// R(theta, V) = 1 / G(theta, V) in ohm.
double junctionResistanceOhm(const JunctionCoefficients& model, double cosineToReference, double voltageVolts);

/// Zero-bias antiparallel resistance R_P (1 + TMR0).
double antiparallelResistanceOhm(const JunctionCoefficients& model);

struct JunctionOperatingPoint {
    double voltageVolts = 0.0;
    double resistanceOhm = 0.0;
    int iterations = 0;
    bool converged = false;
};

/// One Newton step of F(V) = V G(theta, V) - I from V (no safeguard): the inline kernel of the time-integrated
/// readout, which tracks V(t) from the previous step's value with two steps per sample (quadratic convergence
/// from a guess that is already close). Arguments in SI: G_P, TMR0 (fraction), Vh, cos(theta), I, V.
MTJ_ALWAYS_INLINE double junctionVoltageNewtonStep(double parallelConductance, double tmrZeroBias, double halfVoltage,
                                                   double cosine, double current, double voltage) {
    const double ratio = voltage / halfVoltage;
    const double spread = 1.0 + ratio * ratio;
    const double tmr = tmrZeroBias / spread;
    const double antiparallel = parallelConductance / (1.0 + tmr);
    const double conductance =
        0.5 * (parallelConductance + antiparallel) + 0.5 * (parallelConductance - antiparallel) * cosine;
    const double tmrSlope = -2.0 * tmrZeroBias * voltage / (halfVoltage * halfVoltage * spread * spread);
    const double conductanceSlope = 0.5 * (1.0 - cosine) * (-antiparallel * tmrSlope / (1.0 + tmr));
    return voltage - (voltage * conductance - current) / (conductance + voltage * conductanceSlope);
}

/// Partial derivatives of the self-consistent junction voltage V(theta, I): dV/dcos(theta) and dV/dI (ohm),
/// from implicit differentiation of V G(theta, V) = I at the operating point V.
struct JunctionVoltageSlopes {
    double perCosine = 0.0;
    double perAmpere = 0.0;
};
JunctionVoltageSlopes junctionVoltageSlopes(const JunctionCoefficients& model, double cosineToReference,
                                            double voltageVolts);

/// The voltage across the junction carrying current I at angle theta: V = I R(theta, V), to 1e-12 relative.
JunctionOperatingPoint solveJunctionVoltage(const JunctionCoefficients& model, double cosineToReference,
                                            double currentAmpere);

}  // namespace mtj
