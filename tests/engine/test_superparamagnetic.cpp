// SPDX-License-Identifier: GPL-3.0-or-later
// The superparamagnetic (telegraph-switching) junction of device/superparamagnetic/superparamagnetic.hpp against its
// oracles: the reduced drift against the engine's LLGS right-hand side, the exact mean first-passage dwell times
// against the engine's own stochastic Heun integration (BatchedMacrospin at 300 K), the telegraph window statistics
// against the analytic mean and variance, the mean activation curve against the two-state form, the high-barrier
// limit against Neel-Brown and Kramers, detailed balance against the Boltzmann populations, and invalid input.
// Every statistical check states its tolerance in standard errors of its own sample (no tuning to one seed).
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

#include "device/activation_curve.hpp"
#include "device/superparamagnetic/superparamagnetic.hpp"
#include "device/macrospin/batched_macrospin.hpp"
#include "physics/derived_figures.hpp"
#include "physics/llgs.hpp"
#include "physics/units.hpp"

Q_DECLARE_METATYPE(mtj::Vec3)

using namespace mtj;

namespace {

/// A low-barrier, axially symmetric junction: 45 nm, perpendicular easy and reference axes, no demagnetising field,
/// alpha = 0.1, mu0 Hk = 12 mT: Delta = 4.05 at 300 K, I_c0 = 23 uA, mean dwell 265 ns at zero drive.
DeviceParameters lowBarrierJunction() {
    DeviceParameters p;
    p.diameterNanometers = 45;
    p.damping = 0.1;
    p.anisotropyFieldMilliTesla = 12;
    p.easyAxis = {0, 0, 1};
    p.referenceAxis = {0, 0, 1};
    p.effectiveDemagFieldTesla = 0;
    p.temperatureKelvin = 300;
    return p;  // P = 0.6 and xi = 0.1 (the defaults): the spin torque's eta(z) and field-like part are exercised
}

/// The superparamagnetic neuron read through the field input along u_k (x in units of 2 mT) with a 5 uA read current.
/// The read current (0.22 I_c0) favours the well of p = +u_k as a field of about 3.75 mT would; the external field of
/// 3.75 mT along -u_k centres the sigmoid on x = 0 (p_+ = 0.48 there).
NeuronSettings fieldInputNeuron() {
    NeuronSettings s;
    s.device = lowBarrierJunction();
    s.drive.input = InputChannel::Field;
    s.drive.inputAxis = {0, 0, 1};
    s.drive.inputScale = 2.0;
    s.drive.biasCurrentMicroampere = 5.0;
    s.drive.fieldMilliTesla = 3.75;
    s.drive.fieldThetaDegrees = 180.0;
    s.drive.fieldPhiDegrees = 0.0;
    s.drive.inputMinimum = -2.0;
    s.drive.inputMaximum = 2.0;
    s.readout.gainPerVolt = -85.0;  // y_- - y_+ = 85 / V x 5 uA x (R_AP - R_P) = 2.0
    s.readout.averageNanoseconds = 10000.0;
    s.derivative.step = 0.1;
    s.derivative.readNoise = 0.005;
    return s;
}

/// The same junction read through the current input: I = 4 uA + x 2 uA (0 to 8 uA, up to 0.35 I_c0) against a 2 mT
/// field along -u_k; p_+ rises from 0.1 to 0.98 while the readings y_s themselves grow with I.
NeuronSettings currentInputNeuron() {
    NeuronSettings s = fieldInputNeuron();
    s.drive.input = InputChannel::Current;
    s.drive.inputScale = 2.0;
    s.drive.biasCurrentMicroampere = 4.0;
    s.drive.fieldMilliTesla = 2.0;
    return s;
}

struct DwellMeasurement {
    double meanPlusSeconds = 0.0;
    double meanMinusSeconds = 0.0;
    long dwellsPlus = 0;
    long dwellsMinus = 0;
};

/// Mean dwell times in the wells of +u_k and -u_k of the engine's stochastic LLGS: `lanes` junctions under `drive`,
/// stochastic Heun at dt, z = m.u_k checked every `stepsPerSample` steps with a Schmitt trigger at +-0.5. The mean
/// dwell in a well is the time spent in it (after the lane's first switch, the last, unfinished dwell included) over
/// the number of dwells in it that ended: the ratio estimator, unbiased by the censored last dwell.
DwellMeasurement measureDwells(const JunctionCoefficients& model, const Drive& drive, int lanes, double duration,
                               double dt, int stepsPerSample, std::uint64_t seed) {
    BatchedMacrospin batch(model.easyAxis, model.referenceAxis);
    std::vector<int> state(static_cast<std::size_t>(lanes));
    for (int i = 0; i < lanes; ++i) {
        state[static_cast<std::size_t>(i)] = i % 2 == 0 ? 1 : -1;
        batch.addLane(model, drive, model.easyAxis * state[static_cast<std::size_t>(i)]);
    }
    batch.seedThermalNoise(seed);
    std::vector<double> since(static_cast<std::size_t>(lanes), -1.0);  // < 0: before the lane's first switch
    double timeIn[2] = {0.0, 0.0};                                     // [0]: +, [1]: -
    long ended[2] = {0, 0};
    const long samples = std::lround(duration / (dt * stepsPerSample));
    for (long k = 1; k <= samples; ++k) {
        batch.advanceHeun(dt, stepsPerSample, 1);
        const double t = static_cast<double>(k) * stepsPerSample * dt;
        for (std::size_t i = 0; i < static_cast<std::size_t>(lanes); ++i) {
            const double z = dot(batch.magnetization(i), model.easyAxis);
            const int w = z > 0.5 ? 1 : (z < -0.5 ? -1 : state[i]);
            if (w == state[i]) continue;
            if (since[i] >= 0.0) {
                const int well = state[i] > 0 ? 0 : 1;
                timeIn[well] += t - since[i];
                ++ended[well];
            }
            since[i] = t;
            state[i] = w;
        }
    }
    const double end = static_cast<double>(samples) * stepsPerSample * dt;
    for (std::size_t i = 0; i < static_cast<std::size_t>(lanes); ++i) {
        if (since[i] >= 0.0) timeIn[state[i] > 0 ? 0 : 1] += end - since[i];
    }
    DwellMeasurement m;
    m.dwellsPlus = ended[0];
    m.dwellsMinus = ended[1];
    m.meanPlusSeconds = timeIn[0] / static_cast<double>(std::max(1L, ended[0]));
    m.meanMinusSeconds = timeIn[1] / static_cast<double>(std::max(1L, ended[1]));
    return m;
}

/// The Boltzmann populations of the two wells of the axially symmetric junction at I = 0, from the engine's own
/// magneticEnergyJoule (independent of psi): Z_s = integral over the hemisphere of well s of exp(-E(m) / kB T),
/// split at the barrier z_b = -h; returns Z_+ / Z_-. Composite Simpson in z with 200000 intervals.
double boltzmannPopulationRatio(const SuperparamagneticJunction& j, double fieldAmperePerMeter) {
    const JunctionCoefficients& model = j.device;
    const Vec3 u = model.easyAxis;
    Vec3 across = std::abs(u.x) < 0.9 ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
    across = normalized(across - u * dot(across, u));
    const Vec3 applied = u * fieldAmperePerMeter;
    const double kT = units::boltzmann * model.temperatureKelvin;
    auto weight = [&](double z) {
        const Vec3 m = u * z + across * std::sqrt(std::max(0.0, 1.0 - z * z));
        return std::exp(-magneticEnergyJoule(model, m, applied) / kT);
    };
    auto simpson = [&](double a, double b) {
        const int n = 200000;
        const double h = (b - a) / n;
        double sum = weight(a) + weight(b);
        for (int i = 1; i < n; ++i) sum += (i % 2 ? 4.0 : 2.0) * weight(a + i * h);
        return sum * h / 3.0;
    };
    const double barrier = -(fieldAmperePerMeter + j.offsetField) / j.anisotropyField;
    return simpson(barrier, 1.0) / simpson(-1.0, barrier);
}

}  // namespace

