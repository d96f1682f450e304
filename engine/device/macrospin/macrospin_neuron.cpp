#include "device/macrospin/macrospin_neuron.hpp"

#include "device/activation_curve.hpp"

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

Status MacrospinNeuron::buildLookupTable(int nodes, ActivationLookupTable& table, const std::atomic<bool>* cancel) const {
    return mtj::buildLookupTable(settings_, nodes, table, cancel, 1);
}

std::unique_ptr<DeviceModel> MacrospinNeuron::sample(const VariabilitySettings& variability, std::size_t index) const {
    NeuronSettings device = settings_;
    device.device = sampleDevice(settings_.device, variability, index);
    return std::make_unique<MacrospinNeuron>(std::move(device));
}

std::vector<DeviceParameterKey> MacrospinNeuron::parameters() const {
    return {{"device.diameter_nm", "nm"},        {"device.thickness_nm", "nm"},       {"device.Ms_kA_per_m", "kA/m"},
            {"device.alpha", ""},                {"device.Hk_mT", "mT"},              {"device.easy_axis", ""},
            {"device.Meff_T", "T"},              {"device.reference_axis", ""},       {"device.polarization", ""},
            {"device.field_like_ratio", ""},     {"device.RA_ohm_um2", "Ohm um^2"},   {"device.tmr_percent", "%"},
            {"device.Vh_V", "V"},                {"device.offset_field_mT", "mT"},    {"device.temperature_K", "K"},
            {"drive.input", ""},                 {"drive.input_scale", "mT or uA"},   {"drive.input_axis", ""},
            {"drive.bias_current_uA", "uA"},     {"drive.field_mT", "mT"},            {"drive.field_theta_deg", "deg"},
            {"drive.field_phi_deg", "deg"},      {"drive.rf_frequency_GHz", "GHz"},   {"readout.reference_ohm", "Ohm"},
            {"readout.gain_per_V", "1/V"},       {"readout.settle_ns", "ns"},         {"readout.average_ns", "ns"},
            {"readout.reset", ""},               {"readout.input_rise_ns", "ns"},     {"derivative.scheme", ""},
            {"derivative.step", ""},             {"derivative.read_noise", ""}};
}

/// The macrospin population (device/lookup_table.hpp), through the one population builder of the seam.
Status buildPopulationTables(const NeuronSettings& nominal, const VariabilitySettings& variability, std::size_t count,
                             int nodes, std::vector<ActivationLookupTable>& tables, const std::atomic<bool>* cancel) {
    return buildModelPopulationTables(MacrospinNeuron(nominal), variability, count, nodes, tables, cancel);
}

}  // namespace mtj
