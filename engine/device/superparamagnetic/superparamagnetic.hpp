// SPDX-License-Identifier: GPL-3.0-or-later
// The superparamagnetic MTJ: a junction whose energy barrier is a few kB T, so that the free layer hops at random
// between the two wells of its easy axis (random telegraph switching) and a reading averages a telegraph signal.
// Its activation is the time-averaged bridge output, a tanh-like sigmoid of the input set by the two escape rates.
//
// The junction is the macrospin of docs/physics.md section 1 in the axially symmetric case: reference axis p = sigma_p u_k
// (sigma_p = +-1), the applied and offset fields along u_k, and no transverse anisotropy (Meff = 0, or u_k along z,
// where Meff only renormalises Hk to Hk_eff = Hk - Meff). Then z = m.u_k is a Markov process of its own. With
// g = gamma0 / (1 + alpha^2), H = (H_ext + H_off).u_k, aJ0 = sttFieldPerAmpere I and eta(c) = P / (1 + P^2 c), the
// engine's LLGS (physics/llgs.hpp) gives for z, exactly:
//
//   dz/dt = v(z) = g (1 - z^2) [ alpha (H + Hk_eff z) + sigma_p (1 + alpha xi) aJ0 eta(sigma_p z) ]
//
// (the field-like torque bJ = xi aJ precesses about u_k and enters only through alpha bJ, hence 1 + alpha xi). The
// Brown field (variance 2 alpha kB T / (gamma0 mu0 Ms V dt) per component, Stratonovich) is isotropic in the tangent
// plane with intensity g^2 (1 + alpha^2) = g gamma0, so the density P(z, t) obeys the Fokker-Planck equation
//
//   dP/dt = -d/dz [ A(z) P ] + d^2/dz^2 [ B(z) P ],   B(z) = D0 (1 - z^2),   A(z) = v(z) - 2 D0 z   (Ito drift),
//   D0 = alpha g kB T / (mu0 Ms V)   (1/s).
//
// Its zero-flux (stationary) density is exp(psi(z)), with psi'(z) = v(z) / B(z):
//
//   psi(z) = (mu0 Ms V / kB T) [ H z + Hk_eff z^2 / 2 + J(I) ln(1 + P^2 sigma_p z) / P ],
//   J(I) = (1 + alpha xi) sttFieldPerAmpere I / alpha      (A/m; the current term is 0 at P = 0)
//
// (at I = 0 this is the Boltzmann factor exp(-E / kB T) of the engine's magneticEnergyJoule).
//
// Dwell times and escape rates. A dwell in well s (s = +1: m along +u_k) is what a Schmitt trigger on z with
// thresholds +-theta measures (theta = 0.5, as the dwell measurement of tests/engine/test_macrospin_oracles.cpp): it
// starts when z reaches s theta and ends when z reaches -s theta. By the strong Markov property its mean is exactly
// the mean first-passage time (MFPT) of the 1-D diffusion from z0 = s theta to b = -s theta with a reflecting pole
// at z = s. Written for s = +1 (well s = -1: the same with psi(z) -> psi(-z)):
//
//   T(z0 -> b) = integral_b^z0 dy exp(-psi(y)) / B(y) integral_y^1 exp(psi(x)) dx,   r_s = 1 / T_s.
//
// Both integrals are evaluated by composite 8-point Gauss-Legendre panels (FirstPassageOptions::panels); the
// inner one cumulatively, so the cost is linear in the number of nodes (about 10^4 exponentials per rate), and both
// as scaled sums (exponent kept apart), so ln T stays exact where T itself would overflow. With the default 256
// panels the relative error of T is below 1e-12 for Delta up to 50 with fields up to 3 Hk and currents up to 2 I_c0
// (16 panels already reach 1e-13 at Delta = 4, not at high barriers and strong drives). psi is linear in H and I,
// so d ln T / dH and d ln T / dI are double integrals of the same kind and come out of the same pass exactly (the
// exact derivative of the mean activation).
//
// Starting at the bottom of the well (z0 = s, FirstPassageOptions::startAtWellBottom) adds the relaxation from the
// pole to the threshold: 12 % of the dwell at Delta = 4, exponentially small at a high barrier. The Schmitt start is
// the default because it is the dwell that a thresholded measurement (and the LLGS test) sees.
//
// The two-state (telegraph) neuron. The reading of state s is the bridge output of docs/physics.md section 3 with m = s u_k
// (cos(theta) = s sigma_p): y_s = gain (V(cos, I) - I R_ref), V from solveJunctionVoltage. The telegraph process
// spends fractions p_+ = r_- / (r_+ + r_-) and p_- = 1 - p_+ of the time in the two states, so the mean reading is
// y_mean = y_+ p_+ + y_- p_- (the tanh-like sigmoid: p_+ - p_- = tanh(ln(r_- / r_+) / 2)). Its correlation time is
// tau_c = 1 / (r_+ + r_-); a window average over T_w of the stationary process has the variance
//
//   var = (y_+ - y_-)^2 p_+ p_- (2 tau_c / T_w) [1 - (tau_c / T_w)(1 - exp(-T_w / tau_c))],
//
// which falls as 1 / T_w for T_w >> tau_c. The thermal spread of m inside a well is not part of the two-state model:
// at Delta = 4 and h = 0 the Boltzmann mean of m.u_k over a hemisphere is 0.82, not 1, so a real junction's
// time-averaged output spans roughly a fifth less than y_+ - y_- (less at higher Delta: <m.u_k> ~ 1 - 1/(2 Delta)).
//
// Everything here is a pure function of its arguments (random sources are passed in); any thread may call it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"
#include "device/trajectory.hpp"
#include "device/variability.hpp"
#include "physics/device_parameters.hpp"
#include "physics/random.hpp"