class TestSuperparamagnetic : public QObject {
    Q_OBJECT
private slots:
    // The reduced drift v(z) is the easy-axis component of the engine's LLGS right-hand side, for any m on the cone
    // of z (so it depends on z only), both reference orientations, an in-plane easy axis, a perpendicular one with
    // Meff (Hk_eff = Hk - Meff), field and current; psi' = v / B; psi(I = 0) = -E / kB T + const. Tolerance 1e-10
    // relative to g Hk (round-off).
    void reducedDriftIsTheLlgs_data() {
        QTest::addColumn<Vec3>("easyAxis");
        QTest::addColumn<Vec3>("referenceAxis");
        QTest::addColumn<double>("demagTesla");
        QTest::newRow("p = u = z") << Vec3{0, 0, 1} << Vec3{0, 0, 1} << 0.0;
        QTest::newRow("p = -u, u = z") << Vec3{0, 0, 1} << Vec3{0, 0, -1} << 0.0;
        QTest::newRow("p = u = x") << Vec3{1, 0, 0} << Vec3{1, 0, 0} << 0.0;
        QTest::newRow("u = z, Meff = -0.05 T") << Vec3{0, 0, 1} << Vec3{0, 0, 1} << -0.05;
    }
    void reducedDriftIsTheLlgs() {
        QFETCH(Vec3, easyAxis);
        QFETCH(Vec3, referenceAxis);
        QFETCH(double, demagTesla);
        DeviceParameters p = lowBarrierJunction();
        p.easyAxis = easyAxis;
        p.referenceAxis = referenceAxis;
        p.effectiveDemagFieldTesla = demagTesla;
        p.offsetFieldMilliTesla = easyAxis * 0.7;
        SuperparamagneticJunction j;
        const Status status = makeSuperparamagneticJunction(p, j);
        QVERIFY2(status.isOk(), status.message().c_str());
        const JunctionCoefficients& model = j.device;
        Vec3 e1, e2;
        tangentBasis(model.easyAxis, e1, e2);
        const double scale = model.reducedGyromagneticRatio * j.anisotropyField;
        double worst = 0.0, worstSlope = 0.0, worstEnergy = 0.0;
        const Drive zeroDrive{model.easyAxis * units::amperePerMeterFromMilliTesla(1.5), 0.0};
        const double kT = units::boltzmann * model.temperatureKelvin;
        for (double current : {0.0, 8e-6, -15e-6}) {
            for (double field : {0.0, 2.0, -3.0}) {
                Drive drive;
                drive.appliedField = model.easyAxis * units::amperePerMeterFromMilliTesla(field);
                drive.currentAmpere = current;
                const AxialDrive axial = j.axialDrive(drive);
                for (double z : {-0.95, -0.5, 0.1, 0.7, 0.99}) {
                    for (double phi : {0.3, 2.0, 4.5}) {
                        const double r = std::sqrt(1 - z * z);
                        const Vec3 m = model.easyAxis * z + e1 * (r * std::cos(phi)) + e2 * (r * std::sin(phi));
                        const double llgs = dot(llgsRightHandSide(model, m, drive), model.easyAxis);
                        worst = std::max(worst, std::abs(llgs - j.drift(z, axial)) / scale);
                    }
                    const double h = 1e-6;
                    const double slope =
                        (j.reducedPotential(z + h, axial) - j.reducedPotential(z - h, axial)) / (2 * h);
                    const double expected = j.drift(z, axial) / j.diffusion(z);
                    worstSlope = std::max(worstSlope, std::abs(slope - expected) / (1.0 + std::abs(expected)));
                }
            }
        }
        // psi(z) - psi(z') = -(E(z) - E(z')) / kB T at I = 0, any azimuth.
        const AxialDrive axialZero = j.axialDrive(zeroDrive);
        for (double z : {-0.9, -0.2, 0.4, 0.8}) {
            const double r = std::sqrt(1 - z * z);
            const Vec3 m = model.easyAxis * z + e1 * r;
            const double energy = magneticEnergyJoule(model, m, zeroDrive.appliedField) -
                                  magneticEnergyJoule(model, model.easyAxis, zeroDrive.appliedField);
            const double psi = j.reducedPotential(z, axialZero) - j.reducedPotential(1.0, axialZero);
            worstEnergy = std::max(worstEnergy, std::abs(psi + energy / kT));
        }
        qInfo("max |v - u.dm/dt| / (g Hk) = %.2e, psi' against v / B: %.2e, psi against -E/kT: %.2e", worst, worstSlope,
              worstEnergy);
        QVERIFY(worst < 1e-10);
        QVERIFY(worstSlope < 1e-6);
        QVERIFY(worstEnergy < 1e-9);
    }

