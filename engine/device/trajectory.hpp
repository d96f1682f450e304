// SPDX-License-Identifier: GPL-3.0-or-later
// The time trace of one reading (DeviceModel::trajectory), for the trajectory chart of the device explorer: m(t) of the
// macrospin (device/macrospin/macrospin_reading.hpp, computeTrajectory) or the telegraph trace of a
// superparamagnetic junction. Plain values.
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

}  // namespace mtj
