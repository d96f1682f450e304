// SPDX-License-Identifier: GPL-3.0-or-later
// The figures a physicist checks first (docs/physics.md section 1), computed from the model:
//   thermal stability   Delta = mu0 Ms Hk V / (2 kB T)
//   Kittel frequency    f = (gamma0 / 2 pi) sqrt((H + Hk)(H + Hk + Meff)), H along the easy axis
//   critical current    I_c0 = (2 e / hbar) (alpha mu0 Ms V / eta(1)) (Hk + Meff / 2)   (P state, T = 0, H = 0)
// Pure functions; any thread may call them.
#pragma once

#include "physics/device_parameters.hpp"

namespace mtj {

/// Energy barrier over kB T; +infinity at T = 0.
double thermalStability(const JunctionCoefficients& model, double temperatureKelvin);

/// Small-angle precession frequency in Hz for a field H (A/m) along the easy axis.
double kittelFrequencyHertz(const JunctionCoefficients& model, double easyAxisFieldAmperePerMeter);

/// Magnitude of the critical current (A) that destabilises the parallel state; the instability occurs at
/// I = -I_c0 in this program's sign convention.
double criticalCurrentAmpere(const JunctionCoefficients& model);

struct DerivedFigures {
    double parallelResistanceOhm = 0.0;
    double antiparallelResistanceOhm = 0.0;
    double tmrPercent = 0.0;
    double thermalStability = 0.0;  // at the device temperature (infinite at 0 K)
    double thermalStabilityAt300Kelvin = 0.0;
    double kittelFrequencyGigahertz = 0.0;  // at zero applied field
    double criticalCurrentMicroampere = 0.0;
};

DerivedFigures derivedFigures(const JunctionCoefficients& model);

}  // namespace mtj
