#include "physics/device_parameters.hpp"

#include <cmath>

#include "common/format.hpp"

#include "physics/units.hpp"

namespace mtj {
namespace {

/// Checks lo <(=) value <(=) hi and finiteness; appends nothing on success.
Status checkRange(const char* key, double value, double lo, double hi, bool loExclusive, const char* unit) {
    if (!std::isfinite(value)) {
        return Status::error(std::string(key) + " = " + formatNumber(value) + ": must be a finite number");
    }
    const bool belowLow = loExclusive ? value <= lo : value < lo;
    if (belowLow || value > hi) {
        return Status::error(std::string(key) + " = " + formatNumber(value) + ": must be in " +
                             (loExclusive ? "(" : "[") + formatNumber(lo) + ", " + formatNumber(hi) + "]" +
                             (unit[0] != '\0' ? std::string(" ") + unit : std::string()));
    }
    return Status::ok();
}

Status checkAxis(const char* key, const Vec3& axis) {
    if (!isFinite(axis)) {
        return Status::error(std::string(key) + ": every component must be a finite number");
    }
    if (norm(axis) < 1e-9) {
        return Status::error(std::string(key) + ": must be a non-zero direction vector");
    }
    return Status::ok();
}

}  // namespace

Status validate(const DeviceParameters& p) {
    const Status checks[] = {
        checkRange("device.diameter_nm", p.diameterNanometers, 0.0, 10000.0, true, "nm"),
        checkRange("device.thickness_nm", p.thicknessNanometers, 0.0, 100.0, true, "nm"),
        checkRange("device.Ms_kA_per_m", p.saturationMagnetizationKiloAmperePerMeter, 0.0, 5000.0, true, "kA/m"),
        checkRange("device.alpha", p.damping, 0.0, 10.0, false, ""),
        checkRange("device.Hk_mT", p.anisotropyFieldMilliTesla, 0.0, 5000.0, false, "mT"),
        checkAxis("device.easy_axis", p.easyAxis),
        checkRange("device.Meff_T", p.effectiveDemagFieldTesla, -5.0, 5.0, false, "T"),
        checkAxis("device.reference_axis", p.referenceAxis),
        checkRange("device.polarization", p.polarization, 0.0, 0.99, false, ""),
        checkRange("device.field_like_ratio", p.fieldLikeRatio, -10.0, 10.0, false, ""),
        checkRange("device.RA_ohm_um2", p.resistanceAreaOhmSquareMicrometer, 0.0, 1e6, true, "Ohm um^2"),
        checkRange("device.tmr_percent", p.tmrPercent, 0.0, 10000.0, false, "%"),
        checkRange("device.Vh_V", p.tmrHalfVoltageVolts, 0.0, 100.0, true, "V"),
        checkRange("device.offset_field_mT[0]", p.offsetFieldMilliTesla.x, -10000.0, 10000.0, false, "mT"),
        checkRange("device.offset_field_mT[1]", p.offsetFieldMilliTesla.y, -10000.0, 10000.0, false, "mT"),
        checkRange("device.offset_field_mT[2]", p.offsetFieldMilliTesla.z, -10000.0, 10000.0, false, "mT"),
        checkRange("device.temperature_K", p.temperatureKelvin, 0.0, 2000.0, false, "K"),
    };
    for (const Status& s : checks) {
        if (!s.isOk()) {
            return s;
        }
    }
    return Status::ok();
}

MacrospinModel MacrospinModel::fromParameters(const DeviceParameters& p) {
    using namespace units;
    MacrospinModel m;
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
    m.sttFieldPerAmpere =
        reducedPlanck / (2.0 * electronCharge * mu0 * m.saturationMagnetization * m.thicknessMeters * m.areaSquareMeters);
    m.parallelResistanceOhm = p.resistanceAreaOhmSquareMicrometer * 1e-12 / m.areaSquareMeters;
    m.tmrZeroBias = p.tmrPercent / 100.0;
    m.tmrHalfVoltage = p.tmrHalfVoltageVolts;
    return m;
}

double MacrospinModel::thermalFieldSigma(double dtSeconds) const {
    if (temperatureKelvin <= 0.0) {
        return 0.0;
    }
    return std::sqrt(2.0 * damping * units::boltzmann * temperatureKelvin /
                     (units::gamma0 * units::mu0 * saturationMagnetization * volumeCubicMeters * dtSeconds));
}

}  // namespace mtj
