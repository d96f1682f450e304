// SPDX-License-Identifier: GPL-3.0-or-later
// The batched integrator computes exactly what the single-device integrator computes, lane by lane, and its
// thermal runs do not depend on the number of threads.
#include <QtTest>
#include <cmath>

#include "device/macrospin/batched_macrospin.hpp"
#include "physics/units.hpp"

using namespace mtj;

class TestBatchedMacrospin : public QObject {
    Q_OBJECT
private slots:
    void lanesMatchTheSingleDeviceIntegrator() {
        std::vector<JunctionCoefficients> models;
        std::vector<Drive> drives;
        std::vector<Vec3> starts;
        for (int i = 0; i < 37; ++i) {  // not a multiple of the chunk size
            DeviceParameters p;
            p.damping = 0.005 + 0.001 * i;
            p.anisotropyFieldMilliTesla = 5.0 + 0.3 * i;
            p.polarization = 0.3 + 0.01 * i;
            models.push_back(JunctionCoefficients::fromParameters(p));
            Drive d;
            d.currentAmpere = (-400.0 + 20.0 * i) * 1e-6;
            d.appliedField = Vec3{100.0 * i, -50.0 * i, 10.0};
            drives.push_back(d);
            starts.push_back(normalized(Vec3{1.0, 0.1 * i, 0.05}));
        }
        BatchedMacrospin batch(models[0].easyAxis, models[0].referenceAxis);
        for (std::size_t i = 0; i < models.size(); ++i) batch.addLane(models[i], drives[i], starts[i]);
        batch.advanceRk4(1e-13, 2000, 2);
        for (std::size_t i = 0; i < models.size(); ++i) {
            Vec3 m = starts[i];
            for (int s = 0; s < 2000; ++s) m = rk4Step(models[i], m, 1e-13, drives[i]);
            QVERIFY2(norm(batch.magnetization(i) - m) < 1e-12,
                     qPrintable(QString("lane %1 differs by %2").arg(i).arg(norm(batch.magnetization(i) - m))));
        }
    }

    void thermalRunDoesNotDependOnThreadCount() {
        DeviceParameters p;
        p.temperatureKelvin = 300.0;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(p);
        auto run = [&](unsigned threads) {
            BatchedMacrospin batch(model.easyAxis, model.referenceAxis);
            for (int i = 0; i < 300; ++i) batch.addLane(model, Drive{}, Vec3{1, 0, 0});
            batch.seedThermalNoise(3);
            batch.advanceHeun(1e-13, 500, threads);
            return batch;
        };
        const BatchedMacrospin one = run(1), two = run(2);
        for (std::size_t i = 0; i < one.size(); ++i) {
            QCOMPARE(one.magnetization(i).x, two.magnetization(i).x);
            QCOMPARE(one.magnetization(i).z, two.magnetization(i).z);
        }
        QVERIFY(norm(one.magnetization(0) - one.magnetization(1)) > 1e-6);  // lanes have their own noise
    }

    void accumulatorsSumTheTrajectory() {
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(DeviceParameters{});
        BatchedMacrospin batch(model.easyAxis, model.referenceAxis);
        batch.addLane(model, Drive{}, Vec3{1, 0, 0});  // a fixed point: the sum is steps * m
        batch.advanceRk4(1e-13, 100, 1, true);
        QCOMPARE(batch.accumulatedSteps(), 100L);
        QVERIFY(std::abs(batch.accumulatedMagnetization(0).x - 100.0) < 1e-12);
        batch.resetAccumulators();
        QCOMPARE(batch.accumulatedSteps(), 0L);
        QCOMPARE(batch.accumulatedMagnetization(0).x, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestBatchedMacrospin)
#include "test_batched_macrospin.moc"
