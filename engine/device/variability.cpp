#include "device/variability.hpp"
#include "common/random_streams.hpp"

#include <cmath>
#include <string>

#include "physics/random.hpp"

namespace mtj {

Status validate(const VariabilitySettings& s) {
    if (!std::isfinite(s.relativeSigma) || s.relativeSigma < 0.0 || s.relativeSigma > 0.5) {
        return Status::error("variability.relative_sigma = " + std::to_string(s.relativeSigma) +
                             ": must be in [0, 0.5]");
    }
    if (!std::isfinite(s.offsetFieldSigmaMilliTesla) || s.offsetFieldSigmaMilliTesla < 0.0 ||
        s.offsetFieldSigmaMilliTesla > 1000.0) {
        return Status::error("variability.offset_field_sigma_mT = " + std::to_string(s.offsetFieldSigmaMilliTesla) +
                             ": must be in [0, 1000] mT");
    }
    const struct {
        const char* key;
        double value;
        double maximum;
        const char* unit;
    } absolute[] = {{"variability.Hk_sigma_mT", s.anisotropySigmaMilliTesla, 1000.0, "mT"},
                    {"variability.tmr_sigma_percent", s.tmrSigmaPercent, 1000.0, "%"},
                    {"variability.RA_sigma_ohm_um2", s.resistanceAreaSigma, 1000.0, "Ohm um^2"},
                    {"variability.thickness_sigma_nm", s.thicknessSigmaNanometers, 10.0, "nm"}};
    for (const auto& a : absolute) {
        if (std::isnan(a.value)) continue;  // auto
        if (!std::isfinite(a.value) || a.value < 0.0 || a.value > a.maximum) {
            return Status::error(std::string(a.key) + " = " + std::to_string(a.value) + ": must be in [0, " +
                                 std::to_string(static_cast<int>(a.maximum)) + "] " + a.unit + " (or \"auto\")");
        }
    }
    return Status::ok();
}

DeviceParameters sampleDevice(const DeviceParameters& nominal, const VariabilitySettings& s, std::size_t index) {
    GaussianRandom random(s.seed, random_streams::deviceSampling + index);
    auto factor = [&](double relative) {
        for (;;) {
            const double f = 1.0 + relative * random.normal();
            if (f >= 0.2 && f <= 1.8) return f;
        }
    };
    // A sigma in the parameter's units, as a relative one (auto: relative_sigma).
    auto relativeOf = [&](double sigma, double nominalValue) {
        return std::isnan(sigma) || nominalValue == 0.0 ? s.relativeSigma : sigma / std::abs(nominalValue);
    };
    DeviceParameters d = nominal;
    d.diameterNanometers *= factor(s.relativeSigma);
    d.anisotropyFieldMilliTesla *= factor(relativeOf(s.anisotropySigmaMilliTesla, nominal.anisotropyFieldMilliTesla));
    d.resistanceAreaOhmSquareMicrometer *=
        factor(relativeOf(s.resistanceAreaSigma, nominal.resistanceAreaOhmSquareMicrometer));
    d.tmrPercent *= factor(relativeOf(s.tmrSigmaPercent, nominal.tmrPercent));
    d.damping *= factor(s.relativeSigma);
    const double offset = s.offsetFieldSigmaMilliTesla * random.normal();
    const Vec3 axis = normalized(nominal.easyAxis);
    d.offsetFieldMilliTesla = nominal.offsetFieldMilliTesla + axis * offset;
    if (s.thicknessSigmaNanometers > 0.0) {
        d.thicknessNanometers *= factor(s.thicknessSigmaNanometers / nominal.thicknessNanometers);
    }
    return d;
}

std::vector<DeviceParameters> samplePopulation(const DeviceParameters& nominal, const VariabilitySettings& s,
                                               std::size_t count) {
    std::vector<DeviceParameters> devices;
    devices.reserve(count);
    for (std::size_t i = 0; i < count; ++i) devices.push_back(sampleDevice(nominal, s, i));
    return devices;
}

}  // namespace mtj
