// SPDX-License-Identifier: GPL-3.0-or-later
// Activation curves of the four presets: shape, states, branches, and the device's finite-difference derivative
// against the reference derivative.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "device/activation_curve.hpp"
#include "neuron_presets.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

class TestActivationCurve : public QObject {
    Q_OBJECT
private slots:
    void outputOffsetShiftsEveryReadingAndNotItsSlope() {
        // readout.output_offset (y_0) enters the one bridge formula and the timed readout alike: the curve moves by
        // -y_0 on the fast path and in time integration, the exact derivative does not move.
        for (bool timed : {false, true}) {
            NeuronSettings plain;
            NeuronSettings shifted = plain;
            shifted.readout.outputOffset = 0.3;
            CurveOptions options;
            options.timeIntegrationOnly = timed;
            const std::vector<double> xs = {-1.5, -0.2, 0.4, 1.7};
            const ActivationCurve a = computeActivationCurve(plain, xs, options);
            const ActivationCurve b = computeActivationCurve(shifted, xs, options);
            QVERIFY(a.status.isOk() && b.status.isOk());
            for (std::size_t i = 0; i < xs.size(); ++i) {
                QVERIFY(std::abs((a.up[i].y - b.up[i].y) - 0.3) < 1e-12);
                QCOMPARE(b.up[i].derivativeReference, a.up[i].derivativeReference);
            }
        }
    }

    void defaultCurveIsMonotonicAndSpansMoreThanOnePointFive() {
        const ActivationCurve c = computeActivationCurve(testing::defaultNeuron(), evenlySpacedInputs(-2, 2, 201));
        QVERIFY2(c.status.isOk(), c.status.message().c_str());
        QCOMPARE(c.up.size(), std::size_t{201});
        QVERIFY(!c.hasHysteresis());
        for (std::size_t i = 1; i < c.up.size(); ++i) {
            QVERIFY2(c.up[i].y > c.up[i - 1].y, qPrintable(QString("not increasing at x = %1").arg(c.up[i].x)));
            QCOMPARE(c.up[i].state, ReadingState::Static);
        }
        QVERIFY(c.up.back().y - c.up.front().y >= 1.5);
    }

    void referenceDerivativeMatchesTheCurve() {
        // The exact slope against central differences of the y column of a fine curve (error h^2 f'''/6 ~ 1e-6).
        const std::vector<double> xs = evenlySpacedInputs(-1.5, 1.5, 3001);
        const ActivationCurve c = computeActivationCurve(testing::defaultNeuron(), xs);
        for (std::size_t i = 1; i + 1 < xs.size(); i += 50) {
            const double numeric = (c.up[i + 1].y - c.up[i - 1].y) / (xs[i + 1] - xs[i - 1]);
            QVERIFY2(std::abs(numeric - c.up[i].derivativeReference) < 1e-4,
                     qPrintable(QString("x = %1: %2 vs %3").arg(xs[i]).arg(numeric).arg(c.up[i].derivativeReference)));
        }
    }

