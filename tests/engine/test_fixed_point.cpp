// SPDX-License-Identifier: GPL-3.0-or-later
// The fast path: fixed points agree with long time integration to 1e-6, and the implicit-differentiation slope
// agrees with differences of fixed points.
#include <QtTest>
#include <cmath>

#include "device/fixed_point.hpp"
#include "neuron_presets.hpp"
#include "device/macrospin/integrators.hpp"
#include "physics/resistance.hpp"

using namespace mtj;

namespace {

/// gain (V_junction - I R_ref) for state m at x, computed here independently of the curve code.
double output(const NeuronModel& n, const Vec3& m, double x) {
    const Drive d = n.dcDrive(x);
    const double v = solveJunctionVoltage(n.device, dot(m, n.device.referenceAxis), d.currentAmpere).voltageVolts;
    return n.gainPerVolt * (v - d.currentAmpere * n.referenceOhm);
}

}  // namespace

class TestFixedPoint : public QObject {
    Q_OBJECT
private slots:
    void agreesWithLongTimeIntegration_data() {
        QTest::addColumn<int>("preset");
        QTest::addColumn<double>("x");
        for (double x : {-1.5, -0.4, 0.0, 0.3, 1.2}) {
            QTest::newRow(qPrintable(QString("default, x = %1").arg(x))) << 0 << x;
        }
        for (double x : {-1.0, 0.0, 1.5}) {
            QTest::newRow(qPrintable(QString("current-input, x = %1").arg(x))) << 1 << x;
        }
    }
    void agreesWithLongTimeIntegration() {
        QFETCH(int, preset);
        QFETCH(double, x);
        const NeuronModel n =
            NeuronModel::fromSettings(preset == 0 ? testing::defaultNeuron() : testing::currentInputNeuron());
        const FixedPoint fp = relaxToFixedPoint(n.device, n.dcDrive(x), n.resetState);
        QVERIFY(fp.converged);
        QVERIFY(fp.stable);
        QVERIFY(norm(llgsRightHandSide(n.device, fp.magnetization, n.dcDrive(x))) < 1e-3);  // 1/s, vs ~1e10 scale
        // 150 ns of RK4 at dt = 0.1 ps from the reset state: more than 60 relaxation times.
        const Vec3 integrated = advanceRk4(llgsCoefficients(n.device, n.dcDrive(x)), n.resetState, 1e-13, 1'500'000);
        QVERIFY2(norm(integrated - fp.magnetization) < 1e-6,
                 qPrintable(QString("|m_fp - m_t| = %1").arg(norm(integrated - fp.magnetization))));
        const double yFixed = output(n, fp.magnetization, x);
        const double yTime = output(n, integrated, x);
        QVERIFY2(std::abs(yFixed - yTime) <= 1e-6 * std::max(1.0, std::abs(yTime)),
                 qPrintable(
                     QString("y: fixed point %1, time integration %2").arg(yFixed, 0, 'g', 12).arg(yTime, 0, 'g', 12)));
    }

    void sensitivityMatchesDifferencesOfFixedPoints() {
        const NeuronModel n = NeuronModel::fromSettings(testing::defaultNeuron());
        for (double x : {-0.8, 0.2, 0.9}) {
            const FixedPoint here = relaxToFixedPoint(n.device, n.dcDrive(x), n.resetState);
            Drive rate;
            rate.appliedField = n.inputFieldPerUnit;
            const Vec3 dm = fixedPointSensitivity(n.device, n.dcDrive(x), here.magnetization, rate);
            const double h = 1e-5;
            const Vec3 plus = newtonFixedPoint(n.device, n.dcDrive(x + h), here.magnetization).magnetization;
            const Vec3 minus = newtonFixedPoint(n.device, n.dcDrive(x - h), here.magnetization).magnetization;
            const Vec3 numeric = (plus - minus) / (2 * h);
            QVERIFY2(
                norm(dm - numeric) < 1e-6 * norm(numeric) + 1e-9,
                qPrintable(
                    QString("x = %1: |dm - numeric| = %2 of %3").arg(x).arg(norm(dm - numeric)).arg(norm(numeric))));
        }
    }

    void newtonConvergesQuadratically() {
        const NeuronModel n = NeuronModel::fromSettings(testing::defaultNeuron());
        const FixedPoint fp = relaxToFixedPoint(n.device, n.dcDrive(0.5), n.resetState);
        const FixedPoint again = newtonFixedPoint(n.device, n.dcDrive(0.51), fp.magnetization);  // continuation
        QVERIFY(again.converged && again.stable);
        QVERIFY2(again.iterations <= 8, qPrintable(QString("%1 iterations").arg(again.iterations)));
    }

    void unstableStateIsReportedUnstable() {
        // Beyond the critical current the parallel state of an aligned junction is a fixed point, but unstable.
        NeuronSettings s = testing::defaultNeuron();
        s.device.referenceAxis = {1, 0, 0};
        s.drive.fieldMilliTesla = 0;
        const NeuronModel n = NeuronModel::fromSettings(s);
        Drive drive;
        drive.currentAmpere = -800e-6;
        const FixedPoint fp = newtonFixedPoint(n.device, drive, Vec3{1, 0, 0});
        QVERIFY(fp.converged);
        QVERIFY(!fp.stable);
        QVERIFY(fp.growthRate > 0.0);
    }
};

QTEST_APPLESS_MAIN(TestFixedPoint)
#include "test_fixed_point.moc"
