// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/macrospin_neuron.hpp"

#include "device/macrospin/macrospin_reading.hpp"

namespace mtj {
MacrospinNeuron::MacrospinNeuron(NeuronSettings settings) : settings_(std::move(settings)) {
    settings_.model = kindName;
}

Status MacrospinNeuron::validate() const { return mtj::validate(settings_); }

ActivationCurve MacrospinNeuron::readActivation(const std::vector<double>& inputs, const CurveOptions& options) const {
    ActivationCurve curve = macrospin::computeActivationCurve(settings_, inputs, options);
    for (CurvePoint& p : curve.up) p.ySampled = p.y;
    for (CurvePoint& p : curve.down) p.ySampled = p.y;
    return curve;
}

Status MacrospinNeuron::readTableActivation(const std::vector<double>& inputs, std::vector<double>& y,
                                            std::vector<double>* dydx, unsigned threads,
                                            const std::atomic<bool>* cancel) const {
    return macrospin::readActivation(settings_, inputs, y, dydx, threads, cancel);
}

Status MacrospinNeuron::analyseStepError(double x, double minimumStep, double maximumStep, int count,
                                         StepErrorAnalysis& analysis, const std::atomic<bool>* cancel,
                                         unsigned threads) const {
    return macrospin::analyseStepError(settings_, x, minimumStep, maximumStep, count, analysis, cancel, threads);
}

Status MacrospinNeuron::buildLookupTable(int nodes, ActivationLookupTable& table,
                                         const std::atomic<bool>* cancel) const {
    return macrospin::buildLookupTable(settings_, nodes, table, cancel, 1);
}

std::unique_ptr<DeviceModel> MacrospinNeuron::sample(const VariabilitySettings& variability, std::size_t index) const {
    NeuronSettings device = settings_;
    device.device = sampleDevice(settings_.device, variability, index);
    return std::make_unique<MacrospinNeuron>(std::move(device));
}

Status MacrospinNeuron::trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                                   const std::atomic<bool>* cancel) const {
    return macrospin::computeTrajectory(settings_, x, samples, out, seed, cancel);
}

std::vector<const NeuronParameter*> MacrospinNeuron::parameters() const {
    // Every row but device.model: the junction, the drive with its rf input, and the timed reading with its reset.
    return neuronParametersKeyed({"drive.input",
                                  "drive.bias_current_uA",
                                  "drive.field_mT",
                                  "drive.field_theta_deg",
                                  "drive.field_phi_deg",
                                  "drive.input_scale",
                                  "drive.rf_frequency_GHz",
                                  "drive.input_axis",
                                  "drive.x_min",
                                  "drive.x_max",
                                  "device.diameter_nm",
                                  "device.thickness_nm",
                                  "device.Ms_kA_per_m",
                                  "device.alpha",
                                  "device.Hk_mT",
                                  "device.easy_axis",
                                  "device.Meff_T",
                                  "device.reference_axis",
                                  "device.polarization",
                                  "device.field_like_ratio",
                                  "device.RA_ohm_um2",
                                  "device.tmr_percent",
                                  "device.Vh_V",
                                  "device.offset_field_mT",
                                  "device.temperature_K",
                                  "readout.reference_ohm",
                                  "readout.gain_per_V",
                                  "readout.output_offset",
                                  "readout.settle_ns",
                                  "readout.average_ns",
                                  "readout.reset",
                                  "readout.input_rise_ns",
                                  "derivative.scheme",
                                  "derivative.step",
                                  "derivative.read_noise"});
}

/// The macrospin population (device/lookup_table.hpp), through the one population builder of the seam.
Status macrospin::buildPopulationTables(const NeuronSettings& nominal, const VariabilitySettings& variability,
                                        std::size_t count, int nodes, std::vector<ActivationLookupTable>& tables,
                                        const std::atomic<bool>* cancel) {
    return buildModelPopulationTables(MacrospinNeuron(nominal), variability, count, nodes, tables, cancel);
}

}  // namespace mtj
