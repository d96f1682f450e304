// SPDX-License-Identifier: GPL-3.0-or-later
// SuperparamagneticNeuron: the telegraph-switching junction of device/superparamagnetic/superparamagnetic.hpp behind
// the DeviceModel seam (device/device_model.hpp).
//
// readActivation is computeSuperparamagneticCurve (stationary start: a reading's mean is exactly y = yMean; ySampled a
// kinetic Monte Carlo window average plus read noise; yStandardError = sqrt(var_window + sigma_read^2); state
// "telegraph"; ActivationCurve::readingsSampled).
// The lookup table holds the stationary mean activation y_+ p_+ + y_- p_- and its exact slope at the nodes, and as
// its reading noise (ActivationLookupTable::readingNoise) the analytic window standard deviation
// sqrt(telegraphWindowVariance) at each node, without the read noise: training draws each reading as
// y(x) + N(0, sqrt(sigma_read^2 + s(x)^2)), the Gaussian limit of a window average over many correlation times
// (T_w >> tau_c; the preset's window is chosen so). sample() is sampleSuperparamagneticNeuron.
// Immutable; any thread may call its const members.
#pragma once

#include "device/device_model.hpp"

namespace mtj {

class SuperparamagneticNeuron final : public DeviceModel {
public:
    explicit SuperparamagneticNeuron(NeuronSettings settings);

    /// The value of device.model that selects this model.
    static constexpr const char* kindName = "superparamagnetic";

    [[nodiscard]] const char* kind() const override { return kindName; }
    [[nodiscard]] const NeuronSettings& settings() const override { return settings_; }
    [[nodiscard]] Status validate() const override;
    [[nodiscard]] ActivationCurve readActivation(const std::vector<double>& inputs,
                                                 const CurveOptions& options = {}) const override;
    Status buildLookupTable(int nodes, ActivationLookupTable& table,
                            const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::unique_ptr<DeviceModel> sample(const VariabilitySettings& variability,
                                                      std::size_t index) const override;
    Status trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                      const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::vector<const NeuronParameter*> parameters() const override;
    /// Its reading is a window average with no rise time.
    [[nodiscard]] DeviceCapabilities capabilities() const override { return {}; }

private:
    NeuronSettings settings_;
};

}  // namespace mtj
