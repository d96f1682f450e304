// SPDX-License-Identifier: GPL-3.0-or-later
// Oracle 9 of docs/physics.md section 7 (central finite-difference error ~ delta^2 on a noiseless curve) and the
// error-versus-step analysis with its optimum delta* = (3 sigma / |f'''|)^(1/3).
#include <QtTest>
#include <cmath>

#include "device/derivative_analysis.hpp"
#include "neuron_presets.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

class TestDerivativeAnalysis : public QObject {
    Q_OBJECT
private slots:
    void centralErrorScalesAsDeltaSquared_data() {
        QTest::addColumn<double>("x");
        QTest::newRow("x = -0.5") << -0.5;
        QTest::newRow("x = 0.2") << 0.2;
        QTest::newRow("x = 0.9") << 0.9;
    }
    void centralErrorScalesAsDeltaSquared() {
        QFETCH(double, x);
        NeuronSettings s = testing::defaultNeuron();
        s.derivative.readNoise = 0.0;
        StepErrorAnalysis a;
        const Status status = analyseStepError(s, x, 2e-3, 2e-2, 6, a);
        QVERIFY2(status.isOk(), status.message().c_str());
        // Least-squares slope of log(error) against log(delta).
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const int n = static_cast<int>(a.steps.size());
        for (int i = 0; i < n; ++i) {
            const double lx = std::log(a.steps[i]), ly = std::log(a.rmsError[i]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        QVERIFY2(std::abs(slope - 2.0) < 0.2, qPrintable(QString("log-log slope %1").arg(slope)));
        // And the size of the error is the model's delta^2 f'''/6 (10 % at the smallest step).
        QVERIFY(std::abs(a.rmsError.front() / (a.steps.front() * a.steps.front() * std::abs(a.thirdDerivative) / 6.0) -
                         1.0) < 0.1);
    }

    void optimumStepBalancesBiasAndNoise() {
        NeuronSettings s = testing::defaultNeuron();
        s.derivative.readNoise = 0.005;
        StepErrorAnalysis a;
        QVERIFY(analyseStepError(s, 0.6, 1e-3, 1.0, 61, a).isOk());
        QVERIFY(std::isfinite(a.optimalStep));
        QVERIFY(std::abs(a.optimalStep - std::cbrt(3 * 0.005 / std::abs(a.thirdDerivative))) < 1e-12);
        // The measured minimum sits near the predicted optimum (within a factor of 2), and the model tracks the
        // exact rms error within 30 % around it.
        const auto best = std::min_element(a.rmsError.begin(), a.rmsError.end()) - a.rmsError.begin();
        const double bestStep = a.steps[static_cast<std::size_t>(best)];
        QVERIFY2(bestStep > 0.5 * a.optimalStep && bestStep < 2.0 * a.optimalStep,
                 qPrintable(QString("measured best %1, predicted %2").arg(bestStep).arg(a.optimalStep)));
        for (std::size_t i = 0; i < a.steps.size(); ++i) {
            if (a.steps[i] > 0.5 * a.optimalStep && a.steps[i] < 2.0 * a.optimalStep) {
                QVERIFY(std::abs(a.rmsError[i] / a.modelRmsError[i] - 1.0) < 0.3);
            }
        }
        // Small steps are noise dominated: sigma / (sqrt(2) delta).
        QVERIFY(std::abs(a.rmsError.front() / (0.005 / (std::sqrt(2.0) * a.steps.front())) - 1.0) < 0.01);
    }

    void thermalNoiseMovesTheOptimumStep() {
        // At 300 K each reading also carries its thermal noise: the noise of a reading, and with it delta*, grow.
        NeuronSettings s = testing::defaultNeuron();
        s.derivative.readNoise = 0.005;
        StepErrorAnalysis cold, warm;
        QVERIFY(analyseStepError(s, 0.6, 1e-3, 1.0, 31, cold).isOk());
        s.device.temperatureKelvin = 300.0;
        QVERIFY(analyseStepError(s, 0.6, 1e-3, 1.0, 31, warm).isOk());
        QCOMPARE(cold.thermalNoise, 0.0);
        QVERIFY(warm.thermalNoise > 0.0);
        QVERIFY(std::abs(warm.readingNoise - std::hypot(0.005, warm.thermalNoise)) < 1e-15);
        QVERIFY(std::abs(warm.optimalStep - std::cbrt(3 * warm.readingNoise / std::abs(warm.thirdDerivative))) < 1e-12);
        QVERIFY2(warm.optimalStep > cold.optimalStep,
                 qPrintable(QString("%1 against %2").arg(warm.optimalStep).arg(cold.optimalStep)));
    }

    void rejectsBadRanges() {
        StepErrorAnalysis a;
        QVERIFY(!analyseStepError(testing::defaultNeuron(), 0.0, 0.1, 0.01, 5, a).isOk());
        QVERIFY(!analyseStepError(testing::defaultNeuron(), std::nan(""), 0.01, 0.1, 5, a).isOk());
    }
};

QTEST_APPLESS_MAIN(TestDerivativeAnalysis)
#include "test_derivative_analysis.moc"
