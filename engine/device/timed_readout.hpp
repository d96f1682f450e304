// Time-integrated readings of one neuron (physics.md section 3, reading protocol): for rf input, for T > 0 and
// wherever a DC drive has no stable fixed point. Each job is one reading: it starts from its own magnetisation,
// settles for settle_ns, then averages the bridge output V_out = V_junction(t) - I_dc R_ref over average_ns,
// where V_junction(t) = I(t) R(theta(t), V_junction(t)) is tracked by Newton steps from the previous sample.
//
// The jobs are lanes of one structure-of-arrays batch (the RK4 / Heun kernels of integrators.hpp, compiled for the
// device's axis kinds), split across the cores. For rf input the step divides the rf period exactly and the
// average spans whole periods, so the rectified output <I R> - I_bias R_ref carries no partial-period residue.
// At T = 0 the steps are RK4 of at most 0.5 ps (1 ps with rf drive, which stays near the Kittel mode); at T > 0 stochastic Heun of at most 0.25 ps, each lane with its
// own seeded noise stream (lane i: GaussianRandom(seed, i)), so results do not depend on the thread count.
//
// Called from any one thread; uses worker threads internally; polls `cancel` between blocks of steps.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"

namespace mtj {

struct TimedReadingJob {
    double x = 0.0;
    Vec3 start{1.0, 0.0, 0.0};
};

struct TimedReading {
    double outputVolts = 0.0;   // time-averaged V_out
    Vec3 finalMagnetization;
    Vec3 meanMagnetization;
    double rmsDeviation = 0.0;  // sqrt(<|m - <m>|^2>) over the averaging window
};

struct TimedReadoutSettings {
    double maximumStepDeterministic = 5e-13;  // s, RK4 at T = 0 (DC drive)
    double maximumStepRadiofrequency = 1e-12; // s, RK4 at T = 0 with rf drive (at least 8 steps a period)
    double maximumStepThermal = 2.5e-13;      // s, stochastic Heun at T > 0
    std::uint64_t seed = 1;
    unsigned threads = 0;                     // 0 = all cores
};

/// Runs every job; on cancellation returns an error Status and leaves `readings` incomplete.
Status runTimedReadings(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs,
                        std::vector<TimedReading>& readings, const TimedReadoutSettings& settings = {},
                        const std::atomic<bool>* cancel = nullptr);

}  // namespace mtj
