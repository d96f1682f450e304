// MacrospinNeuron: the LLGS macrospin neuron of physics.md sections 1-4 behind the DeviceModel seam
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

    [[nodiscard]] const char* kind() const override { return macrospinModelKind; }
    [[nodiscard]] const NeuronSettings& settings() const override { return settings_; }
    [[nodiscard]] Status validate() const override;
    [[nodiscard]] DeviceCurve readActivation(const std::vector<double>& inputs,
                                             const DeviceReadOptions& options = {}) const override;
    Status buildLookupTable(int nodes, ActivationLookupTable& table,
                            const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::unique_ptr<DeviceModel> sample(const VariabilitySettings& variability,
                                                      std::size_t index) const override;
    Status trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                      const std::atomic<bool>* cancel = nullptr) const override;
    [[nodiscard]] std::vector<const NeuronParameter*> parameters() const override;

private:
    NeuronSettings settings_;
};

}  // namespace mtj
