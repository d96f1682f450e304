// SPDX-License-Identifier: GPL-3.0-or-later
// Time-integrated readings of one neuron (docs/physics.md section 3, reading protocol): for rf input, for T > 0 and
// wherever the fast path cannot certify where a DC reading ends. Each job is one reading: it starts from its own
// magnetisation at rest under the drive at x_from, the input goes from x_from to x (a step when input_rise_ns is 0,
// else a linear ramp over input_rise_ns), the junction settles for settle_ns, then the reading averages the bridge output V_out = V_junction(t) - I_dc R_ref over average_ns,
// where V_junction(t) = I(t) R(theta(t), V_junction(t)) is tracked by Newton steps from the previous sample.
//
// The jobs are lanes of one structure-of-arrays batch (the RK4 / Heun kernels of integrators.hpp, compiled for the
// device's axis kinds), split across the cores. For rf input the step divides the rf period exactly and the
// average spans whole periods, so the rectified output <I R> - I_bias R_ref carries no partial-period residue.
// At T = 0 the steps are RK4 of at most 0.5 ps (1 ps with rf drive, which stays near the Kittel mode); at T > 0 stochastic Heun of at most 0.5 ps, each lane with its
// own noise stream (physics/lane_normals.hpp, vectorised), keyed by the seed and a hash of the reading (its x, its
// x_from and its start), so a reading's numbers do not depend on the thread count, the batch or the drawing pass.
//
// Early rest (T = 0, DC drive, TimedReadoutSettings::stopAtRest): after the ramp, every restCheckSteps each lane
// still moving is checked against the basin certificate (device/basin_certificate.hpp): once its trajectory is
// certain to converge to a stable fixed point, with its ring-down below restRadius by the averaging window, the
// lane stops and the reading is the static output at that fixed point. Stopped lanes leave the batch, so a
// chunk integrates only its moving lanes.
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
    Vec3 start{1.0, 0.0, 0.0};  // at rest under the drive at xFrom
    double xFrom = 0.0;         // the input before the reading: the ramp (or step) goes from xFrom to x
};

struct TimedReading {
    double outputVolts = 0.0;  // time-averaged V_out
    Vec3 finalMagnetization;
    Vec3 meanMagnetization;
    double rmsDeviation = 0.0;  // sqrt(<|m - <m>|^2>) over the averaging window
    /// Turns m circulated about its mean over the averaging window: |sum of m_k x m_k+1| / (2 pi rmsDeviation^2).
    /// A cone orbit of n turns gives n (each turn sweeps twice its projected area pi sin^2 theta, and
    /// rmsDeviation = sin theta); thermal hopping between wells circulates little about the mean between them.
    double circulationTurns = 0.0;
    bool atRest = false;  // stopped early at a certified stable fixed point (finalMagnetization)
    /// Standard error of outputVolts at T > 0 by batch means: the averaging window in five consecutive parts,
    /// stderr = sd(part means) / sqrt(5) (correlated samples are not counted as independent, as the naive
    /// sqrt(var / N) would). 0 for deterministic readings.
    double outputStandardErrorVolts = 0.0;
};

struct TimedReadoutSettings {
    double maximumStepDeterministic = 5e-13;   // s, RK4 at T = 0 (DC drive)
    double maximumStepRadiofrequency = 1e-12;  // s, RK4 at T = 0 with rf drive (at least 8 steps a period)
    double maximumStepThermal =
        5e-13;  // s, stochastic Heun at T > 0 (equipartition and dwell times checked against 0.25 ps)
    std::uint64_t seed = 1;
    unsigned threads = 0;    // 0 = all cores
    bool stopAtRest = true;  // T = 0, DC: stop a lane once certified at rest (see above)
    /// With stopAtRest (the fast path's integration) the RK4 step is adapted to the junction: dt = this angle /
    /// omega_max, omega_max = g (|H_ext + H_off| + |H_in(x)| + Hk + |Meff| + |aJ|) the fastest precession rate
    /// any reading of the batch can reach, within [maximumStepDeterministic, 4 maximumStepDeterministic]. RK4's
    /// local error per step is about (omega dt)^5 / 120 = 2e-5 rad at 0.3. Lanes that do not come to rest with
    /// the adapted step are integrated again at the reference step, so a precessing reading's average is the
    /// reference's. The reference (stopAtRest false) keeps the fixed 0.5 ps step. 0 disables the adaptation.
    double adaptedStepRadians = 0.3;
};

/// Orbit radius (radians) below which a ringing reading counts as at rest when the averaging window opens: three
/// times below the rms deviation (1e-3) that marks a time-integrated reading precessing, so the label is the full
/// integration's; the average differs from the fixed point's output by the window average of the remaining
/// ringing, about 3e-4 x (period / window) of the output's sensitivity, below 1e-4 of the span.
inline constexpr double restRadius = 3e-4;

/// Runs every job; on cancellation returns an error Status and leaves `readings` incomplete.
Status runTimedReadings(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs,
                        std::vector<TimedReading>& readings, const TimedReadoutSettings& settings = {},
                        const std::atomic<bool>* cancel = nullptr);

}  // namespace mtj
