// SPDX-License-Identifier: GPL-3.0-or-later
#include "tanh_test_model.hpp"

#include <cmath>
#include <random>

namespace mtj::testing {

TanhTestModel::TanhTestModel(NeuronSettings settings, double gain) : settings_(std::move(settings)), gain_(gain) {}

Status TanhTestModel::validate() const {
    if (!(settings_.drive.inputMinimum < settings_.drive.inputMaximum))
        return Status::error("drive.x_min must be below drive.x_max");
    if (!(settings_.derivative.step > 0.0)) return Status::error("derivative.step must be positive");
    if (!(gain_ > 0.0) || !std::isfinite(gain_)) return Status::error("test-tanh: the gain must be positive");
    return Status::ok();
}

ActivationCurve TanhTestModel::readActivation(const std::vector<double>& inputs, const CurveOptions& options) const {
    ActivationCurve curve;
    const FiniteDifferenceStencil stencil =
        finiteDifferenceStencil(settings_.derivative.scheme, settings_.derivative.step);
    std::mt19937_64 noise(options.noiseSeed);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (const double x : inputs) {
        if (options.cancel != nullptr && options.cancel->load()) {
            curve.status = Status::error("cancelled");
            return curve;
        }
        CurvePoint p;
        p.x = x;
        p.y = p.ySampled = std::tanh(gain_ * x);
        p.derivativeReference = gain_ * (1.0 - p.y * p.y);
        p.magnetization = Vec3{std::sqrt(std::max(0.0, 1.0 - p.y * p.y)), p.y, 0.0};
        if (options.withDerivatives) {
            for (std::size_t k = 0; k < stencil.offsets.size(); ++k) {
                const double reading =
                    std::tanh(gain_ * (x + stencil.offsets[k])) + settings_.derivative.readNoise * normal(noise);
                p.derivativeFiniteDifference += stencil.weights[k] * reading;
            }
            p.derivativeFiniteDifferenceStandardError = settings_.derivative.readNoise * stencil.noiseGain();
        }
        curve.up.push_back(p);
    }
    return curve;
}

Status TanhTestModel::buildLookupTable(int nodes, ActivationLookupTable& table, const std::atomic<bool>*) const {
    if (nodes < 2) return Status::error("lookup table: needs at least 2 nodes");
    const std::vector<double> xs =
        evenlySpacedInputs(settings_.drive.inputMinimum, settings_.drive.inputMaximum, nodes);
    std::vector<double> y, slope;
    for (const double x : xs) {
        y.push_back(std::tanh(gain_ * x));
        slope.push_back(gain_ * (1.0 - y.back() * y.back()));
    }
    table = ActivationLookupTable(xs.front(), xs.back(), std::move(y), std::move(slope));
    return Status::ok();
}

std::unique_ptr<DeviceModel> TanhTestModel::sample(const VariabilitySettings& variability, std::size_t index) const {
    std::mt19937_64 stream(variability.seed * 0x9E3779B97F4A7C15ull + index);
    const double z = std::normal_distribution<double>(0.0, 1.0)(stream);
    return std::make_unique<TanhTestModel>(settings_, gain_ * std::max(0.05, 1.0 + variability.relativeSigma * z));
}

Status TanhTestModel::trajectory(double x, int samples, std::uint64_t, Trajectory& out,
                                 const std::atomic<bool>*) const {
    // A relaxation from the reset state (+x) to the reading's direction, 1 ns long, with a 0.2 ns time constant.
    out = Trajectory{};
    out.x = x;
    const double y = std::tanh(gain_ * x);
    const Vec3 end{std::sqrt(std::max(0.0, 1.0 - y * y)), y, 0.0};
    const int count = std::max(2, samples);
    for (int i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) / (count - 1);
        const double w = 1.0 - std::exp(-t / 0.2);
        const Vec3 m{(1.0 - w) + w * end.x, w * end.y, 0.0};
        const double norm = std::sqrt(m.x * m.x + m.y * m.y);
        out.timeNanoseconds.push_back(t);
        out.magnetization.push_back(Vec3{m.x / norm, m.y / norm, 0.0});
        out.drive.push_back(Drive{});
    }
    return Status::ok();
}

std::vector<const NeuronParameter*> TanhTestModel::parameters() const {
    return neuronParametersKeyed(
        {"drive.x_min", "drive.x_max", "derivative.scheme", "derivative.step", "derivative.read_noise"});
}

namespace {
std::unique_ptr<DeviceModel> makeTanhTestModel(const NeuronSettings& settings) {
    return std::make_unique<TanhTestModel>(settings);
}
}  // namespace

Status registerTanhTestModel() { return registerDeviceModel(TanhTestModel::kindName, &makeTanhTestModel); }

}  // namespace mtj::testing
