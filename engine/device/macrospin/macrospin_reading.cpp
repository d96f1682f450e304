// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/macrospin/macrospin_reading.hpp"
#include "common/random_streams.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <limits>

#include "common/parallel.hpp"
#include "device/macrospin/basin_certificate.hpp"
#include "device/fixed_point.hpp"
#include "device/macrospin/timed_readout.hpp"
#include "physics/random.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double differenceStep = 5e-4;                    // h of the reference derivative of time-integrated readings
constexpr double precessionThresholdDeterministic = 1e-3;  // rms deviation of m over the averaging window
constexpr double minimumPrecessionTurns = 1.0;             // at T > 0: precession turns about its mean (TimedReading)
constexpr double thermalPrecessionFactor = 3.0;  // at T > 0: precessing above 3 x the thermal jitter of the well

/// The rms thermal jitter expected at T > 0 if a reading with this mean direction sits in a well: the stable fixed
/// point the mean relaxes to by Newton's method, and the stationary jitter of the linearised stochastic LLGS there
/// (thermalJitterRadius: equipartition, with spin torque included). 0 where there is no stable fixed point near
/// the mean (an orbit around an unstable state, or no well at all): then any clear motion is precession.
double thermalJitter(const NeuronModel& neuron, const Vec3& meanDirection, double x) {
    const Drive drive = neuron.dcDrive(x);
    const FixedPoint fp = newtonFixedPoint(neuron.device, drive, meanDirection);
    if (!fp.converged || !fp.stable || norm(fp.magnetization - meanDirection) > largestLinearRadius) return 0.0;
    const double jitter =
        thermalJitterRadius(neuron.device, linearNeighbourhood(neuron.device, drive, fp.magnetization));
    return std::isfinite(jitter) ? jitter : 0.0;
}

struct Reading {
    double y = notANumber;
    Vec3 magnetization;
    ReadingState state = ReadingState::Static;
    double slope = notANumber;   // reference derivative when the reading came from a fixed point
    double standardError = 0.0;  // of y (thermal readings)
    bool done = false;
};

/// One reading of the protocol: the junction at rest at `start` under the drive at xFrom, the input then goes to x
/// (a step or a ramp over input_rise_ns), settles and is averaged.
struct ReadingRequest {
    double x = 0.0;
    double xFrom = 0.0;
    Vec3 start;
};

ReadingState classify(const Vec3& before, const Vec3& after, const Vec3& easyAxis, bool precessing) {
    if (precessing) return ReadingState::Precessing;
    const double a = dot(before, easyAxis);
    const double b = dot(after, easyAxis);
    return (a * b < 0.0 && std::abs(b) > 1e-6 && std::abs(a) > 1e-6) ? ReadingState::Switched : ReadingState::Static;
}

}  // namespace

namespace {

constexpr double branchStepMaximum = 0.02;  // x units between branch nodes of a ramp
constexpr double branchTurnMaximum = 0.05;  // radians the fixed point may move between nodes
constexpr double branchStepMinimum = 1e-7;  // below this the branch has ended (a fold or a Hopf point)

/// Readings of one neuron: the certified fast path, the output of a static state and its exact slope, and the
/// time integration of the same protocol where the fast path cannot certify the answer.
class NeuronReader {
public:
    NeuronReader(const NeuronModel& neuron, bool integrateOnly) : neuron_(neuron), integrateOnly_(integrateOnly) {}

    [[nodiscard]] bool fastPathApplies() const {
        return !integrateOnly_ && neuron_.input != InputChannel::Radiofrequency &&
               neuron_.device.temperatureKelvin <= 0.0;
    }

    /// gain * (V_junction - I R_ref) for a static state m at input x.
    [[nodiscard]] double staticOutput(const Vec3& m, double x) const {
        return bridgeOutput(neuron_, dot(m, neuron_.device.referenceAxis), neuron_.dcDrive(x).currentAmpere).output;
    }

    [[nodiscard]] Drive inputRate() const {
        Drive rate;
        if (neuron_.input == InputChannel::Field) rate.appliedField = neuron_.inputFieldPerUnit;
        if (neuron_.input == InputChannel::Current) rate.currentAmpere = neuron_.inputCurrentPerUnit;
        return rate;
    }

