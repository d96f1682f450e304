// SPDX-License-Identifier: GPL-3.0-or-later
#include "physics/device_parameters.hpp"

#include <cmath>

#include "common/format.hpp"

#include "physics/units.hpp"

namespace mtj {
const ParameterTable<DeviceParameters>& deviceParameterTable() {
    using P = DeviceParameters;
    using enum ParameterPlace;
    // key, member, unit, physical range, knob {lo, hi, step, decimals, slider}, group, label, undo name, tooltip
    static const ParameterTable<P> table = {
        numberParameter<P>(
            "device.diameter_nm", MTJ_MEMBER(P, diameterNanometers), "nm", positiveUpTo(10000.0), {1, 1000, 1, 1},
            Advanced, "Diameter", "diameter",
            "Pillar diameter: sets the area (resistance, current density) and the volume (thermal stability, critical current)."),
        numberParameter<P>("device.thickness_nm", MTJ_MEMBER(P, thicknessNanometers), "nm", positiveUpTo(100.0),
                           {0.1, 20, 0.1, 2}, Advanced, "Free-layer thickness", "free-layer thickness",
                           "Thinner layers feel more spin torque per current (aJ ∝ 1/t)."),
        numberParameter<P>("device.Ms_kA_per_m", MTJ_MEMBER(P, saturationMagnetizationKiloAmperePerMeter), "kA/m",
                           positiveUpTo(5000.0), {10, 3000, 10, 0}, Advanced, "Saturation magnetisation Ms",
                           "saturation magnetisation", "Magnetic moment density of the free layer."),
        numberParameter<P>("device.alpha", MTJ_MEMBER(P, damping), "", closedRange(0.0, 10.0), {0, 1, 0.001, 4},
                           Advanced, "Gilbert damping α", "damping",
                           "How fast precession decays; the critical current scales with α."),
        numberParameter<P>("device.Hk_mT", MTJ_MEMBER(P, anisotropyFieldMilliTesla), "mT", closedRange(0.0, 5000.0),
                           {0, 500, 0.5, 1}, Advanced, "Anisotropy field µ0Hk", "anisotropy field",
                           "In-plane uniaxial anisotropy along the easy axis: the barrier between the two wells."),
        vectorParameter<P>("device.easy_axis", ParameterKind::Direction, MTJ_MEMBER(P, easyAxis), "", {},
                           {-1, 1, 0.1, 3}, Advanced, "Easy axis", "easy axis",
                           "Direction of the in-plane uniaxial anisotropy."),
        numberParameter<P>("device.Meff_T", MTJ_MEMBER(P, effectiveDemagFieldTesla), "T", closedRange(-5.0, 5.0),
                           {-3, 3, 0.01, 3}, Advanced, "Effective demag field µ0Meff", "effective demagnetising field",
                           "Out-of-plane shape anisotropy (negative: perpendicular anisotropy wins)."),
        vectorParameter<P>("device.reference_axis", ParameterKind::Direction, MTJ_MEMBER(P, referenceAxis), "", {},
                           {-1, 1, 0.1, 3}, Advanced, "Reference axis", "reference axis",
                           "Direction of the fixed reference layer p: the resistance depends on m·p."),
        numberParameter<P>("device.polarization", MTJ_MEMBER(P, polarization), "", closedRange(0.0, 0.99),
                           {0, 0.99, 0.01, 2}, Advanced, "Spin polarisation P", "spin polarisation",
                           "Sets the Slonczewski efficiency η = P/(1 + P² cos θ)."),
        numberParameter<P>("device.field_like_ratio", MTJ_MEMBER(P, fieldLikeRatio), "", closedRange(-10.0, 10.0),
                           {-2, 2, 0.01, 3}, Advanced, "Field-like / damping-like ratio ξ", "field-like torque ratio",
                           "Strength of the field-like torque relative to the damping-like one."),
        numberParameter<P>(
            "device.RA_ohm_um2", MTJ_MEMBER(P, resistanceAreaOhmSquareMicrometer), "Ohm um^2", positiveUpTo(1e6),
            {0.1, 1000, 0.1, 2}, Advanced, "Resistance-area product RA", "resistance-area product",
            "Of the tunnel barrier: R_P = RA / area sets the resistance and, with the bias current, the voltage read."),
        numberParameter<P>(
            "device.tmr_percent", MTJ_MEMBER(P, tmrPercent), "%", closedRange(0.0, 10000.0), {0, 1000, 1, 0}, Advanced,
            "Zero-bias TMR", "TMR",
            "Tunnel magnetoresistance at zero bias: R_AP = R_P (1 + TMR), the contrast the readout sees."),
        numberParameter<P>("device.Vh_V", MTJ_MEMBER(P, tmrHalfVoltageVolts), "V", positiveUpTo(100.0),
                           {0.01, 5, 0.01, 2}, Advanced, "TMR half voltage Vh", "TMR half voltage",
                           "TMR(V) = TMR0 / (1 + (V/Vh)²)."),
        vectorParameter<P>("device.offset_field_mT", ParameterKind::Vector, MTJ_MEMBER(P, offsetFieldMilliTesla), "mT",
                           closedRange(-10000.0, 10000.0), {-1000, 1000, 0.1, 3}, Advanced, "Offset field (mT)",
                           "offset field", "Néel coupling field acting on the free layer."),
        numberParameter<P>(
            "device.temperature_K", MTJ_MEMBER(P, temperatureKelvin), "K", closedRange(0.0, 2000.0), {0, 600, 1, 0},
            Drive, "Temperature", "temperature",
            "Above 0 K every reading is integrated in time with the Brown thermal field (slower; the readings become noisy). At 0 K static readings use the fixed point."),
    };
    return table;
}

Status validate(const DeviceParameters& p) { return checkParameters(deviceParameterTable(), p); }

JunctionCoefficients JunctionCoefficients::fromParameters(const DeviceParameters& p) {
    using namespace units;
    JunctionCoefficients m;
    m.damping = p.damping;
    m.reducedGyromagneticRatio = gamma0 / (1.0 + p.damping * p.damping);
    m.saturationMagnetization = p.saturationMagnetizationKiloAmperePerMeter * 1e3;
    m.anisotropyField = amperePerMeterFromMilliTesla(p.anisotropyFieldMilliTesla);
    m.easyAxis = normalized(p.easyAxis);
    m.effectiveDemagField = amperePerMeterFromTesla(p.effectiveDemagFieldTesla);
    m.referenceAxis = normalized(p.referenceAxis);
    m.polarization = p.polarization;
    m.fieldLikeRatio = p.fieldLikeRatio;
    m.offsetField = Vec3{amperePerMeterFromMilliTesla(p.offsetFieldMilliTesla.x),
                         amperePerMeterFromMilliTesla(p.offsetFieldMilliTesla.y),
                         amperePerMeterFromMilliTesla(p.offsetFieldMilliTesla.z)};
    m.thicknessMeters = p.thicknessNanometers * nanometer;
    const double diameterMeters = p.diameterNanometers * nanometer;
    m.areaSquareMeters = pi * diameterMeters * diameterMeters / 4.0;
    m.volumeCubicMeters = m.areaSquareMeters * m.thicknessMeters;
    m.temperatureKelvin = p.temperatureKelvin;
    m.sttFieldPerAmpere = reducedPlanck / (2.0 * electronCharge * mu0 * m.saturationMagnetization * m.thicknessMeters *
                                           m.areaSquareMeters);
    m.parallelResistanceOhm = p.resistanceAreaOhmSquareMicrometer * 1e-12 / m.areaSquareMeters;
    m.tmrZeroBias = p.tmrPercent / 100.0;
    m.tmrHalfVoltage = p.tmrHalfVoltageVolts;
    return m;
}

double JunctionCoefficients::thermalFieldSigma(double dtSeconds) const {
    if (temperatureKelvin <= 0.0) {
        return 0.0;
    }
    return std::sqrt(2.0 * damping * units::boltzmann * temperatureKelvin /
                     (units::gamma0 * units::mu0 * saturationMagnetization * volumeCubicMeters * dtSeconds));
}

}  // namespace mtj
