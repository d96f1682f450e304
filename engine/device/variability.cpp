// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/variability.hpp"
#include "common/random_streams.hpp"

#include <cmath>
#include <string>

#include "physics/random.hpp"

namespace mtj {

const ParameterTable<VariabilitySettings>& variabilityParameterTable() {
    using S = VariabilitySettings;
    using enum ParameterPlace;
    static const ParameterTable<S> table = [] {
        ParameterTable<S> t;
        // One row per parameter: key, member, unit, physical range, knob {lo, hi, step, decimals}, group, label, undo
        // step name, tooltip. The explorer's Variability group shows the relative spread in percent.
        t.push_back(numberParameter<S>(
            "variability.relative_sigma", MTJ_MEMBER(S, relativeSigma), "", closedRange(0.0, 0.5), {0.0, 0.5, 0.005, 3},
            Elsewhere, "Relative spread", "device spread",
            "sigma_p: each device draws its diameter, Hk, RA, TMR0 and alpha as p (1 + sigma_p N(0, 1)) (docs/physics.md section 5)."));
        t.push_back(numberParameter<S>(
            "variability.offset_field_sigma_mT", MTJ_MEMBER(S, offsetFieldSigmaMilliTesla), "mT",
            closedRange(0.0, 1000.0), {0.0, 50.0, 0.1, 1}, Elsewhere, "Offset-field spread", "offset-field spread",
            "Each device's offset (Neel coupling) field along the easy axis is N(0, sigma): it shifts its curve sideways."));
        const auto sigmaOrAuto = [&t](std::string key, double& (*member)(S&), std::string unit, std::string label,
                                      std::string name, std::string tooltip) {
            t.push_back(numberParameter<S>(std::move(key), member, std::move(unit), closedRange(0.0, 1000.0),
                                           {0.0, 1000.0, 0.1, 2}, Elsewhere, std::move(label), std::move(name),
                                           std::move(tooltip)));
            t.back().kind = ParameterKind::NumberOrAuto;  // NaN ("auto"): relative_sigma times the nominal value
            t.back().automaticLabel = "relative_sigma times the nominal value";
        };
        sigmaOrAuto("variability.Hk_sigma_mT", MTJ_MEMBER(S, anisotropySigmaMilliTesla), "mT", "Hk spread", "Hk spread",
                    "The spread of the anisotropy field in mT, or auto: relative_sigma times Hk.");
        sigmaOrAuto("variability.tmr_sigma_percent", MTJ_MEMBER(S, tmrSigmaPercent), "%", "TMR spread", "TMR spread",
                    "The spread of the zero-bias TMR in percentage points, or auto: relative_sigma times TMR0.");
        sigmaOrAuto("variability.RA_sigma_ohm_um2", MTJ_MEMBER(S, resistanceAreaSigma), "Ohm um^2", "RA spread",
                    "RA spread", "The spread of the resistance-area product, or auto: relative_sigma times RA.");
        t.push_back(numberParameter<S>(
            "variability.thickness_sigma_nm", MTJ_MEMBER(S, thicknessSigmaNanometers), "nm", closedRange(0.0, 10.0),
            {0.0, 1.0, 0.01, 3}, Elsewhere, "Thickness spread", "thickness spread",
            "The spread of the free layer's thickness in nm (0: not varied); drawn after the others."));
        t.push_back(integerParameter<S, std::uint64_t>(
            "variability.seed", MTJ_MEMBER(S, seed), "", closedRange(0.0, 9.0e15), Elsewhere, "Seed",
            "variability seed", "The random stream of the population: the same seed draws the same devices."));
        return t;
    }();
    return table;
}

Status validate(const VariabilitySettings& s) { return checkParameters(variabilityParameterTable(), s); }

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
