#include "device/activation_curve.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <limits>

#include "common/parallel.hpp"
#include "device/fixed_point.hpp"
#include "device/timed_readout.hpp"
#include "physics/random.hpp"
#include "physics/resistance.hpp"

namespace mtj {
namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double differenceStep = 5e-4;  // h of the reference derivative of time-integrated readings
constexpr double precessionThresholdDeterministic = 1e-3;  // rms deviation of m over the averaging window
constexpr double precessionThresholdThermal = 0.25;

struct Reading {
    double y = notANumber;
    Vec3 magnetization;
    ReadingState state = ReadingState::Static;
    double slope = notANumber;  // reference derivative when the reading came from a fixed point
    bool done = false;
};

ReadingState classify(const Vec3& before, const Vec3& after, const Vec3& easyAxis, bool precessing) {
    if (precessing) return ReadingState::Precessing;
    const double a = dot(before, easyAxis);
    const double b = dot(after, easyAxis);
    return (a * b < 0.0 && std::abs(b) > 1e-6 && std::abs(a) > 1e-6) ? ReadingState::Switched : ReadingState::Static;
}

/// Readings of one neuron: the fast path, the output of a static state and its exact slope.
class NeuronReader {
public:
    explicit NeuronReader(const NeuronModel& neuron) : neuron_(neuron) {}

    [[nodiscard]] bool fastPathApplies() const {
        return neuron_.input != InputChannel::Radiofrequency && neuron_.device.temperatureKelvin <= 0.0;
    }

    /// gain * (V_junction - I R_ref) for a static state m at input x.
    [[nodiscard]] double staticOutput(const Vec3& m, double x) const {
        const Drive d = neuron_.dcDrive(x);
        const double cosine = dot(m, neuron_.device.referenceAxis);
        const double v = solveJunctionVoltage(neuron_.device, cosine, d.currentAmpere).voltageVolts;
        return neuron_.gainPerVolt * (v - d.currentAmpere * neuron_.referenceOhm);
    }

    /// dy/dx at a stable fixed point m (implicit differentiation; exact to round-off).
    [[nodiscard]] double staticSlope(const Vec3& m, double x) const {
        const Drive d = neuron_.dcDrive(x);
        Drive rate;
        if (neuron_.input == InputChannel::Field) rate.appliedField = neuron_.inputFieldPerUnit;
        if (neuron_.input == InputChannel::Current) rate.currentAmpere = neuron_.inputCurrentPerUnit;
        const Vec3 dm = fixedPointSensitivity(neuron_.device, d, m, rate);
        const double cosine = dot(m, neuron_.device.referenceAxis);
        const double v = solveJunctionVoltage(neuron_.device, cosine, d.currentAmpere).voltageVolts;
        const JunctionVoltageSlopes slopes = junctionVoltageSlopes(neuron_.device, cosine, v);
        const double dOutput = slopes.perCosine * dot(dm, neuron_.device.referenceAxis) +
                               (slopes.perAmpere - neuron_.referenceOhm) * rate.currentAmpere;
        return neuron_.gainPerVolt * dOutput;
    }

    /// A fixed-point reading from `start`; false when no stable fixed point was found.
    bool readStatic(double x, const Vec3& start, bool continuation, bool wantSlope, Reading& r) const {
        const Drive d = neuron_.dcDrive(x);
        FixedPoint fp = continuation ? newtonFixedPoint(neuron_.device, d, start) : FixedPoint{};
        if (!(fp.converged && fp.stable)) {
            fp = settleToStableFixedPoint(neuron_.device, d, start);
        }
        if (!(fp.converged && fp.stable)) return false;
        r.magnetization = fp.magnetization;
        r.y = staticOutput(fp.magnetization, x);
        r.slope = wantSlope ? staticSlope(fp.magnetization, x) : notANumber;
        r.state = classify(start, fp.magnetization, neuron_.device.easyAxis, false);
        r.done = true;
        return true;
    }

