// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/superparamagnetic/superparamagnetic.hpp"
#include "common/random_streams.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "common/format.hpp"
#include "device/activation_curve.hpp"
#include "physics/resistance.hpp"
#include "physics/units.hpp"

namespace mtj {
namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double axisTolerance = 1e-9;  // |a x b| below which two unit vectors count as parallel
constexpr double largestThermalStability = 100.0;
constexpr double mostExpectedSwitches = 1e8;  // a KMC trace longer than this is refused (memory, time)

// Gauss-Legendre rules on [-1, 1] (Abramowitz and Stegun 25.4.30): exact for polynomials of degree 15 and 7.
constexpr double gauss8Nodes[8] = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
                                   0.1834346424956498,  0.5255324099163290,  0.7966664774136267,  0.9602898564975363};
constexpr double gauss8Weights[8] = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
                                     0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
constexpr double gauss4Nodes[4] = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
constexpr double gauss4Weights[4] = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};

/// |component of v across the unit axis u| relative to |v| (0 for v = 0).
double crossComponent(const Vec3& v, const Vec3& u) {
    const double size = norm(v);
    if (size == 0.0) return 0.0;
    return norm(v - u * dot(v, u)) / size;
}

/// A sum of terms w exp(l) (1, a, b) kept as exp(scale) (value, withA, withB) so that no term overflows or
/// underflows whatever the spread of the exponents l: the scale follows the largest exponent seen so far.
struct ScaledSum {
    double scale = -std::numeric_limits<double>::infinity();
    double value = 0.0;
    double withField = 0.0;
    double withAmpere = 0.0;

    void add(double weight, double exponent, double field, double ampere) {
        if (exponent > scale) {
            const double shrink = std::isinf(scale) ? 0.0 : std::exp(scale - exponent);
            value *= shrink;
            withField *= shrink;
            withAmpere *= shrink;
            scale = exponent;
        }
        const double term = weight * std::exp(exponent - scale);
        value += term;
        withField += term * field;
        withAmpere += term * ampere;
    }
    [[nodiscard]] double logValue() const { return scale + std::log(value); }
};

/// psi and its parameter slopes in the coordinate of well s: psi_s(z) = psi(s z).
struct WellPotential {
    const SuperparamagneticJunction& junction;
    AxialDrive drive;
    int well;

    [[nodiscard]] double value(double z) const { return junction.reducedPotential(well * z, drive); }
    [[nodiscard]] double perField(double z) const { return junction.reducedPotentialPerField(well * z); }
    [[nodiscard]] double perAmpere(double z) const { return junction.reducedPotentialPerAmpere(well * z); }
};

Status checkAxialDrive(const AxialDrive& drive) {
    if (!std::isfinite(drive.fieldAmperePerMeter)) {
        return Status::error("drive: field along u_k = " + formatNumber(drive.fieldAmperePerMeter) +
                             " A/m: must be a finite number");
    }
    if (!std::isfinite(drive.currentAmpere)) {
        return Status::error("drive: current = " + formatNumber(drive.currentAmpere) + " A: must be a finite number");
    }
    return Status::ok();
}

EscapeRates failedRates(Status status) {
    EscapeRates r;
    r.plus = r.minus = r.logDwellPlus = r.logDwellMinus = notANumber;
    r.logPlusPerField = r.logMinusPerField = r.logPlusPerAmpere = r.logMinusPerAmpere = notANumber;
    r.status = std::move(status);
    return r;
}

/// Fills the rates of a closed form from the two log dwell times; slopes are not part of the closed forms.
EscapeRates closedFormRates(double logDwellPlus, double logDwellMinus, Status status) {
    EscapeRates r;
    r.logDwellPlus = logDwellPlus;
    r.logDwellMinus = logDwellMinus;
    r.plus = std::exp(-logDwellPlus);
    r.minus = std::exp(-logDwellMinus);
    r.logPlusPerField = r.logMinusPerField = r.logPlusPerAmpere = r.logMinusPerAmpere = notANumber;
    r.status = std::move(status);
    return r;
}

