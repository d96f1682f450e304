// SPDX-License-Identifier: GPL-3.0-or-later
// Per-device lookup tables (at least 129 nodes, monotone cubic, error below 1e-3 of full scale against the direct
// physics) and the seeded device populations behind them.
#include <QtTest>
#include <cmath>

#include "device/activation_curve.hpp"
#include "device/lookup_table.hpp"
#include "device/variability.hpp"
#include "neuron_presets.hpp"
#include "physics/random.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

class TestLookupTable : public QObject {
    Q_OBJECT
private slots:
    void errorBelowOneThousandthOfFullScale_data() {
        QTest::addColumn<int>("preset");
        QTest::newRow("default (field input)") << 0;
        QTest::newRow("current input") << 1;
    }
    void errorBelowOneThousandthOfFullScale() {
        QFETCH(int, preset);
        const NeuronSettings s = preset == 0 ? testing::defaultNeuron() : testing::currentInputNeuron();
        ActivationLookupTable table;
        QVERIFY(buildLookupTable(s, 129, table).isOk());
        QCOMPARE(table.nodes(), std::size_t{129});
        // 1000 random inputs (between the nodes) against direct readings.
        GaussianRandom random(5);
        std::vector<double> xs;
        for (int i = 0; i < 1000; ++i)
            xs.push_back(s.drive.inputMinimum + random.uniform() * (s.drive.inputMaximum - s.drive.inputMinimum));
        std::vector<double> y, dydx;
        QVERIFY(readActivation(s, xs, y, &dydx).isOk());
        double worst = 0.0, worstSlope = 0.0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            worst = std::max(worst, std::abs(table.value(xs[i]) - y[i]));
            worstSlope = std::max(worstSlope, std::abs(table.slope(xs[i]) - dydx[i]));
        }
        QVERIFY2(worst < 1e-3 * table.fullScale(),
                 qPrintable(QString("worst error %1 of full scale %2").arg(worst).arg(table.fullScale())));
        QVERIFY2(worstSlope < 1e-2 * table.fullScale(), qPrintable(QString("worst slope error %1").arg(worstSlope)));
    }

    void monotoneCurveStaysMonotone() {
        ActivationLookupTable table;
        QVERIFY(buildLookupTable(testing::defaultNeuron(), 129, table).isOk());
        double previous = table.value(-2.0);
        for (int i = 1; i <= 20000; ++i) {
            const double y = table.value(-2.0 + 4.0 * i / 20000.0);
            QVERIFY(y >= previous);
            previous = y;
        }
        // Outside the range it holds the end values.
        QCOMPARE(table.value(-5.0), table.nodeValues().front());
        QCOMPARE(table.value(7.0), table.nodeValues().back());
        QCOMPARE(table.slope(7.0), 0.0);
    }

    void populationIsSeededAndVaried() {
        VariabilitySettings v;
        v.relativeSigma = 0.15;
        v.offsetFieldSigmaMilliTesla = 2.0;
        v.seed = 3;
        std::vector<ActivationLookupTable> a, b;
        QVERIFY(buildPopulationTables(testing::defaultNeuron(), v, 8, 129, a).isOk());
        QVERIFY(buildPopulationTables(testing::defaultNeuron(), v, 8, 129, b).isOk());
        for (std::size_t i = 0; i < a.size(); ++i) QCOMPARE(a[i].nodeValues(), b[i].nodeValues());
        // Devices differ from each other.
        QVERIFY(std::abs(a[0].value(0.3) - a[1].value(0.3)) > 1e-3);
    }

    void variabilityStatistics() {
        VariabilitySettings v;  // 5 %, 0.5 mT
        const DeviceParameters nominal;
        const auto devices = samplePopulation(nominal, v, 4000);
        double sum = 0, sumSquares = 0, offsetSquares = 0;
        for (const DeviceParameters& d : devices) {
            const double f = d.diameterNanometers / nominal.diameterNanometers - 1.0;
            sum += f;
            sumSquares += f * f;
            offsetSquares += d.offsetFieldMilliTesla.x * d.offsetFieldMilliTesla.x;
            QCOMPARE(d.offsetFieldMilliTesla.y, 0.0);  // along the easy axis only
            QVERIFY(validate(d).isOk());
        }
        const double n = static_cast<double>(devices.size());
        QVERIFY(std::abs(sum / n) < 0.003);                            // mean factor 1 (SE 0.0008)
        QVERIFY(std::abs(std::sqrt(sumSquares / n) - 0.05) < 0.003);   // sigma 5 % (SE 0.0006)
        QVERIFY(std::abs(std::sqrt(offsetSquares / n) - 0.5) < 0.03);  // sigma 0.5 mT (SE 0.006)
        // Device i does not depend on the population size.
        QCOMPARE(sampleDevice(nominal, v, 17).damping, devices[17].damping);
    }
};

QTEST_APPLESS_MAIN(TestLookupTable)
#include "test_lookup_table.moc"
