// The time trace m(t) of one reading: the free layer from the reset state under the drive of input x, over the
// settle and averaging windows (physics.md section 3), for the trajectory chart of the device explorer.
// RK4 at T = 0 (the rf current sampled at every stage), stochastic Heun at T > 0 (seeded), at most 0.5 ps a step;
// `samples` evenly spaced points are kept. Any one thread; polls `cancel`.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"

namespace mtj {

struct Trajectory {
    double x = 0.0;
    std::vector<double> timeNanoseconds;
    std::vector<Vec3> magnetization;
    std::vector<Drive> drive;  // the drive at each sample time (rf current included), for the torques of each sample
    /// A two-state (telegraph) trace of a superparamagnetic junction: m along +-u_k, a pair of samples at each switch
    /// (device/superparamagnetic/), not an integration of the LLGS equation.
    bool telegraph = false;
};

Status computeTrajectory(const NeuronSettings& settings, double x, int samples, Trajectory& trajectory,
                         std::uint64_t seed = 1, const std::atomic<bool>* cancel = nullptr);

}  // namespace mtj
