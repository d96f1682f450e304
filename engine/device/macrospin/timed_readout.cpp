// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/timed_readout.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>
#include <cstdlib>

#include <Eigen/Eigenvalues>

#include "common/parallel.hpp"
#include "device/macrospin/basin_certificate.hpp"
#include "device/fixed_point.hpp"
#include "device/macrospin/lane_normals.hpp"
#include "device/macrospin/integrators.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

constexpr std::size_t laneChunk = 32;
constexpr long cancelPollSteps = 2048;
constexpr double restCheckSeconds = 1e-10;  // how often moving lanes are checked for rest
constexpr double restCandidateDisplacement = 5e-2;
constexpr double equilibriumNudge =
    1e-6;  // radians: how far a lane on an unstable equilibrium is moved off it  // |m displacement| between two rest checks: try Newton

struct StepPlan {
    double dt = 0.0;
    long rampSteps = 0;    // the input ramp from x_from to x (0 for a step)
    long settleSteps = 0;  // settling ends at rampSteps + settleSteps
    long averageSteps = 0;
    bool adaptedStep = false;          // dt adapted to the junction (TimedReadoutSettings::adaptedStepRadians)
    long stepsPerPeriod = 0;           // rf: the step divides the period exactly
    std::vector<double> halfStepSine;  // rf: sin(omega k dt / 2), k = 0 .. 2 stepsPerPeriod - 1
};

/// The fastest precession rate (rad/s) any job's drive can reach: g times the largest field-like magnitude.
double fastestPrecessionRate(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs) {
    const JunctionCoefficients& model = neuron.device;
    double largestInput = 0.0;
    for (const TimedReadingJob& job : jobs)
        largestInput = std::max({largestInput, std::abs(job.x), std::abs(job.xFrom)});
    const Drive atZero = neuron.dcDrive(0.0);
    const double field = norm(atZero.appliedField + model.offsetField) +
                         (neuron.input == InputChannel::Field ? norm(neuron.inputFieldPerUnit) * largestInput : 0.0);
    const double current =
        std::abs(atZero.currentAmpere) +
        (neuron.input == InputChannel::Current ? std::abs(neuron.inputCurrentPerUnit) * largestInput : 0.0);
    // aJ <= sttFieldPerAmpere |I| max(eta) with eta(c) = P / (1 + P^2 c) at most P / (1 - P^2).
    const double p = model.polarization;
    const double spinTorque =
        std::abs(model.sttFieldPerAmpere) * current / std::max(1e-3, 1.0 - p * p) * (1.0 + model.fieldLikeRatio);
    return model.reducedGyromagneticRatio *
           (field + std::abs(model.anisotropyField) + std::abs(model.effectiveDemagField) + spinTorque);
}

StepPlan planSteps(const NeuronModel& neuron, bool thermal, const TimedReadoutSettings& settings,
                   const std::vector<TimedReadingJob>& jobs) {
    StepPlan plan;
    double maximumStep = thermal ? settings.maximumStepThermal : settings.maximumStepDeterministic;
    if (!thermal && settings.stopAtRest && settings.adaptedStepRadians > 0.0 &&
        neuron.input != InputChannel::Radiofrequency) {
        const double omega = fastestPrecessionRate(neuron, jobs);
        if (omega > 0.0 && std::isfinite(omega)) {
            maximumStep = std::clamp(settings.adaptedStepRadians / omega, settings.maximumStepDeterministic,
                                     4.0 * settings.maximumStepDeterministic);
            plan.adaptedStep = maximumStep > settings.maximumStepDeterministic;
        }
    }
    if (neuron.input == InputChannel::Radiofrequency) {
        if (!thermal) maximumStep = settings.maximumStepRadiofrequency;
        const double period = 2.0 * units::pi / neuron.rfAngularFrequency;
        const long stepsPerPeriod = std::max<long>(8, static_cast<long>(std::ceil(period / maximumStep)));
        plan.dt = period / static_cast<double>(stepsPerPeriod);
        plan.stepsPerPeriod = stepsPerPeriod;
        plan.halfStepSine.resize(2 * stepsPerPeriod);
        for (long k = 0; k < 2 * stepsPerPeriod; ++k) {
            plan.halfStepSine[k] = std::sin(units::pi * static_cast<double>(k) / static_cast<double>(stepsPerPeriod));
        }
        const long periods = std::max<long>(1, std::lround(neuron.averageSeconds / period));
        plan.averageSteps = periods * stepsPerPeriod;
    } else {
        plan.dt = maximumStep;
        plan.averageSteps = std::max<long>(1, std::lround(neuron.averageSeconds / plan.dt));
    }
    plan.rampSteps = static_cast<long>(std::ceil(neuron.inputRiseSeconds / plan.dt - 1e-9));
    plan.settleSteps = static_cast<long>(std::ceil(neuron.settleSeconds / plan.dt - 1e-9));
    return plan;
}

