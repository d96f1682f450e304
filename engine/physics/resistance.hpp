// Junction resistance with bias-dependent TMR and the self-consistent junction voltage (physics.md section 2).
//
//   G(theta, V) = (G_P + G_AP(V)) / 2 + (G_P - G_AP(V)) / 2 cos(theta),   cos(theta) = m.p
//   G_P = 1 / R_P,  G_AP(V) = 1 / (R_P (1 + TMR(V))),  TMR(V) = TMR0 / (1 + (V / Vh)^2)
//   V solves V G(theta, V) = I (Newton's method, safeguarded by bisection; V G(V) is monotone in V).
//
// Pure functions; any thread may call them.
#pragma once

#include "physics/device_parameters.hpp"

namespace mtj {

/// TMR(V) as a fraction (1.5 means 150 %).
double tunnelMagnetoresistance(const MacrospinModel& model, double voltageVolts);

/// G(theta, V) in siemens.
double junctionConductanceSiemens(const MacrospinModel& model, double cosineToReference, double voltageVolts);

/// R(theta, V) = 1 / G(theta, V) in ohm.
double junctionResistanceOhm(const MacrospinModel& model, double cosineToReference, double voltageVolts);

/// Zero-bias antiparallel resistance R_P (1 + TMR0).
double antiparallelResistanceOhm(const MacrospinModel& model);

struct JunctionOperatingPoint {
    double voltageVolts = 0.0;
    double resistanceOhm = 0.0;
    int iterations = 0;
    bool converged = false;
};

/// The voltage across the junction carrying current I at angle theta: V = I R(theta, V), to 1e-12 relative.
JunctionOperatingPoint solveJunctionVoltage(const MacrospinModel& model, double cosineToReference,
                                            double currentAmpere);

}  // namespace mtj
