// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceParameters: one magnetic tunnel junction as a user describes it, in the practical units of the preset
// file (docs/physics.md sections 1 and 2, docs/formats.md "device"). Defaults are those of docs/physics.md: an in-plane
// CoFeB/MgO nanopillar, 100 nm across, reference layer along +x.
//
// JunctionCoefficients: the same junction in SI units with every derived coefficient the LLGS right-hand side needs,
// built once from validated parameters so the hot loops do no unit conversion.
//
// Both are plain values; any thread may use them.
#pragma once

#include "common/parameter_table.hpp"
#include "common/status.hpp"
#include "physics/vec3.hpp"

namespace mtj {

struct DeviceParameters {
    double diameterNanometers = 100.0;  // circular pillar
    double thicknessNanometers = 1.6;   // free layer
    double saturationMagnetizationKiloAmperePerMeter = 1100.0;
    double damping = 0.01;                           // Gilbert alpha
    double anisotropyFieldMilliTesla = 10.0;         // mu0 Hk, in-plane uniaxial
    Vec3 easyAxis{1.0, 0.0, 0.0};                    // u_k (normalised on use)
    double effectiveDemagFieldTesla = 0.8;           // mu0 Meff along z; < 0 means perpendicular anisotropy
    Vec3 referenceAxis{1.0, 0.0, 0.0};               // p (normalised on use)
    double polarization = 0.6;                       // P in [0, 1)
    double fieldLikeRatio = 0.1;                     // xi = bJ / aJ
    double resistanceAreaOhmSquareMicrometer = 5.0;  // RA
    double tmrPercent = 150.0;                       // zero-bias TMR
    double tmrHalfVoltageVolts = 0.5;                // Vh: TMR(Vh) = TMR0 / 2
    Vec3 offsetFieldMilliTesla{0.0, 0.0, 0.0};       // mu0 H_off (Neel coupling)
    double temperatureKelvin = 300.0;
};

/// The parameter table of the junction (common/parameter_table.hpp): one row per field, keyed as in the preset.
const ParameterTable<DeviceParameters>& deviceParameterTable();

/// Checks every field for a finite value inside its physical range (the table's rows). The message names the preset
/// key (e.g. "device.thickness_nm"), the offending value and the allowed range.
Status validate(const DeviceParameters& parameters);

/// SI coefficients of one junction (docs/physics.md section 1). Build with JunctionCoefficients::fromParameters.
struct JunctionCoefficients {
    double damping = 0.01;                  // alpha
    double reducedGyromagneticRatio = 0.0;  // g = gamma0 / (1 + alpha^2), m / (A s)
    double saturationMagnetization = 0.0;   // Ms, A/m
    double anisotropyField = 0.0;           // Hk, A/m
    Vec3 easyAxis{1.0, 0.0, 0.0};           // unit u_k
    double effectiveDemagField = 0.0;       // Meff, A/m (along z)
    Vec3 referenceAxis{1.0, 0.0, 0.0};      // unit p
    double polarization = 0.6;              // P
    double fieldLikeRatio = 0.1;            // xi
    Vec3 offsetField{};                     // H_off, A/m
    double thicknessMeters = 0.0;
    double areaSquareMeters = 0.0;   // A = pi d^2 / 4
    double volumeCubicMeters = 0.0;  // V = A t
    double temperatureKelvin = 0.0;
    /// aJ = sttFieldPerAmpere * eta(m.p) * I, in A/m: hbar / (2 e mu0 Ms t A).
    double sttFieldPerAmpere = 0.0;
    double parallelResistanceOhm = 0.0;  // R_P = RA / A
    double tmrZeroBias = 1.5;            // TMR0 as a fraction
    double tmrHalfVoltage = 0.5;         // Vh, volts

    static JunctionCoefficients fromParameters(const DeviceParameters& parameters);

    /// Slonczewski efficiency eta(c) = P / (1 + P^2 c), c = m.p (docs/physics.md section 1).
    [[nodiscard]] double spinTorqueEfficiency(double cosine) const {
        return polarization / (1.0 + polarization * polarization * cosine);
    }
    /// Standard deviation of each Brown thermal-field component for a step dt (A/m):
    /// sigma^2 = 2 alpha kB T / (gamma0 mu0 Ms V dt).
    [[nodiscard]] double thermalFieldSigma(double dtSeconds) const;
};

}  // namespace mtj
