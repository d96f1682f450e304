// SPDX-License-Identifier: GPL-3.0-or-later
// The reading protocol (docs/physics.md section 3): the fast path must tell the same story as the time integration of
// the same protocol (a step or a ramp from the junction at rest), at T = 0 and at 0.001 K, for the shipped presets
// and for hundreds of random junctions that cross saddle-node and Hopf points.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "device/activation_curve.hpp"
#include "device/macrospin/basin_certificate.hpp"
#include "device/fixed_point.hpp"
#include "device/macrospin/timed_readout.hpp"
#include "physics/units.hpp"
#include "neuron_presets.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

namespace {

struct Comparison {
    double worstRelative = 0.0;  // |y_fast - y_time| / span, over points whose labels agree
    double worstX = 0.0;
    int labelMismatches = 0;
    int mismatchesAwayFromTransitions = 0;
    double span = 0.0;
    int referenceSwitched = 0;
    int referencePrecessing = 0;
};

ActivationCurve curveOf(const NeuronSettings& s, const std::vector<double>& xs, bool timeOnly) {
    CurveOptions options;
    options.withDerivatives = false;
    options.timeIntegrationOnly = timeOnly;
    return computeActivationCurve(s, xs, options);
}

/// Compares the fast path with the full time integration of the same protocol. A label mismatch counts as next to
/// a bifurcation when the reference's label or well changes at a neighbouring grid point, or the reference output
/// jumps by more than a fifth of the span there.
Comparison compareWithTimeIntegration(const NeuronSettings& s, const std::vector<double>& xs) {
    const ActivationCurve fast = curveOf(s, xs, false);
    const ActivationCurve slow = curveOf(s, xs, true);
    Comparison c;
    if (!fast.status.isOk() || !slow.status.isOk()) {
        c.labelMismatches = c.mismatchesAwayFromTransitions = 1000;
        return c;
    }
    double lo = 1e300, hi = -1e300;
    for (const CurvePoint& p : slow.up) {
        lo = std::min(lo, p.y);
        hi = std::max(hi, p.y);
    }
    c.span = std::max(hi - lo, 1e-3 * std::abs(s.readout.gainPerVolt) * 0.01);
    const auto& f = fast.up;
    const auto& r = slow.up;
    for (std::size_t i = 0; i < r.size(); ++i) {
        c.referenceSwitched += r[i].state == ReadingState::Switched;
        c.referencePrecessing += r[i].state == ReadingState::Precessing;
        if (f[i].state != r[i].state || std::abs(f[i].y - r[i].y) > 0.005 * c.span) {
            ++c.labelMismatches;
            bool nearTransition = false;
            for (std::size_t j : {i - 1, i + 1}) {
                if (j >= r.size()) continue;
                if (r[j].state != r[i].state || std::abs(r[j].y - r[i].y) > 0.2 * c.span) nearTransition = true;
            }
            if (!nearTransition) ++c.mismatchesAwayFromTransitions;
            continue;
        }
        const double relative = std::abs(f[i].y - r[i].y) / c.span;
        if (relative > c.worstRelative) {
            c.worstRelative = relative;
            c.worstX = r[i].x;
        }
    }
    return c;
}

QString describe(const ActivationCurve& c) {
    QString text;
    for (const CurvePoint& p : c.up)
        text += QString("(%1, %2, %3) ").arg(p.x).arg(p.y, 0, 'g', 6).arg(toString(p.state));
    return text;
}

}  // namespace