/// The identity of a reading: a hash of its input, its previous input and its start state. Its thermal noise
/// stream is LaneNormals (seed, identity), so a reading draws the same noise whatever batch, thread or drawing pass
/// it is computed in.
std::uint64_t readingIdentity(const TimedReadingJob& job) {
    auto bits = [](double v) {
        std::uint64_t b = 0;
        std::memcpy(&b, &v, sizeof b);
        return b;
    };
    std::uint64_t h = 0x243F6A8885A308D3ULL;
    for (double v : {job.x, job.xFrom, job.start.x, job.start.y, job.start.z}) {
        h ^= bits(v) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h;
}

/// The drive of a reading as a function of its input x: field and DC current are affine in x, the rf amplitude
/// is max(0, x) times its scale (NeuronModel::dcDrive and rfAmplitude, written out so that the lane loop vectorises).
struct DriveRates {
    Vec3 fieldAtZero;       // H_ext + H_off, A/m
    Vec3 fieldPerUnit;      // A/m per unit x (field input)
    double currentAtZero;   // I_bias, A
    double currentPerUnit;  // A per unit x (current input)
    double rfPerUnit;       // A per unit x (rf input)

    explicit DriveRates(const NeuronModel& neuron)
        : fieldAtZero(neuron.dcDrive(0.0).appliedField + neuron.device.offsetField),
          fieldPerUnit(neuron.input == InputChannel::Field ? neuron.inputFieldPerUnit : Vec3{}),
          currentAtZero(neuron.biasCurrentAmpere),
          currentPerUnit(neuron.input == InputChannel::Current ? neuron.inputCurrentPerUnit : 0.0),
          rfPerUnit(neuron.input == InputChannel::Radiofrequency ? neuron.inputCurrentPerUnit : 0.0) {}
};

/// The lanes of one chunk in structure-of-arrays form. A lane that comes to rest is swapped with the last moving
/// lane (job[] keeps track), so the step loops run over the moving lanes only.
struct LaneBlock {
    alignas(64) double mx[laneChunk], my[laneChunk], mz[laneChunk];
    alignas(64) double xFrom[laneChunk], xTo[laneChunk];
    alignas(64) double voltage[laneChunk];
    alignas(64) double sumV[laneChunk], sumX[laneChunk], sumY[laneChunk], sumZ[laneChunk], sumSquares[laneChunk];
    alignas(64) double batchV[5][laneChunk];  // sums of V over five consecutive parts of the window (batch means)
    alignas(64) double checkX[laneChunk], checkY[laneChunk], checkZ[laneChunk];
    alignas(64) double previousX[laneChunk], previousY[laneChunk], previousZ[laneChunk];  // m one step ago
    alignas(64) double turnX[laneChunk], turnY[laneChunk], turnZ[laneChunk];              // sum of m_k x m_k+1
    std::size_t job[laneChunk];
    bool nearRest[laneChunk];
    LinearNeighbourhood neighbourhood[laneChunk];
    LaneNormals<laneChunk> noise;  // the Brown field's random numbers, one stream per reading

    void swapLanes(std::size_t a, std::size_t b) {
        for (double* array : {mx,     my,         mz,        xFrom,     xTo,       voltage,   sumV,      sumX,   sumY,
                              sumZ,   sumSquares, batchV[0], batchV[1], batchV[2], batchV[3], batchV[4], checkX, checkY,
                              checkZ, previousX,  previousY, previousZ, turnX,     turnY,     turnZ}) {
            std::swap(array[a], array[b]);
        }
        std::swap(job[a], job[b]);
        std::swap(nearRest[a], nearRest[b]);
        std::swap(neighbourhood[a], neighbourhood[b]);
        noise.swapLanes(a, b);
    }
};

template <bool Thermal, int U, int P>
bool runLanes(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs, std::vector<TimedReading>& out,
              const StepPlan& plan, const TimedReadoutSettings& settings, const std::atomic<bool>* cancel) {
    const JunctionCoefficients& model = neuron.device;
    const std::size_t lanes = jobs.size();
    // Full chunks for big batches; for a few lanes, small chunks so that every core gets some.
    const std::size_t workers = settings.threads == 0 ? hardwareThreads() : settings.threads;
    const std::size_t lanesPerChunk =
        std::clamp<std::size_t>((lanes + workers - 1) / workers, std::size_t{1}, laneChunk);
    const std::size_t chunks = (lanes + lanesPerChunk - 1) / lanesPerChunk;
    const bool radiofrequency = neuron.input == InputChannel::Radiofrequency;
    const double parallelConductance = 1.0 / model.parallelResistanceOhm;
    const double thermalSigma = Thermal ? model.thermalFieldSigma(plan.dt) : 0.0;
    const DriveRates rates(neuron);
    std::atomic<bool> cancelled{false};

    parallelFor(chunks, settings.threads, 1, [&](std::size_t chunkBegin, std::size_t chunkEnd) {
        LaneBlock block;
        for (std::size_t chunk = chunkBegin; chunk < chunkEnd && !cancelled.load(); ++chunk) {
            const std::size_t begin = chunk * lanesPerChunk;
            std::size_t count = std::min(lanesPerChunk, lanes - begin);
            alignas(64) double thermalX[laneChunk], thermalY[laneChunk], thermalZ[laneChunk];
            for (std::size_t i = 0; i < count; ++i) {
                const TimedReadingJob& job = jobs[begin + i];
                const Vec3 m = normalized(job.start);
                block.mx[i] = m.x;
                block.my[i] = m.y;
                block.mz[i] = m.z;
                block.xFrom[i] = job.xFrom;
                block.xTo[i] = job.x;
                block.voltage[i] = 0.0;
                block.sumV[i] = block.sumX[i] = block.sumY[i] = block.sumZ[i] = block.sumSquares[i] = 0.0;
                block.turnX[i] = block.turnY[i] = block.turnZ[i] = 0.0;
                block.previousX[i] = m.x;
                block.previousY[i] = m.y;
                block.previousZ[i] = m.z;
                for (auto& batch : block.batchV) batch[i] = 0.0;
                block.checkX[i] = m.x;
                block.checkY[i] = m.y;
                block.checkZ[i] = m.z;
                block.job[i] = begin + i;
                block.nearRest[i] = false;
                if constexpr (Thermal) block.noise.seedLane(i, settings.seed, readingIdentity(job));
            }
            block.noise.restart();
            const LlgsCoefficients shared = llgsCoefficients(model, Drive{});
            const double sttPerAmpere = model.sttFieldPerAmpere;
            const double anisotropy = shared.anisotropyField, demag = shared.effectiveDemagField;
            const double damping = shared.damping, gyromagnetic = shared.reducedGyromagneticRatio;
            const double polarization = shared.polarization, fieldLike = shared.fieldLikeRatio;
            const Vec3 easyAxis = shared.easyAxis, referenceAxis = shared.referenceAxis;
            const long averageStart = plan.rampSteps + plan.settleSteps;
            const long totalSteps = averageStart + plan.averageSteps;
            const bool mayStopEarly = settings.stopAtRest && !Thermal && !radiofrequency;
            const double rampSteps = static_cast<double>(std::max<long>(plan.rampSteps, 1));
            const long restCheckSteps = std::max<long>(16, std::lround(restCheckSeconds / plan.dt));

            // A lane certified at rest: the reading is the static output at its fixed point.
            auto finishAtRest = [&](std::size_t i, const Vec3& fixedPoint) {
                TimedReading& r = out[block.job[i]];
                r.finalMagnetization = r.meanMagnetization = fixedPoint;
                const double current = rates.currentAtZero + rates.currentPerUnit * block.xTo[i];
                const double cosine = dot(fixedPoint, model.referenceAxis);
                r.outputVolts =
                    solveJunctionVoltage(model, cosine, current).voltageVolts - current * neuron.referenceOhm;
                r.rmsDeviation = 0.0;
                r.atRest = true;
            };
            // At T = 0 a reading can sit exactly on an unstable equilibrium (a perfectly aligned junction ramped past
            // its instability: nothing in the equations pushes it off). Any real device leaves it, so a lane found on
            // one (it has not moved and Newton from it converges to an unstable fixed point next to it) is nudged by
            // equilibriumNudge radians along the direction that grows fastest, the way settleToStableFixedPoint
            // leaves a saddle; how fast it then departs is the junction's own growth rate.
            auto nudgeOffUnstableEquilibrium = [&](std::size_t i, double moved) {
                if (moved > 1e-9) return;
                const Vec3 now{block.mx[i], block.my[i], block.mz[i]};
                const Drive drive = neuron.dcDrive(block.xTo[i]);
                const FixedPoint fp = newtonFixedPoint(model, drive, now);
                if (!fp.converged || fp.stable || norm(fp.magnetization - now) > 1e-6) return;
                Vec3 e1, e2;
                tangentBasis(fp.magnetization, e1, e2);
                const Eigen::EigenSolver<Eigen::Matrix2d> eigen(tangentJacobian(model, fp.magnetization, drive));
                int fastest = eigen.eigenvalues().real()(0) >= eigen.eigenvalues().real()(1) ? 0 : 1;
                const Eigen::Vector2d direction =
                    eigen.eigenvectors().col(fastest).real().norm() > 1e-12
                        ? Eigen::Vector2d(eigen.eigenvectors().col(fastest).real().normalized())
                        : Eigen::Vector2d(1.0, 0.0);
                const Vec3 nudged =
                    normalized(fp.magnetization + (e1 * direction(0) + e2 * direction(1)) * equilibriumNudge);
                block.mx[i] = nudged.x;
                block.my[i] = nudged.y;
                block.mz[i] = nudged.z;
            };
            // Every restCheckSteps after the ramp: certify the lanes that have come close to rest and drop them.
            auto checkRest = [&](long step) {
                const double remaining = std::max(0.0, static_cast<double>(averageStart - step)) * plan.dt;
                for (std::size_t i = 0; i < count;) {
                    const Vec3 now{block.mx[i], block.my[i], block.mz[i]};
                    const double moved = norm(now - Vec3{block.checkX[i], block.checkY[i], block.checkZ[i]});
                    block.checkX[i] = now.x;
                    block.checkY[i] = now.y;
                    block.checkZ[i] = now.z;
                    const Drive drive = neuron.dcDrive(block.xTo[i]);
                    bool atRest = false;
                    if (block.nearRest[i] && norm(now - block.neighbourhood[i].center) < largestLinearRadius) {
                        atRest = convergesTo(model, drive, block.neighbourhood[i], now, remaining, restRadius);
                    }
                    if (!atRest && moved < restCandidateDisplacement) {
                        const FixedPoint fp = newtonFixedPoint(model, drive, now);
                        if (fp.converged && fp.stable && norm(fp.magnetization - now) < largestLinearRadius) {
                            block.neighbourhood[i] = linearNeighbourhood(model, drive, fp.magnetization);
                            block.nearRest[i] = block.neighbourhood[i].valid;
                            atRest = block.nearRest[i] &&
                                     convergesTo(model, drive, block.neighbourhood[i], now, remaining, restRadius);
                        }
                    }
                    if (!atRest) nudgeOffUnstableEquilibrium(i, moved);
                    if (atRest) {
                        finishAtRest(i, block.neighbourhood[i].center);
                        --count;
                        if (i != count) block.swapLanes(i, count);
                    } else {
                        ++i;
                    }
                }
            };

            for (long step = 0; step < totalSteps && count > 0; ++step) {
                if (mayStopEarly && step >= plan.rampSteps && (step - plan.rampSteps) % restCheckSteps == 0) {
                    checkRest(step);
                    if (count == 0) break;
                } else if (!Thermal && !radiofrequency && !mayStopEarly && step >= plan.rampSteps &&
                           (step - plan.rampSteps) % restCheckSteps == 0) {
                    // The integration without early rest (the reference of the fast path) leaves unstable
                    // equilibria the same way.
                    for (std::size_t i = 0; i < count; ++i) {
                        const Vec3 now{block.mx[i], block.my[i], block.mz[i]};
                        const double moved = norm(now - Vec3{block.checkX[i], block.checkY[i], block.checkZ[i]});
                        block.checkX[i] = now.x;
                        block.checkY[i] = now.y;
                        block.checkZ[i] = now.z;
                        nudgeOffUnstableEquilibrium(i, moved);
                    }
                }
                if (step % cancelPollSteps == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                    cancelled.store(true);
                    return;
                }
                // sin(omega t) at the start, middle and end of the step, from the table of half steps.
                double sineStart = 0.0, sineMiddle = 0.0, sineEnd = 0.0;
                if (radiofrequency) {
                    const long halfSteps = 2 * plan.stepsPerPeriod;
                    const long k = (2 * step) % halfSteps;
                    sineStart = plan.halfStepSine[k];
                    sineMiddle = plan.halfStepSine[(k + 1) % halfSteps];
                    sineEnd = plan.halfStepSine[(k + 2) % halfSteps];
                }
                // The ramp's progress at the start, middle and end of the step (1 once the input has arrived).
                const double s = static_cast<double>(step);
                const double rampStart = std::min(1.0, s / rampSteps),
                             rampMiddle = std::min(1.0, (s + 0.5) / rampSteps),
                             rampEnd = std::min(1.0, (s + 1.0) / rampSteps);
                const bool averaging = step >= averageStart;
                if constexpr (Thermal) block.noise.drawTriples(count, thermalSigma, thermalX, thermalY, thermalZ);
#pragma GCC ivdep
                for (std::size_t i = 0; i < count; ++i) {
                    // Built field by field from scalars (no partial struct updates) so the loop vectorises.
                    const double span = block.xTo[i] - block.xFrom[i];
                    const double xStart = block.xFrom[i] + span * rampStart,
                                 xMiddle = block.xFrom[i] + span * rampMiddle, xEnd = block.xFrom[i] + span * rampEnd;
                    const Vec3 fieldStart = rates.fieldAtZero + rates.fieldPerUnit * xStart;
                    const Vec3 fieldMiddle = rates.fieldAtZero + rates.fieldPerUnit * xMiddle;
                    const Vec3 fieldEnd = rates.fieldAtZero + rates.fieldPerUnit * xEnd;
                    const double currentStart = rates.currentAtZero + rates.currentPerUnit * xStart +
                                                rates.rfPerUnit * std::max(0.0, xStart) * sineStart;
                    const double currentMiddle = rates.currentAtZero + rates.currentPerUnit * xMiddle +
                                                 rates.rfPerUnit * std::max(0.0, xMiddle) * sineMiddle;
                    const double currentEnd = rates.currentAtZero + rates.currentPerUnit * xEnd +
                                              rates.rfPerUnit * std::max(0.0, xEnd) * sineEnd;
                    const LlgsCoefficients atStart{fieldStart,    anisotropy, easyAxis,     demag,
                                                   referenceAxis, damping,    gyromagnetic, sttPerAmpere * currentStart,
                                                   polarization,  fieldLike};
                    const LlgsCoefficients atEnd{fieldEnd,      anisotropy, easyAxis,     demag,
                                                 referenceAxis, damping,    gyromagnetic, sttPerAmpere * currentEnd,
                                                 polarization,  fieldLike};
                    const Vec3 m{block.mx[i], block.my[i], block.mz[i]};
                    Vec3 next;
                    if constexpr (Thermal) {
                        next = heunStepForAxes<U, P>(atStart, atEnd, m, plan.dt,
                                                     Vec3{thermalX[i], thermalY[i], thermalZ[i]});
                    } else {
                        const LlgsCoefficients atMiddle{
                            fieldMiddle,   anisotropy, easyAxis,     demag,
                            referenceAxis, damping,    gyromagnetic, sttPerAmpere * currentMiddle,
                            polarization,  fieldLike};
                        next = rk4StepForAxes<U, P>(atStart, atMiddle, atEnd, m, plan.dt);
                    }
                    block.mx[i] = next.x;
                    block.my[i] = next.y;
                    block.mz[i] = next.z;
                }
                if (averaging) {
                    const double conductance = parallelConductance, tmrZeroBias = model.tmrZeroBias,
                                 halfVoltage = model.tmrHalfVoltage;
                    double* batch = block.batchV[std::min<long>(4, (step - averageStart) * 5 / plan.averageSteps)];
#pragma GCC ivdep
                    for (std::size_t i = 0; i < count; ++i) {
                        const Vec3 m{block.mx[i], block.my[i], block.mz[i]};
                        const double cosine = alongAxis<P>(m, referenceAxis);
                        const double x = block.xTo[i];
                        const double currentEnd = rates.currentAtZero + rates.currentPerUnit * x +
                                                  rates.rfPerUnit * std::max(0.0, x) * sineEnd;
                        double v = block.voltage[i];
                        v = junctionVoltageNewtonStep(conductance, tmrZeroBias, halfVoltage, cosine, currentEnd, v);
                        v = junctionVoltageNewtonStep(conductance, tmrZeroBias, halfVoltage, cosine, currentEnd, v);
                        block.voltage[i] = v;
                        block.sumV[i] += v;
                        batch[i] += v;
                        block.sumX[i] += m.x;
                        block.sumY[i] += m.y;
                        block.sumZ[i] += m.z;
                        block.sumSquares[i] += dot(m, m);
                        const Vec3 previous{block.previousX[i], block.previousY[i], block.previousZ[i]};
                        const Vec3 turn = cross(previous, m);
                        block.turnX[i] += turn.x;
                        block.turnY[i] += turn.y;
                        block.turnZ[i] += turn.z;
                        block.previousX[i] = m.x;
                        block.previousY[i] = m.y;
                        block.previousZ[i] = m.z;
                    }
                }
                if (step + 1 == averageStart) {
                    // Start V tracking from the settled state with a converged solve.
                    for (std::size_t i = 0; i < count; ++i) {
                        block.previousX[i] = block.mx[i];
                        block.previousY[i] = block.my[i];
                        block.previousZ[i] = block.mz[i];
                        const double cosine = dot(Vec3{block.mx[i], block.my[i], block.mz[i]}, model.referenceAxis);
                        const double x = block.xTo[i];
                        const double current = rates.currentAtZero + rates.currentPerUnit * x +
                                               rates.rfPerUnit * std::max(0.0, x) * sineEnd;
                        block.voltage[i] = solveJunctionVoltage(model, cosine, current).voltageVolts;
                    }
                }
            }
            const double samples = static_cast<double>(plan.averageSteps);
            for (std::size_t i = 0; i < count; ++i) {
                TimedReading& r = out[block.job[i]];
                const double current = rates.currentAtZero + rates.currentPerUnit * block.xTo[i];
                r.outputVolts = block.sumV[i] / samples - current * neuron.referenceOhm;
                r.finalMagnetization = Vec3{block.mx[i], block.my[i], block.mz[i]};
                r.meanMagnetization = Vec3{block.sumX[i], block.sumY[i], block.sumZ[i]} / samples;
                const double meanSquare = block.sumSquares[i] / samples - dot(r.meanMagnetization, r.meanMagnetization);
                r.rmsDeviation = std::sqrt(std::max(0.0, meanSquare));
                const double area = norm(Vec3{block.turnX[i], block.turnY[i], block.turnZ[i]});
                r.circulationTurns = meanSquare > 0.0 ? area / (2.0 * units::pi * meanSquare) : 0.0;
                r.atRest = false;
                if constexpr (Thermal) {
                    // Batch means: the window in five parts, each much longer than a precession period, so the
                    // oscillating part of the noise averages out within a part; stderr = sd(part means) / sqrt(5).
                    double means[5], mean = 0.0;
                    for (int b = 0; b < 5; ++b) {
                        const long first = (static_cast<long>(b) * plan.averageSteps + 4) / 5;
                        const long last = (static_cast<long>(b + 1) * plan.averageSteps + 4) / 5;
                        means[b] = block.batchV[b][i] / static_cast<double>(std::max(1L, last - first));
                        mean += means[b] / 5.0;
                    }
                    double squares = 0.0;
                    for (double m : means) squares += (m - mean) * (m - mean);
                    r.outputStandardErrorVolts = std::sqrt(squares / 4.0 / 5.0);
                }
            }
        }
    });
    return !cancelled.load();
}

}  // namespace

