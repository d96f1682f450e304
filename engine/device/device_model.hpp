// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceModel: the one seam between a neuron's device physics and everything that uses a neuron (curves, lookup
// tables, populations, training). A model answers for one device with its drive and readout (NeuronSettings): it
// checks itself, reads its activation over a list of inputs into one common result, builds the lookup table that
// training reads (device/lookup_table.hpp), and draws device `index` of a varied population as a new model.
//
// Two models implement it, each in its own folder:
//   "macrospin"          device/macrospin/macrospin_neuron.hpp: the LLGS macrospin of docs/physics.md sections 1-4, an
//                        adapter over computeActivationCurve, buildLookupTable and sampleDevice (unchanged);
//   "superparamagnetic"  device/superparamagnetic/superparamagnetic_neuron.hpp: the low-barrier junction whose reading
//                        is the window average of a random telegraph signal; its table holds the mean activation
//                        and its exact slope, and per node the window standard deviation of a reading
//                        (ActivationLookupTable::readingNoise), which training adds to the read noise.
// The registration in device_model.cpp is the only place that names both; generic code is written once against this
// class (buildModelPopulationTables below, the engine worker, the command line, the experiment).
//
// Why an abstract base class and not a concept: the model is chosen at run time from a preset key (device.model) and
// stored in type-erased places that outlive the call that chose it: the experiment and its plan, the engine worker
// between requests, a population of sampled devices. A concept constrains templates at compile time and would make
// every such holder a template over the model (or a hand-written std::variant visited everywhere, which again names
// every model); one virtual call per curve or table is nothing next to the physics behind it.
//
// Instances are immutable after construction; const members may be called from any thread (each call is a pure
// function of the model's settings and its arguments, and polls `cancel` where it can take long).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "device/activation_curve.hpp"
#include "device/derivative_analysis.hpp"
#include "device/lookup_table.hpp"
#include "device/neuron_settings.hpp"
#include "device/trajectory.hpp"
#include "device/variability.hpp"

namespace mtj {

/// A row of the neuron's parameter table (device/neuron_settings.hpp) that a model reads.
using NeuronParameter = Parameter<NeuronSettings>;

/// The rows of neuronParameterTable() keyed in `keys`, in the table's order: what a model returns from parameters().
/// A model names every row it reads; a row added to the table is read by no model until one names it.
std::vector<const NeuronParameter*> neuronParametersKeyed(std::initializer_list<std::string_view> keys);

/// What a model's readings and pictures offer. The window and the engine worker ask these, never a model's name or
/// its place among the registered models (docs/architecture.md, "The device-model seam").
struct DeviceCapabilities {
    /// A reading ramps its input over readout.input_rise_ns, so a step and a ramp can be compared.
    bool readingHasRiseTime = false;
};

class DeviceModel {
public:
    virtual ~DeviceModel() = default;