class TestReadingProtocol : public QObject {
    Q_OBJECT
private slots:
    void aStepRingsOverTheSaddleAtZeroAndAtOneMillikelvin() {
        // The "done when": current-input.json from x = -1.38 with a step switches at x <= -1.14, at T = 0 and
        // at 0.001 K alike, with the same outputs.
        NeuronSettings s = testing::currentInputNeuron();
        s.readout.inputRiseNanoseconds = 0.0;
        const std::vector<double> xs = evenlySpacedInputs(-1.38, -1.10, 15);
        const ActivationCurve cold = computeActivationCurve(s, xs);
        s.device.temperatureKelvin = 0.001;
        const ActivationCurve warm = computeActivationCurve(s, xs);
        QVERIFY(cold.status.isOk() && warm.status.isOk());
        // The basin of the canted state loses the reset state near -340 uA (x = -1.133): x = -1.12 is on the edge.
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (xs[i] <= -1.14 + 1e-9) QVERIFY2(cold.up[i].state == ReadingState::Switched, qPrintable(describe(cold)));
            if (xs[i] >= -1.10 - 1e-9) QVERIFY2(cold.up[i].state == ReadingState::Static, qPrintable(describe(cold)));
            QCOMPARE(warm.up[i].state, cold.up[i].state);
            QVERIFY2(std::abs(warm.up[i].y - cold.up[i].y) < 0.005 * 5.0, qPrintable(describe(warm)));
        }
    }

    void aSlowRampStaysOnTheCantedBranchDownToTheSaddleNode() {
        NeuronSettings s = testing::currentInputNeuron();
        s.readout.inputRiseNanoseconds = 10.0;
        const std::vector<double> xs = evenlySpacedInputs(-1.38, -1.10, 15);
        const ActivationCurve cold = computeActivationCurve(s, xs);
        s.device.temperatureKelvin = 0.001;
        const ActivationCurve warm = computeActivationCurve(s, xs);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            QVERIFY2(cold.up[i].state == ReadingState::Static, qPrintable(describe(cold)));
            QVERIFY2(warm.up[i].state == ReadingState::Static, qPrintable(describe(warm)));
            QVERIFY2(cold.up[i].y > -0.5 && std::abs(warm.up[i].y - cold.up[i].y) < 0.01, qPrintable(describe(warm)));
        }
    }

    void theRampLeavesTheCantedBranchAtItsSaddleNode() {
        // The saddle-node of the canted state: continue it towards negative current until it stops being stable.
        NeuronSettings s = testing::currentInputNeuron();
        const NeuronModel neuron = NeuronModel::fromSettings(s);
        Vec3 m = neuron.resetState;
        double saddleNode = 0.0;
        for (double x = 0.0; x > -2.0; x -= 1e-4) {
            const FixedPoint fp = newtonFixedPoint(neuron.device, neuron.dcDrive(x), m);
            if (!(fp.converged && fp.stable) || norm(fp.magnetization - m) > 0.05) {
                saddleNode = x;
                break;
            }
            m = fp.magnetization;
        }
        std::printf("  saddle-node of the canted state at x = %.4f (%.1f uA)\n", saddleNode, saddleNode * 300.0);
        QVERIFY(saddleNode < -1.35 && saddleNode > -1.45);
        // A 10 ns ramp stays on the branch until 0.015 before it (the finite ramp rate overshoots a little), at 0 K
        // and at 0.001 K, and has switched just past it.
        s.readout.inputRiseNanoseconds = 10.0;
        const std::vector<double> xs = evenlySpacedInputs(saddleNode - 0.02, saddleNode + 0.05, 36);
        for (double kelvin : {0.0, 0.001}) {
            s.device.temperatureKelvin = kelvin;
            const ActivationCurve c = computeActivationCurve(s, xs);
            QVERIFY(c.status.isOk());
            for (const CurvePoint& p : c.up) {
                if (p.x >= saddleNode + 0.015) QVERIFY2(p.state == ReadingState::Static, qPrintable(describe(c)));
                if (p.x <= saddleNode - 0.001) QVERIFY2(p.state == ReadingState::Switched, qPrintable(describe(c)));
            }
        }
    }

    void presetsAgreeWithTheTimeIntegration_data() {
        QTest::addColumn<int>("preset");
        QTest::addColumn<double>("rise");
        QTest::addColumn<double>("xMin");
        QTest::addColumn<double>("xMax");
        QTest::newRow("default, ramp") << 0 << 10.0 << -2.0 << 2.0;
        QTest::newRow("default, step") << 0 << 0.0 << -2.0 << 2.0;
        QTest::newRow("current-input, ramp") << 1 << 10.0 << -1.6 << 2.0;
        QTest::newRow("current-input, step") << 1 << 0.0 << -1.6 << 2.0;
        QTest::newRow("hysteresis, ramp") << 2 << 10.0 << -1.0 << 1.0;
        QTest::newRow("hysteresis, step") << 2 << 0.0 << -1.0 << 1.0;
    }

    void presetsAgreeWithTheTimeIntegration() {
        QFETCH(int, preset);
        QFETCH(double, rise);
        QFETCH(double, xMin);
        QFETCH(double, xMax);
        NeuronSettings s = preset == 0   ? testing::defaultNeuron()
                           : preset == 1 ? testing::currentInputNeuron()
                                         : testing::hysteresisNeuron();
        s.readout.inputRiseNanoseconds = rise;
        const Comparison c = compareWithTimeIntegration(s, evenlySpacedInputs(xMin, xMax, 41));
        std::printf("  worst |fast - time| = %.2e of the span at x = %.3f; %d label mismatches\n", c.worstRelative,
                    c.worstX, c.labelMismatches);
        QVERIFY(c.worstRelative <= 0.005);
        QVERIFY(c.labelMismatches <= 1);
        QCOMPARE(c.mismatchesAwayFromTransitions, 0);
    }

    void oneMillikelvinTellsTheSameStoryAsZero_data() {
        QTest::addColumn<int>("preset");
        QTest::addColumn<double>("rise");
        QTest::newRow("default, ramp") << 0 << 10.0;
        QTest::newRow("default, step") << 0 << 0.0;
        QTest::newRow("current-input, ramp") << 1 << 10.0;
        QTest::newRow("current-input, step") << 1 << 0.0;
        QTest::newRow("hysteresis, ramp") << 2 << 10.0;
    }

    void oneMillikelvinTellsTheSameStoryAsZero() {
        // At 0.001 K every reading is integrated in time with the Brown field (stochastic Heun); at 0 K the fast path
        // answers. Same protocol, so the same states and, within the thermal noise, the same outputs (both branches).
        QFETCH(int, preset);
        QFETCH(double, rise);
        NeuronSettings s = preset == 0   ? testing::defaultNeuron()
                           : preset == 1 ? testing::currentInputNeuron()
                                         : testing::hysteresisNeuron();
        s.readout.inputRiseNanoseconds = rise;
        if (preset == 1) s.drive.inputMinimum = -1.6;  // across both instabilities
        const std::vector<double> xs = evenlySpacedInputs(s.drive.inputMinimum, s.drive.inputMaximum, 21);
        CurveOptions options;
        options.withDerivatives = false;
        const ActivationCurve cold = computeActivationCurve(s, xs, options);
        s.device.temperatureKelvin = 0.001;
        const ActivationCurve warm = computeActivationCurve(s, xs, options);
        QVERIFY(cold.status.isOk() && warm.status.isOk());
        double lo = 1e300, hi = -1e300;
        for (const CurvePoint& p : cold.up) lo = std::min(lo, p.y), hi = std::max(hi, p.y);
        int mismatches = 0;
        double worst = 0.0;
        for (const auto* branch : {&cold.up, &cold.down}) {
            const auto& other = branch == &cold.up ? warm.up : warm.down;
            QCOMPARE(other.size(), branch->size());
            for (std::size_t i = 0; i < branch->size(); ++i) {
                if ((*branch)[i].state != other[i].state) {
                    ++mismatches;
                    continue;
                }
                worst = std::max(worst, std::abs((*branch)[i].y - other[i].y) / (hi - lo));
            }
        }
        std::printf("  0.001 K against 0 K: worst %.2e of the span, %d label mismatches\n", worst, mismatches);
        QVERIFY2(worst < 0.01, qPrintable(describe(warm)));
        QVERIFY2(mismatches <= 1, qPrintable(describe(cold) + " | " + describe(warm)));
    }

    void thermalReadingsDependOnlyOnTheSeedAndTheReading() {
        // At 300 K every reading draws its Brown field from its own LaneNormals stream (seed, hash of the reading): the same numbers
        // for 1 and 2 threads, and for a reading computed alone or among others (a coarse pass of a curve).
        NeuronSettings s = testing::defaultNeuron();
        s.device.temperatureKelvin = 300.0;
        const std::vector<double> xs = evenlySpacedInputs(-1.0, 1.0, 9);
        CurveOptions one, two;
        one.threads = 1;
        two.threads = 2;
        const ActivationCurve a = computeActivationCurve(s, xs, one);
        const ActivationCurve b = computeActivationCurve(s, xs, two);
        const ActivationCurve subset = computeActivationCurve(s, {xs[2], xs[6]}, two);
        QVERIFY(a.status.isOk() && b.status.isOk() && subset.status.isOk());
        // Bit for bit (QCOMPARE of doubles would allow a relative 1e-12).
        for (std::size_t i = 0; i < xs.size(); ++i) {
            QVERIFY(a.up[i].y == b.up[i].y);
            QVERIFY(a.up[i].derivativeFiniteDifference == b.up[i].derivativeFiniteDifference);
            QVERIFY(a.up[i].yStandardError == b.up[i].yStandardError);
        }
        QVERIFY(subset.up[0].y == a.up[2].y);
        QVERIFY(subset.up[1].y == a.up[6].y);
        // Thermal noise is there: two seeds differ.
        CurveOptions other = two;
        other.noiseSeed = 7;
        const ActivationCurve c = computeActivationCurve(s, xs, other);
        QVERIFY(c.up[4].y != a.up[4].y);
    }

    void thermalReadingsMeetEquipartition() {
        // A thermal reading at the production step (0.5 ps) sits in its well with the jitter equipartition gives:
        // <|dm|^2> = kB T / (mu0 Ms V) (1/H + 1/(H + Meff)), H = Hk + the 5 mT bias field (no current).
        NeuronSettings s = testing::defaultNeuron();
        s.device.temperatureKelvin = 300.0;
        s.drive.biasCurrentMicroampere = 0.0;
        s.readout.settleNanoseconds = 5.0;
        s.readout.averageNanoseconds = 100.0;  // about 70 ring-down times: the variance to 1 % (standard error)
        s.readout.inputRiseNanoseconds = 0.0;
        const NeuronModel n = NeuronModel::fromSettings(s);
        std::vector<TimedReadingJob> jobs;
        for (int k = 0; k < 256; ++k) jobs.push_back({1e-9 * k, n.resetState, 0.0});  // 256 readings, own noise each
        std::vector<TimedReading> readings;
        QVERIFY(runTimedReadings(n, jobs, readings).isOk());
        double variance = 0.0;
        for (const TimedReading& r : readings) variance += r.rmsDeviation * r.rmsDeviation / readings.size();
        const JunctionCoefficients& m = n.device;
        const double h = 5.0e-3 / units::mu0 + m.anisotropyField;
        const double expected = units::boltzmann * 300.0 /
                                (units::mu0 * m.saturationMagnetization * m.volumeCubicMeters) *
                                (1.0 / h + 1.0 / (h + m.effectiveDemagField));
        std::printf("  <|dm|^2> = %.5f, equipartition %.5f\n", variance, expected);
        QVERIFY2(std::abs(variance / expected - 1.0) < 0.05,
                 qPrintable(QString("%1 against %2").arg(variance).arg(expected)));
    }

    void thermalStandardErrorMatchesTheSpreadOverSeeds() {
        // y_stderr (batch means of the averaging window) against the spread of y over 16 thermal seeds at three
        // inputs of default.json at 300 K: within a factor of two (the spread itself is known to about 18 %).
        NeuronSettings s = testing::defaultNeuron();
        s.device.temperatureKelvin = 300.0;
        const std::vector<double> xs = {-1.5, 0.0};
        std::vector<std::vector<double>> ys(xs.size()), errors(xs.size());
        for (std::uint64_t seed = 1; seed <= 16; ++seed) {
            CurveOptions options;
            options.noiseSeed = seed;
            options.withDerivatives = false;
            const ActivationCurve c = computeActivationCurve(s, xs, options);
            for (std::size_t i = 0; i < xs.size(); ++i) {
                ys[i].push_back(c.up[i].y);
                errors[i].push_back(c.up[i].yStandardError);
            }
        }
        for (std::size_t i = 0; i < xs.size(); ++i) {
            double mean = 0.0, squares = 0.0, estimate = 0.0;
            for (double y : ys[i]) mean += y / 16.0;
            for (double y : ys[i]) squares += (y - mean) * (y - mean) / 15.0;
            for (double e : errors[i]) estimate += e * e / 16.0;
            const double spread = std::sqrt(squares), predicted = std::sqrt(estimate);
            std::printf("  x = %.1f: spread over seeds %.5f, standard error %.5f\n", xs[i], spread, predicted);
            QVERIFY2(predicted > 0.5 * spread && predicted < 2.0 * spread,
                     qPrintable(QString("%1 against %2").arg(predicted).arg(spread)));
        }
    }

    void thermalJitterIsNotPrecession() {
        // At 300 K a reading precesses only where m circulates about its mean (at least one turn in the window)
        // with an rms deviation above three times the thermal jitter of the well it sits in (the linearised
        // stochastic LLGS, spin torque included): default.json has no precessing point, over two seeds, nor has
        // the current-input junction, whose thermal hopping between its two shallow canted wells is not precession.
        for (const NeuronSettings& base : {testing::defaultNeuron(), testing::currentInputNeuron()}) {
            NeuronSettings s = base;
            s.device.temperatureKelvin = 300.0;
            const std::vector<double> xs = evenlySpacedInputs(s.drive.inputMinimum, s.drive.inputMaximum, 201);
            for (std::uint64_t seed : {1u, 2u}) {
                CurveOptions options;
                options.noiseSeed = seed;
                options.withDerivatives = false;
                const ActivationCurve c = computeActivationCurve(s, xs, options);
                QVERIFY(c.status.isOk());
                int precessing = 0;
                for (const CurvePoint& p : c.up) precessing += p.state == ReadingState::Precessing;
                std::printf("  %s, seed %d: %d of 201 precessing\n",
                            s.drive.input == InputChannel::Field ? "default" : "current-input", static_cast<int>(seed),
                            precessing);
                // default.json: none. The current-input junction: a hop that happens to turn is rare, not absent: 1 of
                // 201 in the native build, 3 in the portable (sanitizer) build whose random streams differ. At most 6
                // (3 %), far below the 69 of 201 the rms test alone marks.
                QVERIFY2(precessing <= (s.drive.input == InputChannel::Field ? 0 : 6),
                         qPrintable(QString::number(precessing)));
            }
        }
        CurveOptions options;
        options.withDerivatives = false;
        const ActivationCurve diode =
            computeActivationCurve(testing::spinDiodeNeuron(), evenlySpacedInputs(0.5, 2.0, 4), options);
        for (const CurvePoint& p : diode.up) QCOMPARE(p.state, ReadingState::Precessing);
    }

    void spinTorqueOscillationIsPrecessionAt300K() {
        // presets/spin-torque-oscillator.json: above the threshold current the free layer precesses on a large
        // orbit; at 300 K those readings are still marked, over two seeds, and the readings well below threshold
        // (x <= 0.3, under 90 uA) are static. At 0 K the junction sits exactly on its antiparallel state (field, easy
        // axis and reference collinear) and is nudged off it once that state is unstable: the marks start after the
        // linear instability (x = 0.64) and before x = 1 (without the nudge they started only at x = 1.88).
        const NeuronSettings s = testing::spinTorqueOscillatorNeuron();
        const std::vector<double> xs = evenlySpacedInputs(s.drive.inputMinimum, s.drive.inputMaximum, 101);
        for (std::uint64_t seed : {1u, 2u}) {
            CurveOptions options;
            options.noiseSeed = seed;
            options.withDerivatives = false;
            const ActivationCurve c = computeActivationCurve(s, xs, options);
            QVERIFY(c.status.isOk());
            int precessingAbove = 0, above = 0;
            for (const CurvePoint& p : c.up) {
                if (p.x <= 0.3) QVERIFY2(p.state != ReadingState::Precessing, qPrintable(QString("x = %1").arg(p.x)));
                if (p.x >= 2.0) {
                    ++above;
                    precessingAbove += p.state == ReadingState::Precessing;
                }
            }
            std::printf("  300 K, seed %d: %d of %d readings above x = 2 precessing\n", static_cast<int>(seed),
                        precessingAbove, above);
            QCOMPARE(precessingAbove, above);
        }
        NeuronSettings cold = s;
        cold.device.temperatureKelvin = 0.0;
        CurveOptions options;
        options.withDerivatives = false;
        const ActivationCurve c = computeActivationCurve(cold, xs, options);
        double onset = 10.0;
        for (const CurvePoint& p : c.up) {
            if (p.state == ReadingState::Precessing) onset = std::min(onset, p.x);
        }
        // The linear instability of the antiparallel state, from the growth rate of the tangent Jacobian.
        const NeuronModel model = NeuronModel::fromSettings(cold);
        double instability = 10.0;
        for (double x = 0.0; x < 3.0; x += 0.005) {
            if (largestGrowthRate(model.device, Vec3{-1.0, 0.0, 0.0}, model.dcDrive(x)) > 0.0) {
                instability = x;
                break;
            }
        }
        std::printf("  0 K: antiparallel state unstable from x = %.3f, precession marked from x = %.2f\n", instability,
                    onset);
        QVERIFY(instability > 0.6 && instability < 0.7);
        QVERIFY(onset >= instability && onset < 1.0);
    }

    void certificateRejectsAStartBeyondTheSaddle() {
        // current-input at x = -1.3 (-390 uA) with a step: the reset state is not in the canted state's linear
        // neighbourhood (the step rings over the saddle), while a start next to the canted state is.
        const NeuronSettings s = [] {
            NeuronSettings n = testing::currentInputNeuron();
            n.readout.inputRiseNanoseconds = 0.0;
            return n;
        }();
        const NeuronModel neuron = NeuronModel::fromSettings(s);
        const Drive d = neuron.dcDrive(-1.3);
        const FixedPoint canted = settleToStableFixedPoint(neuron.device, d, neuron.resetState);
        QVERIFY(canted.converged && canted.stable);
        const LinearNeighbourhood nb = linearNeighbourhood(neuron.device, d, canted.magnetization);
        QVERIFY(nb.valid);
        QVERIFY(!convergesTo(neuron.device, d, nb, neuron.resetState, 0.0, 1.0));
        const Vec3 near = normalized(canted.magnetization + nb.e1 * 1e-3);
        QVERIFY(convergesTo(neuron.device, d, nb, near, 0.0, 1.0));
        // Close to the saddle-node the ring-down is slow: 1e-3 rad does not decay below 1e-4 within 1 ns.
        QVERIFY(!convergesTo(neuron.device, d, nb, near, 1e-9, 1e-4));
    }

    void randomJunctionsAgreeWithTheTimeIntegration() {
        // 200 seeded random junctions: field magnitude and angles, bias current of both signs, Hk, Meff (in-plane and
        // perpendicular), alpha from 0.005 to 0.1, field or current input, a step or a ramp of 5-20 ns, input ranges
        // wide enough to cross saddle-node and Hopf points.
        std::mt19937_64 random(20261202);
        auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(random); };
        const int cases = 200;
        int failures = 0, mismatchesTotal = 0, switchedPoints = 0, precessingPoints = 0;
        double worst = 0.0;
        QString worstCase, failureText;
        for (int k = 0; k < cases; ++k) {
            NeuronSettings s;
            s.device.temperatureKelvin = 0.0;
            s.device.anisotropyFieldMilliTesla = uniform(2.0, 30.0);
            s.device.effectiveDemagFieldTesla = uniform(0.0, 1.0) < 0.25 ? uniform(-0.3, -0.02) : uniform(0.1, 1.2);
            s.device.damping = std::exp(uniform(std::log(0.005), std::log(0.1)));
            s.device.referenceAxis = uniform(0, 1) < 0.5 ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
            s.drive.input = uniform(0, 1) < 0.5 ? InputChannel::Field : InputChannel::Current;
            s.drive.inputScale = s.drive.input == InputChannel::Field ? uniform(5.0, 30.0) : uniform(100.0, 400.0);
            s.drive.inputAxis = Vec3{uniform(-1, 1), uniform(-1, 1), uniform(-0.3, 0.3)};
            s.drive.biasCurrentMicroampere = uniform(-500.0, 500.0);
            s.drive.fieldMilliTesla = uniform(0.0, 40.0);
            s.drive.fieldThetaDegrees = uniform(0.0, 180.0);
            s.drive.fieldPhiDegrees = uniform(0.0, 360.0);
            s.drive.inputMinimum = -2.0;
            s.drive.inputMaximum = 2.0;
            s.readout.inputRiseNanoseconds = uniform(0, 1) < 0.5 ? 0.0 : uniform(5.0, 20.0);
            s.readout.settleNanoseconds = 20.0;
            s.readout.averageNanoseconds = 5.0;
            if (!validate(s).isOk()) continue;
            const Comparison c = compareWithTimeIntegration(s, evenlySpacedInputs(-2.0, 2.0, 9));
            switchedPoints += c.referenceSwitched;
            precessingPoints += c.referencePrecessing;
            mismatchesTotal += c.labelMismatches;
            const QString text =
                QString(
                    "case %1: %2 input, Hk %3 mT, Meff %4 T, alpha %5, bias %6 uA, field %7 mT (%8, %9 deg), "
                    "rise %10 ns")
                    .arg(k)
                    .arg(toString(s.drive.input))
                    .arg(s.device.anisotropyFieldMilliTesla, 0, 'g', 3)
                    .arg(s.device.effectiveDemagFieldTesla, 0, 'g', 3)
                    .arg(s.device.damping, 0, 'g', 3)
                    .arg(s.drive.biasCurrentMicroampere, 0, 'f', 0)
                    .arg(s.drive.fieldMilliTesla, 0, 'f', 1)
                    .arg(s.drive.fieldThetaDegrees, 0, 'f', 0)
                    .arg(s.drive.fieldPhiDegrees, 0, 'f', 0)
                    .arg(s.readout.inputRiseNanoseconds, 0, 'f', 1);
            if (c.worstRelative > worst) {
                worst = c.worstRelative;
                worstCase = text + QString(" at x = %1").arg(c.worstX);
            }
            if (c.worstRelative > 0.005 || c.labelMismatches > 1 || c.mismatchesAwayFromTransitions > 0) {
                ++failures;
                failureText += text + QString(": worst %1, %2 mismatches (%3 away from transitions)\n")
                                          .arg(c.worstRelative)
                                          .arg(c.labelMismatches)
                                          .arg(c.mismatchesAwayFromTransitions);
            }
        }
        std::printf(
            "  %d random junctions (%d of their %d readings switched, %d precessing): worst |fast - time| = "
            "%.2e of the span (%s); %d label mismatches next to bifurcations in all\n",
            cases, switchedPoints, cases * 9, precessingPoints, worst, qPrintable(worstCase), mismatchesTotal);
        QVERIFY2(failures == 0, qPrintable(failureText));
    }
};

QTEST_APPLESS_MAIN(TestReadingProtocol)
#include "test_reading_protocol.moc"
