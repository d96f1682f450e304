#include "device/variability.hpp"

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
    return Status::ok();
}

DeviceParameters sampleDevice(const DeviceParameters& nominal, const VariabilitySettings& s, std::size_t index) {
    GaussianRandom random(s.seed, 0x7a11ab1eULL + index);
    auto factor = [&] {
        for (;;) {
            const double f = 1.0 + s.relativeSigma * random.normal();
            if (f >= 0.2 && f <= 1.8) return f;
        }
    };
    DeviceParameters d = nominal;
    d.diameterNanometers *= factor();
    d.anisotropyFieldMilliTesla *= factor();
    d.resistanceAreaOhmSquareMicrometer *= factor();
    d.tmrPercent *= factor();
    d.damping *= factor();
    const double offset = s.offsetFieldSigmaMilliTesla * random.normal();
    const Vec3 axis = normalized(nominal.easyAxis);
    d.offsetFieldMilliTesla = nominal.offsetFieldMilliTesla + axis * offset;
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
