// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/neuron_settings.hpp"

#include <cmath>

#include "common/format.hpp"

#include "device/device_model.hpp"
#include "device/fixed_point.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {

const char* toString(ReadingState state) {
    switch (state) {
        case ReadingState::Static: return "static";
        case ReadingState::Precessing: return "precessing";
        case ReadingState::Switched: return "switched";
        case ReadingState::Telegraph: return "telegraph";
    }
    return "static";
}

const char* toString(InputChannel value) {
    return choiceName(neuronParameterTable(), "drive.input", static_cast<int>(value), "field");
}
bool parseInputChannel(const std::string& text, InputChannel& out) {
    return parseChoice(neuronParameterTable(), "drive.input", text, out);
}

const char* toString(ResetState value) {
    return choiceName(neuronParameterTable(), "readout.reset", static_cast<int>(value), "easy+");
}
bool parseResetState(const std::string& text, ResetState& out) {
    return parseChoice(neuronParameterTable(), "readout.reset", text, out);
}

const char* toString(DerivativeScheme value) {
    return choiceName(neuronParameterTable(), "derivative.scheme", static_cast<int>(value), "central");
}
bool parseDerivativeScheme(const std::string& text, DerivativeScheme& out) {
    return parseChoice(neuronParameterTable(), "derivative.scheme", text, out);
}

