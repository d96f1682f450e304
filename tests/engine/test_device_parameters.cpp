// SPDX-License-Identifier: GPL-3.0-or-later
// Units, parameter validation and the derived figures of docs/physics.md section 1, against values worked out by hand.
#include <QtTest>
#include <cmath>
#include <limits>

#include "physics/derived_figures.hpp"
#include "physics/device_parameters.hpp"
#include "physics/units.hpp"

using namespace mtj;

class TestDeviceParameters : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreValid() {
        QVERIFY2(validate(DeviceParameters{}).isOk(), validate(DeviceParameters{}).message().c_str());
    }

    void rejectsBadValues_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expectedKey");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("negative thickness") << "thickness" << -1.6 << "device.thickness_nm";
        QTest::newRow("zero thickness") << "thickness" << 0.0 << "device.thickness_nm";
        QTest::newRow("NaN diameter") << "diameter" << nan << "device.diameter_nm";
        QTest::newRow("infinite Ms") << "Ms" << inf << "device.Ms_kA_per_m";
        QTest::newRow("negative damping") << "alpha" << -0.01 << "device.alpha";
        QTest::newRow("polarization above 1") << "polarization" << 1.2 << "device.polarization";
        QTest::newRow("negative temperature") << "temperature" << -5.0 << "device.temperature_K";
        QTest::newRow("NaN offset field") << "offset" << nan << "device.offset_field_mT[0]";
        QTest::newRow("zero easy axis") << "easyAxis" << 0.0 << "device.easy_axis";
        QTest::newRow("NaN reference axis") << "referenceAxis" << nan << "device.reference_axis";
        QTest::newRow("zero RA") << "RA" << 0.0 << "device.RA_ohm_um2";
        QTest::newRow("zero Vh") << "Vh" << 0.0 << "device.Vh_V";
    }
    void rejectsBadValues() {
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QString, expectedKey);
        DeviceParameters p;
        if (field == "thickness")
            p.thicknessNanometers = value;
        else if (field == "diameter")
            p.diameterNanometers = value;
        else if (field == "Ms")
            p.saturationMagnetizationKiloAmperePerMeter = value;
        else if (field == "alpha")
            p.damping = value;
        else if (field == "polarization")
            p.polarization = value;
        else if (field == "temperature")
            p.temperatureKelvin = value;
        else if (field == "offset")
            p.offsetFieldMilliTesla.x = value;
        else if (field == "easyAxis")
            p.easyAxis = Vec3{value, value, value};
        else if (field == "referenceAxis")
            p.referenceAxis = Vec3{value, 1.0, 0.0};
        else if (field == "RA")
            p.resistanceAreaOhmSquareMicrometer = value;
        else if (field == "Vh")
            p.tmrHalfVoltageVolts = value;
        else
            QFAIL("unknown field in the data table");
        const Status status = validate(p);
        QVERIFY(!status.isOk());
        QVERIFY2(QString::fromStdString(status.message()).startsWith(expectedKey), status.message().c_str());
    }

    void unitConversions() {
        // 1 T of mu0 H is 1 / mu0 = 795774.715 A/m.
        QVERIFY(std::abs(units::amperePerMeterFromMilliTesla(1000.0) - 795774.715459) < 1e-3);
        QVERIFY(std::abs(units::milliTeslaFromAmperePerMeter(units::amperePerMeterFromMilliTesla(12.5)) - 12.5) <
                1e-12);
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(DeviceParameters{});
        // V = pi (50 nm)^2 1.6 nm = 1.256637e-23 m^3; R_P = 5 Ohm um^2 / 7853.98 nm^2 = 636.62 Ohm.
        QVERIFY(std::abs(m.volumeCubicMeters / 1.2566371e-23 - 1.0) < 1e-7);
        QVERIFY(std::abs(m.parallelResistanceOhm - 636.6198) < 1e-3);
        QVERIFY(std::abs(m.anisotropyField - 7957.747) < 1e-3);       // 10 mT
        QVERIFY(std::abs(m.effectiveDemagField - 636619.77) < 1e-2);  // 0.8 T
        // hbar / (2 e mu0 Ms t A) = 1.0546e-34 / (2 1.6022e-19 1.2566e-6 1.1e6 1.6e-9 7.854e-15) = 1.89463e7 A/m per A
        QVERIFY(std::abs(m.sttFieldPerAmpere / 1.894625e7 - 1.0) < 1e-4);
        QVERIFY(std::abs(m.reducedGyromagneticRatio - units::gamma0 / 1.0001) < 1e-6);
    }

    void derivedFiguresOfTheDefaultDevice() {
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(DeviceParameters{});
        // Delta = 1.1e6 A/m x 0.01 T x 1.2566e-23 m^3 / (2 x 1.380649e-23 x 300) = 16.687 ("about 17").
        QVERIFY(std::abs(thermalStability(m, 300.0) - 16.6866) < 0.001);
        QVERIFY(std::isinf(thermalStability(m, 0.0)));
        // f = gamma0 / 2 pi sqrt(Hk (Hk + Meff)) = 35218.1 Hz m/A x 71616.5 A/m = 2.5223 GHz.
        QVERIFY(std::abs(kittelFrequencyHertz(m, 0.0) / 2.52229e9 - 1.0) < 1e-5);
        // I_c0 = (2e/hbar)(alpha mu0 Ms V / eta(1))(Hk + Meff/2) = 0.3903 mA ("about 0.4 mA").
        QVERIFY(std::abs(criticalCurrentAmpere(m) / 3.90336e-4 - 1.0) < 1e-5);
        const DerivedFigures f = derivedFigures(m);
        QVERIFY(std::abs(f.antiparallelResistanceOhm - 2.5 * 636.6198) < 1e-2);
        QCOMPARE(f.tmrPercent, 150.0);
    }

    void thermalFieldSigma() {
        DeviceParameters p;
        p.temperatureKelvin = 300.0;
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(p);
        // sigma^2 = 2 alpha kB T / (gamma0 mu0 Ms V dt)
        const double expected =
            std::sqrt(2 * 0.01 * 1.380649e-23 * 300 / (2.2128e5 * 1.25663706212e-6 * 1.1e6 * 1.2566371e-23 * 1e-13));
        QVERIFY(std::abs(m.thermalFieldSigma(1e-13) / expected - 1.0) < 1e-6);
        p.temperatureKelvin = 0.0;
        QCOMPARE(JunctionCoefficients::fromParameters(p).thermalFieldSigma(1e-13), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestDeviceParameters)
#include "test_device_parameters.moc"