/// The common walk of a KMC trace: calls onSwitch(t, newState) for every switch in (0, duration); returns the final
/// state and the time spent in +1.
template <class OnSwitch>
int runTelegraph(const EscapeRates& rates, int state, double duration, GaussianRandom& random, double& secondsInPlus,
                 OnSwitch&& onSwitch) {
    double t = 0.0;
    secondsInPlus = 0.0;
    for (;;) {
        const double rate = state > 0 ? rates.plus : rates.minus;
        const double dwell =
            rate > 0.0 ? -std::log1p(-random.uniform()) / rate : std::numeric_limits<double>::infinity();
        const double end = std::min(duration, t + dwell);
        if (state > 0) secondsInPlus += end - t;
        if (t + dwell >= duration) return state;
        t += dwell;
        state = -state;
        onSwitch(t, state);
    }
}

Status checkTelegraph(const EscapeRates& rates, double duration) {
    if (!std::isfinite(rates.plus) || !std::isfinite(rates.minus) || rates.plus < 0.0 || rates.minus < 0.0) {
        return Status::error("telegraph: escape rates r+ = " + formatNumber(rates.plus) +
                             " /s, r- = " + formatNumber(rates.minus) + " /s: must be finite and non-negative");
    }
    if (!std::isfinite(duration) || duration <= 0.0) {
        return Status::error("telegraph duration = " + formatNumber(duration) + " s: must be a positive finite time");
    }
    if (std::max(rates.plus, rates.minus) * duration > mostExpectedSwitches) {
        return Status::error("telegraph duration = " + formatNumber(duration) + " s: about " +
                             formatNumber(std::max(rates.plus, rates.minus) * duration) +
                             " switches, more than 1e8; shorten the window");
    }
    return Status::ok();
}

