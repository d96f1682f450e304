// SPDX-License-Identifier: GPL-3.0-or-later
// The LLGS right-hand side: tangency, torque directions, and the analytic Jacobian against finite differences.
#include <QtTest>
#include <cmath>

#include "device/macrospin/integrators.hpp"
#include "physics/llgs.hpp"
#include "physics/units.hpp"

using namespace mtj;
Q_DECLARE_METATYPE(mtj::Vec3)

namespace {
JunctionCoefficients defaultModel() { return JunctionCoefficients::fromParameters(DeviceParameters{}); }
}  // namespace

class TestLlgs : public QObject {
    Q_OBJECT
private slots:
    void torqueIsTangentToTheSphere() {
        const JunctionCoefficients model = defaultModel();
        Drive drive;
        drive.appliedField = Vec3{1000.0, -2000.0, 500.0};
        drive.currentAmpere = 2e-4;
        for (const Vec3& m : {normalized(Vec3{1, 2, 3}), normalized(Vec3{-0.3, 0.1, 0.9}), Vec3{0, 1, 0}}) {
            const Vec3 f = llgsRightHandSide(model, m, drive);
            QVERIFY(std::abs(dot(f, m)) < 1e-12 * norm(f));
        }
    }

    void easyAxisIsAFixedPointWithoutDrive() {
        const Vec3 f = llgsRightHandSide(defaultModel(), Vec3{1, 0, 0}, Drive{});
        QCOMPARE(norm(f), 0.0);
    }

    void positiveCurrentPullsTowardsTheReferenceLayer() {
        DeviceParameters p;
        p.anisotropyFieldMilliTesla = 0.0;
        p.effectiveDemagFieldTesla = 0.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        const Vec3 m = normalized(Vec3{0.2, 1.0, 0.3});
        Drive drive;
        drive.currentAmpere = 1e-4;
        QVERIFY(dot(llgsRightHandSide(model, m, drive), model.referenceAxis) > 0.0);
        drive.currentAmpere = -1e-4;
        QVERIFY(dot(llgsRightHandSide(model, m, drive), model.referenceAxis) < 0.0);
    }

    void precessionIsRightHandedAboutTheField() {
        // dm/dt = -gamma0 m x H: for H along +z and m along +x, dm/dt points along +y.
        DeviceParameters p;
        p.anisotropyFieldMilliTesla = 0.0;
        p.effectiveDemagFieldTesla = 0.0;
        p.damping = 0.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        Drive drive;
        drive.appliedField = Vec3{0, 0, 1000.0};
        const Vec3 f = llgsRightHandSide(model, Vec3{1, 0, 0}, drive);
        QVERIFY(std::abs(f.y - units::gamma0 * 1000.0) < 1e-6 * units::gamma0 * 1000.0);
        QVERIFY(std::abs(f.x) < 1e-9 && std::abs(f.z) < 1e-9);
    }

    void jacobianMatchesFiniteDifferences_data() {
        QTest::addColumn<double>("currentMicroampere");
        QTest::addColumn<double>("fieldMilliTesla");
        QTest::newRow("no drive") << 0.0 << 0.0;
        QTest::newRow("field only") << 0.0 << 15.0;
        QTest::newRow("positive current") << 300.0 << 5.0;
        QTest::newRow("negative current") << -450.0 << -8.0;
    }
    void jacobianMatchesFiniteDifferences() {
        QFETCH(double, currentMicroampere);
        QFETCH(double, fieldMilliTesla);
        DeviceParameters p;
        p.referenceAxis = Vec3{0.3, 1.0, 0.1};
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        Drive drive;
        drive.currentAmpere = currentMicroampere * 1e-6;
        drive.appliedField = Vec3{0.5, 1.0, -0.2} * units::amperePerMeterFromMilliTesla(fieldMilliTesla);
        const Vec3 m = normalized(Vec3{0.7, -0.4, 0.2});
        const Eigen::Matrix3d analytic = llgsJacobian(model, m, drive);
        const double h = 1e-6;
        for (int column = 0; column < 3; ++column) {
            Vec3 step{};
            (column == 0 ? step.x : column == 1 ? step.y : step.z) = h;
            const Vec3 difference =
                (llgsRightHandSide(model, m + step, drive) - llgsRightHandSide(model, m - step, drive)) / (2 * h);
            const Eigen::Vector3d numeric(difference.x, difference.y, difference.z);
            const double scale = analytic.norm();
            QVERIFY2((analytic.col(column) - numeric).norm() < 1e-7 * scale,
                     qPrintable(QString("column %1: analytic vs numeric differ by %2 of %3")
                                    .arg(column)
                                    .arg((analytic.col(column) - numeric).norm())
                                    .arg(scale)));
        }
    }