    /// Time-integrated readings for the jobs whose reading is not done yet.
    Status readTimed(const std::vector<double>& xs, const std::vector<Vec3>& starts, std::vector<Reading>& readings,
                     std::uint64_t seed, unsigned threads, const std::atomic<bool>* cancel) const {
        std::vector<TimedReadingJob> jobs;
        std::vector<std::size_t> owners;
        for (std::size_t i = 0; i < readings.size(); ++i) {
            if (!readings[i].done) {
                jobs.push_back({xs[i], starts[i]});
                owners.push_back(i);
            }
        }
        if (jobs.empty()) return Status::ok();
        if (std::getenv("MTJ_TRACE_TIMED")) std::fprintf(stderr, "timed readings: %zu\n", jobs.size());
        std::vector<TimedReading> timed;
        TimedReadoutSettings settings;
        settings.seed = seed;
        settings.threads = threads;
        if (Status s = runTimedReadings(neuron_, jobs, timed, settings, cancel); !s) return s;
        const bool thermal = neuron_.device.temperatureKelvin > 0.0;
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            Reading& r = readings[owners[j]];
            r.y = neuron_.gainPerVolt * timed[j].outputVolts;
            r.magnetization = timed[j].meanMagnetization;
            const double threshold = thermal ? precessionThresholdThermal : precessionThresholdDeterministic;
            r.state = classify(jobs[j].start, timed[j].meanMagnetization, neuron_.device.easyAxis,
                               timed[j].rmsDeviation > threshold);
            r.done = true;
        }
        return Status::ok();
    }

    const NeuronModel& neuron() const { return neuron_; }

private:
    const NeuronModel& neuron_;
};

/// Readings at xs, each from `starts[i]`: the fast path where it applies (in parallel), time integration for
/// the rest.
Status readMany(const NeuronReader& reader, const std::vector<double>& xs, const std::vector<Vec3>& starts,
                bool wantSlope, std::vector<Reading>& readings, std::uint64_t seed, unsigned threads,
                const std::atomic<bool>* cancel) {
    readings.assign(xs.size(), Reading{});
    if (reader.fastPathApplies()) {
        parallelFor(xs.size(), threads, 16, [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return;
                reader.readStatic(xs[i], starts[i], false, wantSlope, readings[i]);
            }
        });
        if (cancel != nullptr && cancel->load()) return Status::error("cancelled");
    }
    return reader.readTimed(xs, starts, readings, seed, threads, cancel);
}

/// Fills the slope of readings that lack one (time-integrated readings) by central differences of deterministic
/// readings at x +- h from the same start states, h = 5e-4: truncation error h^2 f'''/6 ~ 4e-8 f''' (below 1e-6 of
/// f' wherever |f'''/f'| < 24), round-off ~1e-13 / h.
Status fillDifferenceSlopes(const NeuronReader& reader, const std::vector<double>& xs, const std::vector<Vec3>& starts,
                            std::vector<Reading>& readings, unsigned threads, const std::atomic<bool>* cancel) {
    std::vector<double> probeX;
    std::vector<Vec3> probeStart;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < readings.size(); ++i) {
        if (std::isnan(readings[i].slope)) {
            for (double offset : {differenceStep, -differenceStep}) {
                probeX.push_back(xs[i] + offset);
                probeStart.push_back(starts[i]);
            }
            owners.push_back(i);
        }
    }
    if (owners.empty()) return Status::ok();
    std::vector<Reading> probes;
    if (Status s = readMany(reader, probeX, probeStart, false, probes, 1, threads, cancel); !s) return s;
    for (std::size_t j = 0; j < owners.size(); ++j) {
        readings[owners[j]].slope = (probes[2 * j].y - probes[2 * j + 1].y) / (2.0 * differenceStep);
    }
    return Status::ok();
}