    /// dy/dx at a stable fixed point m (implicit differentiation; exact to round-off).
    [[nodiscard]] double staticSlope(const Vec3& m, double x) const {
        const Drive d = neuron_.dcDrive(x);
        const Drive rate = inputRate();
        const Vec3 dm = fixedPointSensitivity(neuron_.device, d, m, rate);
        const BridgeOutput b = bridgeOutput(neuron_, dot(m, neuron_.device.referenceAxis), d.currentAmpere);
        return b.perCosine * dot(dm, neuron_.device.referenceAxis) + b.perAmpere * rate.currentAmpere;
    }

    void finishStatic(const ReadingRequest& request, const Vec3& fixedPoint, bool wantSlope, Reading& r) const {
        r.magnetization = fixedPoint;
        r.y = staticOutput(fixedPoint, request.x);
        r.slope = wantSlope ? staticSlope(fixedPoint, request.x) : notANumber;
        r.state = classify(request.start, fixedPoint, neuron_.device.easyAxis, false);
        r.done = true;
    }

    /// A step: certified when the start state lies in the linear neighbourhood of the stable fixed point at x
    /// (Newton from the start finds it) and rings down below restRadius before the averaging window.
    bool readStep(const ReadingRequest& request, bool wantSlope, Reading& r) const {
        const Drive d = neuron_.dcDrive(request.x);
        const FixedPoint fp = newtonFixedPoint(neuron_.device, d, request.start);
        if (!(fp.converged && fp.stable)) return false;
        const LinearNeighbourhood nb = linearNeighbourhood(neuron_.device, d, fp.magnetization);
        if (!convergesTo(neuron_.device, d, nb, request.start, neuron_.settleSeconds, restRadius)) return false;
        finishStatic(request, fp.magnetization, wantSlope, r);
        return true;
    }

    /// Ramps from (xFrom, start) to the requests `order` (all on one side of xFrom, by distance from xFrom): the
    /// fixed point is continued along the branch; a reading is certified where the branch stays stable and the
    /// lag of the ramped junction behind it, 2 L xdot (L: orbit radius of the steady lag J^-1 dm*/dx per unit
    /// input rate; twice for the ringing excited when the ramp starts and stops), stays inside every node's linear
    /// neighbourhood and rings down below restRadius before the averaging window.
    void readRampBranch(const std::vector<ReadingRequest>& requests, const std::vector<std::size_t>& order,
                        bool wantSlope, std::vector<Reading>& readings) const {
        if (order.empty()) return;
        const JunctionCoefficients& model = neuron_.device;
        const ReadingRequest& first = requests[order.front()];
        const double rise = neuron_.inputRiseSeconds;
        const FixedPoint origin = newtonFixedPoint(model, neuron_.dcDrive(first.xFrom), first.start);
        if (!(origin.converged && origin.stable) || norm(origin.magnetization - first.start) > 1e-3) return;
        const double fastestRate = std::abs(requests[order.back()].x - first.xFrom) / rise;
        const Drive rate = inputRate();
        double x = first.xFrom;
        Vec3 m = origin.magnetization;
        double rateCapacity = std::numeric_limits<double>::infinity();  // x per second every node so far allows
        LinearNeighbourhood nb;
        double lagPerRate = 0.0;
        Eigen::Vector2d lagDirection = Eigen::Vector2d::Zero();  // J^-1 dm*/dx at the node, per unit input rate
        for (std::size_t k = 0; k < order.size(); ++k) {
            const ReadingRequest& request = requests[order[k]];
            const double target = request.x;
            if (target == first.xFrom) {  // no input change: the reading is the origin
                finishStatic(request, origin.magnetization, wantSlope, readings[order[k]]);
                continue;
            }
            while (x != target) {
                double dx = std::clamp(target - x, -branchStepMaximum, branchStepMaximum);
                FixedPoint next;
                for (;;) {
                    next = newtonFixedPoint(model, neuron_.dcDrive(x + dx), m);
                    if (next.converged && next.stable && norm(next.magnetization - m) <= branchTurnMaximum) break;
                    dx *= 0.5;
                    if (std::abs(dx) < branchStepMinimum) return;  // the branch ends: the rest is integrated
                }
                x = std::abs(target - (x + dx)) < 1e-12 ? target : x + dx;
                m = next.magnetization;
                const Drive d = neuron_.dcDrive(x);
                nb = linearNeighbourhood(model, d, m);
                if (!nb.valid) return;
                const Vec3 dm = fixedPointSensitivity(model, d, m, rate);
                const Eigen::Vector2d sensitivity(dot(dm, nb.e1), dot(dm, nb.e2));
                const Eigen::Vector2d lag = nb.jacobian.fullPivLu().solve(sensitivity);
                lagPerRate = lag.allFinite() ? orbitRadius(nb, lag) : std::numeric_limits<double>::infinity();
                lagDirection = lag;
                // The most demanding request of this side needs radius 2 L fastestRate here; only where that is
                // not linear is the node's own linear radius measured.
                const double needed = 2.0 * lagPerRate * fastestRate;
                if (!(needed <= largestLinearRadius && isLinearWithin(model, d, nb, needed))) {
                    const double radius = linearRadius(model, d, nb);
                    rateCapacity = std::min(rateCapacity, radius / (2.0 * lagPerRate));
                }
            }
            const double inputRate = std::abs(target - first.xFrom) / rise;
            if (!(inputRate <= rateCapacity)) return;  // this and every farther request are integrated
            // The ringing left when the ramp stops (at most twice the steady lag) must have died out.
            if (!(ringDownRadius(nb, 2.0 * inputRate * lagDirection, neuron_.settleSeconds) <= restRadius)) continue;
            finishStatic(request, m, wantSlope, readings[order[k]]);
        }
    }