    // The Gauss-Legendre MFPT has converged: 16 against 256 panels to 1e-10 at Delta = 4, 256 against 1024 at
    // Delta = 51 under a strong drive, and the exact parameter slopes of ln r
    // agree with central differences (step 1e-4 of Hk and of I_c0) to 1e-6 relative.
    void firstPassageQuadratureConverges() {
        SuperparamagneticJunction j;
        QVERIFY(makeSuperparamagneticJunction(lowBarrierJunction(), j).isOk());
        const double ic = criticalCurrentAmpere(j.device);
        const AxialDrive drive{units::amperePerMeterFromMilliTesla(-1.0), 0.2 * ic};
        FirstPassageOptions coarse, fine;
        coarse.panels = 16;
        fine.panels = 256;
        const EscapeRates a = escapeRates(j, drive, coarse), b = escapeRates(j, drive, fine);
        QVERIFY(a.status.isOk() && b.status.isOk());
        qInfo("T+ = %.9g ns, T- = %.9g ns (256 panels); 16 panels differ by %.1e, %.1e", 1e9 / b.plus, 1e9 / b.minus,
              std::abs(a.plus / b.plus - 1), std::abs(a.minus / b.minus - 1));
        QVERIFY(std::abs(a.plus / b.plus - 1) < 1e-10);
        QVERIFY(std::abs(a.minus / b.minus - 1) < 1e-10);
        // A high barrier under a strong drive (Delta = 51, h = 0.45, I = 0.4 I_c0: ln T+ = 159): the default 256
        // panels against 1024.
        DeviceParameters high = lowBarrierJunction();
        high.anisotropyFieldMilliTesla = 150;
        SuperparamagneticJunction jh;
        QVERIFY(makeSuperparamagneticJunction(high, jh).isOk());
        const AxialDrive strong{0.45 * jh.anisotropyField, 0.4 * criticalCurrentAmpere(jh.device)};
        FirstPassageOptions finest;
        finest.panels = 1024;
        const EscapeRates d256 = escapeRates(jh, strong), d1024 = escapeRates(jh, strong, finest);
        qInfo("Delta = %.1f: ln T+ = %.6f, ln T- = %.6f; 256 against 1024 panels: %.1e, %.1e", jh.thermalStability,
              d1024.logDwellPlus, d1024.logDwellMinus, std::abs(d256.logDwellPlus - d1024.logDwellPlus),
              std::abs(d256.logDwellMinus - d1024.logDwellMinus));
        QVERIFY(std::abs(d256.logDwellPlus - d1024.logDwellPlus) < 1e-10);
        QVERIFY(std::abs(d256.logDwellMinus - d1024.logDwellMinus) < 1e-10);
        const double dH = 1e-4 * j.anisotropyField, dI = 1e-4 * ic;
        const EscapeRates hp = escapeRates(j, {drive.fieldAmperePerMeter + dH, drive.currentAmpere}, fine);
        const EscapeRates hm = escapeRates(j, {drive.fieldAmperePerMeter - dH, drive.currentAmpere}, fine);
        const EscapeRates ip = escapeRates(j, {drive.fieldAmperePerMeter, drive.currentAmpere + dI}, fine);
        const EscapeRates im = escapeRates(j, {drive.fieldAmperePerMeter, drive.currentAmpere - dI}, fine);
        const double checks[4][2] = {{b.logPlusPerField, (std::log(hp.plus) - std::log(hm.plus)) / (2 * dH)},
                                     {b.logMinusPerField, (std::log(hp.minus) - std::log(hm.minus)) / (2 * dH)},
                                     {b.logPlusPerAmpere, (std::log(ip.plus) - std::log(im.plus)) / (2 * dI)},
                                     {b.logMinusPerAmpere, (std::log(ip.minus) - std::log(im.minus)) / (2 * dI)}};
        for (const auto& c : checks) {
            QVERIFY2(std::abs(c[0] / c[1] - 1) < 1e-6,
                     qPrintable(QString("exact %1, difference %2").arg(c[0]).arg(c[1])));
        }
    }

