#include "device/neuron_settings.hpp"

#include <cmath>

#include "common/format.hpp"

#include "device/fixed_point.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

Status checkRange(const char* key, double value, double lo, double hi, const char* unit) {
    if (!std::isfinite(value)) {
        return Status::error(std::string(key) + " = " + formatNumber(value) + ": must be a finite number");
    }
    if (value < lo || value > hi) {
        return Status::error(std::string(key) + " = " + formatNumber(value) + ": must be in [" + formatNumber(lo) +
                             ", " + formatNumber(hi) + "]" + (unit[0] ? std::string(" ") + unit : std::string()));
    }
    return Status::ok();
}

Status checkPositive(const char* key, double value, double hi, const char* unit) {
    if (!std::isfinite(value) || value <= 0.0 || value > hi) {
        return Status::error(std::string(key) + " = " + formatNumber(value) + ": must be in (0, " +
                             formatNumber(hi) + "]" + (unit[0] ? std::string(" ") + unit : std::string()));
    }
    return Status::ok();
}

}  // namespace

const char* toString(InputChannel channel) {
    switch (channel) {
        case InputChannel::Field: return "field";
        case InputChannel::Current: return "current";
        case InputChannel::Radiofrequency: return "rf";
    }
    return "field";
}
const char* toString(ResetState reset) {
    switch (reset) {
        case ResetState::EasyPlus: return "easy+";
        case ResetState::EasyMinus: return "easy-";
        case ResetState::Previous: return "previous";
    }
    return "easy+";
}
const char* toString(DerivativeScheme scheme) {
    switch (scheme) {
        case DerivativeScheme::Central: return "central";
        case DerivativeScheme::Forward: return "forward";
        case DerivativeScheme::LockIn: return "lockin";
    }
    return "central";
}
const char* toString(ReadingState state) {
    switch (state) {
        case ReadingState::Static: return "static";
        case ReadingState::Precessing: return "precessing";
        case ReadingState::Switched: return "switched";
    }
    return "static";
}
bool parseInputChannel(const std::string& text, InputChannel& out) {
    if (text == "field") out = InputChannel::Field;
    else if (text == "current") out = InputChannel::Current;
    else if (text == "rf") out = InputChannel::Radiofrequency;
    else return false;
    return true;
}
bool parseResetState(const std::string& text, ResetState& out) {
    if (text == "easy+") out = ResetState::EasyPlus;
    else if (text == "easy-") out = ResetState::EasyMinus;
    else if (text == "previous") out = ResetState::Previous;
    else return false;
    return true;
}
bool parseDerivativeScheme(const std::string& text, DerivativeScheme& out) {
    if (text == "central") out = DerivativeScheme::Central;
    else if (text == "forward") out = DerivativeScheme::Forward;
    else if (text == "lockin") out = DerivativeScheme::LockIn;
    else return false;
    return true;
}

Status validate(const NeuronSettings& s) {
    if (s.model != macrospinModelKind && s.model != superparamagneticModelKind) {
        return Status::error("device.model = '" + s.model + "': must be one of \"macrospin\", \"superparamagnetic\"");
    }
    if (Status device = validate(s.device); !device) return device;
    const DriveSettings& d = s.drive;
    const Status checks[] = {
        checkRange("drive.input_scale", d.inputScale, -1e5, 1e5, d.input == InputChannel::Field ? "mT" : "uA"),
        checkRange("drive.bias_current_uA", d.biasCurrentMicroampere, -1e5, 1e5, "uA"),
        checkRange("drive.field_mT", d.fieldMilliTesla, 0.0, 1e4, "mT"),
        checkRange("drive.field_theta_deg", d.fieldThetaDegrees, -360.0, 360.0, "deg"),
        checkRange("drive.field_phi_deg", d.fieldPhiDegrees, -360.0, 360.0, "deg"),
        checkPositive("drive.rf_frequency_GHz", d.rfFrequencyGigahertz, 1000.0, "GHz"),
        checkRange("drive.x_min", d.inputMinimum, -1e3, 1e3, ""),
        checkRange("drive.x_max", d.inputMaximum, -1e3, 1e3, ""),
        checkRange("readout.gain_per_V", s.readout.gainPerVolt, -1e6, 1e6, "1/V"),
        checkPositive("readout.settle_ns", s.readout.settleNanoseconds, 1e4, "ns"),
        checkPositive("readout.average_ns", s.readout.averageNanoseconds, 1e4, "ns"),
        checkRange("readout.input_rise_ns", s.readout.inputRiseNanoseconds, 0.0, 1e4, "ns"),
        checkPositive("derivative.step", s.derivative.step, 10.0, ""),
        checkRange("derivative.read_noise", s.derivative.readNoise, 0.0, 10.0, ""),
    };
    for (const Status& c : checks) {
        if (!c) return c;
    }
    if (!isFinite(d.inputAxis) || norm(d.inputAxis) < 1e-9) {
        return Status::error("drive.input_axis: must be a non-zero direction vector of finite numbers");
    }
    if (!(d.inputMaximum > d.inputMinimum)) {
        return Status::error("drive.x_max = " + formatNumber(d.inputMaximum) + ": must be greater than drive.x_min = " +
                             formatNumber(d.inputMinimum));
    }
    if (!s.readout.referenceAuto) {
        if (Status r = checkPositive("readout.reference_ohm", s.readout.referenceOhm, 1e9, "Ohm"); !r) return r;
    }
    if (s.readout.gainPerVolt == 0.0) {
        return Status::error("readout.gain_per_V = 0: the activation would be identically zero");
    }
    return Status::ok();
}

NeuronModel NeuronModel::fromSettings(const NeuronSettings& s) {
    using namespace units;
    NeuronModel n;
    n.device = MacrospinModel::fromParameters(s.device);
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

Vec3 NeuronModel::resetDirection() const {
    return reset == ResetState::EasyMinus ? -device.easyAxis : device.easyAxis;
}

}  // namespace mtj