const ParameterTable<NeuronSettings>& neuronParameterTable() {
    using S = NeuronSettings;
    using enum ParameterPlace;
    static const ParameterTable<S> table = [] {
        ParameterTable<S> t;
        Parameter<S> model;
        model.key = "device.model", model.kind = ParameterKind::Choice, model.place = Drive;
        model.label = "Device model", model.name = "device model", model.choices = deviceModelKinds();
        model.tooltip =
            "Which device model reads this neuron. macrospin: the LLGS free layer of a stable junction, read at rest. superparamagnetic: a junction with a barrier of a few kT that switches by itself (a telegraph signal); its output is the time average over the read window, a noisy sigmoid. It needs perpendicular easy and reference axes (presets/superparamagnetic.json); knobs it does not read are greyed.";
        model.choiceIndex = [](const S& s) {
            const std::vector<std::string>& kinds = deviceModelKinds();
            for (std::size_t i = 0; i < kinds.size(); ++i) {
                if (kinds[i] == s.model) return static_cast<int>(i);
            }
            return -1;
        };
        model.setChoiceIndex = [](S& s, int i) {
            const std::vector<std::string>& kinds = deviceModelKinds();
            if (i >= 0 && static_cast<std::size_t>(i) < kinds.size()) s.model = kinds[static_cast<std::size_t>(i)];
        };
        t.push_back(model);
        // One row per parameter: key, member, unit, physical range, knob {lo, hi, step, decimals, slider}, group,
        // label, undo step name, tooltip. The explorer shows each group's rows in this order.
        t.push_back(numberParameter<S>(
            "drive.bias_current_uA", MTJ_MEMBER(S, drive.biasCurrentMicroampere), "uA", closedRange(-1e5, 1e5),
            {-1500, 1500, 1, 0, true}, Drive, "Bias current", "bias current",
            "DC current through the junction, sign included. Positive current (electrons from the reference into the free layer) pulls the free layer towards the reference through spin-transfer torque; near the critical current I_c0 (status line) the response turns steep, hysteretic or precessing. It also sets the readout voltage."));
        t.push_back(numberParameter<S>(
            "drive.field_mT", MTJ_MEMBER(S, drive.fieldMilliTesla), "mT", closedRange(0.0, 1e4), {0, 300, 0.1, 1, true},
            Drive, "Field |µ0H|", "field",
            "Magnitude of the external field. Along the easy axis it stiffens the free layer (widening the sigmoid of a hard-axis input); across it, it cants the layer."));
        t.push_back(numberParameter<S>("drive.field_theta_deg", MTJ_MEMBER(S, drive.fieldThetaDegrees), "deg",
                                       closedRange(-360.0, 360.0), {0, 180, 1, 0, true}, Drive, "Field polar angle θ",
                                       "field polar angle",
                                       "Angle of the external field from +z (out of plane); 90° lies in the plane."));
        t.push_back(numberParameter<S>("drive.field_phi_deg", MTJ_MEMBER(S, drive.fieldPhiDegrees), "deg",
                                       closedRange(-360.0, 360.0), {-180, 180, 1, 0, true}, Drive, "Field azimuth φ",
                                       "field azimuth",
                                       "Angle of the in-plane part of the field from +x (the easy axis)."));
        t.push_back(choiceParameter<S, InputChannel>(
            "drive.input", MTJ_MEMBER(S, drive.input), {"field", "current", "rf"}, Drive, "Input channel",
            "input channel",
            "How the input x reaches the junction: a field line along the input axis, a current through the junction, or an rf current whose rectified (spin-diode) voltage is read."));
        t.push_back(numberParameter<S>("drive.input_scale", MTJ_MEMBER(S, drive.inputScale), "mT or uA per unit x",
                                       closedRange(-1e5, 1e5), {-2000, 2000, 0.5, 1}, Drive, "Input scale",
                                       "input scale", "Field (mT) or current (µA) per unit of the input x."));
        t.push_back(numberParameter<S>(
            "drive.rf_frequency_GHz", MTJ_MEMBER(S, drive.rfFrequencyGigahertz), "GHz", positiveUpTo(1000.0),
            {0.1, 50, 0.01, 3}, Drive, "rf frequency", "rf frequency",
            "Frequency of the rf input; the rectified output peaks near the Kittel frequency (status line)."));
        for (const Parameter<DeviceParameters>& row : deviceParameterTable()) {
            t.push_back(row.liftedInto<S>(+[](S& s) -> DeviceParameters& { return s.device; }));
        }
        t.push_back(vectorParameter<S>("drive.input_axis", ParameterKind::Direction, MTJ_MEMBER(S, drive.inputAxis), "",
                                       {}, {-1, 1, 0.1, 3}, Advanced, "Input axis", "input axis",
                                       "Direction of the field line of the field input."));
        t.push_back(
            numberParameter<S>("readout.reference_ohm", MTJ_MEMBER(S, readout.referenceOhm), "Ohm", positiveUpTo(1e9),
                               {1, 1e6, 1, 1}, Advanced, "Bridge reference R_ref", "bridge reference",
                               "The readout is V_junction - I R_ref; used when the automatic reference is off."));
        t.back().kind = ParameterKind::NumberOrAuto;
        t.back().automatic = MTJ_MEMBER(S, readout.referenceAuto);
        t.back().automaticLabel = "Bridge reference at (R_P + R_AP)/2";
        t.push_back(numberParameter<S>("readout.gain_per_V", MTJ_MEMBER(S, readout.gainPerVolt), "1/V",
                                       closedRange(-1e6, 1e6), {-10000, 10000, 1, 1}, Advanced, "Readout gain",
                                       "readout gain", "The activation is y = V_out × gain."));
        t.push_back(numberParameter<S>(
            "readout.output_offset", MTJ_MEMBER(S, readout.outputOffset), "", closedRange(-1e3, 1e3),
            {-10, 10, 0.01, 3}, Advanced, "Output offset y0", "output offset",
            "The readout amplifier's offset null, subtracted from every reading: y = gain V_out - y0. It shifts the curve, not its derivative; a trained network absorbs it in the next layer's bias."));
        t.push_back(numberParameter<S>("readout.settle_ns", MTJ_MEMBER(S, readout.settleNanoseconds), "ns",
                                       positiveUpTo(1e4), {0.1, 10000, 0.5, 1}, Advanced, "Settle time", "settle time",
                                       "Each time-integrated reading settles this long before averaging."));
        t.push_back(numberParameter<S>("readout.average_ns", MTJ_MEMBER(S, readout.averageNanoseconds), "ns",
                                       positiveUpTo(1e4), {0.1, 10000, 0.5, 1}, Advanced, "Averaging window",
                                       "averaging window",
                                       "Each time-integrated reading averages the output this long."));
        t.push_back(numberParameter<S>("drive.x_min", MTJ_MEMBER(S, drive.inputMinimum), "x", closedRange(-1e3, 1e3),
                                       {-100, 100, 0.1, 2}, Advanced, "Input range from", "input range",
                                       "Lower end of the x axis of the curve."));
        t.push_back(numberParameter<S>("drive.x_max", MTJ_MEMBER(S, drive.inputMaximum), "x", closedRange(-1e3, 1e3),
                                       {-100, 100, 0.1, 2}, Advanced, "Input range to", "input range",
                                       "Upper end of the x axis of the curve."));
        t.push_back(choiceParameter<S, ResetState>(
            "readout.reset", +[](S& s) -> ResetState& { return s.readout.reset; }, {"easy+", "easy-", "previous"},
            Advanced, "Reset before each reading", "reset between readings",
            "Where each reading starts: at rest in the +u_k or -u_k well, or from the previous reading (a sweep up and down: two branches where the device is bistable)."));
        t.push_back(numberParameter<S>(
            "readout.input_rise_ns", MTJ_MEMBER(S, readout.inputRiseNanoseconds), "ns", closedRange(0.0, 1e4),
            {0, 1000, 0.5, 1, true}, Protocol, "Input rise time", "input rise time",
            "How the input reaches x, starting from the junction at rest at x = 0. 0 ns: a step, as a pulse generator applies it; the magnetisation overshoots and rings (at α = 0.01 for nanoseconds) and can ring over a saddle into the other well. A ramp of several ns, as a source meter's sweep: the junction follows its stable state quasi-statically. Then it settles and the output is averaged."));
        t.push_back(numberParameter<S>(
            "derivative.step", MTJ_MEMBER(S, derivative.step), "x", positiveUpTo(10.0), {0.001, 2, 0.001, 3, true},
            Derivative, "Step δ", "finite-difference step",
            "The two extra readings are taken at x ± δ. Small δ: read noise dominates (σ/(√2 δ)); large δ: the curvature biases the estimate (δ² f'''/6)."));
        t.push_back(numberParameter<S>("derivative.read_noise", MTJ_MEMBER(S, derivative.readNoise), "",
                                       closedRange(0.0, 10.0), {0, 0.5, 0.001, 3, true}, Derivative, "Read noise σ",
                                       "read noise", "Standard deviation of every reading, in activation units."));
        t.push_back(choiceParameter<S, DerivativeScheme>(
            "derivative.scheme", +[](S& s) -> DerivativeScheme& { return s.derivative.scheme; },
            {"central", "forward", "lockin"}, Derivative, "Scheme", "derivative scheme",
            "central: [y(x+δ) - y(x-δ)]/2δ; forward: [y(x+δ) - y(x)]/δ; lock-in: first harmonic of y(x + δ sin ωt), 16 samples per period."));
        return t;
    }();
    return table;
}