    // Oracle: the mean dwell times of the engine's stochastic LLGS (stochastic Heun, Brown field, 0.5 ps as the
    // time-integrated readout uses, 64 lanes for 5 us, Schmitt trigger at +-0.5) agree with the exact MFPT dwell
    // times 1/r_s within 3 standard errors (standard error = mean / sqrt(number of dwells)), at zero drive and at
    // I = +0.3 I_c0 against a field of -5 mT along u_k (which keeps the two dwell times comparable).
    void dwellTimesMatchStochasticLlgs_data() {
        QTest::addColumn<double>("currentOverCritical");
        QTest::addColumn<double>("fieldMilliTesla");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("I = 0, H = 0") << 0.0 << 0.0 << quint64(21);
        QTest::newRow("I = +0.3 I_c0, H = -5 mT") << 0.3 << -5.0 << quint64(22);
    }
    void dwellTimesMatchStochasticLlgs() {
        QFETCH(double, currentOverCritical);
        QFETCH(double, fieldMilliTesla);
        QFETCH(quint64, seed);
        SuperparamagneticJunction j;
        QVERIFY(makeSuperparamagneticJunction(lowBarrierJunction(), j).isOk());
        const JunctionCoefficients& model = j.device;
        Drive drive;
        drive.currentAmpere = currentOverCritical * criticalCurrentAmpere(model);
        drive.appliedField = model.easyAxis * units::amperePerMeterFromMilliTesla(fieldMilliTesla);
        const EscapeRates rates = escapeRates(j, j.axialDrive(drive));
        FirstPassageOptions bottom;
        bottom.startAtWellBottom = true;
        const EscapeRates fromBottom = escapeRates(j, j.axialDrive(drive), bottom);
        QVERIFY(rates.status.isOk());
        const DwellMeasurement m = measureDwells(model, drive, 64, 5e-6, 5e-13, 4, seed);
        const double sePlus = m.meanPlusSeconds / std::sqrt(static_cast<double>(m.dwellsPlus));
        const double seMinus = m.meanMinusSeconds / std::sqrt(static_cast<double>(m.dwellsMinus));
        qInfo("Delta = %.3f, I = %.2f uA, H = %.1f mT", j.thermalStability, drive.currentAmpere * 1e6, fieldMilliTesla);
        qInfo("well +: LLGS %.1f +- %.1f ns (%ld dwells), MFPT model %.1f ns (%.2f SE); from the pole %.1f ns",
              m.meanPlusSeconds * 1e9, sePlus * 1e9, m.dwellsPlus, 1e9 / rates.plus,
              (m.meanPlusSeconds - 1 / rates.plus) / sePlus, 1e9 / fromBottom.plus);
        qInfo("well -: LLGS %.1f +- %.1f ns (%ld dwells), MFPT model %.1f ns (%.2f SE); from the pole %.1f ns",
              m.meanMinusSeconds * 1e9, seMinus * 1e9, m.dwellsMinus, 1e9 / rates.minus,
              (m.meanMinusSeconds - 1 / rates.minus) / seMinus, 1e9 / fromBottom.minus);
        QVERIFY(m.dwellsPlus >= 500 && m.dwellsMinus >= 500);
        QVERIFY(std::abs(m.meanPlusSeconds - 1 / rates.plus) < 3 * sePlus);
        QVERIFY(std::abs(m.meanMinusSeconds - 1 / rates.minus) < 3 * seMinus);
    }

    // The KMC telegraph: over 20000 stationary windows the mean reading agrees with y_+ p_+ + y_- p_- within 3
    // standard errors (sample standard deviation / sqrt(N)), the variance of the window averages with the analytic
    // telegraph variance within 15 %, at T_w = 2 tau_c and 20 tau_c; the spread falls with the window as predicted.
    void telegraphWindowStatistics() {
        const NeuronSettings settings = fieldInputNeuron();
        SuperparamagneticJunction j;
        QVERIFY(makeSuperparamagneticJunction(settings.device, j).isOk());
        const NeuronModel neuron = NeuronModel::fromSettings(settings);
        const AxialDrive drive{units::amperePerMeterFromMilliTesla(-3.0), 5e-6};  // p+ = 0.68
        const EscapeRates rates = escapeRates(j, drive);
        const TwoStateReadout readout = twoStateReadout(neuron, j.referenceSign, drive.currentAmpere);
        const double tau = rates.correlationSeconds();
        const double mean = telegraphMean(rates, readout);
        qInfo("p+ = %.4f, tau_c = %.1f ns, y+ = %.4f, y- = %.4f, mean %.4f", rates.probabilityPlus(), tau * 1e9,
              readout.plus, readout.minus, mean);
        GaussianRandom random(5, 1);
        const int windows = 20000;
        double variances[2] = {0, 0}, analytic[2] = {0, 0};
        const double lengths[2] = {2.0, 20.0};
        for (int l = 0; l < 2; ++l) {
            const double window = lengths[l] * tau;
            double sum = 0, sumSquares = 0;
            TelegraphTrace trace;
            for (int k = 0; k < windows; ++k) {
                QVERIFY(sampleTelegraph(rates, sampleStationaryState(rates, random), window, random, trace).isOk());
                const double y = telegraphWindowAverage(trace, readout);
                sum += y;
                sumSquares += y * y;
            }
            const double sampleMean = sum / windows;
            variances[l] = (sumSquares - windows * sampleMean * sampleMean) / (windows - 1);
            analytic[l] = telegraphWindowVariance(rates, readout, window);
            const double standardError = std::sqrt(variances[l] / windows);
            qInfo("T_w = %4.0f tau_c: mean %.5f (analytic %.5f, %.2f SE), variance %.4e (analytic %.4e, ratio %.4f)",
                  lengths[l], sampleMean, mean, (sampleMean - mean) / standardError, variances[l], analytic[l],
                  variances[l] / analytic[l]);
            QVERIFY(std::abs(sampleMean - mean) < 3 * standardError);
            QVERIFY(std::abs(variances[l] / analytic[l] - 1) < 0.15);
        }
        qInfo("variance ratio 2 tau_c / 20 tau_c: sampled %.3f, analytic %.3f (1/T_w alone: 10)",
              variances[0] / variances[1], analytic[0] / analytic[1]);
        QVERIFY(variances[1] < variances[0]);
        QVERIFY(std::abs((variances[0] / variances[1]) / (analytic[0] / analytic[1]) - 1) < 0.15);
    }

