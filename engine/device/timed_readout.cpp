#include "device/timed_readout.hpp"

#include <algorithm>
#include <cmath>

#include "common/parallel.hpp"
#include "device/fixed_point.hpp"
#include "physics/integrators.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

constexpr std::size_t laneChunk = 32;
constexpr long cancelPollSteps = 2048;
constexpr long settleCheckSteps = 500;
constexpr double handOverDisplacement = 2e-2;  // |m displacement| over settleCheckSteps steps: try Newton

struct StepPlan {
    double dt = 0.0;
    long settleSteps = 0;
    long averageSteps = 0;
    long stepsPerPeriod = 0;           // rf: the step divides the period exactly
    std::vector<double> halfStepSine;  // rf: sin(omega k dt / 2), k = 0 .. 2 stepsPerPeriod - 1
};

StepPlan planSteps(const NeuronModel& neuron, bool thermal, const TimedReadoutSettings& settings) {
    StepPlan plan;
    double maximumStep = thermal ? settings.maximumStepThermal : settings.maximumStepDeterministic;
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
        plan.settleSteps = static_cast<long>(std::ceil(neuron.settleSeconds / plan.dt));
    } else {
        plan.dt = maximumStep;
        plan.settleSteps = static_cast<long>(std::ceil(neuron.settleSeconds / plan.dt));
        plan.averageSteps = std::max<long>(1, std::lround(neuron.averageSeconds / plan.dt));
    }
    return plan;
}

