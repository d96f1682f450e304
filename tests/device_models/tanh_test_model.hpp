// SPDX-License-Identifier: GPL-3.0-or-later
// A device model that exists only in the tests: the proof that a third model needs no line outside its own files
// and one registration call (issue "The house"; docs/architecture.md, "Adding a third device model"). Its neuron is
// y = tanh(g x), a junction-free textbook sigmoid: g is 1 for the nominal device and varies from device to device
// as g (1 + relative_sigma z), z a standard normal drawn from the population's seed and the device's index. Its
// finite-difference derivative reads y at the stencil's offsets with the read noise of derivative.read_noise. It
// reads five rows of the neuron table (the input range and the derivative scheme) and has no rise time.
#pragma once

#include "device/device_model.hpp"

namespace mtj::testing {

class TanhTestModel final : public DeviceModel {
public:
    explicit TanhTestModel(NeuronSettings settings, double gain = 1.0);

    static constexpr const char* kindName = "test-tanh";

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
    [[nodiscard]] DeviceCapabilities capabilities() const override { return {}; }

    [[nodiscard]] double gain() const { return gain_; }

private:
    NeuronSettings settings_;
    double gain_;
};

/// The one registration call: registers "test-tanh" (before anything lists the models).
Status registerTanhTestModel();

}  // namespace mtj::testing
