#include "device/macrospin/macrospin_neuron.hpp"

#include "device/activation_curve.hpp"
#include "device/trajectory.hpp"

namespace mtj {
namespace {

DeviceReading readingOf(const CurvePoint& p) {
    DeviceReading r;
    r.x = p.x;
    r.yMean = p.y;
    r.ySampled = p.y;
    r.derivativeFiniteDifference = p.derivativeFiniteDifference;
    r.derivativeExact = p.derivativeReference;
    r.yStandardDeviation = p.yStandardError;
    r.state = toString(p.state);
    return r;
}

}  // namespace

MacrospinNeuron::MacrospinNeuron(NeuronSettings settings) : settings_(std::move(settings)) {
    settings_.model = macrospinModelKind;
}

Status MacrospinNeuron::validate() const { return mtj::validate(settings_); }

DeviceCurve MacrospinNeuron::readActivation(const std::vector<double>& inputs, const DeviceReadOptions& options) const {
    CurveOptions curveOptions;
    curveOptions.noiseSeed = options.noiseSeed;
    curveOptions.cancel = options.cancel;
    const ActivationCurve curve = computeActivationCurve(settings_, inputs, curveOptions);
    DeviceCurve out;
    out.status = curve.status;
    out.points.reserve(curve.up.size());
    for (const CurvePoint& p : curve.up) out.points.push_back(readingOf(p));
    for (const CurvePoint& p : curve.down) out.down.push_back(readingOf(p));
    return out;
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
