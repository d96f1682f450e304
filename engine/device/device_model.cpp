// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/device_model.hpp"

#include <atomic>

#include "common/parallel.hpp"
#include "device/macrospin/macrospin_neuron.hpp"
#include "device/superparamagnetic/superparamagnetic_neuron.hpp"

namespace mtj {
namespace {

/// The registry: every device model, its kind (the value of device.model) and how to make one. The built-in models
/// register here, the macrospin first (the default, defaultDeviceModelKind()); any other model calls
/// registerDeviceModel once at start-up (docs/architecture.md, "Adding a third device model").
struct DeviceModelRegistration {
    std::string kind;
    DeviceModelFactory make;
};

template <class Model>
std::unique_ptr<DeviceModel> makeModel(const NeuronSettings& settings) {
    return std::make_unique<Model>(settings);
}

std::vector<DeviceModelRegistration>& registeredModels() {
    static std::vector<DeviceModelRegistration> models = {
        {MacrospinNeuron::kindName, &makeModel<MacrospinNeuron>},
        {SuperparamagneticNeuron::kindName, &makeModel<SuperparamagneticNeuron>},
    };
    return models;
}

/// Set when the list of kinds is first read (the parameter table's device.model choices are made from it): a model
/// registered later would be missing from them.
std::atomic<bool>& registryRead() {
    static std::atomic<bool> read{false};
    return read;
}

const DeviceModelRegistration* findRegistration(const std::string& kind) {
    for (const DeviceModelRegistration& model : registeredModels()) {
        if (model.kind == kind) return &model;
    }
    return nullptr;
}

}  // namespace

Status registerDeviceModel(std::string kind, DeviceModelFactory make) {
    if (kind.empty() || make == nullptr) return Status::error("a device model needs a kind and a factory");
    if (findRegistration(kind) != nullptr) return Status::error("device model '" + kind + "' is already registered");
    if (registryRead().load())
        return Status::error("device model '" + kind +
                             "' registered after the models were first listed: register it at start-up");
    registeredModels().push_back({std::move(kind), make});
    return Status::ok();
}

const std::string& defaultDeviceModelKind() { return registeredModels().front().kind; }

const std::vector<std::string>& deviceModelKinds() {
    registryRead().store(true);
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> out;
        for (const DeviceModelRegistration& model : registeredModels()) out.push_back(model.kind);
        return out;
    }();
    return kinds;
}

Status checkDeviceModelKind(const std::string& kind) {
    if (findRegistration(kind) != nullptr) return Status::ok();
    std::string choices;
    for (const std::string& known : deviceModelKinds()) choices += (choices.empty() ? "\"" : ", \"") + known + "\"";
    return Status::error("device.model = '" + kind + "': must be one of " + choices);
}

Status makeDeviceModel(const std::string& kind, const NeuronSettings& settings, std::unique_ptr<DeviceModel>& model) {
    const DeviceModelRegistration* registration = findRegistration(kind);
    if (registration == nullptr) return checkDeviceModelKind(kind);
    std::unique_ptr<DeviceModel> made = registration->make(settings);
    if (Status s = made->validate(); !s) return s;
    model = std::move(made);
    return Status::ok();
}

Status makeDeviceModel(const NeuronSettings& settings, std::unique_ptr<DeviceModel>& model) {
    return makeDeviceModel(settings.model, settings, model);
}

Status buildModelPopulationTables(const DeviceModel& nominal, const VariabilitySettings& variability, std::size_t count,
                                  int nodes, std::vector<ActivationLookupTable>& tables,
                                  const std::atomic<bool>* cancel) {
    if (Status s = validate(variability); !s) return s;
    tables.assign(count, ActivationLookupTable{});
    std::vector<Status> statuses(count);
    parallelFor(count, 0, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (cancel != nullptr && cancel->load()) {
                statuses[i] = Status::error("cancelled");
                continue;
            }
            const std::unique_ptr<DeviceModel> device = nominal.sample(variability, i);
            statuses[i] = device->buildLookupTable(nodes, tables[i], cancel);
        }
    });
    for (std::size_t i = 0; i < count; ++i) {
        if (!statuses[i]) return Status::error("device " + std::to_string(i) + ": " + statuses[i].message());
    }
    return Status::ok();
}

std::vector<const NeuronParameter*> neuronParametersKeyed(std::initializer_list<std::string_view> keys) {
    std::vector<const NeuronParameter*> rows;
    for (const NeuronParameter& row : neuronParameterTable()) {
        for (std::string_view key : keys) {
            if (row.key == key) {
                rows.push_back(&row);
                break;
            }
        }
    }
    return rows;
}

std::vector<const NeuronParameter*> parametersOfModel(const std::string& kind) {
    const DeviceModelRegistration* registration = findRegistration(kind);
    if (registration == nullptr) return {};
    return registration->make(NeuronSettings{})->parameters();
}

DeviceCapabilities capabilitiesOfModel(const std::string& kind) {
    const DeviceModelRegistration* registration = findRegistration(kind);
    if (registration == nullptr) return {};
    return registration->make(NeuronSettings{})->capabilities();
}

Status DeviceModel::readTableActivation(const std::vector<double>& inputs, std::vector<double>& y,
                                        std::vector<double>* dydx, unsigned threads,
                                        const std::atomic<bool>* cancel) const {
    CurveOptions options;
    options.threads = threads;
    options.cancel = cancel;
    const ActivationCurve curve = readActivation(inputs, options);
    if (!curve.status) return curve.status;
    y.clear();
    if (dydx != nullptr) dydx->clear();
    for (const CurvePoint& p : curve.up) {
        y.push_back(p.y);
        if (dydx != nullptr) dydx->push_back(p.derivativeReference);
    }
    return Status::ok();
}

Status DeviceModel::analyseStepError(double x, double minimumStep, double maximumStep, int count,
                                     StepErrorAnalysis& analysis, const std::atomic<bool>* cancel, unsigned) const {
    return analyseStepErrorOfReadings(*this, x, minimumStep, maximumStep, count, analysis, cancel);
}

}  // namespace mtj
