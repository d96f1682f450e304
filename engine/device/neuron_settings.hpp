// SPDX-License-Identifier: GPL-3.0-or-later
// NeuronSettings: everything that turns a junction into a neuron (docs/physics.md section 3, docs/formats.md "drive",
// "readout" and "derivative"): the input channel and its scale, the two knobs (bias current, external field),
// the bridge readout, the reading protocol and the derivative scheme. Practical units as in the preset file.
//
// NeuronModel: the same in SI with the device model and the resolved bridge reference, built once from
// validated settings. Plain values; any thread may use them.
#pragma once

#include <string>

#include "common/status.hpp"
#include "physics/device_parameters.hpp"
#include "physics/llgs.hpp"

namespace mtj {

enum class InputChannel { Field, Current, Radiofrequency };
enum class ResetState { EasyPlus, EasyMinus, Previous };
enum class DerivativeScheme { Central, Forward, LockIn };
enum class ReadingState { Static, Precessing, Switched, Telegraph };

const char* toString(InputChannel channel);     // "field" | "current" | "rf"
const char* toString(ResetState reset);         // "easy+" | "easy-" | "previous"
const char* toString(DerivativeScheme scheme);  // "central" | "forward" | "lockin"
const char* toString(ReadingState state);       // "static" | "precessing" | "switched" | "telegraph"
bool parseInputChannel(const std::string& text, InputChannel& out);
bool parseResetState(const std::string& text, ResetState& out);
bool parseDerivativeScheme(const std::string& text, DerivativeScheme& out);

struct DriveSettings {
    InputChannel input = InputChannel::Field;
    double inputScale = 20.0;               // mT per unit x (field input), uA per unit x (current, rf)
    Vec3 inputAxis{0.0, 1.0, 0.0};          // field input only (normalised on use)
    double biasCurrentMicroampere = 100.0;  // I_bias, sign included (I > 0 pulls m towards p)
    double fieldMilliTesla = 0.0;           // |mu0 H_ext|
    double fieldThetaDegrees = 90.0;        // polar angle from +z
    double fieldPhiDegrees = 0.0;           // azimuth from +x
    double rfFrequencyGigahertz = 5.0;      // rf input only
    double inputMinimum = -2.0;             // the x range of curves and lookup tables
    double inputMaximum = 2.0;
};

struct ReadoutSettings {
    bool referenceAuto = true;  // R_ref = (R_P + R_AP) / 2 at zero bias
    double referenceOhm = 0.0;  // used when referenceAuto is false
    double gainPerVolt = 10.0;  // y = V_out * gain - outputOffset
    double outputOffset = 0.0;  // y_0, the amplifier's offset null, in activation units
    double settleNanoseconds = 20.0;
    double averageNanoseconds = 5.0;
    ResetState reset = ResetState::EasyPlus;
    /// The reading protocol (docs/physics.md section 3): 0 applies the input as a step (a pulse); > 0 ramps it
    /// linearly from the previous input over this time (a source meter's sweep), before settle_ns and average_ns.
    /// 10 ns is slow against the ring-down of these junctions (about 1.4 ns at alpha = 0.01), so the default
    /// reading is quasi-static.
    double inputRiseNanoseconds = 10.0;
};

struct DerivativeSettings {
    DerivativeScheme scheme = DerivativeScheme::Central;
    double step = 0.05;        // delta, in units of x
    double readNoise = 0.005;  // sigma_read, in activation units, per reading
};

/// The kind of the first registered device model (device/device_model.cpp): the macrospin.
const std::string& defaultDeviceModelKind();

struct NeuronSettings {
    /// Which device model reads this neuron, one of deviceModelKinds() (device/device_model.hpp, where the models
    /// are registered); the default is the first registered, the LLGS macrospin of docs/physics.md sections 1-4. Functions
    /// of one model ignore it; makeDeviceModel dispatches on it.
    std::string model = defaultDeviceModelKind();
    DeviceParameters device;
    DriveSettings drive;
    ReadoutSettings readout;
    DerivativeSettings derivative;
};

/// The parameter table of a neuron (common/parameter_table.hpp): device.model, the drive's rows, the device's rows
/// (lifted from deviceParameterTable()), the readout's and the derivative's, in the order the explorer shows them.
/// Validation, the preset reader and writer, the explorer's knobs, undo step names and the tests all read it.
const ParameterTable<NeuronSettings>& neuronParameterTable();

/// Validates every field (device included): every row of neuronParameterTable(), then the relations between
/// fields. Messages name the preset key, the value and the allowed range.
Status validate(const NeuronSettings& settings);

/// The neuron in SI units: the device model, the fixed part of the drive and the resolved readout.
struct NeuronModel {
    JunctionCoefficients device;
    InputChannel input = InputChannel::Field;
    Vec3 externalField{};      // A/m, from the field magnitude and angles
    Vec3 inputFieldPerUnit{};  // A/m per unit x (field input)
    double biasCurrentAmpere = 0.0;
    double inputCurrentPerUnit = 0.0;  // A per unit x (current and rf input)
    double rfAngularFrequency = 0.0;   // rad/s
    double referenceOhm = 0.0;         // R_ref
    double gainPerVolt = 10.0;
    double outputOffset = 0.0;  // y_0
    double settleSeconds = 20e-9;
    double averageSeconds = 5e-9;
    double inputRiseSeconds = 10e-9;  // 0: a step
    ResetState reset = ResetState::EasyPlus;

    static NeuronModel fromSettings(const NeuronSettings& settings);

    /// The DC drive of a reading at input x (field and current input; for rf input the bias only).
    [[nodiscard]] Drive dcDrive(double x) const;
    /// The rf current amplitude a(x) = max(0, x input_scale) in amperes (rf input).
    [[nodiscard]] double rfAmplitude(double x) const;
    /// The direction of reset easy+ / easy-: +u_k or -u_k.
    [[nodiscard]] Vec3 resetDirection() const;
    /// The state a reading starts from for reset easy+ / easy-: the junction at rest in the well of resetDirection()
    /// under the drive at x = 0 (the quasi-static relaxation from +-u_k; +-u_k itself where no stable state is found).
    /// A reset circuit leaves the free layer at rest in a well; released exactly along u_k under a bias field it
    /// would carry the anisotropy energy and could precess over the barrier. Computed once in fromSettings().
    Vec3 resetState{1.0, 0.0, 0.0};
};

}  // namespace mtj
