// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/macrospin_neuron.hpp"

#include "device/macrospin/macrospin_reading.hpp"

namespace mtj {
MacrospinNeuron::MacrospinNeuron(NeuronSettings settings) : settings_(std::move(settings)) {
    settings_.model = kindName;
}

Status MacrospinNeuron::validate() const { return mtj::validate(settings_); }

ActivationCurve MacrospinNeuron::readActivation(const std::vector<double>& inputs, const CurveOptions& options) const {
    ActivationCurve curve = computeActivationCurve(settings_, inputs, options);
    for (CurvePoint& p : curve.up) p.ySampled = p.y;
    for (CurvePoint& p : curve.down) p.ySampled = p.y;
    return curve;
}

Status MacrospinNeuron::readTableActivation(const std::vector<double>& inputs, std::vector<double>& y,
                                            std::vector<double>* dydx, unsigned threads,
                                            const std::atomic<bool>* cancel) const {
    return mtj::readActivation(settings_, inputs, y, dydx, threads, cancel);
}

Status MacrospinNeuron::analyseStepError(double x, double minimumStep, double maximumStep, int count,
                                         StepErrorAnalysis& analysis, const std::atomic<bool>* cancel,
                                         unsigned threads) const {
    return mtj::analyseStepError(settings_, x, minimumStep, maximumStep, count, analysis, cancel, threads);
}

Status MacrospinNeuron::buildLookupTable(int nodes, ActivationLookupTable& table,
                                         const std::atomic<bool>* cancel) const {
    return mtj::buildLookupTable(settings_, nodes, table, cancel, 1);
}

std::unique_ptr<DeviceModel> MacrospinNeuron::sample(const VariabilitySettings& variability, std::size_t index) const {
    NeuronSettings device = settings_;
    device.device = sampleDevice(settings_.device, variability, index);
    return std::make_unique<MacrospinNeuron>(std::move(device));
}

Status MacrospinNeuron::trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                                   const std::atomic<bool>* cancel) const {
    return computeTrajectory(settings_, x, samples, out, seed, cancel);
}

std::vector<const NeuronParameter*> MacrospinNeuron::parameters() const {
    return neuronParametersExcept({"device.model"});
}

/// The macrospin population (device/lookup_table.hpp), through the one population builder of the seam.
Status buildPopulationTables(const NeuronSettings& nominal, const VariabilitySettings& variability, std::size_t count,
                             int nodes, std::vector<ActivationLookupTable>& tables, const std::atomic<bool>* cancel) {
    return buildModelPopulationTables(MacrospinNeuron(nominal), variability, count, nodes, tables, cancel);
}

}  // namespace mtj