namespace mtj {

/// The drive of an axially symmetric junction: the applied field along u_k (A/m, without the device's offset field,
/// which the junction adds) and the current (A, I > 0 pulls m towards p).
struct AxialDrive {
    double fieldAmperePerMeter = 0.0;
    double currentAmpere = 0.0;
};

/// One axially symmetric junction reduced to z = m.u_k (see the file comment). Build with
/// makeSuperparamagneticJunction.
struct SuperparamagneticJunction {
    JunctionCoefficients device;            // the full junction: resistance and readout use it
    double referenceSign = 1.0;             // sigma_p = p.u_k, +1 or -1
    double anisotropyField = 0.0;           // Hk_eff, A/m: Hk, minus Meff when u_k is along +-z
    double offsetField = 0.0;               // H_off.u_k, A/m
    double reducedMoment = 0.0;             // c = mu0 Ms V / (kB T), m/A: psi per (A/m x z)
    double diffusionRate = 0.0;             // D0 = alpha g kB T / (mu0 Ms V) = alpha g / c, 1/s
    double spinTorqueFieldPerAmpere = 0.0;  // J(I) / I = (1 + alpha xi) sttFieldPerAmpere / alpha, A/m per A
    double thermalStability = 0.0;          // Delta = mu0 Ms Hk_eff V / (2 kB T) = c Hk_eff / 2

    /// psi(z): the log of the stationary density of z (up to a constant), dimensionless.
    [[nodiscard]] double reducedPotential(double z, const AxialDrive& drive) const;
    /// d psi / dH (per A/m of field along u_k) and d psi / dI (per A) at z.
    [[nodiscard]] double reducedPotentialPerField(double z) const;
    [[nodiscard]] double reducedPotentialPerAmpere(double z) const;
    /// v(z) = dz/dt of the deterministic LLGS (1/s): the equation of the file comment.
    [[nodiscard]] double drift(double z, const AxialDrive& drive) const;
    /// A(z) = v(z) - 2 D0 z, the Ito drift of z (1/s).
    [[nodiscard]] double itoDrift(double z, const AxialDrive& drive) const;
    /// B(z) = D0 (1 - z^2) (1/s); the SDE is dz = A dt + sqrt(2 B) dW.
    [[nodiscard]] double diffusion(double z) const;
    /// The drive along u_k of a 3-D drive (its field projected on u_k).
    [[nodiscard]] AxialDrive axialDrive(const Drive& drive) const;
};

/// Checks the parameters (validate(DeviceParameters)) and the axial symmetry the model needs, then reduces them.
/// Errors name the preset key: device.temperature_K (T = 0: a superparamagnetic junction never switches at 0 K,
/// so it is refused rather than returned frozen), device.reference_axis (not along u_k), device.Meff_T (non-zero
/// with u_k not along z), device.offset_field_mT (a component across u_k), device.Hk_mT (Hk_eff <= 0, or a barrier
/// Delta > 100: not superparamagnetic, dwell times beyond 10^30 s).
Status makeSuperparamagneticJunction(const DeviceParameters& parameters, SuperparamagneticJunction& junction);

struct FirstPassageOptions {
    double schmittThreshold = 0.5;   // theta in (0, 1): a dwell runs from z = s theta to z = -s theta
    bool startAtWellBottom = false;  // start the dwell at the pole z = s instead of at s theta
    int panels = 256;                // 8-point Gauss-Legendre panels per integral, >= 8
};

/// Escape rates of the two wells. plus: leaving the well of +u_k (m.u_k = +1).
struct EscapeRates {
    double plus = 0.0;          // r_+ = 1 / T_+, 1/s
    double minus = 0.0;         // r_- = 1 / T_-, 1/s
    double logDwellPlus = 0.0;  // ln(T_+ / 1 s): stays finite where a rate underflows
    double logDwellMinus = 0.0;
    // d ln r / dH (per A/m of field along u_k) and d ln r / dI (per A). escapeRates fills them exactly; the closed
    // forms leave them NaN.
    double logPlusPerField = 0.0;
    double logMinusPerField = 0.0;
    double logPlusPerAmpere = 0.0;
    double logMinusPerAmpere = 0.0;
    Status status;