    // The kernels compiled for coordinate axes compute the same torque as the general one.
    void coordinateAxisKernelsMatchTheGeneralOne_data() {
        QTest::addColumn<Vec3>("easyAxis");
        QTest::addColumn<Vec3>("referenceAxis");
        QTest::newRow("u = +x, p = +x") << Vec3{1, 0, 0} << Vec3{1, 0, 0};
        QTest::newRow("u = -x, p = +y") << Vec3{-1, 0, 0} << Vec3{0, 1, 0};
        QTest::newRow("u = +y, p = +z") << Vec3{0, 1, 0} << Vec3{0, 0, 1};
        QTest::newRow("u = +z, p = -x (general p)") << Vec3{0, 0, 1} << Vec3{-1, 0, 0};
        QTest::newRow("u general, p = +x") << Vec3{1, 1, 0} << Vec3{1, 0, 0};
    }
    void coordinateAxisKernelsMatchTheGeneralOne() {
        QFETCH(Vec3, easyAxis);
        QFETCH(Vec3, referenceAxis);
        DeviceParameters p;
        p.easyAxis = easyAxis;
        p.referenceAxis = referenceAxis;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        Drive drive;
        drive.currentAmpere = -250e-6;
        drive.appliedField = Vec3{3000.0, -1500.0, 800.0};
        const LlgsCoefficients c = llgsCoefficients(model, drive);
        const Vec3 m = normalized(Vec3{0.4, -0.7, 0.3});
        const Vec3 general = llgsRightHandSide(c, m);
        const Vec3 specialised = withAxisKinds(c, [&](auto u, auto pk) {
            return llgsTorque<decltype(u)::value, decltype(pk)::value>(c, m, c.externalField) *
                   (-c.reducedGyromagneticRatio);
        });
        QVERIFY(norm(specialised - general) <= 1e-13 * norm(general));
        // And a whole trajectory: 10000 steps of the specialised loop against the general step.
        Vec3 reference = m;
        for (int s = 0; s < 10000; ++s) reference = rk4Step(c, reference, 1e-13);
        QVERIFY(norm(advanceRk4(c, m, 1e-13, 10000) - reference) < 1e-10);
    }

    void axisKinds() {
        QCOMPARE(axisKind(Vec3{1, 0, 0}, false), 0);
        QCOMPARE(axisKind(Vec3{0, 1, 0}, false), 1);
        QCOMPARE(axisKind(Vec3{0, 0, 1}, false), 2);
        QCOMPARE(axisKind(Vec3{-1, 0, 0}, false), anyAxis);  // a reference layer along -x is not +x
        QCOMPARE(axisKind(Vec3{0, -1, 0}, true), 1);         // a uniaxial easy axis is
        QCOMPARE(axisKind(normalized(Vec3{1, 1e-9, 0}), true), anyAxis);
    }

    void tangentBasisIsOrthonormal() {
        for (const Vec3& m : {Vec3{1, 0, 0}, Vec3{0, 0, 1}, normalized(Vec3{1, 1, 1}), normalized(Vec3{-2, 0.1, 0})}) {
            Vec3 e1, e2;
            tangentBasis(m, e1, e2);
            QVERIFY(std::abs(dot(e1, m)) < 1e-14 && std::abs(dot(e2, m)) < 1e-14 && std::abs(dot(e1, e2)) < 1e-14);
            QVERIFY(std::abs(norm(e1) - 1) < 1e-14 && std::abs(norm(e2) - 1) < 1e-14);
        }
    }

    void easyAxisIsStableAndHardAxisIsNot() {
        const JunctionCoefficients model = defaultModel();
        QVERIFY(largestGrowthRate(model, Vec3{1, 0, 0}, Drive{}) < 0.0);
        QVERIFY(largestGrowthRate(model, Vec3{0, 0, 1}, Drive{}) > 0.0);  // out of plane: unstable (Meff > 0)
    }
};

QTEST_APPLESS_MAIN(TestLlgs)
#include "test_llgs.moc"