    /// Time-integrated readings (the same protocol) for the requests whose reading is not done yet.
    Status readTimed(const std::vector<ReadingRequest>& requests, std::vector<Reading>& readings, bool wantSlope,
                     std::uint64_t seed, unsigned threads, const std::atomic<bool>* cancel) const {
        std::vector<TimedReadingJob> jobs;
        std::vector<std::size_t> owners;
        for (std::size_t i = 0; i < readings.size(); ++i) {
            if (!readings[i].done) {
                jobs.push_back({requests[i].x, requests[i].start, requests[i].xFrom});
                owners.push_back(i);
            }
        }
        if (jobs.empty()) return Status::ok();
        if (std::getenv("MTJ_TRACE_TIMED")) std::fprintf(stderr, "timed readings: %zu\n", jobs.size());
        std::vector<TimedReading> timed;
        TimedReadoutSettings settings;
        settings.seed = seed;
        settings.threads = threads;
        settings.stopAtRest = !integrateOnly_;
        if (Status s = runTimedReadings(neuron_, jobs, timed, settings, cancel); !s) return s;
        const bool thermal = neuron_.device.temperatureKelvin > 0.0;
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            Reading& r = readings[owners[j]];
            if (timed[j].atRest) {
                finishStatic(requests[owners[j]], timed[j].finalMagnetization, wantSlope, r);
                continue;
            }
            r.y = neuron_.gainPerVolt * timed[j].outputVolts - neuron_.outputOffset;
            r.standardError = std::abs(neuron_.gainPerVolt) * timed[j].outputStandardErrorVolts;
            r.magnetization = timed[j].meanMagnetization;
            // At T > 0 thermal jitter in a well is not precession: the threshold is a multiple of the jitter
            // expected in the well around the mean direction (none where the mean is not in a well).
            const double threshold =
                thermal ? std::max(precessionThresholdDeterministic,
                                   thermalPrecessionFactor *
                                       thermalJitter(neuron_, normalized(timed[j].meanMagnetization), jobs[j].x))
                        : precessionThresholdDeterministic;
            // And precession circulates: at least one full turn about the mean in the window (thermal hopping
            // between wells moves m a lot but hardly circulates about the mean between them).
            const bool circulates = !thermal || timed[j].circulationTurns >= minimumPrecessionTurns;
            r.state = classify(jobs[j].start, timed[j].meanMagnetization, neuron_.device.easyAxis,
                               timed[j].rmsDeviation > threshold && circulates);
            r.done = true;
        }
        return Status::ok();
    }

    const NeuronModel& neuron() const { return neuron_; }

private:
    const NeuronModel& neuron_;
    bool integrateOnly_ = false;
};

