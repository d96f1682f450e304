#include "device/timed_readout.hpp"

#include <algorithm>
#include <cmath>

#include "common/parallel.hpp"
#include "physics/integrators.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

constexpr std::size_t laneChunk = 32;
constexpr long cancelPollSteps = 2048;

struct StepPlan {
    double dt = 0.0;
    long settleSteps = 0;
    long averageSteps = 0;
};

StepPlan planSteps(const NeuronModel& neuron, bool thermal, const TimedReadoutSettings& settings) {
    StepPlan plan;
    const double maximumStep = thermal ? settings.maximumStepThermal : settings.maximumStepDeterministic;
    if (neuron.input == InputChannel::Radiofrequency) {
        const double period = 2.0 * units::pi / neuron.rfAngularFrequency;
        const long stepsPerPeriod = std::max<long>(8, static_cast<long>(std::ceil(period / maximumStep)));
        plan.dt = period / static_cast<double>(stepsPerPeriod);
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
    const std::size_t chunks = (lanes + laneChunk - 1) / laneChunk;
    const double omega = neuron.rfAngularFrequency;
    const bool radiofrequency = neuron.input == InputChannel::Radiofrequency;
    const double parallelConductance = 1.0 / model.parallelResistanceOhm;
    const double thermalSigma = Thermal ? model.thermalFieldSigma(plan.dt) : 0.0;
    std::atomic<bool> cancelled{false};

    parallelFor(chunks, settings.threads, 1, [&](std::size_t chunkBegin, std::size_t chunkEnd) {
        for (std::size_t chunk = chunkBegin; chunk < chunkEnd && !cancelled.load(); ++chunk) {
            const std::size_t begin = chunk * laneChunk;
            const std::size_t count = std::min(laneChunk, lanes - begin);
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
            const long totalSteps = plan.settleSteps + plan.averageSteps;
            for (long step = 0; step < totalSteps; ++step) {
                if (step % cancelPollSteps == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                    cancelled.store(true);
                    return;
                }
                const double t = static_cast<double>(step) * plan.dt;
                const double sineStart = radiofrequency ? std::sin(omega * t) : 0.0;
                const double sineMiddle = radiofrequency ? std::sin(omega * (t + 0.5 * plan.dt)) : 0.0;
                const double sineEnd = radiofrequency ? std::sin(omega * (t + plan.dt)) : 0.0;
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
                    LlgsCoefficients atStart = shared;
                    atStart.externalField = Vec3{hx[i], hy[i], hz[i]};
                    LlgsCoefficients atEnd = atStart;
                    atStart.sttFieldAtFullEfficiency = sttPerAmpere * (dcCurrent[i] + rfCurrent[i] * sineStart);
                    const double currentEnd = dcCurrent[i] + rfCurrent[i] * sineEnd;
                    atEnd.sttFieldAtFullEfficiency = sttPerAmpere * currentEnd;
                    const Vec3 m{mx[i], my[i], mz[i]};
                    Vec3 next;
                    if constexpr (Thermal) {
                        next = heunStepForAxes<U, P>(atStart, atEnd, m, plan.dt,
                                                     Vec3{thermalX[i], thermalY[i], thermalZ[i]});
                    } else {
                        LlgsCoefficients atMiddle = atStart;
                        atMiddle.sttFieldAtFullEfficiency =
                            sttPerAmpere * (dcCurrent[i] + rfCurrent[i] * sineMiddle);
                        next = rk4StepForAxes<U, P>(atStart, atMiddle, atEnd, m, plan.dt);
                    }
                    mx[i] = next.x;
                    my[i] = next.y;
                    mz[i] = next.z;
                    if (averaging) {
                        const double cosine = alongAxis<P>(next, shared.referenceAxis);
                        double v = voltage[i];
                        v = junctionVoltageNewtonStep(parallelConductance, model.tmrZeroBias, model.tmrHalfVoltage,
                                                      cosine, currentEnd, v);
                        v = junctionVoltageNewtonStep(parallelConductance, model.tmrZeroBias, model.tmrHalfVoltage,
                                                      cosine, currentEnd, v);
                        voltage[i] = v;
                        sumV[i] += v;
                        sumX[i] += next.x;
                        sumY[i] += next.y;
                        sumZ[i] += next.z;
                        sumSquares[i] += dot(next, next);
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
