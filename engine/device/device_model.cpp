#include "device/device_model.hpp"

#include "common/parallel.hpp"
#include "device/macrospin/macrospin_neuron.hpp"
#include "device/superparamagnetic/superparamagnetic_neuron.hpp"

namespace mtj {

Status makeDeviceModel(const std::string& kind, const NeuronSettings& settings, std::unique_ptr<DeviceModel>& model) {
    std::unique_ptr<DeviceModel> made;
    if (kind == macrospinModelKind) {
        made = std::make_unique<MacrospinNeuron>(settings);
    } else if (kind == superparamagneticModelKind) {
        made = std::make_unique<SuperparamagneticNeuron>(settings);
    } else {
        return Status::error("device.model = '" + kind + "': must be one of \"macrospin\", \"superparamagnetic\"");
    }
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

std::vector<const NeuronParameter*> neuronParametersExcept(std::initializer_list<std::string_view> unused) {
    std::vector<const NeuronParameter*> rows;
    for (const NeuronParameter& row : neuronParameterTable()) {
        bool used = true;
        for (std::string_view key : unused) used = used && row.key != key;
        if (used) rows.push_back(&row);
    }
    return rows;
}

std::vector<const NeuronParameter*> parametersOfModel(const std::string& kind) {
    if (kind == macrospinModelKind) return MacrospinNeuron(NeuronSettings{}).parameters();
    if (kind == superparamagneticModelKind) return SuperparamagneticNeuron(NeuronSettings{}).parameters();
    return {};
}

}  // namespace mtj
