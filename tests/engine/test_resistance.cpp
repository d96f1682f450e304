// SPDX-License-Identifier: GPL-3.0-or-later
// Oracle 8 of docs/physics.md section 7: R(P) = R_P, R(AP) = R_P (1 + TMR0) at zero bias, TMR halves at V = Vh;
// and the self-consistent junction voltage V = I R(theta, V).
#include <QtTest>
#include <cmath>

#include "physics/resistance.hpp"

using namespace mtj;

class TestResistance : public QObject {
    Q_OBJECT
private slots:
    void zeroBiasParallelAndAntiparallel() {
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(DeviceParameters{});
        QVERIFY(std::abs(junctionResistanceOhm(m, 1.0, 0.0) / m.parallelResistanceOhm - 1.0) < 1e-12);
        QVERIFY(std::abs(junctionResistanceOhm(m, -1.0, 0.0) / (m.parallelResistanceOhm * 2.5) - 1.0) < 1e-12);
        // Perpendicular: conductance is the mean of G_P and G_AP.
        const double gPerpendicular = 0.5 * (1.0 / m.parallelResistanceOhm + 1.0 / (2.5 * m.parallelResistanceOhm));
        QVERIFY(std::abs(junctionConductanceSiemens(m, 0.0, 0.0) / gPerpendicular - 1.0) < 1e-12);
    }

    void tmrHalvesAtTheHalfVoltage() {
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(DeviceParameters{});
        QVERIFY(std::abs(tunnelMagnetoresistance(m, 0.5) - 0.75) < 1e-12);
        QVERIFY(std::abs(tunnelMagnetoresistance(m, -0.5) - 0.75) < 1e-12);
        const double rp = junctionResistanceOhm(m, 1.0, 0.5);
        const double rap = junctionResistanceOhm(m, -1.0, 0.5);
        QVERIFY(std::abs((rap - rp) / rp - 0.75) < 1e-12);
        QVERIFY(std::abs(rp / m.parallelResistanceOhm - 1.0) < 1e-12);  // R_P does not depend on bias
    }

    void selfConsistentVoltage_data() {
        QTest::addColumn<double>("cosine");
        QTest::addColumn<double>("currentMicroampere");
        QTest::newRow("P, small") << 1.0 << 1.0;
        QTest::newRow("AP, 300 uA") << -1.0 << 300.0;
        QTest::newRow("perpendicular, -500 uA") << 0.0 << -500.0;
        QTest::newRow("AP, 2 mA") << -1.0 << 2000.0;
    }
    void selfConsistentVoltage() {
        QFETCH(double, cosine);
        QFETCH(double, currentMicroampere);
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(DeviceParameters{});
        const double current = currentMicroampere * 1e-6;
        const JunctionOperatingPoint point = solveJunctionVoltage(m, cosine, current);
        QVERIFY(point.converged);
        QVERIFY(point.iterations <= 8);
        QVERIFY(std::abs(point.voltageVolts - current * junctionResistanceOhm(m, cosine, point.voltageVolts)) <
                1e-12 * std::abs(point.voltageVolts));
        QCOMPARE(point.voltageVolts > 0, current > 0);
        // Bias lowers the AP resistance: the operating resistance is below the zero-bias one.
        QVERIFY(point.resistanceOhm <= junctionResistanceOhm(m, cosine, 0.0) * (1 + 1e-12));
    }
};

QTEST_APPLESS_MAIN(TestResistance)
#include "test_resistance.moc"