/// Every request read by the protocol: the certified fast path where it applies (steps in parallel; ramps that
/// share their origin along one continued branch on each side), time integration for the rest.
Status readMany(const NeuronReader& reader, const std::vector<ReadingRequest>& requests, bool wantSlope,
                std::vector<Reading>& readings, std::uint64_t seed, unsigned threads, const std::atomic<bool>* cancel) {
    readings.assign(requests.size(), Reading{});
    if (reader.fastPathApplies() && !requests.empty()) {
        if (reader.neuron().inputRiseSeconds > 0.0) {
            // Requests with one origin share a branch; any other request is its own branch.
            std::vector<std::vector<std::size_t>> branches;
            const ReadingRequest& head = requests.front();
            std::vector<std::size_t> up, down;
            for (std::size_t i = 0; i < requests.size(); ++i) {
                const ReadingRequest& r = requests[i];
                if (r.xFrom == head.xFrom && r.start.x == head.start.x && r.start.y == head.start.y &&
                    r.start.z == head.start.z) {
                    (r.x >= r.xFrom ? up : down).push_back(i);
                } else {
                    branches.push_back({i});
                }
            }
            auto byDistance = [&](std::size_t a, std::size_t b) {
                return std::abs(requests[a].x - requests[a].xFrom) < std::abs(requests[b].x - requests[b].xFrom);
            };
            std::sort(up.begin(), up.end(), byDistance);
            std::sort(down.begin(), down.end(), byDistance);
            branches.push_back(std::move(up));
            branches.push_back(std::move(down));
            parallelFor(branches.size(), threads, 1, [&](std::size_t begin, std::size_t end) {
                for (std::size_t b = begin; b < end; ++b) {
                    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return;
                    reader.readRampBranch(requests, branches[b], wantSlope, readings);
                }
            });
        } else {
            parallelFor(requests.size(), threads, 16, [&](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; ++i) {
                    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return;
                    reader.readStep(requests[i], wantSlope, readings[i]);
                }
            });
        }
        if (cancel != nullptr && cancel->load()) return Status::error("cancelled");
    }
    return reader.readTimed(requests, readings, wantSlope, seed, threads, cancel);
}

/// Fills the slope of readings that lack one (readings that did not end at rest: precessing) by central
/// differences of deterministic readings at x +- h by the same protocol, h = 5e-4: truncation error h^2 f'''/6 ~
/// 4e-8 f''' (below 1e-6 of f' wherever |f'''/f'| < 24), round-off ~1e-13 / h.
Status fillDifferenceSlopes(const NeuronReader& reader, const std::vector<ReadingRequest>& requests,
                            std::vector<Reading>& readings, unsigned threads, const std::atomic<bool>* cancel) {
    std::vector<ReadingRequest> probeRequests;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < readings.size(); ++i) {
        if (std::isnan(readings[i].slope)) {
            for (double offset : {differenceStep, -differenceStep}) {
                ReadingRequest probe = requests[i];
                probe.x += offset;
                probeRequests.push_back(probe);
            }
            owners.push_back(i);
        }
    }
    if (owners.empty()) return Status::ok();
    std::vector<Reading> probes;
    if (Status s = readMany(reader, probeRequests, false, probes, 1, threads, cancel); !s) return s;
    for (std::size_t j = 0; j < owners.size(); ++j) {
        readings[owners[j]].slope = (probes[2 * j].y - probes[2 * j + 1].y) / (2.0 * differenceStep);
    }
    return Status::ok();
}

