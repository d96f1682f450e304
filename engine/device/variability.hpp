// SPDX-License-Identifier: GPL-3.0-or-later
// Device-to-device variability (docs/physics.md section 5): every physical neuron i draws its own parameters from the
// nominal ones with a seeded random stream, p_i = p_nominal (1 + sigma_p N(0, 1)) for the diameter, Hk, RA, TMR0
// and alpha (the factor is redrawn while it falls outside [0.2, 1.8], so every device stays physical), and an
// offset field N(0, offset_field_sigma) along the easy axis. sigma_p is relative_sigma, except for Hk, TMR and RA
// where a sigma in the parameter's own units may be given (Hk_sigma_mT, tmr_sigma_percent, RA_sigma_ohm_um2:
// sigma_p = sigma / p_nominal); the free-layer thickness varies with thickness_sigma_nm (absolute, default 0: not
// varied), drawn after the others so that populations without it are unchanged. Device i uses GaussianRandom(seed, random_streams::deviceSampling + i): the same seed
// always gives the same devices, and device i does not depend on how many devices are drawn.
// Pure functions; any thread may call them.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "common/parameter_table.hpp"
#include "common/status.hpp"
#include "physics/device_parameters.hpp"

namespace mtj {

struct VariabilitySettings {
    double relativeSigma = 0.05;
    double offsetFieldSigmaMilliTesla = 0.5;
    std::uint64_t seed = 1;
    // In the parameter's units; NaN ("auto" in a preset): relative_sigma times the nominal value.
    double anisotropySigmaMilliTesla = std::numeric_limits<double>::quiet_NaN();
    double tmrSigmaPercent = std::numeric_limits<double>::quiet_NaN();
    double resistanceAreaSigma = std::numeric_limits<double>::quiet_NaN();  // Ohm um^2
    double thicknessSigmaNanometers = 0.0;
};

/// The parameter table of the population (common/parameter_table.hpp): one row per field, keyed as in the preset.
const ParameterTable<VariabilitySettings>& variabilityParameterTable();

/// Checks every field against its row (the message names the preset key, the value and the range).
Status validate(const VariabilitySettings& settings);

/// Device i of the population drawn from `nominal`.
DeviceParameters sampleDevice(const DeviceParameters& nominal, const VariabilitySettings& settings, std::size_t index);

/// Devices 0 .. count-1.
std::vector<DeviceParameters> samplePopulation(const DeviceParameters& nominal, const VariabilitySettings& settings,
                                               std::size_t count);

}  // namespace mtj