    /// p_+ = r_- / (r_+ + r_-) = T_+ / (T_+ + T_-).
    [[nodiscard]] double probabilityPlus() const;
    /// tau_c = 1 / (r_+ + r_-), seconds.
    [[nodiscard]] double correlationSeconds() const;
};

/// Mean first-passage time (seconds) of z from z0 to b < z0 with the reflecting pole at z = 1, in the coordinate of
/// well s (well = +1: z itself; well = -1: psi(z) -> psi(-z), so z0 = 0.5, b = -0.5 is the dwell of the -u_k well).
/// Returns ln T; perField and perAmpere (if non-null) receive d ln T / dH and d ln T / dI. NaN on invalid input.
double logMeanFirstPassageSeconds(const SuperparamagneticJunction& junction, const AxialDrive& drive, int well,
                                  double z0, double b, int panels, double* perField = nullptr,
                                  double* perAmpere = nullptr);

/// The exact MFPT escape rates (file comment). Errors (non-finite drive, bad options) come back in status.
EscapeRates escapeRates(const SuperparamagneticJunction& junction, const AxialDrive& drive,
                        const FirstPassageOptions& options = {});

/// Neel-Brown: Brown's (1963) high-barrier rate of the axially symmetric macrospin,
///   r_s = alpha g Hk_eff sqrt(Delta / pi) (1 - h_s^2) (1 + s h_s) exp(-Delta (1 + s h_s)^2),
///   h_s = [H + H_off + sigma_p J(I) etaBar_s] / Hk_eff,   etaBar_s = ln(1 + P^2 s sigma_p) / (P s sigma_p),
/// the spin torque entering as a field: etaBar_s is eta averaged over the hemisphere of well s (between the equator
/// and the pole), so the exponent is Delta (1 + s h)^2 (1 + s sigma_p I / I*_s)^2 with
/// I*_s = alpha Hk_eff (1 + s h) / ((1 + alpha xi) etaBar_s sttFieldPerAmpere): the quadratic law of the uniaxial
/// macrospin (I*_s is close to, not equal to, the stability limit wellCriticalCurrentAmpere, which has eta at the
/// pole). At I = 0 (or P -> 0) it is the exact high-barrier limit of escapeRates, relative error 1/Delta (measured:
/// -0.050, -0.034, -0.020 at Delta = 20, 30, 51). At I != 0 the exponent misses the variation of eta across the
/// well, an error that grows with Delta (-19 % .. +43 % at |I| = 0.1 I_c0, Delta = 20 .. 51): use kramersEscapeRates
/// there. NaN rates (and an error status) where |h_s| >= 1 (no barrier). At I = 0 it obeys detailed balance
/// r_- / r_+ = exp(4 Delta h) (1 - h) / (1 + h), the high-barrier ratio of the Boltzmann populations of the wells.
EscapeRates neelBrownEscapeRates(const SuperparamagneticJunction& junction, const AxialDrive& drive);

/// Kramers: the Laplace (high-barrier) asymptotics of the exact MFPT with the exact psi, spin torque included:
///   T_s = sqrt(2 pi / psi''(z_b)) exp(psi(s) - psi(z_b)) / (|psi'(s)| D0 (1 - z_b^2)),
/// z_b the barrier (the minimum of psi between the wells). Equals neelBrownEscapeRates at I = 0; relative error
/// O(1/Delta). NaN rates (and an error status) where well s or the barrier does not exist.
EscapeRates kramersEscapeRates(const SuperparamagneticJunction& junction, const AxialDrive& drive);

/// |I| (A) at which well s (+1, -1) loses its stability under the field H along u_k (A/m, without the offset):
///   I_c,s = alpha (Hk_eff + s (H + H_off)) / ((1 + alpha xi) eta(s sigma_p) sttFieldPerAmpere);
/// the well is destabilised by currents of sign -s sigma_p. For p = u_k, Meff = 0, xi = 0 and H = 0, I_c,+ is the
/// criticalCurrentAmpere of physics/derived_figures.hpp.
double wellCriticalCurrentAmpere(const SuperparamagneticJunction& junction, int well, double fieldAmperePerMeter);

/// The readings y_+ and y_- of the two states (activation units) at current I, and their slopes dy_s / dI (per A):
/// the bridge output gain (V - I R_ref) of docs/physics.md section 3 at m = s u_k, cos(theta) = s sigma_p, with V from
/// solveJunctionVoltage and the slope from junctionVoltageSlopes.
struct TwoStateReadout {
    double plus = 0.0;
    double minus = 0.0;
    double plusPerAmpere = 0.0;
    double minusPerAmpere = 0.0;
};
TwoStateReadout twoStateReadout(const NeuronModel& neuron, double referenceSign, double currentAmpere);

/// A sampled telegraph signal over [0, durationSeconds]: the state at t = 0 and the switches after it.
struct TelegraphTrace {
    int initialState = 1;               // +1 (m along +u_k) or -1
    std::vector<double> switchSeconds;  // ascending, in (0, durationSeconds)
    std::vector<int> states;            // states[k]: the state after switchSeconds[k]
    double durationSeconds = 0.0;