Status runTimedReadings(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs,
                        std::vector<TimedReading>& readings, const TimedReadoutSettings& settings,
                        const std::atomic<bool>* cancel) {
    readings.assign(jobs.size(), TimedReading{});
    if (jobs.empty()) return Status::ok();
    const bool thermal = neuron.device.temperatureKelvin > 0.0;
    const StepPlan plan = planSteps(neuron, thermal, settings, jobs);
    const LlgsCoefficients axes = llgsCoefficients(neuron.device, Drive{});
    const bool completed = withAxisKinds(axes, [&](auto u, auto p) {
        constexpr int U = decltype(u)::value;
        constexpr int P = decltype(p)::value;
        return thermal ? runLanes<true, U, P>(neuron, jobs, readings, plan, settings, cancel)
                       : runLanes<false, U, P>(neuron, jobs, readings, plan, settings, cancel);
    });
    if (!completed) return Status::error("cancelled");
    if (plan.adaptedStep) {
        // The adapted step decided which lanes come to rest; a reading that did not (it precesses, or rings on into
        // the averaging window) is integrated again at the reference step, so its average is the reference's.
        std::vector<TimedReadingJob> again;
        std::vector<std::size_t> owners;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (!readings[i].atRest) {
                again.push_back(jobs[i]);
                owners.push_back(i);
            }
        }
        if (again.empty()) return Status::ok();
        TimedReadoutSettings reference = settings;
        reference.adaptedStepRadians = 0.0;
        std::vector<TimedReading> precise;
        if (Status s = runTimedReadings(neuron, again, precise, reference, cancel); !s) return s;
        for (std::size_t j = 0; j < owners.size(); ++j) readings[owners[j]] = precise[j];
    }
    return Status::ok();
}

}  // namespace mtj