    // Acceptance: the mean sampled activation curve (300 curves of computeSuperparamagneticCurve with their own
    // seeds, 41 points over x in [-2, 2], 10 us windows, about 100 tau_c) matches the analytic two-state form
    // y_+ p_+ + y_- p_- (p_+ from the exact rates) within 2 % of the curve's span everywhere. Standard errors from the
    // analytic reading spread: every point within 4.5 SE (the window averages are skewed where p_+ nears 0 or 1),
    // and the rms z-score of the 41 points in [0.7, 1.35], which also checks the analytic spread. The mean
    // finite-difference derivative agrees with the central difference of the analytic mean (its expectation) within
    // 4 standard errors; the exact derivative with a fine central difference of the mean to 1e-6 of its peak. The
    // closed forms are reported: the sigmoid from the Neel-Brown rates (also checked within 2 % of span) and the bare
    // Arrhenius tanh.
    void meanCurveMatchesTwoStateForm_data() {
        QTest::addColumn<bool>("currentInput");
        QTest::newRow("field input") << false;
        QTest::newRow("current input") << true;
    }
    void meanCurveMatchesTwoStateForm() {
        QFETCH(bool, currentInput);
        const NeuronSettings settings = currentInput ? currentInputNeuron() : fieldInputNeuron();
        const std::vector<double> xs = evenlySpacedInputs(-2.0, 2.0, 41);
        SuperparamagneticCurveOptions options;
        options.firstPassage.panels = 32;  // converged to 1e-14 (firstPassageQuadratureConverges)
        const int curves = 300;
        std::vector<double> sum(xs.size(), 0.0), sumDerivative(xs.size(), 0.0), sumDerivativeSquares(xs.size(), 0.0);
        SuperparamagneticCurve curve;
        for (int c = 0; c < curves; ++c) {
            options.noiseSeed = 1000 + static_cast<std::uint64_t>(c);
            curve = computeSuperparamagneticCurve(settings, xs, options);
            QVERIFY2(curve.status.isOk(), curve.status.message().c_str());
            for (std::size_t i = 0; i < xs.size(); ++i) {
                sum[i] += curve.points[i].ySampled;
                sumDerivative[i] += curve.points[i].derivativeFiniteDifference;
                sumDerivativeSquares[i] +=
                    curve.points[i].derivativeFiniteDifference * curve.points[i].derivativeFiniteDifference;
            }
        }
        double lo = 1e300, hi = -1e300;
        for (const auto& p : curve.points) {
            lo = std::min(lo, p.yMean);
            hi = std::max(hi, p.yMean);
        }
        const double span = hi - lo;
        // The analytic mean at x +- delta (the expectation of the central difference) and at x +- 1e-4.
        const double delta = settings.derivative.step, fine = 1e-4;
        std::vector<double> shifted;
        for (double x : xs) {
            for (double o : {delta, -delta, fine, -fine}) shifted.push_back(x + o);
        }
        const SuperparamagneticCurve around = computeSuperparamagneticCurve(settings, shifted, options);
        QVERIFY(around.status.isOk());
        SuperparamagneticJunction j;
        QVERIFY(makeSuperparamagneticJunction(settings.device, j).isOk());
        const NeuronModel neuron = NeuronModel::fromSettings(settings);
        double worstMean = 0, worstMeanSe = 0, worstDerivativeSe = 0, worstExact = 0, peakSlope = 0;
        double worstBrown = 0, worstArrhenius = 0, zSquares = 0, worstDerivativeSpread = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const SuperparamagneticPoint& p = curve.points[i];
            const double mean = sum[i] / curves;
            const double se = p.yReadingStandardDeviation / std::sqrt(double(curves));
            worstMean = std::max(worstMean, std::abs(mean - p.yMean) / span);
            worstMeanSe = std::max(worstMeanSe, std::abs(mean - p.yMean) / se);
            zSquares += (mean - p.yMean) * (mean - p.yMean) / (se * se);
            const double yPlus = around.points[4 * i].yMean, yMinus = around.points[4 * i + 1].yMean;
            const double expectedDifference = (yPlus - yMinus) / (2 * delta);
            const double sdPlus = around.points[4 * i].yReadingStandardDeviation;
            const double sdMinus = around.points[4 * i + 1].yReadingStandardDeviation;
            const double seDerivative =
                std::sqrt(sdPlus * sdPlus + sdMinus * sdMinus) / (2 * delta) / std::sqrt(double(curves));
            worstDerivativeSe =
                std::max(worstDerivativeSe, std::abs(sumDerivative[i] / curves - expectedDifference) / seDerivative);
            // The spread of the finite difference over the curves against its analytic standard deviation (the
            // dydx_fd_stderr column): a sample standard deviation of 300 draws is good to about 4 %.
            const double meanDerivative = sumDerivative[i] / curves;
            const double spread =
                std::sqrt((sumDerivativeSquares[i] / curves - meanDerivative * meanDerivative) * curves / (curves - 1));
            worstDerivativeSpread =
                std::max(worstDerivativeSpread, std::abs(spread / p.derivativeFiniteDifferenceStandardDeviation - 1.0));
            const double fineDifference =
                (around.points[4 * i + 2].yMean - around.points[4 * i + 3].yMean) / (2 * fine);
            worstExact = std::max(worstExact, std::abs(p.derivativeExact - fineDifference));
            peakSlope = std::max(peakSlope, std::abs(p.derivativeExact));
            // Closed forms: the Neel-Brown rates, and the bare Arrhenius sigmoid (no prefactors, no barrier
            // lowering): p+ - p- = tanh([psi(+1) - psi(-1)] / 2), which is tanh(2 Delta h) at I = 0.
            const Drive d = neuron.dcDrive(p.x);
            const AxialDrive axial = j.axialDrive(d);
            const TwoStateReadout readout = twoStateReadout(neuron, j.referenceSign, d.currentAmpere);
            const EscapeRates brown = neelBrownEscapeRates(j, axial);
            if (brown.status.isOk()) {
                worstBrown = std::max(worstBrown, std::abs(telegraphMean(brown, readout) - p.yMean) / span);
            }
            const double poles = j.reducedPotential(1.0, axial) - j.reducedPotential(-1.0, axial);
            const double tanhForm =
                0.5 * (readout.plus + readout.minus) + 0.5 * (readout.plus - readout.minus) * std::tanh(0.5 * poles);
            worstArrhenius = std::max(worstArrhenius, std::abs(tanhForm - p.yMean) / span);
        }
        qInfo("finite-difference spread over %d curves against its analytic standard deviation: worst %.1f %%", curves,
              100 * worstDerivativeSpread);
        QVERIFY2(worstDerivativeSpread < 0.2, "the finite difference's standard deviation misses its spread");
        const double zRms = std::sqrt(zSquares / static_cast<double>(xs.size()));
        qInfo(
            "span %.4f; mean of %d sampled curves against y+ p+ + y- p-: max %.3f %% of span, max %.2f SE, rms %.2f SE",
            span, curves, 100 * worstMean, worstMeanSe, zRms);
        qInfo(
            "finite difference (delta = %.2f): max %.2f SE from its expectation; exact derivative against a fine "
            "difference: %.1e of the peak slope %.4f",
            delta, worstDerivativeSe, worstExact / peakSlope, peakSlope);
        qInfo(
            "closed forms against the exact two-state mean: Neel-Brown rates %.2f %% of span, tanh((psi(+1) - psi(-1)) "
            "/ 2) "
            "%.2f %% of span",
            100 * worstBrown, 100 * worstArrhenius);
        QVERIFY(worstMean < 0.02);
        QVERIFY(worstMeanSe < 4.5);
        QVERIFY(zRms > 0.7 && zRms < 1.35);  // 41 z-scores: the 99.9 % range of a chi distribution
        QVERIFY(worstDerivativeSe < 4.0);
        QVERIFY(worstExact < 1e-6 * peakSlope);
        // Deterministic: at Delta = 4 the Neel-Brown rates give the sigmoid within 2 % of span too (1.2 % field input,
        // 1.0 % current input: the O(1/Delta) errors of the two rates largely cancel in p+).
        QVERIFY(worstBrown < 0.02);
    }

    // The high-barrier limit: at I = 0 the exact MFPT rates approach Neel-Brown with the O(1/Delta) correction of
    // Brown's asymptotic series: |r / r_NB - 1| < 1.5 / Delta at Delta = 20, 30, 51, falling with Delta; with a current
    // of +-0.1 I_c0 the exact rates approach the Kramers form (the same asymptotics with the exact spin-torque
    // potential) within the same bound.
    void highBarrierLimit_data() {
        QTest::addColumn<double>("reducedField");
        QTest::addColumn<double>("currentOverCritical");
        QTest::newRow("h = 0, I = 0") << 0.0 << 0.0;
        QTest::newRow("h = 0.1, I = 0") << 0.1 << 0.0;
        QTest::newRow("h = -0.1, I = 0") << -0.1 << 0.0;
        QTest::newRow("h = 0, I = +0.1 I_c0") << 0.0 << 0.1;
        QTest::newRow("h = 0.1, I = -0.1 I_c0") << 0.1 << -0.1;
    }
    void highBarrierLimit() {
        QFETCH(double, reducedField);
        QFETCH(double, currentOverCritical);
        double previous = 1.0;
        for (double hk : {60.0, 90.0, 150.0}) {
            DeviceParameters p = lowBarrierJunction();
            p.anisotropyFieldMilliTesla = hk;
            SuperparamagneticJunction j;
            QVERIFY(makeSuperparamagneticJunction(p, j).isOk());
            const AxialDrive drive{reducedField * j.anisotropyField,
                                   currentOverCritical * criticalCurrentAmpere(j.device)};
            const EscapeRates exact = escapeRates(j, drive);
            const EscapeRates brown = neelBrownEscapeRates(j, drive);
            const EscapeRates kramers = kramersEscapeRates(j, drive);
            QVERIFY(exact.status.isOk() && brown.status.isOk() && kramers.status.isOk());
            const EscapeRates& closed = currentOverCritical == 0.0 ? brown : kramers;
            const double errorPlus = exact.plus / closed.plus - 1, errorMinus = exact.minus / closed.minus - 1;
            qInfo("Delta = %5.2f: r+/r_%s - 1 = %+.4f, r-/r_%s - 1 = %+.4f (1/Delta = %.4f); Neel-Brown: %+.4f, %+.4f",
                  j.thermalStability, currentOverCritical == 0.0 ? "NB" : "K", errorPlus,
                  currentOverCritical == 0.0 ? "NB" : "K", errorMinus, 1 / j.thermalStability,
                  exact.plus / brown.plus - 1, exact.minus / brown.minus - 1);
            const double worst = std::max(std::abs(errorPlus), std::abs(errorMinus));
            QVERIFY(worst < 1.5 / j.thermalStability);
            if (currentOverCritical == 0.0) {
                QVERIFY(worst < previous);
                previous = worst;
            }
        }
    }

    // Detailed balance at I = 0: r_- / r_+ equals the ratio Z_+ / Z_- of the Boltzmann populations of the two wells
    // (computed from the engine's magneticEnergyJoule, independently of psi) to 1e-6 at Delta = 30 (the Schmitt split
    // differs from the split at the barrier by exp(-Delta (1 - theta^2))); Neel-Brown's exp(4 Delta h) (1 - h)/(1 + h)
    // within 3 |h| / Delta (its leading Laplace correction is 2 h / Delta).
    void detailedBalanceAtZeroCurrent_data() {
        QTest::addColumn<double>("reducedField");
        QTest::newRow("h = 0.05") << 0.05;
        QTest::newRow("h = -0.1") << -0.1;
    }
    void detailedBalanceAtZeroCurrent() {
        QFETCH(double, reducedField);
        DeviceParameters p = lowBarrierJunction();
        p.anisotropyFieldMilliTesla = 90;
        SuperparamagneticJunction j;
        QVERIFY(makeSuperparamagneticJunction(p, j).isOk());
        const AxialDrive drive{reducedField * j.anisotropyField, 0.0};
        const double populations = boltzmannPopulationRatio(j, drive.fieldAmperePerMeter);
        const EscapeRates exact = escapeRates(j, drive);
        const EscapeRates brown = neelBrownEscapeRates(j, drive);
        const double delta = j.thermalStability, h = reducedField;
        const double exactRatio = std::exp(exact.logDwellPlus - exact.logDwellMinus);  // r- / r+ = T+ / T-
        const double brownRatio = brown.minus / brown.plus;
        qInfo(
            "Delta = %.2f, h = %.2f: Z+/Z- = %.6e; exact r-/r+ = %.6e (%.1e), Neel-Brown %.6e (%.1e), "
            "exp(4 Delta h) = %.6e",
            delta, h, populations, exactRatio, exactRatio / populations - 1, brownRatio, brownRatio / populations - 1,
            std::exp(4 * delta * h));
        QVERIFY(std::abs(exactRatio / populations - 1) < 1e-6);
        QVERIFY(std::abs(brownRatio / (std::exp(4 * delta * h) * (1 - h) / (1 + h)) - 1) < 1e-12);
        QVERIFY(std::abs(brownRatio / populations - 1) < 3 * std::abs(h) / delta);
        // At the low barrier of the LLGS test the Schmitt dwell ratio still follows the populations closely.
        SuperparamagneticJunction low;
        QVERIFY(makeSuperparamagneticJunction(lowBarrierJunction(), low).isOk());
        const AxialDrive lowDrive{reducedField * low.anisotropyField, 0.0};
        const EscapeRates lowRates = escapeRates(low, lowDrive);
        qInfo("Delta = %.2f: exact r-/r+ against Z+/Z-: %.2e", low.thermalStability,
              std::exp(lowRates.logDwellPlus - lowRates.logDwellMinus) /
                      boltzmannPopulationRatio(low, lowDrive.fieldAmperePerMeter) -
                  1);
    }

    // The reading protocol (stationaryStart = false): a reading that starts in the reset well and settles for less
    // than tau_c keeps a memory of it; the mean of 3000 readings agrees with telegraphReadingMean within 3.5 standard
    // errors for easy+ and easy-, and differs from the stationary mean.
    void protocolReadingMean_data() {
        QTest::addColumn<int>("reset");
        QTest::newRow("easy+") << int(ResetState::EasyPlus);
        QTest::newRow("easy-") << int(ResetState::EasyMinus);
    }
    void protocolReadingMean() {
        QFETCH(int, reset);
        NeuronSettings settings = fieldInputNeuron();
        settings.readout.reset = static_cast<ResetState>(reset);
        settings.readout.settleNanoseconds = 50;
        settings.readout.averageNanoseconds = 200;
        settings.derivative.readNoise = 0.0;
        SuperparamagneticCurveOptions options;
        options.stationaryStart = false;
        options.firstPassage.panels = 16;
        const int readings = 3000;
        double sum = 0, sumSquares = 0;
        SuperparamagneticPoint point;
        for (int k = 0; k < readings; ++k) {
            options.noiseSeed = 7000 + static_cast<std::uint64_t>(k);
            const SuperparamagneticCurve c = computeSuperparamagneticCurve(settings, {0.4}, options);
            QVERIFY(c.status.isOk());
            point = c.points[0];
            sum += point.ySampled;
            sumSquares += point.ySampled * point.ySampled;
        }
        const double mean = sum / readings;
        const double se = std::sqrt((sumSquares / readings - mean * mean) / (readings - 1));
        qInfo("tau_c = %.0f ns: mean reading %.4f +- %.4f, protocol mean %.4f (%.2f SE), stationary mean %.4f",
              point.correlationSeconds * 1e9, mean, se, point.yReadingMean, (mean - point.yReadingMean) / se,
              point.yMean);
        QVERIFY(std::abs(mean - point.yReadingMean) < 3.5 * se);
        QVERIFY(std::abs(point.yReadingMean - point.yMean) > 10 * se);
    }

    // A varied population keeps the axial symmetry (every device is accepted), is reproducible, and spreads Delta.
    void variedDevicesStayAxiallySymmetric() {
        const NeuronSettings nominal = fieldInputNeuron();
        VariabilitySettings variability;
        variability.relativeSigma = 0.05;
        variability.offsetFieldSigmaMilliTesla = 0.5;
        variability.seed = 3;
        double lo = 1e300, hi = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            const NeuronSettings device = sampleSuperparamagneticNeuron(nominal, variability, i);
            const Status status = validateSuperparamagnetic(device);
            QVERIFY2(status.isOk(), status.message().c_str());
            SuperparamagneticJunction j;
            QVERIFY(makeSuperparamagneticJunction(device.device, j).isOk());
            lo = std::min(lo, j.thermalStability);
            hi = std::max(hi, j.thermalStability);
            const NeuronSettings again = sampleSuperparamagneticNeuron(nominal, variability, i);
            QCOMPARE(again.device.diameterNanometers, device.device.diameterNanometers);
            QCOMPARE(again.device.offsetFieldMilliTesla.z, device.device.offsetFieldMilliTesla.z);
        }
        qInfo("16 devices at 5 %% spread: Delta from %.2f to %.2f", lo, hi);
        QVERIFY(hi - lo > 0.1);
    }

    // Invalid settings come back as a Status naming the preset key.
    void invalidSettingsAreRefused_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("key");
        QTest::newRow("NaN Hk") << 0 << "device.Hk_mT";
        QTest::newRow("negative window") << 1 << "readout.average_ns";
        QTest::newRow("zero temperature") << 2 << "device.temperature_K";
        QTest::newRow("reference across the easy axis") << 3 << "device.reference_axis";
        QTest::newRow("in-plane easy axis with Meff") << 4 << "device.Meff_T";
        QTest::newRow("external field across") << 5 << "drive.field_theta_deg";
        QTest::newRow("input axis across") << 6 << "drive.input_axis";
        QTest::newRow("rf input") << 7 << "drive.input";
        QTest::newRow("barrier too high") << 8 << "device.Hk_mT";
        QTest::newRow("NaN input") << 9 << "input x";
        QTest::newRow("NaN bias") << 10 << "drive.bias_current_uA";
    }
    void invalidSettingsAreRefused() {
        QFETCH(int, which);
        QFETCH(QString, key);
        NeuronSettings s = fieldInputNeuron();
        std::vector<double> xs{0.0, 0.5};
        switch (which) {
            case 0: s.device.anisotropyFieldMilliTesla = std::nan(""); break;
            case 1: s.readout.averageNanoseconds = -5; break;
            case 2: s.device.temperatureKelvin = 0; break;
            case 3: s.device.referenceAxis = {1, 0, 0}; break;
            case 4:
                s.device.easyAxis = s.device.referenceAxis = {1, 0, 0};
                s.device.effectiveDemagFieldTesla = 0.8;
                break;
            case 5:
                s.drive.fieldMilliTesla = 3;
                s.drive.fieldThetaDegrees = 90;
                break;
            case 6: s.drive.inputAxis = {0, 1, 0}; break;
            case 7: s.drive.input = InputChannel::Radiofrequency; break;
            case 8: s.device.anisotropyFieldMilliTesla = 400; break;
            case 9: xs = {0.0, std::nan("")}; break;
            case 10: s.drive.biasCurrentMicroampere = std::nan(""); break;
        }
        const SuperparamagneticCurve c = computeSuperparamagneticCurve(s, xs);
        qInfo("%s", c.status.message().c_str());
        QVERIFY(!c.status.isOk());
        QVERIFY(c.points.empty());
        QVERIFY2(QString::fromStdString(c.status.message()).startsWith(key), c.status.message().c_str());
    }

    // The lower-level functions refuse what they cannot compute.
    void invalidArgumentsAreRefused() {
        SuperparamagneticJunction j;
        DeviceParameters cold = lowBarrierJunction();
        cold.temperatureKelvin = 0;
        const Status frozen = makeSuperparamagneticJunction(cold, j);
        QVERIFY(!frozen.isOk() && frozen.message().rfind("device.temperature_K", 0) == 0);
        QVERIFY(makeSuperparamagneticJunction(lowBarrierJunction(), j).isOk());
        const EscapeRates nan = escapeRates(j, {0.0, std::nan("")});
        QVERIFY(!nan.status.isOk());
        qInfo("%s", nan.status.message().c_str());
        FirstPassageOptions badThreshold;
        badThreshold.schmittThreshold = 1.5;
        QVERIFY(!escapeRates(j, {}, badThreshold).status.isOk());
        const EscapeRates rates = escapeRates(j, {});
        GaussianRandom random(1);
        TelegraphTrace trace;
        const Status negative = sampleTelegraph(rates, 1, -1e-9, random, trace);
        QVERIFY(!negative.isOk() && negative.message().rfind("telegraph duration", 0) == 0);
        qInfo("%s", negative.message().c_str());
        QVERIFY(!sampleTelegraph(rates, 1, std::nan(""), random, trace).isOk());
        QVERIFY(!sampleTelegraph(rates, 0, 1e-9, random, trace).isOk());
        QVERIFY(!sampleTelegraph(nan, 1, 1e-9, random, trace).isOk());
        // A trace is consistent: alternating states, times inside the window, time in + from the switches.
        QVERIFY(sampleTelegraph(rates, -1, 5e-6, random, trace).isOk());
        QVERIFY(trace.switchSeconds.size() > 5);
        for (std::size_t k = 0; k < trace.states.size(); ++k) {
            QCOMPARE(trace.states[k], (k % 2 == 0) ? 1 : -1);
            QVERIFY(trace.switchSeconds[k] > 0 && trace.switchSeconds[k] < 5e-6);
        }
    }
};

QTEST_APPLESS_MAIN(TestSuperparamagnetic)
#include "test_superparamagnetic.moc"