template <bool Thermal, int U, int P>
bool runLanes(const NeuronModel& neuron, const std::vector<TimedReadingJob>& jobs, std::vector<TimedReading>& out,
              const StepPlan& plan, const TimedReadoutSettings& settings, const std::atomic<bool>* cancel) {
    const MacrospinModel& model = neuron.device;
    const std::size_t lanes = jobs.size();
    // Full chunks for big batches; for a few lanes, small chunks so that every core gets some.
    const std::size_t workers = settings.threads == 0 ? hardwareThreads() : settings.threads;
    const std::size_t lanesPerChunk =
        std::clamp<std::size_t>((lanes + workers - 1) / workers, std::size_t{1}, laneChunk);
    const std::size_t chunks = (lanes + lanesPerChunk - 1) / lanesPerChunk;
    const bool radiofrequency = neuron.input == InputChannel::Radiofrequency;
    const double parallelConductance = 1.0 / model.parallelResistanceOhm;
    const double thermalSigma = Thermal ? model.thermalFieldSigma(plan.dt) : 0.0;
    std::atomic<bool> cancelled{false};

    parallelFor(chunks, settings.threads, 1, [&](std::size_t chunkBegin, std::size_t chunkEnd) {
        for (std::size_t chunk = chunkBegin; chunk < chunkEnd && !cancelled.load(); ++chunk) {
            const std::size_t begin = chunk * lanesPerChunk;
            const std::size_t count = std::min(lanesPerChunk, lanes - begin);
            alignas(64) double mx[laneChunk], my[laneChunk], mz[laneChunk];
            alignas(64) double hx[laneChunk], hy[laneChunk], hz[laneChunk];
            alignas(64) double dcCurrent[laneChunk], rfCurrent[laneChunk], voltage[laneChunk];
            alignas(64) double sumV[laneChunk], sumX[laneChunk], sumY[laneChunk], sumZ[laneChunk], sumSquares[laneChunk];
            alignas(64) double thermalX[laneChunk], thermalY[laneChunk], thermalZ[laneChunk];
            std::vector<GaussianRandom> random;
            for (std::size_t i = 0; i < count; ++i) {
                const TimedReadingJob& job = jobs[begin + i];
                const Vec3 m = normalized(job.start);
                mx[i] = m.x;
                my[i] = m.y;
                mz[i] = m.z;
                const Drive d = neuron.dcDrive(job.x);
                const Vec3 h = d.appliedField + model.offsetField;
                hx[i] = h.x;
                hy[i] = h.y;
                hz[i] = h.z;
                dcCurrent[i] = d.currentAmpere;
                rfCurrent[i] = neuron.rfAmplitude(job.x);
                voltage[i] = d.currentAmpere * junctionResistanceOhm(model, dot(m, model.referenceAxis), 0.0);
                sumV[i] = sumX[i] = sumY[i] = sumZ[i] = sumSquares[i] = 0.0;
                if constexpr (Thermal) random.emplace_back(settings.seed, begin + i);
            }
            const LlgsCoefficients shared = llgsCoefficients(model, Drive{});
            const double sttPerAmpere = model.sttFieldPerAmpere;
            const double anisotropy = shared.anisotropyField, demag = shared.effectiveDemagField;
            const double damping = shared.damping, gyromagnetic = shared.reducedGyromagneticRatio;
            const double polarization = shared.polarization, fieldLike = shared.fieldLikeRatio;
            const Vec3 easyAxis = shared.easyAxis, referenceAxis = shared.referenceAxis;
            const long totalSteps = plan.settleSteps + plan.averageSteps;
            // A deterministic DC reading ends early once its lane has come close to rest near a stable fixed point:
            // every settleCheckSteps, a lane that moved less than handOverDisplacement is handed to Newton's method,
            // and if that converges to a stable fixed point close by, the reading is the static output there (the
            // trajectory is inside that point's linear basin and converges to it). The chunk stops when every lane
            // is done.
            const bool mayStopEarly = !Thermal && !radiofrequency;
            alignas(64) double checkX[laneChunk], checkY[laneChunk], checkZ[laneChunk];
            bool laneAtRest[laneChunk] = {};
            Vec3 restState[laneChunk];
            std::size_t lanesAtRest = 0;
            for (std::size_t i = 0; i < count; ++i) {
                checkX[i] = mx[i];
                checkY[i] = my[i];
                checkZ[i] = mz[i];
            }
            bool stoppedEarly = false;
            for (long step = 0; step < totalSteps; ++step) {
                if (mayStopEarly && step > 0 && step % settleCheckSteps == 0) {
                    for (std::size_t i = 0; i < count; ++i) {
                        if (laneAtRest[i]) continue;
                        const Vec3 now{mx[i], my[i], mz[i]};
                        const double moved = norm(now - Vec3{checkX[i], checkY[i], checkZ[i]});
                        checkX[i] = mx[i];
                        checkY[i] = my[i];
                        checkZ[i] = mz[i];
                        if (moved < handOverDisplacement) {
                            const FixedPoint fp = newtonFixedPoint(model, neuron.dcDrive(jobs[begin + i].x), now);
                            if (fp.converged && fp.stable && norm(fp.magnetization - now) < 5e-2) {
                                laneAtRest[i] = true;
                                restState[i] = fp.magnetization;
                                ++lanesAtRest;
                            }
                        }
                    }
                    if (lanesAtRest == count) {
                        stoppedEarly = true;
                        break;
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
                const bool averaging = step >= plan.settleSteps;
                if constexpr (Thermal) {
                    for (std::size_t i = 0; i < count; ++i) {
                        thermalX[i] = thermalSigma * random[i].normal();
                        thermalY[i] = thermalSigma * random[i].normal();
                        thermalZ[i] = thermalSigma * random[i].normal();
                    }
                }
#pragma GCC ivdep
                for (std::size_t i = 0; i < count; ++i) {
                    // Built field by field from scalars (no partial struct updates) so the loop vectorises.
                    const Vec3 field{hx[i], hy[i], hz[i]};
                    const double currentEnd = dcCurrent[i] + rfCurrent[i] * sineEnd;
                    const LlgsCoefficients atStart{field,      anisotropy, easyAxis,  demag, referenceAxis, damping,
                                                   gyromagnetic, sttPerAmpere * (dcCurrent[i] + rfCurrent[i] * sineStart),
                                                   polarization, fieldLike};
                    const LlgsCoefficients atEnd{field,        anisotropy, easyAxis,  demag, referenceAxis, damping,
                                                 gyromagnetic, sttPerAmpere * currentEnd, polarization, fieldLike};
                    const Vec3 m{mx[i], my[i], mz[i]};
                    Vec3 next;
                    if constexpr (Thermal) {
                        next = heunStepForAxes<U, P>(atStart, atEnd, m, plan.dt,
                                                     Vec3{thermalX[i], thermalY[i], thermalZ[i]});
                    } else {
                        const LlgsCoefficients atMiddle{
                            field,        anisotropy, easyAxis, demag, referenceAxis, damping, gyromagnetic,
                            sttPerAmpere * (dcCurrent[i] + rfCurrent[i] * sineMiddle), polarization, fieldLike};
                        next = rk4StepForAxes<U, P>(atStart, atMiddle, atEnd, m, plan.dt);
                    }
                    mx[i] = next.x;
                    my[i] = next.y;
                    mz[i] = next.z;
                }
                if (averaging) {
                    const double conductance = parallelConductance, tmrZeroBias = model.tmrZeroBias,
                                 halfVoltage = model.tmrHalfVoltage;
#pragma GCC ivdep
                    for (std::size_t i = 0; i < count; ++i) {
                        const Vec3 m{mx[i], my[i], mz[i]};
                        const double cosine = alongAxis<P>(m, referenceAxis);
                        const double currentEnd = dcCurrent[i] + rfCurrent[i] * sineEnd;
                        double v = voltage[i];
                        v = junctionVoltageNewtonStep(conductance, tmrZeroBias, halfVoltage, cosine, currentEnd, v);
                        v = junctionVoltageNewtonStep(conductance, tmrZeroBias, halfVoltage, cosine, currentEnd, v);
                        voltage[i] = v;
                        sumV[i] += v;
                        sumX[i] += m.x;
                        sumY[i] += m.y;
                        sumZ[i] += m.z;
                        sumSquares[i] += dot(m, m);
                    }
                }
                if (step + 1 == plan.settleSteps) {
                    // Start V tracking from the settled state with a converged solve.
                    for (std::size_t i = 0; i < count; ++i) {
                        const double cosine = dot(Vec3{mx[i], my[i], mz[i]}, model.referenceAxis);
                        voltage[i] = solveJunctionVoltage(model, cosine, dcCurrent[i] + rfCurrent[i] * sineEnd).voltageVolts;
                    }
                }
            }
            if (stoppedEarly) {
                for (std::size_t i = 0; i < count; ++i) {
                    TimedReading& r = out[begin + i];
                    r.finalMagnetization = r.meanMagnetization = restState[i];
                    const double cosine = dot(r.finalMagnetization, model.referenceAxis);
                    r.outputVolts = solveJunctionVoltage(model, cosine, dcCurrent[i]).voltageVolts -
                                    dcCurrent[i] * neuron.referenceOhm;
                    r.rmsDeviation = 0.0;
                }
                continue;
            }
            const double samples = static_cast<double>(plan.averageSteps);
            for (std::size_t i = 0; i < count; ++i) {
                TimedReading& r = out[begin + i];
                r.outputVolts = sumV[i] / samples - dcCurrent[i] * neuron.referenceOhm;
                r.finalMagnetization = Vec3{mx[i], my[i], mz[i]};
                r.meanMagnetization = Vec3{sumX[i], sumY[i], sumZ[i]} / samples;
                const double meanSquare = sumSquares[i] / samples - dot(r.meanMagnetization, r.meanMagnetization);
                r.rmsDeviation = std::sqrt(std::max(0.0, meanSquare));
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
    const StepPlan plan = planSteps(neuron, thermal, settings);
    const LlgsCoefficients axes = llgsCoefficients(neuron.device, Drive{});
    const bool completed = withAxisKinds(axes, [&](auto u, auto p) {
        constexpr int U = decltype(u)::value;
        constexpr int P = decltype(p)::value;
        return thermal ? runLanes<true, U, P>(neuron, jobs, readings, plan, settings, cancel)
                       : runLanes<false, U, P>(neuron, jobs, readings, plan, settings, cancel);
    });
    return completed ? Status::ok() : Status::error("cancelled");
}

}  // namespace mtj