    void finiteDifferenceMeanConvergesToTheReference() {
        // 400 independent noisy devices-readings of the central scheme at three inputs: the mean lies within four
        // standard errors of the reference plus the deterministic bias bound |delta^2 f'''/6| (tiny at delta = 0.01).
        NeuronSettings s = testing::defaultNeuron();
        s.derivative.step = 0.01;
        s.derivative.readNoise = 0.01;
        const std::vector<double> xs = {-0.5, 0.2, 0.7};
        std::vector<double> sum(xs.size(), 0.0);
        std::vector<double> reference;
        const int trials = 400;
        for (int seed = 1; seed <= trials; ++seed) {
            CurveOptions options;
            options.noiseSeed = static_cast<std::uint64_t>(seed);
            const ActivationCurve c = computeActivationCurve(s, xs, options);
            for (std::size_t i = 0; i < xs.size(); ++i) sum[i] += c.up[i].derivativeFiniteDifference;
            if (reference.empty())
                for (const auto& p : c.up) reference.push_back(p.derivativeReference);
        }
        const double standardError = s.derivative.readNoise / (std::sqrt(2.0) * s.derivative.step) / std::sqrt(trials);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const double mean = sum[i] / trials;
            QVERIFY2(std::abs(mean - reference[i]) < 4.0 * standardError + 2e-4,
                     qPrintable(QString("x = %1: mean %2, reference %3, SE %4")
                                    .arg(xs[i])
                                    .arg(mean)
                                    .arg(reference[i])
                                    .arg(standardError)));
        }
    }

    void noiseIsSeeded() {
        const std::vector<double> xs = {0.1, 0.4};
        CurveOptions options;
        options.noiseSeed = 9;
        const ActivationCurve a = computeActivationCurve(testing::defaultNeuron(), xs, options);
        const ActivationCurve b = computeActivationCurve(testing::defaultNeuron(), xs, options);
        options.noiseSeed = 10;
        const ActivationCurve c = computeActivationCurve(testing::defaultNeuron(), xs, options);
        QCOMPARE(a.up[0].derivativeFiniteDifference, b.up[0].derivativeFiniteDifference);
        QVERIFY(a.up[0].derivativeFiniteDifference != c.up[0].derivativeFiniteDifference);
        QCOMPARE(a.up[0].y, c.up[0].y);  // the reading itself is the noiseless model
    }

    void everySchemeEstimatesTheSlopeWithoutNoise_data() {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("central (bias delta^2 f'''/6)") << static_cast<int>(DerivativeScheme::Central) << 2e-3;
        QTest::newRow("forward (bias delta f''/2)") << static_cast<int>(DerivativeScheme::Forward) << 0.05;
        QTest::newRow("lock-in (bias delta^2 f'''/8)") << static_cast<int>(DerivativeScheme::LockIn) << 2e-3;
    }
    void everySchemeEstimatesTheSlopeWithoutNoise() {
        QFETCH(int, scheme);
        QFETCH(double, tolerance);
        NeuronSettings s = testing::defaultNeuron();
        s.derivative.scheme = static_cast<DerivativeScheme>(scheme);
        s.derivative.readNoise = 0.0;
        s.derivative.step = 0.02;
        const ActivationCurve c = computeActivationCurve(s, {-0.6, 0.0, 0.5, 1.0});
        for (const CurvePoint& p : c.up) {
            QVERIFY2(
                std::abs(p.derivativeFiniteDifference - p.derivativeReference) < tolerance,
                qPrintable(
                    QString("x = %1: %2 vs %3").arg(p.x).arg(p.derivativeFiniteDifference).arg(p.derivativeReference)));
        }
    }

    void stencilNoiseGains() {
        QVERIFY(std::abs(finiteDifferenceStencil(DerivativeScheme::Central, 0.05).noiseGain() -
                         1.0 / (std::sqrt(2.0) * 0.05)) < 1e-12);
        QVERIFY(std::abs(finiteDifferenceStencil(DerivativeScheme::Forward, 0.05).noiseGain() - std::sqrt(2.0) / 0.05) <
                1e-12);
        // Lock-in: sqrt(sum (2 sin phi_k / (K d))^2) = sqrt(2 / K) / d.
        QVERIFY(std::abs(finiteDifferenceStencil(DerivativeScheme::LockIn, 0.05).noiseGain() -
                         std::sqrt(2.0 / lockInSamples) / 0.05) < 1e-12);
    }

    void hysteresisGivesTwoDifferentBranches() {
        const ActivationCurve c = computeActivationCurve(testing::hysteresisNeuron(), evenlySpacedInputs(-1, 1, 101));
        QVERIFY2(c.status.isOk(), c.status.message().c_str());
        QVERIFY(c.hasHysteresis());
        QCOMPARE(c.down.size(), c.up.size());
        // At x = 0 the up branch is still antiparallel (high) and the down branch parallel (low).
        auto at = [](const std::vector<CurvePoint>& branch, double x) {
            return std::min_element(
                       branch.begin(), branch.end(),
                       [x](const CurvePoint& a, const CurvePoint& b) { return std::abs(a.x - x) < std::abs(b.x - x); })
                ->y;
        };
        QVERIFY(at(c.up, 0.0) - at(c.down, 0.0) > 1.0);
        // Outside the loop both branches agree.
        QVERIFY(std::abs(at(c.up, 0.9) - at(c.down, 0.9)) < 1e-9);
        QVERIFY(std::abs(at(c.up, -0.9) - at(c.down, -0.9)) < 1e-9);
        // Each sweep switches exactly once inside the loop.
        const auto switches = [](const std::vector<CurvePoint>& branch) {
            return std::count_if(branch.begin() + 1, branch.end(),
                                 [](const CurvePoint& p) { return p.state == ReadingState::Switched; });
        };
        QCOMPARE(switches(c.up), 1L);
        QCOMPARE(switches(c.down), 1L);
    }

    void currentBeyondTheInstabilitySwitches() {
        NeuronSettings s = testing::currentInputNeuron();
        s.drive.inputMinimum = -2.0;
        const ActivationCurve c = computeActivationCurve(s, {-2.0, -1.8, 0.0});
        QVERIFY2(c.status.isOk(), c.status.message().c_str());
        QCOMPARE(c.up[0].state, ReadingState::Switched);  // -600 uA: spin torque has reversed the free layer
        QCOMPARE(c.up[1].state, ReadingState::Switched);
        QCOMPARE(c.up[2].state, ReadingState::Static);
        QVERIFY(c.up[0].magnetization.x < 0.0);
    }

    void spinDiodeIsQuadraticAtSmallInput() {
        NeuronSettings s = testing::spinDiodeNeuron();
        const ActivationCurve c = computeActivationCurve(s, {0.05, 0.1, 0.2});
        QVERIFY2(c.status.isOk(), c.status.message().c_str());
        // y ~ a^2: doubling the input quadruples the output (to 2 % at these amplitudes).
        QVERIFY(c.up[0].y > 0.0);
        QVERIFY2(std::abs(c.up[1].y / c.up[0].y - 4.0) < 0.08,
                 qPrintable(QString("ratio %1").arg(c.up[1].y / c.up[0].y)));
        QVERIFY(std::abs(c.up[2].y / c.up[1].y - 4.0) < 0.08);
        QCOMPARE(c.up[1].state, ReadingState::Precessing);
    }

    void thermalReadingsScatterAroundTheNoiselessCurve() {
        // At 300 K every reading is a stochastic-Heun time average (Delta = 16.7, a strongly pinned state): the readings
        // lie close to the T = 0 curve, differ from seed to seed, and the reference derivative is the T = 0 one.
        NeuronSettings warm = testing::defaultNeuron();
        warm.device.temperatureKelvin = 300.0;
        const std::vector<double> xs = {-0.5, 0.3};
        CurveOptions first, second;
        first.noiseSeed = 1;
        second.noiseSeed = 2;
        const ActivationCurve a = computeActivationCurve(warm, xs, first);
        const ActivationCurve b = computeActivationCurve(warm, xs, second);
        const ActivationCurve cold = computeActivationCurve(testing::defaultNeuron(), xs);
        QVERIFY2(a.status.isOk(), a.status.message().c_str());
        for (std::size_t i = 0; i < xs.size(); ++i) {
            QVERIFY2(std::abs(a.up[i].y - cold.up[i].y) < 0.1,
                     qPrintable(QString("%1 vs %2").arg(a.up[i].y).arg(cold.up[i].y)));
            QVERIFY(a.up[i].y != b.up[i].y);
            QCOMPARE(a.up[i].derivativeReference, cold.up[i].derivativeReference);
            QVERIFY(a.up[i].state != ReadingState::Switched);
        }
    }

    void cancellationStopsPromptly() {
        std::atomic<bool> cancel{true};
        CurveOptions options;
        options.cancel = &cancel;
        const ActivationCurve c =
            computeActivationCurve(testing::spinDiodeNeuron(), evenlySpacedInputs(0, 2, 201), options);
        QVERIFY(!c.status.isOk());
    }

    void invalidSettingsAreRejected() {
        NeuronSettings s = testing::defaultNeuron();
        s.device.thicknessNanometers = -1;
        const ActivationCurve c = computeActivationCurve(s, {0.0});
        QVERIFY(!c.status.isOk());
        QVERIFY(QString::fromStdString(c.status.message()).contains("device.thickness_nm"));
    }
};

QTEST_APPLESS_MAIN(TestActivationCurve)
#include "test_activation_curve.moc"
