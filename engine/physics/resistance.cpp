// SPDX-License-Identifier: GPL-3.0-or-later
#include "physics/resistance.hpp"

#include <cmath>

namespace mtj {

double tunnelMagnetoresistance(const JunctionCoefficients& model, double voltageVolts) {
    const double ratio = voltageVolts / model.tmrHalfVoltage;
    return model.tmrZeroBias / (1.0 + ratio * ratio);
}

double junctionConductanceSiemens(const JunctionCoefficients& model, double cosine, double voltageVolts) {
    const double parallel = 1.0 / model.parallelResistanceOhm;
    const double antiparallel = parallel / (1.0 + tunnelMagnetoresistance(model, voltageVolts));
    return 0.5 * (parallel + antiparallel) + 0.5 * (parallel - antiparallel) * cosine;
}

double junctionResistanceOhm(const JunctionCoefficients& model, double cosine, double voltageVolts) {
    return 1.0 / junctionConductanceSiemens(model, cosine, voltageVolts);
}

double antiparallelResistanceOhm(const JunctionCoefficients& model) {
    return model.parallelResistanceOhm * (1.0 + model.tmrZeroBias);
}

JunctionVoltageSlopes junctionVoltageSlopes(const JunctionCoefficients& model, double cosine, double voltage) {
    // F(V, c, I) = V G(c, V) - I = 0:  dV/dc = -V G_c / F_V,  dV/dI = 1 / F_V,  F_V = G + V G_V
    const double parallel = 1.0 / model.parallelResistanceOhm;
    const double ratio = voltage / model.tmrHalfVoltage;
    const double spread = 1.0 + ratio * ratio;
    const double tmr = model.tmrZeroBias / spread;
    const double antiparallel = parallel / (1.0 + tmr);
    const double conductance = 0.5 * (parallel + antiparallel) + 0.5 * (parallel - antiparallel) * cosine;
    const double tmrSlope =
        -2.0 * model.tmrZeroBias * voltage / (model.tmrHalfVoltage * model.tmrHalfVoltage * spread * spread);
    const double conductanceSlope = 0.5 * (1.0 - cosine) * (-antiparallel * tmrSlope / (1.0 + tmr));
    const double fv = conductance + voltage * conductanceSlope;
    return {-voltage * 0.5 * (parallel - antiparallel) / fv, 1.0 / fv};
}

JunctionOperatingPoint solveJunctionVoltage(const JunctionCoefficients& model, double cosine, double currentAmpere) {
    JunctionOperatingPoint point;
    if (currentAmpere == 0.0) {
        point.resistanceOhm = junctionResistanceOhm(model, cosine, 0.0);
        point.converged = true;
        return point;
    }
    // F(V) = V G(V) - I is increasing in V G(V) for V of the sign of I, so the root lies between I R_min and
    // I R(0) (the zero-bias resistance is the largest: TMR only falls with |V|).
    const double sign = currentAmpere > 0.0 ? 1.0 : -1.0;
    const double magnitude = std::abs(currentAmpere);
    double low = magnitude * model.parallelResistanceOhm;
    double high = magnitude * junctionResistanceOhm(model, cosine, 0.0);
    double v = high;
    const double parallel = 1.0 / model.parallelResistanceOhm;
    for (int iteration = 1; iteration <= 100; ++iteration) {
        const double g = junctionConductanceSiemens(model, cosine, v);
        const double f = v * g - magnitude;
        point.iterations = iteration;
        if (f == 0.0) {
            point.converged = true;
            break;
        }
        if (f > 0.0) {
            high = v;
        } else {
            low = v;
        }
        // dG/dV = (1 - cos)/2 dG_AP/dV,  dG_AP/dV = -G_P TMR'(V) / (1 + TMR)^2,
        // TMR'(V) = -2 TMR0 V / (Vh^2 (1 + (V/Vh)^2)^2)
        const double ratio = v / model.tmrHalfVoltage;
        const double tmr = model.tmrZeroBias / (1.0 + ratio * ratio);
        const double tmrSlope =
            -2.0 * model.tmrZeroBias * v /
            (model.tmrHalfVoltage * model.tmrHalfVoltage * (1.0 + ratio * ratio) * (1.0 + ratio * ratio));
        const double gSlope = 0.5 * (1.0 - cosine) * (-parallel * tmrSlope / ((1.0 + tmr) * (1.0 + tmr)));
        double next = v - f / (g + v * gSlope);
        if (!(next >= low && next <= high)) {
            next = 0.5 * (low + high);  // bisection safeguard
        }
        if (std::abs(next - v) <= 1e-12 * std::abs(v)) {
            v = next;
            point.converged = true;
            break;
        }
        v = next;
    }
    point.voltageVolts = sign * v;
    point.resistanceOhm = v / magnitude;
    return point;
}

}  // namespace mtj