/// 2 (u - 1 + exp(-u)) / u^2, u = T_w / tau_c: the telegraph variance factor, with the small-u series where the
/// difference cancels.
double windowVarianceFactor(double u) {
    if (u < 1e-3) return 1.0 - u / 3.0 + u * u / 12.0;
    return 2.0 * (u + std::expm1(-u)) / (u * u);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// The junction

double SuperparamagneticJunction::reducedPotential(double z, const AxialDrive& drive) const {
    const double field = drive.fieldAmperePerMeter + offsetField;
    double density = field * z + 0.5 * anisotropyField * z * z;
    const double p = device.polarization;
    if (p > 0.0) {
        density += spinTorqueFieldPerAmpere * drive.currentAmpere * std::log1p(p * p * referenceSign * z) / p;
    }
    return reducedMoment * density;
}

double SuperparamagneticJunction::reducedPotentialPerField(double z) const { return reducedMoment * z; }

double SuperparamagneticJunction::reducedPotentialPerAmpere(double z) const {
    const double p = device.polarization;
    if (p <= 0.0) return 0.0;
    return reducedMoment * spinTorqueFieldPerAmpere * std::log1p(p * p * referenceSign * z) / p;
}

double SuperparamagneticJunction::drift(double z, const AxialDrive& drive) const {
    const double field = drive.fieldAmperePerMeter + offsetField;
    const double eta = device.spinTorqueEfficiency(referenceSign * z);
    const double torque =
        field + anisotropyField * z + referenceSign * spinTorqueFieldPerAmpere * drive.currentAmpere * eta;
    return device.reducedGyromagneticRatio * device.damping * (1.0 - z * z) * torque;
}

double SuperparamagneticJunction::itoDrift(double z, const AxialDrive& drive) const {
    return drift(z, drive) - 2.0 * diffusionRate * z;
}

double SuperparamagneticJunction::diffusion(double z) const { return diffusionRate * (1.0 - z * z); }

AxialDrive SuperparamagneticJunction::axialDrive(const Drive& drive) const {
    return {dot(drive.appliedField, device.easyAxis), drive.currentAmpere};
}

Status makeSuperparamagneticJunction(const DeviceParameters& p, SuperparamagneticJunction& j) {
    if (Status s = validate(p); !s) return s;
    if (p.temperatureKelvin <= 0.0) {
        return Status::error("device.temperature_K = " + formatNumber(p.temperatureKelvin) +
                             ": a superparamagnetic junction needs T > 0 (at 0 K it never switches; use the "
                             "macrospin model)");
    }
    if (p.damping <= 0.0) {
        return Status::error("device.alpha = " + formatNumber(p.damping) +
                             ": must be > 0 for a superparamagnetic junction (without damping there is no coupling "
                             "to the heat bath, so no thermal switching)");
    }
    SuperparamagneticJunction out;
    out.device = JunctionCoefficients::fromParameters(p);
    const JunctionCoefficients& m = out.device;
    const Vec3 u = m.easyAxis;
    if (norm(cross(u, m.referenceAxis)) > axisTolerance) {
        return Status::error(
            "device.reference_axis: must be parallel or antiparallel to device.easy_axis (the "
            "superparamagnetic model is axially symmetric about u_k)");
    }
    out.referenceSign = dot(u, m.referenceAxis) > 0.0 ? 1.0 : -1.0;
    const Vec3 zAxis{0.0, 0.0, 1.0};
    const bool alongZ = norm(cross(u, zAxis)) <= axisTolerance;
    if (p.effectiveDemagFieldTesla != 0.0 && !alongZ) {
        return Status::error("device.Meff_T = " + formatNumber(p.effectiveDemagFieldTesla) +
                             ": must be 0 unless device.easy_axis is along z (the demagnetising field along z breaks "
                             "the axial symmetry of the superparamagnetic model)");
    }
    if (crossComponent(m.offsetField, u) > axisTolerance) {
        return Status::error(
            "device.offset_field_mT: must lie along device.easy_axis (a component across u_k breaks "
            "the axial symmetry of the superparamagnetic model)");
    }
    out.anisotropyField = m.anisotropyField - (alongZ ? m.effectiveDemagField : 0.0);
    if (!(out.anisotropyField > 0.0)) {
        return Status::error("device.Hk_mT = " + formatNumber(p.anisotropyFieldMilliTesla) +
                             ": the effective anisotropy Hk - Meff = " +
                             formatNumber(units::milliTeslaFromAmperePerMeter(out.anisotropyField)) +
                             " mT must be positive for two wells along u_k");
    }
    out.offsetField = dot(m.offsetField, u);
    out.reducedMoment =
        units::mu0 * m.saturationMagnetization * m.volumeCubicMeters / (units::boltzmann * p.temperatureKelvin);
    out.diffusionRate = m.damping * m.reducedGyromagneticRatio / out.reducedMoment;
    out.spinTorqueFieldPerAmpere = (1.0 + m.damping * m.fieldLikeRatio) * m.sttFieldPerAmpere / m.damping;
    out.thermalStability = 0.5 * out.reducedMoment * out.anisotropyField;
    if (out.thermalStability > largestThermalStability) {
        return Status::error("device.Hk_mT = " + formatNumber(p.anisotropyFieldMilliTesla) +
                             ": the thermal stability Delta = " + formatNumber(out.thermalStability) + " at " +
                             formatNumber(p.temperatureKelvin) +
                             " K exceeds 100: not superparamagnetic (dwell times beyond 1e30 s); use the macrospin "
                             "model");
    }
    j = out;
    return Status::ok();
}

// ---------------------------------------------------------------------------------------------------------------
// First passage

double logMeanFirstPassageSeconds(const SuperparamagneticJunction& junction, const AxialDrive& drive, int well,
                                  double z0, double b, int panels, double* perField, double* perAmpere) {
    if (perField) *perField = notANumber;
    if (perAmpere) *perAmpere = notANumber;
    if ((well != 1 && well != -1) || !(b > -1.0) || !(z0 > b) || !(z0 <= 1.0) || panels < 1 ||
        !checkAxialDrive(drive) || !(junction.diffusionRate > 0.0)) {
        return notANumber;
    }
    const WellPotential psi{junction, drive, well};
    // F(y) = integral_y^1 exp(psi) (and its parameter slopes), accumulated from the pole down to each outer node.
    ScaledSum inner;
    auto addInner = [&](double lo, double hi, const double* nodes, const double* weights, int count) {
        const double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
        for (int k = count - 1; k >= 0; --k) {  // from the top, so the scale rises at most once per node
            const double x = mid + half * nodes[k];
            inner.add(half * weights[k], psi.value(x), psi.perField(x), psi.perAmpere(x));
        }
    };
    if (z0 < 1.0) {
        const double width = (1.0 - z0) / panels;
        for (int i = panels - 1; i >= 0; --i) {
            addInner(z0 + i * width, z0 + (i + 1) * width, gauss8Nodes, gauss8Weights, 8);
        }
    }
    // T = integral_b^z0 exp(-psi(y)) / B(y) F(y) dy, nodes visited from z0 downwards.
    ScaledSum outer;
    double previous = z0;
    const double width = (z0 - b) / panels;
    for (int i = panels - 1; i >= 0; --i) {
        const double lo = b + i * width, half = 0.5 * width, mid = lo + half;
        for (int k = 7; k >= 0; --k) {
            const double y = mid + half * gauss8Nodes[k];
            addInner(y, previous, gauss4Nodes, gauss4Weights, 4);
            previous = y;
            const double exponent = -psi.value(y) - std::log(junction.diffusion(y)) + inner.logValue();
            outer.add(half * gauss8Weights[k], exponent, inner.withField / inner.value - psi.perField(y),
                      inner.withAmpere / inner.value - psi.perAmpere(y));
        }
    }
    if (perField) *perField = outer.withField / outer.value;
    if (perAmpere) *perAmpere = outer.withAmpere / outer.value;
    return outer.logValue();
}

double EscapeRates::probabilityPlus() const { return 1.0 / (1.0 + std::exp(logDwellMinus - logDwellPlus)); }

double EscapeRates::correlationSeconds() const { return 1.0 / (plus + minus); }

EscapeRates escapeRates(const SuperparamagneticJunction& junction, const AxialDrive& drive,
                        const FirstPassageOptions& options) {
    if (Status s = checkAxialDrive(drive); !s) return failedRates(s);
    const double theta = options.schmittThreshold;
    if (!(theta > 0.0 && theta < 1.0)) {
        return failedRates(
            Status::error("first passage: Schmitt threshold = " + formatNumber(theta) + ": must be in (0, 1)"));
    }
    if (options.panels < 8 || options.panels > 1000000) {
        return failedRates(
            Status::error("first passage: panels = " + std::to_string(options.panels) + ": must be in [8, 1000000]"));
    }
    const double start = options.startAtWellBottom ? 1.0 : theta;
    EscapeRates r;
    double plusField = 0.0, plusAmpere = 0.0, minusField = 0.0, minusAmpere = 0.0;
    r.logDwellPlus =
        logMeanFirstPassageSeconds(junction, drive, 1, start, -theta, options.panels, &plusField, &plusAmpere);
    r.logDwellMinus =
        logMeanFirstPassageSeconds(junction, drive, -1, start, -theta, options.panels, &minusField, &minusAmpere);
    if (!std::isfinite(r.logDwellPlus) || !std::isfinite(r.logDwellMinus)) {
        return failedRates(
            Status::error("first passage: the mean dwell time is not finite (ln T+ = " + formatNumber(r.logDwellPlus) +
                          ", ln T- = " + formatNumber(r.logDwellMinus) + "): check the junction"));
    }
    r.plus = std::exp(-r.logDwellPlus);
    r.minus = std::exp(-r.logDwellMinus);
    // ln r = -ln T. The well -1 coordinate is z -> -z, but the slopes are with respect to the same H and I.
    r.logPlusPerField = -plusField;
    r.logPlusPerAmpere = -plusAmpere;
    r.logMinusPerField = -minusField;
    r.logMinusPerAmpere = -minusAmpere;
    return r;
}

EscapeRates neelBrownEscapeRates(const SuperparamagneticJunction& j, const AxialDrive& drive) {
    if (Status s = checkAxialDrive(drive); !s) return failedRates(s);
    const JunctionCoefficients& m = j.device;
    const double delta = j.thermalStability;
    const double attempt = m.damping * m.reducedGyromagneticRatio * j.anisotropyField * std::sqrt(delta / units::pi);
    const double fieldRatio = (drive.fieldAmperePerMeter + j.offsetField) / j.anisotropyField;
    double logDwell[2];
    Status status;
    for (int i = 0; i < 2; ++i) {
        const int s = i == 0 ? 1 : -1;
        // eta averaged over the hemisphere of well s: (1/s) integral_0^s eta(sigma_p z) dz.
        const double p = m.polarization, pole = s * j.referenceSign;
        const double eta = p > 0.0 ? std::log1p(p * p * pole) / (p * pole) : 0.0;
        const double h =
            fieldRatio + j.referenceSign * j.spinTorqueFieldPerAmpere * drive.currentAmpere * eta / j.anisotropyField;
        if (!(std::abs(h) < 1.0)) {
            logDwell[i] = notANumber;
            status = Status::error("Neel-Brown: reduced field h = " + formatNumber(h) + " of well " +
                                   (s > 0 ? "+" : "-") + ": no barrier (|h| >= 1)");
            continue;
        }
        const double lift = 1.0 + s * h;
        logDwell[i] = delta * lift * lift - std::log(attempt * (1.0 - h * h) * lift);
    }
    return closedFormRates(logDwell[0], logDwell[1], status);
}

EscapeRates kramersEscapeRates(const SuperparamagneticJunction& j, const AxialDrive& drive) {
    if (Status s = checkAxialDrive(drive); !s) return failedRates(s);
    const double p = j.device.polarization, sigma = j.referenceSign;
    const double hk = j.anisotropyField, field = drive.fieldAmperePerMeter + j.offsetField;
    const double current = j.spinTorqueFieldPerAmpere * drive.currentAmpere;
    // psi'(z) / c = H + Hk z + J sigma eta(sigma z); times (1 + P^2 sigma z) > 0 it is the quadratic
    // q(z) = Hk P^2 sigma z^2 + (Hk + H P^2 sigma) z + H + J sigma P.
    auto slope = [&](double z) {
        return j.reducedMoment * (field + hk * z + sigma * current * j.device.spinTorqueEfficiency(sigma * z));
    };
    auto curvature = [&](double z) {
        const double d = 1.0 + p * p * sigma * z;
        return j.reducedMoment * (hk - current * p * p * p / (d * d));
    };
    const double qa = hk * p * p * sigma, qb = hk + field * p * p * sigma, qc = field + current * sigma * p;
    std::vector<double> roots;
    if (std::abs(qa) < 1e-14 * std::abs(qb)) {
        roots.push_back(-qc / qb);
    } else {
        const double disc = qb * qb - 4.0 * qa * qc;
        if (disc >= 0.0) {
            const double q = -0.5 * (qb + std::copysign(std::sqrt(disc), qb));
            roots.push_back(q / qa);
            if (q != 0.0) roots.push_back(qc / q);
        }
    }
    double barrier = notANumber;
    int minima = 0, maxima = 0;
    for (double z : roots) {
        if (!(z > -1.0 && z < 1.0)) continue;
        if (curvature(z) > 0.0) {
            ++minima;
            barrier = z;
        } else {
            ++maxima;
        }
    }
    if (minima != 1 || maxima != 0) {
        return closedFormRates(
            notANumber, notANumber,
            Status::error("Kramers: no single barrier between the wells (" + std::to_string(minima) + " minima and " +
                          std::to_string(maxima) + " maxima of the stationary density inside)"));
    }
    double logDwell[2];
    Status status;
    for (int i = 0; i < 2; ++i) {
        const int s = i == 0 ? 1 : -1;
        const double poleSlope = s * slope(s);  // > 0: the density rises towards the pole, so the pole is a well
        if (!(poleSlope > 0.0)) {
            logDwell[i] = notANumber;
            status = Status::error(std::string("Kramers: well ") + (s > 0 ? "+" : "-") + " is not stable");
            continue;
        }
        logDwell[i] = j.reducedPotential(s, drive) - j.reducedPotential(barrier, drive) +
                      0.5 * std::log(2.0 * units::pi / curvature(barrier)) - std::log(poleSlope * j.diffusion(barrier));
    }
    return closedFormRates(logDwell[0], logDwell[1], status);
}

double wellCriticalCurrentAmpere(const SuperparamagneticJunction& j, int well, double field) {
    const JunctionCoefficients& m = j.device;
    const double s = well > 0 ? 1.0 : -1.0;
    return m.damping * (j.anisotropyField + s * (field + j.offsetField)) /
           ((1.0 + m.damping * m.fieldLikeRatio) * m.spinTorqueEfficiency(s * j.referenceSign) * m.sttFieldPerAmpere);
}

// ---------------------------------------------------------------------------------------------------------------
// The telegraph neuron

TwoStateReadout twoStateReadout(const NeuronModel& neuron, double referenceSign, double current) {
    TwoStateReadout r;
    for (int s : {1, -1}) {
        const BridgeOutput b = bridgeOutput(neuron, s * referenceSign, current);
        (s > 0 ? r.plus : r.minus) = b.output;
        (s > 0 ? r.plusPerAmpere : r.minusPerAmpere) = b.perAmpere;
    }
    return r;
}

double TelegraphTrace::secondsInPlus() const {
    double total = 0.0, from = 0.0;
    int state = initialState;
    for (std::size_t k = 0; k < switchSeconds.size(); ++k) {
        if (state > 0) total += switchSeconds[k] - from;
        from = switchSeconds[k];
        state = states[k];
    }
    if (state > 0) total += durationSeconds - from;
    return total;
}

Status sampleTelegraph(const EscapeRates& rates, int initialState, double duration, GaussianRandom& random,
                       TelegraphTrace& trace) {
    if (Status s = checkTelegraph(rates, duration); !s) return s;
    if (initialState != 1 && initialState != -1) {
        return Status::error("telegraph: initial state = " + std::to_string(initialState) + ": must be +1 or -1");
    }
    TelegraphTrace out;
    out.initialState = initialState;
    out.durationSeconds = duration;
    double inPlus = 0.0;
    runTelegraph(rates, initialState, duration, random, inPlus, [&](double t, int state) {
        out.switchSeconds.push_back(t);
        out.states.push_back(state);
    });
    trace = std::move(out);
    return Status::ok();
}

int sampleStationaryState(const EscapeRates& rates, GaussianRandom& random) {
    return random.uniform() < rates.probabilityPlus() ? 1 : -1;
}

double telegraphWindowAverage(const TelegraphTrace& trace, const TwoStateReadout& readout) {
    const double fraction = trace.secondsInPlus() / trace.durationSeconds;
    return readout.minus + (readout.plus - readout.minus) * fraction;
}

double telegraphMean(const EscapeRates& rates, const TwoStateReadout& readout) {
    const double p = rates.probabilityPlus();
    return readout.plus * p + readout.minus * (1.0 - p);
}

double telegraphWindowVariance(const EscapeRates& rates, const TwoStateReadout& readout, double window) {
    const double p = rates.probabilityPlus();
    const double span = readout.plus - readout.minus;
    return span * span * p * (1.0 - p) * windowVarianceFactor(window / rates.correlationSeconds());
}

double telegraphReadingMean(const EscapeRates& rates, const TwoStateReadout& readout, int initialState, double settle,
                            double window) {
    const double p = rates.probabilityPlus();
    const double stationary = 2.0 * p - 1.0;
    const double tau = rates.correlationSeconds();
    const double memory = (tau / window) * std::exp(-settle / tau) * -std::expm1(-window / tau);
    const double meanState = stationary + (initialState - stationary) * memory;
    return 0.5 * (readout.plus + readout.minus) + 0.5 * (readout.plus - readout.minus) * meanState;
}

// ---------------------------------------------------------------------------------------------------------------
// The activation curve

Status validateSuperparamagnetic(const NeuronSettings& s) {
    if (Status v = validate(s); !v) return v;
    SuperparamagneticJunction junction;
    if (Status v = makeSuperparamagneticJunction(s.device, junction); !v) return v;
    if (s.drive.input == InputChannel::Radiofrequency) {
        return Status::error("drive.input = rf: a superparamagnetic neuron reads a DC input (field or current)");
    }
    const Vec3 u = junction.device.easyAxis;
    const Vec3 external =
        unitFromAngles(s.drive.fieldThetaDegrees * units::pi / 180.0, s.drive.fieldPhiDegrees * units::pi / 180.0) *
        s.drive.fieldMilliTesla;
    if (crossComponent(external, u) > axisTolerance) {
        return Status::error("drive.field_theta_deg = " + formatNumber(s.drive.fieldThetaDegrees) +
                             ", drive.field_phi_deg = " + formatNumber(s.drive.fieldPhiDegrees) +
                             ": the external field must lie along device.easy_axis for the axially symmetric "
                             "superparamagnetic model (or set drive.field_mT = 0)");
    }
    if (s.drive.input == InputChannel::Field && crossComponent(normalized(s.drive.inputAxis), u) > axisTolerance) {
        return Status::error(
            "drive.input_axis: must be parallel to device.easy_axis for the field input of the "
            "superparamagnetic model");
    }
    return Status::ok();
}

SuperparamagneticCurve computeSuperparamagneticCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                                     const SuperparamagneticCurveOptions& options) {
    SuperparamagneticCurve curve;
    if (Status s = validateSuperparamagnetic(settings); !s) {
        curve.status = s;
        return curve;
    }
    for (double x : inputs) {
        if (!std::isfinite(x)) {
            curve.status = Status::error("input x = " + formatNumber(x) + ": must be a finite number");
            return curve;
        }
    }
    SuperparamagneticJunction junction;
    makeSuperparamagneticJunction(settings.device, junction);
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const FiniteDifferenceStencil stencil =
        finiteDifferenceStencil(settings.derivative.scheme, settings.derivative.step);
    const double window = neuron.averageSeconds, settle = neuron.settleSeconds;
    const double readNoise = settings.derivative.readNoise;
    const Vec3 u = junction.device.easyAxis;
    const double fieldPerUnit = neuron.input == InputChannel::Field ? dot(neuron.inputFieldPerUnit, u) : 0.0;
    const double currentPerUnit = neuron.input == InputChannel::Current ? neuron.inputCurrentPerUnit : 0.0;

    struct Operating {
        EscapeRates rates;
        TwoStateReadout readout;
    };
    auto operatingPoint = [&](double x, Operating& out) {
        const AxialDrive drive = junction.axialDrive(neuron.dcDrive(x));
        out.rates = escapeRates(junction, drive, options.firstPassage);
        out.readout = twoStateReadout(neuron, junction.referenceSign, drive.currentAmpere);
        return out.rates.status;
    };
    // One reading: the start state (or a stationary draw), settle_ns of switching, the window average, read noise.
    auto sampleReading = [&](const Operating& op, int start, GaussianRandom& random, int& finalState, double& y) {
        double inPlus = 0.0;
        int state = start;
        if (options.stationaryStart) {
            state = sampleStationaryState(op.rates, random);
        } else {
            if (Status s = checkTelegraph(op.rates, settle); !s) return s;
            state = runTelegraph(op.rates, state, settle, random, inPlus, [](double, int) {});
        }
        if (Status s = checkTelegraph(op.rates, window); !s) return s;
        finalState = runTelegraph(op.rates, state, window, random, inPlus, [](double, int) {});
        y = op.readout.minus + (op.readout.plus - op.readout.minus) * (inPlus / window) + readNoise * random.normal();
        return Status::ok();
    };
    // The random stream of a point is keyed by its input (as computeActivationCurve does).
    auto pointNoise = [&](double x) {
        return GaussianRandom(options.noiseSeed, random_streams::readingsAt(x, random_streams::telegraphReadings));
    };

    const int resetState = neuron.reset == ResetState::EasyMinus ? -1 : 1;
    int previousState = resetState;
    curve.points.reserve(inputs.size());
    for (double x : inputs) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            curve.status = Status::error("cancelled");
            curve.points.clear();
            return curve;
        }
        Operating op;
        if (Status s = operatingPoint(x, op); !s) {
            curve.status = Status::error("x = " + formatNumber(x) + ": " + s.message());
            curve.points.clear();
            return curve;
        }
        const int start = neuron.reset == ResetState::Previous ? previousState : resetState;
        GaussianRandom random = pointNoise(x);
        SuperparamagneticPoint point;
        point.x = x;
        point.ratePlusPerSecond = op.rates.plus;
        point.rateMinusPerSecond = op.rates.minus;
        point.correlationSeconds = op.rates.correlationSeconds();
        const double p = op.rates.probabilityPlus();
        point.probabilityPlus = p;
        point.yMean = telegraphMean(op.rates, op.readout);
        point.yReadingMean =
            options.stationaryStart ? point.yMean : telegraphReadingMean(op.rates, op.readout, start, settle, window);
        point.yReadingStandardDeviation =
            std::sqrt(telegraphWindowVariance(op.rates, op.readout, window) + readNoise * readNoise);
        // d yMean / dx = (y+ - y-) dp+/dx + (p+ dy+/dI + p- dy-/dI) dI/dx,
        // dp+/dx = p+ p- d ln(r- / r+)/dx.
        const double logRatioSlope = (op.rates.logMinusPerField - op.rates.logPlusPerField) * fieldPerUnit +
                                     (op.rates.logMinusPerAmpere - op.rates.logPlusPerAmpere) * currentPerUnit;
        point.derivativeExact = (op.readout.plus - op.readout.minus) * p * (1.0 - p) * logRatioSlope +
                                (p * op.readout.plusPerAmpere + (1.0 - p) * op.readout.minusPerAmpere) * currentPerUnit;
        int finalState = start;
        if (Status s = sampleReading(op, start, random, finalState, point.ySampled); !s) {
            curve.status = Status::error("x = " + formatNumber(x) + ": " + s.message());
            curve.points.clear();
            return curve;
        }
        double estimate = 0.0, estimateVariance = 0.0;
        for (std::size_t k = 0; k < stencil.offsets.size(); ++k) {
            Operating probe;
            double y = 0.0;
            int ignored = 0;
            Status s = operatingPoint(x + stencil.offsets[k], probe);
            if (s) s = sampleReading(probe, start, random, ignored, y);
            if (!s) {
                curve.status = Status::error("x = " + formatNumber(x + stencil.offsets[k]) + ": " + s.message());
                curve.points.clear();
                return curve;
            }
            estimate += stencil.weights[k] * y;
            estimateVariance += stencil.weights[k] * stencil.weights[k] *
                                (telegraphWindowVariance(probe.rates, probe.readout, window) + readNoise * readNoise);
        }
        point.derivativeFiniteDifference = estimate;
        point.derivativeFiniteDifferenceStandardDeviation = std::sqrt(estimateVariance);
        previousState = finalState;
        curve.points.push_back(point);
    }
    return curve;
}

