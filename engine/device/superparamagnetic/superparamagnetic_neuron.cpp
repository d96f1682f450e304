// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/superparamagnetic/superparamagnetic_neuron.hpp"

#include <cmath>

#include "device/activation_curve.hpp"
#include "device/superparamagnetic/superparamagnetic.hpp"

namespace mtj {

SuperparamagneticNeuron::SuperparamagneticNeuron(NeuronSettings settings) : settings_(std::move(settings)) {
    settings_.model = kindName;
}

Status SuperparamagneticNeuron::validate() const { return validateSuperparamagnetic(settings_); }

ActivationCurve SuperparamagneticNeuron::readActivation(const std::vector<double>& inputs,
                                                        const CurveOptions& options) const {
    SuperparamagneticCurveOptions curveOptions;
    curveOptions.noiseSeed = options.noiseSeed;
    curveOptions.cancel = options.cancel;
    const SuperparamagneticCurve curve = computeSuperparamagneticCurve(settings_, inputs, curveOptions);
    ActivationCurve out;
    out.status = curve.status;
    out.readingsSampled = true;
    out.up.reserve(curve.points.size());
    for (const SuperparamagneticPoint& p : curve.points) {
        CurvePoint r;
        r.x = p.x;
        r.y = p.yMean;
        r.ySampled = p.ySampled;
        r.derivativeFiniteDifference = p.derivativeFiniteDifference;
        r.derivativeReference = p.derivativeExact;
        r.yStandardError = p.yReadingStandardDeviation;
        r.derivativeFiniteDifferenceStandardError = p.derivativeFiniteDifferenceStandardDeviation;
        r.state = ReadingState::Telegraph;
        out.up.push_back(r);
    }
    return out;
}

Status SuperparamagneticNeuron::buildLookupTable(int nodes, ActivationLookupTable& table,
                                                 const std::atomic<bool>* cancel) const {
    if (nodes < 2) return Status::error("lookup table: needs at least 2 nodes");
    const std::vector<double> xs =
        evenlySpacedInputs(settings_.drive.inputMinimum, settings_.drive.inputMaximum, nodes);
    // Without read noise the reading's standard deviation is the telegraph window's alone.
    NeuronSettings noiseless = settings_;
    noiseless.derivative.readNoise = 0.0;
    SuperparamagneticCurveOptions options;
    options.cancel = cancel;
    const SuperparamagneticCurve curve = computeSuperparamagneticCurve(noiseless, xs, options);
    if (!curve.status) return curve.status;
    std::vector<double> y(xs.size()), slope(xs.size()), noise(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const SuperparamagneticPoint& p = curve.points[i];
        y[i] = p.yMean;
        slope[i] = p.derivativeExact;
        noise[i] = p.yReadingStandardDeviation;
        if (!std::isfinite(y[i]) || !std::isfinite(slope[i]) || !std::isfinite(noise[i])) {
            return Status::error("lookup table: non-finite reading at x = " + std::to_string(xs[i]));
        }
    }
    table = ActivationLookupTable(settings_.drive.inputMinimum, settings_.drive.inputMaximum, std::move(y),
                                  std::move(slope));
    table.setReadingNoise(std::move(noise));
    return Status::ok();
}

std::unique_ptr<DeviceModel> SuperparamagneticNeuron::sample(const VariabilitySettings& variability,
                                                             std::size_t index) const {
    return std::make_unique<SuperparamagneticNeuron>(sampleSuperparamagneticNeuron(settings_, variability, index));
}

Status SuperparamagneticNeuron::trajectory(double x, int, std::uint64_t seed, Trajectory& out,
                                           const std::atomic<bool>*) const {
    return sampleSuperparamagneticTrajectory(settings_, x, seed, out);
}

std::vector<const NeuronParameter*> SuperparamagneticNeuron::parameters() const {
    // Meff_T enters only as Hk_eff = Hk - Meff with u_k along z; rf input, reset and input_rise_ns do not apply.
    return neuronParametersKeyed(
        {"drive.input",           "drive.bias_current_uA", "drive.field_mT",          "drive.field_theta_deg",
         "drive.field_phi_deg",   "drive.input_scale",     "drive.input_axis",        "drive.x_min",
         "drive.x_max",           "device.diameter_nm",    "device.thickness_nm",     "device.Ms_kA_per_m",
         "device.alpha",          "device.Hk_mT",          "device.easy_axis",        "device.Meff_T",
         "device.reference_axis", "device.polarization",   "device.field_like_ratio", "device.RA_ohm_um2",
         "device.tmr_percent",    "device.Vh_V",           "device.offset_field_mT",  "device.temperature_K",
         "readout.reference_ohm", "readout.gain_per_V",    "readout.output_offset",   "readout.average_ns",
         "derivative.scheme",     "derivative.step",       "derivative.read_noise"});
}

}  // namespace mtj