/// One sweep of the "previous" protocol over xs in the given order, starting at rest at `start` under the drive
/// at xStart. Each reading goes from the last reading's input and state to its own (a step or a ramp); derivative
/// probes at x + offsets go from the reading at x.
Status sweepPrevious(const NeuronReader& reader, const std::vector<double>& xs, double xStart, Vec3 start,
                     const std::vector<double>& offsets, bool wantSlope, std::vector<Reading>& base,
                     std::vector<std::vector<Reading>>& probes, const std::atomic<bool>* cancel) {
    base.assign(xs.size(), Reading{});
    probes.assign(xs.size(), std::vector<Reading>(offsets.size()));
    std::vector<Reading> readings;
    double xBefore = xStart;
    Vec3 state = start;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (cancel != nullptr && cancel->load()) return Status::error("cancelled");
        const std::vector<ReadingRequest> request{ReadingRequest{xs[i], xBefore, state}};
        if (Status s = readMany(reader, request, wantSlope, readings, 1, 1, cancel); !s) return s;
        if (wantSlope && std::isnan(readings[0].slope)) {
            if (Status s = fillDifferenceSlopes(reader, request, readings, 1, cancel); !s) return s;
        }
        base[i] = readings[0];
        // A timed reading ends where its trajectory ended (time-averaged); a static one at its fixed point.
        state = normalized(base[i].magnetization);
        xBefore = xs[i];
        if (!offsets.empty()) {
            std::vector<ReadingRequest> probeRequests;
            for (double offset : offsets) probeRequests.push_back(ReadingRequest{xs[i] + offset, xs[i], state});
            if (Status s = readMany(reader, probeRequests, false, readings, 1, 1, cancel); !s) return s;
            probes[i] = readings;
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

ActivationCurve macrospin::computeActivationCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                                  const CurveOptions& options) {
    ActivationCurve curve;
    if (Status s = validate(settings); !s) {
        curve.status = s;
        return curve;
    }
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const NeuronReader reader(neuron, options.timeIntegrationOnly);
    const bool thermal = neuron.device.temperatureKelvin > 0.0;
    const FiniteDifferenceStencil stencil =
        options.withDerivatives ? finiteDifferenceStencil(settings.derivative.scheme, settings.derivative.step)
                                : FiniteDifferenceStencil{};
    const std::size_t n = inputs.size();
    const std::size_t probesPerPoint = stencil.offsets.size();
    // The read noise of a point's readings is keyed by the point's input: a point reads the same whatever other
    // points are computed with it (the coarse passes of progressive drawing, a subset of a curve).
    auto pointNoise = [&](double x) {
        return GaussianRandom(options.noiseSeed, random_streams::readingsAt(x, random_streams::macrospinReadings));
    };
    // Deterministic readings supply the reference derivative directly (fast path or central differences); with T > 0 the
    // reference comes from the same neuron at T = 0.
    const bool referenceFromBase = options.withDerivatives && !thermal;

    auto assemble = [&](const std::vector<Reading>& base, const std::vector<std::vector<Reading>>& probes,
                        const std::vector<double>& reference, const std::vector<double>& xs,
                        std::vector<CurvePoint>& out) {
        out.resize(base.size());
        for (std::size_t i = 0; i < base.size(); ++i) {
            CurvePoint& p = out[i];
            p.x = xs[i];
            p.y = base[i].y;
            p.state = base[i].state;
            p.magnetization = base[i].magnetization;
            p.yStandardError = base[i].standardError;
            if (options.withDerivatives) {
                double estimate = 0.0, variance = 0.0;
                const double read = settings.derivative.readNoise;
                GaussianRandom noise = pointNoise(p.x);
                for (std::size_t k = 0; k < probesPerPoint; ++k) {
                    estimate += stencil.weights[k] * (probes[i][k].y + read * noise.normal());
                    const double e = probes[i][k].standardError;
                    variance += stencil.weights[k] * stencil.weights[k] * (e * e + read * read);
                }
                p.derivativeFiniteDifference = estimate;
                p.derivativeFiniteDifferenceStandardError = std::sqrt(variance);
                // A reading precessing under DC drive has no fixed point to differentiate: its time average depends
                // on where in its period the window ends, so a difference quotient is noise. No exact derivative
                // there. (rf readings average whole periods of the drive, so theirs is well defined.)
                p.derivativeReference =
                    p.state == ReadingState::Precessing && settings.drive.input != InputChannel::Radiofrequency
                        ? notANumber
                        : reference[i];
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
        // A hysteresis loop is measured from saturation: the junction is first taken from rest in the reset well at
        // x = 0 to the lowest input (that reading prepares it and is not shown: its switch is the preparation's, not
        // the loop's), and the up sweep starts there.
        std::vector<Reading> preparation;
        if (Status s = readMany(reader, {ReadingRequest{ascending.front(), 0.0, neuron.resetState}}, false, preparation,
                                1, 1, options.cancel);
            !s) {
            curve.status = s;
            return curve;
        }
        const Vec3 saturated = normalized(preparation[0].magnetization);
        if (Status s = sweepPrevious(reader, ascending, ascending.front(), saturated, stencil.offsets,
                                     referenceFromBase, base, probes, options.cancel);
            !s) {
            curve.status = s;
            return curve;
        }
        std::vector<double> reference(n, notANumber);
        if (referenceFromBase)
            for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        assemble(base, probes, reference, ascending, curve.up);
        const Vec3 top = normalized(base.back().magnetization);
        if (Status s = sweepPrevious(reader, descending, ascending.back(), top, stencil.offsets, referenceFromBase,
                                     base, probes, options.cancel);
            !s) {
            curve.status = s;
            return curve;
        }
        if (referenceFromBase)
            for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        assemble(base, probes, reference, descending, curve.down);
        return curve;
    }

    // Reset easy+ / easy-: every reading starts from the reset state; all readings in one batch.
    const Vec3 reset = neuron.resetState;
    std::vector<ReadingRequest> requests;
    for (double x : inputs) requests.push_back(ReadingRequest{x, 0.0, reset});
    for (std::size_t i = 0; i < n; ++i) {
        for (double offset : stencil.offsets) requests.push_back(ReadingRequest{inputs[i] + offset, 0.0, reset});
    }
    std::vector<Reading> all;
    if (Status s =
            readMany(reader, requests, referenceFromBase, all, options.noiseSeed, options.threads, options.cancel);
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
            const std::vector<ReadingRequest> baseRequests(requests.begin(), requests.begin() + static_cast<long>(n));
            if (Status s = fillDifferenceSlopes(reader, baseRequests, base, options.threads, options.cancel); !s) {
                curve.status = s;
                return curve;
            }
            for (std::size_t i = 0; i < n; ++i) reference[i] = base[i].slope;
        } else if (Status s = referenceAtT0(inputs, reference); !s) {
            curve.status = s;
            return curve;
        }
    }
    assemble(base, probes, reference, inputs, curve.up);
    return curve;
}

Status macrospin::readActivation(const NeuronSettings& settings, const std::vector<double>& inputs,
                                 std::vector<double>& y, std::vector<double>* dydx, unsigned threads,
                                 const std::atomic<bool>* cancel) {
    if (Status s = validate(settings); !s) return s;
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const NeuronReader reader(neuron, false);
    const bool wantSlope = dydx != nullptr;
    std::vector<Reading> readings;
    if (neuron.reset == ResetState::Previous) {
        std::vector<std::vector<Reading>> probes;
        if (Status s = sweepPrevious(reader, inputs, 0.0, neuron.resetState, {}, wantSlope, readings, probes, cancel);
            !s) {
            return s;
        }
    } else {
        std::vector<ReadingRequest> requests;
        for (double x : inputs) requests.push_back(ReadingRequest{x, 0.0, neuron.resetState});
        if (Status s = readMany(reader, requests, wantSlope, readings, 1, threads, cancel); !s) return s;
        if (wantSlope) {
            if (Status s = fillDifferenceSlopes(reader, requests, readings, threads, cancel); !s) return s;
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

Status macrospin::buildLookupTable(const NeuronSettings& settings, int nodes, ActivationLookupTable& table,
                                   const std::atomic<bool>* cancel, unsigned threads) {
    if (nodes < 2) return Status::error("lookup table: needs at least 2 nodes");
    const std::vector<double> xs = evenlySpacedInputs(settings.drive.inputMinimum, settings.drive.inputMaximum, nodes);
    std::vector<double> y, dydx;
    if (Status s = readActivation(settings, xs, y, &dydx, threads, cancel); !s) return s;
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i]) || !std::isfinite(dydx[i])) {
            return Status::error("lookup table: non-finite reading at x = " + std::to_string(xs[i]));
        }
    }
    table =
        ActivationLookupTable(settings.drive.inputMinimum, settings.drive.inputMaximum, std::move(y), std::move(dydx));
    return Status::ok();
}

Status macrospin::analyseStepError(const NeuronSettings& settings, double x, double minimumStep, double maximumStep,
                                   int count, StepErrorAnalysis& analysis, const std::atomic<bool>* cancel,
                                   unsigned threads) {
    StepErrorAnalysis a;
    StepPlan plan;
    if (Status s = planStepAnalysis(settings, x, minimumStep, maximumStep, count, a, plan); !s) return s;
    NeuronSettings noiseless = settings;
    noiseless.device.temperatureKelvin = 0.0;
    // Each reading's noise: the read noise and, at T > 0, the thermal noise of its averaging window (the standard
    // error of a thermal reading at x): delta* = (3 sigma / |f'''|)^(1/3) moves with the temperature.
    if (settings.device.temperatureKelvin > 0.0) {
        CurveOptions thermal;
        thermal.withDerivatives = false;
        thermal.threads = threads;
        thermal.cancel = cancel;
        const ActivationCurve at = computeActivationCurve(settings, {x}, thermal);
        if (!at.status) return at.status;
        a.thermalNoise = at.up.front().yStandardError;
    }
    const double sigma =
        std::sqrt(settings.derivative.readNoise * settings.derivative.readNoise + a.thermalNoise * a.thermalNoise);
    std::vector<double> y, dydx;
    if (Status s = readActivation(noiseless, plan.inputs, y, &dydx, threads, cancel); !s) return s;
    finishStepAnalysis(plan, y, dydx, sigma, a);
    analysis = std::move(a);
    return Status::ok();
}

}  // namespace mtj
