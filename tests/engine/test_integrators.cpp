// SPDX-License-Identifier: GPL-3.0-or-later
// Oracles 1 to 3 of docs/physics.md section 7 (norm, Larmor precession, energy decrease) and the convergence of the
// RK4, Dormand-Prince 5(4) and stochastic Heun integrators.
#include <QtTest>
#include <cmath>
#include <vector>

#include "device/macrospin/integrators.hpp"
#include "physics/units.hpp"

using namespace mtj;

namespace {

JunctionCoefficients freeSpinModel(double damping) {
    DeviceParameters p;
    p.anisotropyFieldMilliTesla = 0.0;
    p.effectiveDemagFieldTesla = 0.0;
    p.damping = damping;
    return JunctionCoefficients::fromParameters(p);
}

double energyScale(const JunctionCoefficients& model, const Vec3& field) {
    return units::mu0 * model.saturationMagnetization * model.volumeCubicMeters *
           (model.anisotropyField + model.effectiveDemagField + norm(field));
}

/// Reference trajectory end point: RK4 with a very small step.
Vec3 integrateRk4(const JunctionCoefficients& model, Vec3 m, const Drive& drive, double dt, double duration) {
    const long steps = std::lround(duration / dt);
    const LlgsCoefficients c = llgsCoefficients(model, drive);
    for (long s = 0; s < steps; ++s) {
        m = rk4Step(c, m, dt);
    }
    return m;
}

}  // namespace

class TestIntegrators : public QObject {
    Q_OBJECT
private slots:
    // Oracle 1: |m| stays 1 to 1e-12 over 1e6 steps.
    void normIsPreservedOverAMillionSteps_data() {
        QTest::addColumn<bool>("thermal");
        QTest::newRow("RK4, 300 uA, T = 0") << false;
        QTest::newRow("stochastic Heun, 300 uA, 300 K") << true;
    }
    void normIsPreservedOverAMillionSteps() {
        QFETCH(bool, thermal);
        DeviceParameters p;
        p.temperatureKelvin = thermal ? 300.0 : 0.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        Drive drive;
        drive.currentAmpere = 300e-6;
        const LlgsCoefficients c = llgsCoefficients(model, drive);
        const double dt = 1e-13;
        const double sigma = model.thermalFieldSigma(dt);
        GaussianRandom random(42);
        Vec3 m = normalized(Vec3{0.9, 0.3, 0.1});
        double worst = 0.0;
        for (long s = 0; s < 1'000'000; ++s) {
            m = thermal ? heunStep(c, m, dt, drawThermalField(random, sigma)) : rk4Step(c, m, dt);
            worst = std::max(worst, std::abs(norm(m) - 1.0));
        }
        QVERIFY2(worst < 1e-12, qPrintable(QString("max ||m| - 1| = %1").arg(worst)));
        QVERIFY(isFinite(m));
    }

    // Oracle 2: Larmor precession at gamma0 H; phase error below 1e-6 rad after 100 periods, RK4, dt = 1e-13 s.
    void larmorPrecession() {
        const JunctionCoefficients model = freeSpinModel(0.0);
        Drive drive;
        const double field = units::amperePerMeterFromMilliTesla(100.0);
        drive.appliedField = Vec3{0, 0, field};
        const double omega = units::gamma0 * field;
        const double duration = 100.0 * 2.0 * units::pi / omega;
        const double dt = 1e-13;
        const LlgsCoefficients c = llgsCoefficients(model, drive);
        const Vec3 start = normalized(Vec3{1.0, 0.0, 0.2});  // a cone, so m_z must stay constant too
        Vec3 m = start;
        const long steps = static_cast<long>(duration / dt);
        for (long s = 0; s < steps; ++s) {
            m = rk4Step(c, m, dt);
        }
        m = rk4Step(c, m, duration - steps * dt);   // the remaining fraction of a step
        const double phase = std::atan2(m.y, m.x);  // expected: 100 full turns, phase 0
        QVERIFY2(std::abs(phase) < 1e-6, qPrintable(QString("phase error %1 rad").arg(phase)));
        QVERIFY(std::abs(m.z - start.z) < 1e-9);
        // And the sense: a quarter period later m points along +y (dm/dt = -gamma0 m x H).
        Vec3 q = start;
        const long quarter = std::lround(0.25 * 2.0 * units::pi / omega / 1e-14);
        const LlgsCoefficients cq = llgsCoefficients(model, drive);
        for (long s = 0; s < quarter; ++s) q = rk4Step(cq, q, 1e-14);
        QVERIFY(q.y > 0.97 && std::abs(q.x) < 1e-3);
    }

    // Oracle 3: with I = 0 and T = 0 the magnetic energy never increases.
    void energyNeverIncreases_data() {
        QTest::addColumn<bool>("adaptive");
        QTest::newRow("RK4 dt = 1e-13 s") << false;
        QTest::newRow("Dormand-Prince 5(4)") << true;
    }
    void energyNeverIncreases() {
        QFETCH(bool, adaptive);
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(DeviceParameters{});
        Drive drive;
        drive.appliedField = Vec3{-3000.0, 4000.0, 20000.0};
        const double tolerance = 1e-13 * energyScale(model, drive.appliedField);
        Vec3 m = normalized(Vec3{0.2, -0.5, 0.8});
        double previous = magneticEnergyJoule(model, m, drive.appliedField);
        const double initial = previous;
        long increases = 0;
        long checked = 0;
        auto check = [&](const Vec3& state) {
            const double e = magneticEnergyJoule(model, state, drive.appliedField);
            if (e > previous + tolerance) ++increases;
            previous = e;
            ++checked;
        };
        if (adaptive) {
            AdaptiveSettings settings;
            settings.relativeTolerance = settings.absoluteTolerance = 1e-8;
            const AdaptiveResult r = integrateDormandPrince(model, m, 0.0, 20e-9, ConstantDrive{drive}, settings,
                                                            [&](double, const Vec3& state) {
                                                                check(state);
                                                                return true;
                                                            });
            QVERIFY2(r.status.isOk(), r.status.message().c_str());
        } else {
            const LlgsCoefficients c = llgsCoefficients(model, drive);
            for (long s = 0; s < 200'000; ++s) {
                m = rk4Step(c, m, 1e-13);
                check(m);
            }
        }
        QVERIFY(checked > 1000);
        QCOMPARE(increases, 0L);
        QVERIFY(previous < initial - 1e3 * tolerance);  // it really relaxed
    }