    /// "macrospin" | "superparamagnetic" (the value of the preset key device.model).
    [[nodiscard]] virtual const char* kind() const = 0;
    /// The neuron this model reads (device, drive, readout, derivative scheme).
    [[nodiscard]] virtual const NeuronSettings& settings() const = 0;
    /// Checks the settings for this model; messages name the preset key.
    [[nodiscard]] virtual Status validate() const = 0;
    /// The activation at `inputs` (ascending), one curve type for every model (device/activation_curve.hpp):
    /// CurvePoint::y the activation the lookup table holds (macrospin: the reading; superparamagnetic: the stationary
    /// mean), ySampled one reading as the device gives it (ActivationCurve::readingsSampled says whether it differs
    /// from y), derivativeFiniteDifference the derivative scheme on sampled readings, derivativeReference dy/dx of the
    /// model, yStandardError the standard deviation of a reading about y, state how the reading ended; `down` holds
    /// the descending branch of a hysteresis sweep (macrospin with readout.reset = previous). Options the model has no
    /// use for (threads, timeIntegrationOnly) are ignored. Errors (invalid settings, cancellation) in
    /// ActivationCurve::status.
    [[nodiscard]] virtual ActivationCurve readActivation(const std::vector<double>& inputs,
                                                         const CurveOptions& options = {}) const = 0;
    /// The activation the lookup table holds, and its exact slope if `dydx` is given, at `inputs` (ascending): what
    /// a family of sampled devices is drawn with. Default: readActivation's y and derivativeReference.
    virtual Status readTableActivation(const std::vector<double>& inputs, std::vector<double>& y,
                                       std::vector<double>* dydx, unsigned threads = 0,
                                       const std::atomic<bool>* cancel = nullptr) const;
    /// The error of the finite-difference derivative against the step at x (device/derivative_analysis.hpp).
    /// Default: the stencils on readActivation's y, sigma its yStandardError (analyseStepErrorOfReadings).
    virtual Status analyseStepError(double x, double minimumStep, double maximumStep, int count,
                                    StepErrorAnalysis& analysis, const std::atomic<bool>* cancel = nullptr,
                                    unsigned threads = 0) const;
    /// The lookup table training reads, over [drive.x_min, drive.x_max] with `nodes` (>= 2) uniform nodes.
    virtual Status buildLookupTable(int nodes, ActivationLookupTable& table,
                                    const std::atomic<bool>* cancel = nullptr) const = 0;
    /// Device `index` of the population drawn from this (nominal) device (docs/physics.md section 5), as a new model of
    /// the same kind. Same seed and index: the same device.
    [[nodiscard]] virtual std::unique_ptr<DeviceModel> sample(const VariabilitySettings& variability,
                                                              std::size_t index) const = 0;
    /// What the free layer does during the reading at input x (settle_ns, then average_ns), about `samples` points,
    /// seeded: m(t) of the LLGS integration (macrospin), or the telegraph trace (superparamagnetic).
    virtual Status trajectory(double x, int samples, std::uint64_t seed, Trajectory& out,
                              const std::atomic<bool>* cancel = nullptr) const = 0;
    /// The rows of the neuron parameter table the model reads (device, drive, readout, derivative).
    [[nodiscard]] virtual std::vector<const NeuronParameter*> parameters() const = 0;
    /// What this model's readings and pictures offer (DeviceCapabilities); the same for every instance of a kind.
    [[nodiscard]] virtual DeviceCapabilities capabilities() const = 0;
};

/// How a registered model is made: a model of its kind for `settings`, not yet validated.
using DeviceModelFactory = std::unique_ptr<DeviceModel> (*)(const NeuronSettings& settings);

/// Registers a device model under `kind`, the value of device.model that selects it. The built-in models come first
/// (macrospin, then superparamagnetic); another model (a test's, a plug-in's) calls this once at start-up, before
/// the first preset is read or the parameter table is first used (deviceModelKinds()). Errors: an empty or taken
/// kind, no factory, or a call after the kinds were first listed.
Status registerDeviceModel(std::string kind, DeviceModelFactory make);

/// The registration: the model `kind` ("macrospin" | "superparamagnetic") for `settings`, validated. Errors: an
/// unknown kind (naming device.model), settings the model refuses (its validate(), naming the key).
Status makeDeviceModel(const std::string& kind, const NeuronSettings& settings, std::unique_ptr<DeviceModel>& model);

/// The rows of the parameter table model `kind` reads (its parameters()); empty for an unknown kind.
std::vector<const NeuronParameter*> parametersOfModel(const std::string& kind);

/// The capabilities of model `kind` (its capabilities()); none for an unknown kind.
DeviceCapabilities capabilitiesOfModel(const std::string& kind);

/// The kinds of the registered models, in the order of the device.model choice: "macrospin", "superparamagnetic",
/// then any registered at start-up. The first call closes the registry.
const std::vector<std::string>& deviceModelKinds();

/// Ok if `kind` is a registered model, else the error naming device.model and the choices.
Status checkDeviceModelKind(const std::string& kind);

/// The model settings.model names (makeDeviceModel(settings.model, settings, model)).
Status makeDeviceModel(const NeuronSettings& settings, std::unique_ptr<DeviceModel>& model);

/// Tables of devices 0 .. count-1 of the population drawn from `nominal` (DeviceModel::sample), built in parallel
/// across devices (common/parallel.hpp). For the macrospin model it equals buildPopulationTables.
Status buildModelPopulationTables(const DeviceModel& nominal, const VariabilitySettings& variability, std::size_t count,
                                  int nodes, std::vector<ActivationLookupTable>& tables,
                                  const std::atomic<bool>* cancel = nullptr);

}  // namespace mtj
