// SPDX-License-Identifier: GPL-3.0-or-later
// MacrospinNeuron: the LLGS macrospin neuron of docs/physics.md sections 1-4 behind the DeviceModel seam
// (device/device_model.hpp). An adapter only: every answer is the existing macrospin function's, unchanged:
// readActivation is computeActivationCurve (its y is both yMean and ySampled, the reference derivative is the exact
// one, yStandardError the standard deviation), buildLookupTable is buildLookupTable(settings, nodes, table, cancel, 1)
// and sample draws the device with sampleDevice (device/variability.hpp), as buildPopulationTables does.
// Immutable; any thread may call its const members.
#pragma once

#include "device/device_model.hpp"

namespace mtj {

class MacrospinNeuron final : public DeviceModel {
public:
    explicit MacrospinNeuron(NeuronSettings settings);

    /// The value of device.model that selects this model.
    static constexpr const char* kindName = "macrospin";

    [[nodiscard]] const char* kind() const override { return kindName; }
    [[nodiscard]] const NeuronSettings& settings() const override { return settings_; }
    [[nodiscard]] Status validate() const override;
    [[nodiscard]] ActivationCurve readActivation(const std::vector<double>& inputs,
                                                 const CurveOptions& options = {}) const override;
    Status readTableActivation(const std::vector<double>& inputs, std::vector<double>& y, std::vector<double>* dydx,
                               unsigned threads = 0, const std::atomic<bool>* cancel = nullptr) const override;
    Status analyseStepError(double x, double minimumStep, double maximumStep, int count, StepErrorAnalysis& analysis,
                            const std::atomic<bool>* cancel = nullptr, unsigned threads = 0) const override;
    Status buildLookupTable(int nodes, ActivationLookupTable& table,
                            const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::unique_ptr<DeviceModel> sample(const VariabilitySettings& variability,
                                                      std::size_t index) const override;
    Status trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                      const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::vector<const NeuronParameter*> parameters() const override;
    /// Its readings ramp the input over readout.input_rise_ns.
    [[nodiscard]] DeviceCapabilities capabilities() const override { return {.readingHasRiseTime = true}; }

private:
    NeuronSettings settings_;
};

}  // namespace mtj
