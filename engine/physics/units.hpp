// SPDX-License-Identifier: GPL-3.0-or-later
// Physical constants (SI, CODATA 2018 exact where defined) and the conversions between the practical units
// used at the edges of the program (nm, mT, uA, GHz, ns) and the SI units used everywhere inside the engine.
//
// Field convention: a "field" H inside the engine is in A/m; the practical unit is mu0 H in millitesla,
// so H[A/m] = B[mT] * 1e-3 / mu0. Any thread may use these.
#pragma once

namespace mtj::units {

inline constexpr double pi = 3.14159265358979323846;
inline constexpr double mu0 = 1.25663706212e-6;            // vacuum permeability, T m / A
inline constexpr double electronCharge = 1.602176634e-19;  // C (exact)
inline constexpr double reducedPlanck = 1.054571817e-34;   // J s (exact h / 2 pi)
inline constexpr double boltzmann = 1.380649e-23;          // J / K (exact)
/// Gyromagnetic ratio times mu0, the prefactor of the LLG equation with H in A/m (docs/physics.md section 1).
inline constexpr double gamma0 = 2.2128e5;  // m / (A s)

inline constexpr double nanometer = 1e-9;
inline constexpr double nanosecond = 1e-9;
inline constexpr double microampere = 1e-6;
inline constexpr double gigahertz = 1e9;

/// mu0 H in millitesla -> H in A/m.
constexpr double amperePerMeterFromMilliTesla(double milliTesla) { return milliTesla * 1e-3 / mu0; }
/// H in A/m -> mu0 H in millitesla.
constexpr double milliTeslaFromAmperePerMeter(double amperePerMeter) { return amperePerMeter * mu0 * 1e3; }
/// mu0 M in tesla -> M in A/m.
constexpr double amperePerMeterFromTesla(double tesla) { return tesla / mu0; }

}  // namespace mtj::units