Status sampleSuperparamagneticTrajectory(const NeuronSettings& settings, double x, std::uint64_t seed,
                                         Trajectory& out) {
    if (Status s = validateSuperparamagnetic(settings); !s) return s;
    if (!std::isfinite(x)) return Status::error("input x = " + formatNumber(x) + ": must be a finite number");
    SuperparamagneticJunction junction;
    makeSuperparamagneticJunction(settings.device, junction);
    const NeuronModel neuron = NeuronModel::fromSettings(settings);
    const Drive drive = neuron.dcDrive(x);
    const EscapeRates rates = escapeRates(junction, junction.axialDrive(drive));
    if (!rates.status) return Status::error("x = " + formatNumber(x) + ": " + rates.status.message());
    const double duration = neuron.settleSeconds + neuron.averageSeconds;
    if (Status s = checkTelegraph(rates, duration); !s) return s;
    GaussianRandom random(seed, random_streams::telegraphTrace);
    constexpr std::size_t mostSwitchesShown = 20000;
    const Vec3 u = junction.device.easyAxis;
    Trajectory t;
    t.x = x;
    t.telegraph = true;
    int state = neuron.reset == ResetState::EasyMinus ? -1 : 1;
    auto sample = [&](double seconds, int s) {
        t.timeNanoseconds.push_back(seconds * 1e9);
        t.magnetization.push_back(u * static_cast<double>(s));
        t.drive.push_back(drive);
    };
    sample(0.0, state);
    double inPlus = 0.0, end = duration;
    bool cut = false;
    runTelegraph(rates, state, duration, random, inPlus, [&](double seconds, int next) {
        if (cut) return;
        if (t.timeNanoseconds.size() >= 2 * mostSwitchesShown) {
            cut = true;
            end = seconds;
            return;
        }
        sample(seconds, -next);
        sample(seconds, next);
        state = next;
    });
    sample(end, state);
    out = std::move(t);
    return Status::ok();
}

NeuronSettings sampleSuperparamagneticNeuron(const NeuronSettings& nominal, const VariabilitySettings& variability,
                                             std::size_t index) {
    NeuronSettings s = nominal;
    s.device = sampleDevice(nominal.device, variability, index);
    return s;
}

}  // namespace mtj