Status validate(const NeuronSettings& s) {
    if (Status known = checkDeviceModelKind(s.model); !known) return known;
    if (Status rows = checkParameters(neuronParameterTable(), s); !rows) return rows;
    const DriveSettings& d = s.drive;
    if (!(d.inputMaximum > d.inputMinimum)) {
        return Status::error("drive.x_max = " + formatNumber(d.inputMaximum) +
                             ": must be greater than drive.x_min = " + formatNumber(d.inputMinimum));
    }
    if (s.readout.gainPerVolt == 0.0) {
        return Status::error("readout.gain_per_V = 0: the activation would be identically zero");
    }
    return Status::ok();
}

NeuronModel NeuronModel::fromSettings(const NeuronSettings& s) {
    using namespace units;
    NeuronModel n;
    n.device = JunctionCoefficients::fromParameters(s.device);
    n.input = s.drive.input;
    n.externalField = unitFromAngles(s.drive.fieldThetaDegrees * pi / 180.0, s.drive.fieldPhiDegrees * pi / 180.0) *
                      amperePerMeterFromMilliTesla(s.drive.fieldMilliTesla);
    n.inputFieldPerUnit = normalized(s.drive.inputAxis) * amperePerMeterFromMilliTesla(s.drive.inputScale);
    n.biasCurrentAmpere = s.drive.biasCurrentMicroampere * microampere;
    n.inputCurrentPerUnit = s.drive.inputScale * microampere;
    n.rfAngularFrequency = 2.0 * pi * s.drive.rfFrequencyGigahertz * gigahertz;
    n.referenceOhm = s.readout.referenceAuto
                         ? 0.5 * (n.device.parallelResistanceOhm + antiparallelResistanceOhm(n.device))
                         : s.readout.referenceOhm;
    n.gainPerVolt = s.readout.gainPerVolt;
    n.outputOffset = s.readout.outputOffset;
    n.settleSeconds = s.readout.settleNanoseconds * nanosecond;
    n.averageSeconds = s.readout.averageNanoseconds * nanosecond;
    n.inputRiseSeconds = s.readout.inputRiseNanoseconds * nanosecond;
    n.reset = s.readout.reset;
    n.resetState = n.resetDirection();
    const FixedPoint rest = relaxToFixedPoint(n.device, n.dcDrive(0.0), n.resetDirection());
    if (rest.converged && rest.stable) n.resetState = rest.magnetization;
    return n;
}

Drive NeuronModel::dcDrive(double x) const {
    Drive d;
    d.appliedField = externalField;
    d.currentAmpere = biasCurrentAmpere;
    if (input == InputChannel::Field) {
        d.appliedField += inputFieldPerUnit * x;
    } else if (input == InputChannel::Current) {
        d.currentAmpere += inputCurrentPerUnit * x;
    }
    return d;
}

double NeuronModel::rfAmplitude(double x) const {
    return input == InputChannel::Radiofrequency ? std::max(0.0, x * inputCurrentPerUnit) : 0.0;
}

Vec3 NeuronModel::resetDirection() const { return reset == ResetState::EasyMinus ? -device.easyAxis : device.easyAxis; }

}  // namespace mtj