/// One sweep of the "previous" protocol over xs in the given order, starting from `start`. Each reading
/// continues from the last state (Newton), relaxes (pseudo-transient) when the branch ends, and integrates in
/// time when no stable state exists. Derivative probes at x + offsets continue from the reading at x.
Status sweepPrevious(const NeuronReader& reader, const std::vector<double>& xs, Vec3 start,
                     const std::vector<double>& offsets, bool wantSlope, std::vector<Reading>& base,
                     std::vector<std::vector<Reading>>& probes, const std::atomic<bool>* cancel) {
    base.assign(xs.size(), Reading{});
    probes.assign(xs.size(), std::vector<Reading>(offsets.size()));
    auto readOne = [&](double x, const Vec3& from, bool slope, Reading& r) -> Status {
        if (reader.fastPathApplies() && reader.readStatic(x, from, true, slope, r)) return Status::ok();
        std::vector<Reading> one(1);
        if (Status s = reader.readTimed({x}, {from}, one, 1, 1, cancel); !s) return s;
        r = one[0];
        r.magnetization = one[0].magnetization;
        return Status::ok();
    };
    Vec3 state = start;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (cancel != nullptr && cancel->load()) return Status::error("cancelled");
        if (Status s = readOne(xs[i], state, wantSlope, base[i]); !s) return s;
        // A timed reading ends where its trajectory ended; a static one at its fixed point.
        state = normalized(base[i].magnetization);
        for (std::size_t k = 0; k < offsets.size(); ++k) {
            if (Status s = readOne(xs[i] + offsets[k], state, false, probes[i][k]); !s) return s;
        }
    }
    if (wantSlope) {
        // Readings without an exact slope (time-integrated): central differences from the same start state.
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (!std::isnan(base[i].slope)) continue;
            const Vec3 from = i > 0 ? normalized(base[i - 1].magnetization) : start;
            Reading plus, minus;
            if (Status s = readOne(xs[i] + differenceStep, from, false, plus); !s) return s;
            if (Status s = readOne(xs[i] - differenceStep, from, false, minus); !s) return s;
            base[i].slope = (plus.y - minus.y) / (2.0 * differenceStep);
        }
    }
    return Status::ok();
}

NeuronSettings withoutTemperature(const NeuronSettings& settings) {
    NeuronSettings t0 = settings;
    t0.device.temperatureKelvin = 0.0;
    return t0;
}

}  // namespace

double FiniteDifferenceStencil::noiseGain() const {
    double sum = 0.0;
    for (double w : weights) sum += w * w;
    return std::sqrt(sum);
}

FiniteDifferenceStencil finiteDifferenceStencil(DerivativeScheme scheme, double step) {
    FiniteDifferenceStencil s;
    switch (scheme) {
        case DerivativeScheme::Forward:
            s.offsets = {step, 0.0};
            s.weights = {1.0 / step, -1.0 / step};
            break;
        case DerivativeScheme::LockIn:
            for (int k = 0; k < lockInSamples; ++k) {
                const double phase = 2.0 * 3.14159265358979323846 * k / lockInSamples;
                s.offsets.push_back(step * std::sin(phase));
                s.weights.push_back(2.0 * std::sin(phase) / (lockInSamples * step));
            }
            break;
        case DerivativeScheme::Central:
        default:
            s.offsets = {step, -step};
            s.weights = {0.5 / step, -0.5 / step};
            break;
    }
    return s;
}

std::vector<double> evenlySpacedInputs(double lo, double hi, int count) {
    std::vector<double> xs(std::max(count, 2));
    const double span = hi - lo;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = lo + span * static_cast<double>(i) / static_cast<double>(xs.size() - 1);
    }
    return xs;
}

