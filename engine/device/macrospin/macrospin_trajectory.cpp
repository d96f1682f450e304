// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/macrospin_reading.hpp"
#include "common/random_streams.hpp"

#include <algorithm>
#include <cmath>

#include "device/macrospin/integrators.hpp"

namespace mtj {

Status macrospin::computeTrajectory(const NeuronSettings& settings, double x, int samples, Trajectory& trajectory,
                                    std::uint64_t seed, const std::atomic<bool>* cancel) {
    if (Status s = validate(settings); !s) return s;
    if (samples < 2 || !std::isfinite(x)) return Status::error("trajectory: needs at least 2 samples and a finite x");
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const JunctionCoefficients& model = neuron.device;
    // The reading protocol: the input goes from x = 0 to x (a step, or a ramp over input_rise_ns), then the
    // junction settles and the output is averaged.
    const double rise = neuron.inputRiseSeconds;
    const double duration = rise + neuron.settleSeconds + neuron.averageSeconds;
    const long steps = std::max<long>(samples, static_cast<long>(std::ceil(duration / 5e-13)));
    const double dt = duration / static_cast<double>(steps);
    const double omega = neuron.rfAngularFrequency;
    auto driveAt = [&](double t) {
        const double input = rise > 0.0 && t < rise ? x * t / rise : x;
        Drive d = neuron.dcDrive(input);
        const double amplitude = neuron.rfAmplitude(input);
        if (amplitude != 0.0) d.currentAmpere += amplitude * std::sin(omega * t);
        return d;
    };
    const bool thermal = model.temperatureKelvin > 0.0;
    const double sigma = model.thermalFieldSigma(dt);
    GaussianRandom random(seed, random_streams::trajectoryThermalField);
    Vec3 m = neuron.reset == ResetState::Previous ? neuron.resetDirection() : neuron.resetState;
    Trajectory out;
    out.x = x;
    const long every = std::max<long>(1, steps / (samples - 1));
    out.timeNanoseconds.push_back(0.0);
    out.magnetization.push_back(m);
    out.drive.push_back(driveAt(0.0));
    for (long s = 1; s <= steps; ++s) {
        if (s % 4096 == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed))
            return Status::error("cancelled");
        const double t = static_cast<double>(s - 1) * dt;
        m = thermal ? heunStep(model, m, t, dt, driveAt, drawThermalField(random, sigma))
                    : rk4Step(model, m, t, dt, driveAt);
        if (s % every == 0 || s == steps) {
            out.timeNanoseconds.push_back(static_cast<double>(s) * dt * 1e9);
            out.magnetization.push_back(m);
            out.drive.push_back(driveAt(static_cast<double>(s) * dt));
        }
    }
    trajectory = std::move(out);
    return Status::ok();
}

}  // namespace mtj