    [[nodiscard]] int finalState() const { return states.empty() ? initialState : states.back(); }
    /// Time spent in state +1 (seconds).
    [[nodiscard]] double secondsInPlus() const;
};

/// Kinetic Monte Carlo (Gillespie) of the two-state process: each dwell in state s is exponential with rate r_s,
/// drawn as -ln(1 - u) / r_s from random.uniform(). Errors: non-finite or negative rates, an initial state other
/// than +-1, a duration that is not positive and finite ("telegraph duration").
Status sampleTelegraph(const EscapeRates& rates, int initialState, double durationSeconds, GaussianRandom& random,
                       TelegraphTrace& trace);

/// A state drawn from the stationary distribution (p_+, p_-).
int sampleStationaryState(const EscapeRates& rates, GaussianRandom& random);

/// The reading averaged over the trace: (y_+ t_+ + y_- t_-) / duration.
double telegraphWindowAverage(const TelegraphTrace& trace, const TwoStateReadout& readout);

/// y_mean = y_+ p_+ + y_- p_-.
double telegraphMean(const EscapeRates& rates, const TwoStateReadout& readout);

/// Variance of the window average of the stationary process over windowSeconds (file comment).
double telegraphWindowVariance(const EscapeRates& rates, const TwoStateReadout& readout, double windowSeconds);

/// Mean of a reading that starts in state s0, settles for settleSeconds and averages over windowSeconds:
///   <s> = m + (s0 - m) (tau_c / T_w) exp(-t_s / tau_c) (1 - exp(-T_w / tau_c)),   m = p_+ - p_-,
///   y = (y_+ + y_-) / 2 + (y_+ - y_-) <s> / 2.
double telegraphReadingMean(const EscapeRates& rates, const TwoStateReadout& readout, int initialState,
                            double settleSeconds, double windowSeconds);

/// Checks NeuronSettings for the superparamagnetic neuron: validate(NeuronSettings), the device
/// (makeSuperparamagneticJunction), an input channel of field or current (drive.input = rf is refused), and a drive
/// along u_k: the external field (drive.field_mT with drive.field_theta_deg / drive.field_phi_deg) and, for field
/// input, drive.input_axis must be parallel to device.easy_axis (to 1e-9 of their size).
Status validateSuperparamagnetic(const NeuronSettings& settings);

/// One point of a superparamagnetic activation curve.
struct SuperparamagneticPoint {
    double x = 0.0;
    double ratePlusPerSecond = 0.0;  // exact MFPT rates at x
    double rateMinusPerSecond = 0.0;
    double probabilityPlus = 0.0;             // p_+ at x
    double yMean = 0.0;                       // analytic stationary mean y_+ p_+ + y_- p_-
    double yReadingMean = 0.0;                // analytic mean of this point's reading under its protocol (start state)
    double yReadingStandardDeviation = 0.0;   // analytic, of one stationary reading: sqrt(var + sigma_read^2)
    double ySampled = 0.0;                    // one reading: KMC window average plus read noise
    double derivativeFiniteDifference = 0.0;  // the derivative scheme's stencil on sampled readings at x + offsets
    /// Of that estimate, analytic for stationary readings: sqrt(sum_k w_k^2 (var_window(x + o_k) + sigma_read^2)).
    double derivativeFiniteDifferenceStandardDeviation = 0.0;
    double derivativeExact = 0.0;     // d yMean / dx, exact (same quadrature)
    double correlationSeconds = 0.0;  // tau_c at x
};

struct SuperparamagneticCurve {
    std::vector<SuperparamagneticPoint> points;
    Status status;
};

struct SuperparamagneticCurveOptions {
    std::uint64_t noiseSeed = 1;
    /// true (default): each reading's window starts in a state drawn from the stationary distribution (the limit
    /// settle_ns >> tau_c), so the mean of a reading is exactly yMean. A superparamagnetic junction has no rest
    /// state to be reset to: the reset well is forgotten after tau_c, about 100 ns for Delta ~ 4, longer than the
    /// default settle_ns. false: the reading protocol of docs/physics.md section 3 literally: the reading starts in the
    /// reset well (easy+: s = +1, easy-: s = -1, previous: the state the previous point's reading ended in, the
    /// derivative readings of a point starting where its main reading started), switches for settle_ns, then is
    /// averaged over average_ns; yReadingMean is then the mean of that protocol (telegraphReadingMean).
    bool stationaryStart = true;
    FirstPassageOptions firstPassage;
    const std::atomic<bool>* cancel = nullptr;
};

/// The activation curve of a superparamagnetic neuron over `inputs`. x maps to the drive as for the macrospin
/// neuron (NeuronModel::dcDrive): field input adds x input_scale (mT) along drive.input_axis (which must be along
/// u_k), current input adds x input_scale (uA) to the bias current. Every sampled reading (the one at x and the
/// derivative scheme's readings at x + offsets) carries its own telegraph noise plus read noise
/// N(0, derivative.read_noise); the random stream of a point is keyed by (noiseSeed, x), as in
/// computeActivationCurve. Errors (validateSuperparamagnetic, cancellation) come back in status.
SuperparamagneticCurve computeSuperparamagneticCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                                     const SuperparamagneticCurveOptions& options = {});

/// Device `index` of a varied population of superparamagnetic neurons: `nominal` with its device drawn by
/// sampleDevice (device/variability.hpp: diameter, Hk, RA, TMR0 and alpha scaled, an offset field along u_k), which
/// keeps the axial symmetry. The barrier Delta scales with Hk d^2 and the rates with exp(-Delta): 5 % of spread
/// gives Delta from 3.0 to 4.9 over 16 devices of the Delta = 4 test junction, dwell times spread sevenfold.
/// The telegraph trace of one reading at input x, for the explorer's trace chart: from the reset well (easy+ / easy-;
/// previous starts in +u_k), settle_ns and then average_ns of kinetic Monte Carlo switching at the drive of x, as m
/// along +-u_k with a pair of samples at every switch (Trajectory::telegraph). Seeded; at most 20 000 switches are
/// kept (a trace of more is cut short, its duration with it). Errors as computeSuperparamagneticCurve.
Status sampleSuperparamagneticTrajectory(const NeuronSettings& settings, double x, std::uint64_t seed, Trajectory& out);

NeuronSettings sampleSuperparamagneticNeuron(const NeuronSettings& nominal, const VariabilitySettings& variability,
                                             std::size_t index);

}  // namespace mtj