    // RK4 is fourth order: halving dt divides the error by 16 (log-log slope 4 +- 0.3).
    void rk4IsFourthOrder() {
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(DeviceParameters{});
        Drive drive;
        drive.currentAmpere = -300e-6;
        drive.appliedField = Vec3{2000.0, 1000.0, 0.0};
        const Vec3 start = normalized(Vec3{0.6, 0.7, 0.3});
        const double duration = 0.2e-9;
        const Vec3 reference = integrateRk4(model, start, drive, 1e-15, duration);
        std::vector<double> logDt, logError;
        for (double dt : {8e-13, 4e-13, 2e-13}) {
            const double error = norm(integrateRk4(model, start, drive, dt, duration) - reference);
            logDt.push_back(std::log(dt));
            logError.push_back(std::log(error));
        }
        const double slope = (logError.back() - logError.front()) / (logDt.back() - logDt.front());
        QVERIFY2(std::abs(slope - 4.0) < 0.3, qPrintable(QString("RK4 order %1").arg(slope)));
    }

    void dormandPrinceAgreesWithFineRk4() {
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(DeviceParameters{});
        Drive drive;
        drive.currentAmpere = 200e-6;
        drive.appliedField = Vec3{0.0, 4000.0, 0.0};
        const Vec3 start = normalized(Vec3{0.3, 0.9, 0.1});
        const Vec3 reference = integrateRk4(model, start, drive, 1e-14, 1e-9);
        double previousError = 1.0;
        for (double tolerance : {1e-6, 1e-8, 1e-10}) {
            AdaptiveSettings settings;
            settings.relativeTolerance = settings.absoluteTolerance = tolerance;
            const AdaptiveResult r = integrateDormandPrince(model, start, 0.0, 1e-9, ConstantDrive{drive}, settings);
            QVERIFY2(r.status.isOk(), r.status.message().c_str());
            QCOMPARE(r.timeSeconds, 1e-9);
            const double error = norm(r.magnetization - reference);
            QVERIFY2(error < 1e3 * tolerance, qPrintable(QString("tol %1: error %2").arg(tolerance).arg(error)));
            QVERIFY(error < previousError);
            previousError = error;
        }
        QVERIFY(previousError < 1e-7);
    }

    void dormandPrinceFollowsATimeDependentDrive() {
        // A rotating in-plane field with no anisotropy: compare with fine RK4 using the same drive function.
        DeviceParameters p;
        p.anisotropyFieldMilliTesla = 0.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        const double amplitude = units::amperePerMeterFromMilliTesla(20.0);
        auto driveAt = [amplitude](double t) {
            Drive d;
            d.appliedField = Vec3{std::cos(2e10 * t), std::sin(2e10 * t), 0.0} * amplitude;
            return d;
        };
        const Vec3 start{1, 0, 0};
        Vec3 m = start;
        for (long s = 0; s < 50'000; ++s) m = rk4Step(model, m, s * 1e-14, 1e-14, driveAt);
        AdaptiveSettings settings;
        settings.relativeTolerance = settings.absoluteTolerance = 1e-10;
        const AdaptiveResult r = integrateDormandPrince(model, start, 0.0, 0.5e-9, driveAt, settings);
        QVERIFY(norm(r.magnetization - m) < 1e-7);
    }

    void heunIsReproducibleForASeed() {
        DeviceParameters p;
        p.temperatureKelvin = 300.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        const LlgsCoefficients c = llgsCoefficients(model, Drive{});
        auto run = [&](std::uint64_t seed) {
            GaussianRandom random(seed);
            Vec3 m{1, 0, 0};
            for (int s = 0; s < 10000; ++s)
                m = heunStep(c, m, 1e-13, drawThermalField(random, model.thermalFieldSigma(1e-13)));
            return m;
        };
        const Vec3 a = run(5), b = run(5), other = run(6);
        QCOMPARE(a.x, b.x);
        QCOMPARE(a.y, b.y);
        QCOMPARE(a.z, b.z);
        QVERIFY(norm(a - other) > 1e-6);
    }

    void gaussianRandomHasUnitVariance() {
        GaussianRandom random(11);
        double sum = 0, sumSquares = 0;
        const int n = 400000;
        for (int i = 0; i < n; ++i) {
            const double x = random.normal();
            sum += x;
            sumSquares += x * x;
        }
        const double mean = sum / n;
        QVERIFY(std::abs(mean) < 5.0 / std::sqrt(n));                  // 5 standard errors
        QVERIFY(std::abs(sumSquares / n - mean * mean - 1.0) < 0.01);  // SE of the variance ~ 0.0022
    }
};

QTEST_APPLESS_MAIN(TestIntegrators)
#include "test_integrators.moc"