ActivationCurve computeActivationCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                       const CurveOptions& options) {
    ActivationCurve curve;
    if (Status s = validate(settings); !s) {
        curve.status = s;
        return curve;
    }
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const NeuronReader reader(neuron);
    const bool thermal = neuron.device.temperatureKelvin > 0.0;
    const FiniteDifferenceStencil stencil = options.withDerivatives
                                                ? finiteDifferenceStencil(settings.derivative.scheme, settings.derivative.step)
                                                : FiniteDifferenceStencil{};
    const std::size_t n = inputs.size();
    const std::size_t probesPerPoint = stencil.offsets.size();
    GaussianRandom noise(options.noiseSeed, 0x5eed);
    // Deterministic readings supply the reference derivative directly (fast path or central differences); with T > 0 the
    // reference comes from the same neuron at T = 0.
    const bool referenceFromBase = options.withDerivatives && !thermal;

    auto assemble = [&](const std::vector<Reading>& base, const std::vector<std::vector<Reading>>& probes,
                        const std::vector<double>& reference, std::vector<CurvePoint>& out) {
        out.resize(base.size());
        for (std::size_t i = 0; i < base.size(); ++i) {
            CurvePoint& p = out[i];
            p.y = base[i].y;
            p.state = base[i].state;
            p.magnetization = base[i].magnetization;
            if (options.withDerivatives) {
                double estimate = 0.0;
                for (std::size_t k = 0; k < probesPerPoint; ++k) {
                    estimate += stencil.weights[k] * (probes[i][k].y + settings.derivative.readNoise * noise.normal());
                }
                p.derivativeFiniteDifference = estimate;
                p.derivativeReference = reference[i];
            } else {
                p.derivativeFiniteDifference = p.derivativeReference = notANumber;
            }
        }
    };

    auto referenceAtT0 = [&](const std::vector<double>& xs, std::vector<double>& reference) -> Status {
        std::vector<double> y;
        return readActivation(withoutTemperature(settings), xs, y, &reference, options.threads, options.cancel);
    };

    if (neuron.reset == ResetState::Previous) {
        std::vector<double> ascending = inputs;
        std::sort(ascending.begin(), ascending.end());
        std::vector<double> descending(ascending.rbegin(), ascending.rend());
        std::vector<Reading> base;
        std::vector<std::vector<Reading>> probes;
        // The up sweep starts from the state the easy+ reset relaxes into at the lowest input.
        if (Status s = sweepPrevious(reader, ascending, neuron.device.easyAxis, stencil.offsets, referenceFromBase, base,
                                     probes, options.cancel);
            !s) {
            curve.status = s;
            return curve;
        }
        std::vector<double> reference(n, notANumber);
        if (referenceFromBase) for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        assemble(base, probes, reference, curve.up);
        for (std::size_t i = 0; i < n; ++i) curve.up[i].x = ascending[i];
        const Vec3 top = normalized(base.back().magnetization);
        if (Status s = sweepPrevious(reader, descending, top, stencil.offsets, referenceFromBase, base, probes,
                                     options.cancel);
            !s) {
            curve.status = s;
            return curve;
        }
        if (referenceFromBase) for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        assemble(base, probes, reference, curve.down);
        for (std::size_t i = 0; i < n; ++i) curve.down[i].x = descending[i];
        return curve;
    }

    // Reset easy+ / easy-: every reading starts from the reset state; all readings in one batch.
    const Vec3 reset = neuron.resetState;
    std::vector<double> xs(inputs);
    for (std::size_t i = 0; i < n; ++i) {
        for (double offset : stencil.offsets) xs.push_back(inputs[i] + offset);
    }
    const std::vector<Vec3> starts(xs.size(), reset);
    std::vector<Reading> all;
    if (Status s = readMany(reader, xs, starts, referenceFromBase, all, options.noiseSeed, options.threads,
                            options.cancel);
        !s) {
        curve.status = s;
        return curve;
    }
    std::vector<Reading> base(all.begin(), all.begin() + static_cast<long>(n));
    std::vector<std::vector<Reading>> probes(n);
    for (std::size_t i = 0; i < n; ++i) {
        probes[i].assign(all.begin() + static_cast<long>(n + i * probesPerPoint),
                         all.begin() + static_cast<long>(n + (i + 1) * probesPerPoint));
    }
    std::vector<double> reference(n, notANumber);
    if (options.withDerivatives) {
        if (referenceFromBase) {
            const std::vector<Vec3> baseStarts(n, reset);
            if (Status s = fillDifferenceSlopes(reader, inputs, baseStarts, base, options.threads, options.cancel); !s) {
                curve.status = s;
                return curve;
            }
            for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        } else if (Status s = referenceAtT0(inputs, reference); !s) {
            curve.status = s;
            return curve;
        }
    }
    assemble(base, probes, reference, curve.up);
    for (std::size_t i = 0; i < n; ++i) curve.up[i].x = inputs[i];
    return curve;
}

Status readActivation(const NeuronSettings& settings, const std::vector<double>& inputs, std::vector<double>& y,
                      std::vector<double>* dydx, unsigned threads, const std::atomic<bool>* cancel) {
    if (Status s = validate(settings); !s) return s;
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const NeuronReader reader(neuron);
    const bool wantSlope = dydx != nullptr;
    std::vector<Reading> readings;
    if (neuron.reset == ResetState::Previous) {
        std::vector<std::vector<Reading>> probes;
        if (Status s = sweepPrevious(reader, inputs, neuron.device.easyAxis, {}, wantSlope, readings, probes, cancel); !s) {
            return s;
        }
    } else {
        const std::vector<Vec3> starts(inputs.size(), neuron.resetState);
        if (Status s = readMany(reader, inputs, starts, wantSlope, readings, 1, threads, cancel); !s) return s;
        if (wantSlope) {
            if (Status s = fillDifferenceSlopes(reader, inputs, starts, readings, threads, cancel); !s) return s;
        }
    }
    y.resize(inputs.size());
    if (dydx != nullptr) dydx->resize(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        y[i] = readings[i].y;
        if (dydx != nullptr) (*dydx)[i] = readings[i].slope;
    }
    return Status::ok();
}

}  // namespace mtj
