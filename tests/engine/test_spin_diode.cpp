// SPDX-License-Identifier: GPL-3.0-or-later
// Oracle 4 (second part) of docs/physics.md section 7: the spin-diode output peaks at the Kittel frequency, within 1 %.
#include <QtTest>
#include <cmath>

#include "device/macrospin/timed_readout.hpp"
#include "neuron_presets.hpp"
#include "physics/derived_figures.hpp"

using namespace mtj;

class TestSpinDiode : public QObject {
    Q_OBJECT
private slots:
    // With the damping-like torque alone (xi = 0, as in presets/spin-diode.json) the rectified voltage is a
    // symmetric Lorentzian at f_K. A field-like torque adds an antisymmetric (dispersive) Lorentzian: here xi = 0.1
    // gives it about 0.9 of the symmetric amplitude (xi gamma0 (Hk + Meff) / omega_K) and moves the maximum of the
    // sum down by a fraction of the linewidth, about 2 % at zero field; that row checks it stays within one
    // linewidth (alpha gamma0 (2 Hk + Meff) / 2 pi, about 230 MHz).
    void rectifiedOutputPeaksAtTheKittelFrequency_data() {
        QTest::addColumn<double>("fieldMilliTesla");
        QTest::addColumn<double>("fieldLikeRatio");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("zero field, xi = 0") << 0.0 << 0.0 << 0.01;
        QTest::newRow("20 mT along the easy axis, xi = 0") << 20.0 << 0.0 << 0.01;
        QTest::newRow("zero field, xi = 0.1 (within a linewidth)") << 0.0 << 0.1 << 0.09;
    }
    void rectifiedOutputPeaksAtTheKittelFrequency() {
        QFETCH(double, fieldMilliTesla);
        QFETCH(double, fieldLikeRatio);
        QFETCH(double, tolerance);
        NeuronSettings s = testing::spinDiodeNeuron();
        s.device.fieldLikeRatio = fieldLikeRatio;
        s.drive.fieldMilliTesla = fieldMilliTesla;  // theta = 90, phi = 0: along +x, the easy axis
        s.drive.fieldThetaDegrees = 90;
        s.drive.fieldPhiDegrees = 0;
        s.readout.settleNanoseconds = 15;  // the resonance rings down in ~1.4 ns; 10 ring-down times
        s.readout.averageNanoseconds = 5;
        const JunctionCoefficients model = JunctionCoefficients::fromParameters(s.device);
        const double kittel = kittelFrequencyHertz(model, units::amperePerMeterFromMilliTesla(fieldMilliTesla)) * 1e-9;
        // Sweep +-10 % around the Kittel frequency in 0.5 % steps at a small amplitude (linear regime).
        std::vector<double> frequencies, outputs;
        for (int k = -20; k <= 20; ++k) {
            s.drive.rfFrequencyGigahertz = kittel * (1.0 + 0.005 * k);
            const NeuronModel n = NeuronModel::fromSettings(s);
            std::vector<TimedReading> r;
            QVERIFY(runTimedReadings(n, {{0.2, n.resetState}}, r).isOk());
            frequencies.push_back(s.drive.rfFrequencyGigahertz);
            outputs.push_back(std::abs(r[0].outputVolts));
        }
        const auto best = static_cast<std::size_t>(std::max_element(outputs.begin(), outputs.end()) - outputs.begin());
        QVERIFY(best > 0 && best + 1 < outputs.size());
        // Parabola through the three points around the maximum.
        const double y0 = outputs[best - 1], y1 = outputs[best], y2 = outputs[best + 1];
        const double step = frequencies[best + 1] - frequencies[best];
        const double peak = frequencies[best] + 0.5 * step * (y0 - y2) / (y0 - 2 * y1 + y2);
        qInfo("rectified-output peak %.4f GHz, Kittel frequency %.4f GHz (%+.2f %%)", peak, kittel,
              100 * (peak / kittel - 1));
        QVERIFY2(std::abs(peak / kittel - 1.0) < tolerance,
                 qPrintable(QString("peak %1 GHz, Kittel %2 GHz").arg(peak).arg(kittel)));
        // A resonance, not a plateau: 10 % off resonance the output is well below the peak.
        QVERIFY(outputs.front() < 0.5 * y1 && outputs.back() < 0.5 * y1);
    }
};

QTEST_APPLESS_MAIN(TestSpinDiode)
#include "test_spin_diode.moc"
