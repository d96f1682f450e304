// The activation function of one MTJ neuron and its derivatives (physics.md sections 3 and 4).
//
// For every input x the curve holds the reading y(x) (the noiseless model: a DC reading at T = 0 is
// deterministic), the analog finite-difference derivative the device itself would produce from extra readings
// that carry read noise N(0, sigma_read) (and thermal noise at T > 0), the reference derivative of the noiseless
// model, and the state the reading ended in.
//
// The reading protocol (physics.md section 3, readout.input_rise_ns): each reading starts with the junction at rest
// (in the reset well under the drive at x = 0, or where the previous reading left it), the input then goes to x as
// a step (rise 0) or a linear ramp over the rise time, the junction settles for settle_ns and the output is averaged
// over average_ns. Every path answers for this one protocol:
// - T = 0, DC drive (the fast path): a step is certified where the start state lies in the linear neighbourhood of
//   the stable fixed point at x (device/basin_certificate.hpp); a ramp continues the fixed point along its branch
//   from the start and is certified where the ramped junction's lag stays inside every node's linear neighbourhood.
//   A certified reading is the fixed point's output, with the implicit-differentiation reference derivative.
// - Everything else (uncertified DC readings, rf input, T > 0) is integrated in time (device/timed_readout.hpp); at
//   T = 0 a DC lane stops once certified at rest. The reference derivative of a reading that did not end at rest is
//   the central difference of deterministic (T = 0) readings at x +- 5e-4 (error 4e-8 f''', below 1e-6 of f' where
//   |f'''/f'| < 24); at T > 0 the reference derivative is that of the same neuron at T = 0.
// tests/engine/test_reading_protocol.cpp compares the fast path with full time integration (timeIntegrationOnly) on
// the presets and on 200 random junctions.
//
// Reset protocol: easy+ / easy- start every reading (the ±delta readings too) at rest in the well of +-u_k
// (NeuronModel::resetState) under the drive at x = 0; "previous" sweeps x up and then down, each reading starting
// where the last one ended (at the last reading's input), which yields two branches where the device is bistable.
//
// Called from any one thread (the engine worker or the command line); uses worker threads internally; polls
// `cancel`. Errors (invalid settings, cancellation) come back in ActivationCurve::status.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"

namespace mtj {

struct CurvePoint {
    double x = 0.0;
    double y = 0.0;                           // activation (gain * V_out), noiseless model
    double derivativeFiniteDifference = 0.0;  // as the device measures it (noisy)
    double derivativeReference = 0.0;         // of the noiseless model
    ReadingState state = ReadingState::Static;
    Vec3 magnetization;           // final (static) or time-averaged state of the reading at x
    double yStandardError = 0.0;  // of y at T > 0 (thermal noise of the averaging window); 0 at T = 0
    /// Of the finite-difference derivative: sqrt(sum_k w_k^2 (stderr_k^2 + sigma_read^2)) over its readings.
    double derivativeFiniteDifferenceStandardError = 0.0;
};

struct ActivationCurve {
    std::vector<CurvePoint> up;    // x ascending (the only branch unless reset is "previous")
    std::vector<CurvePoint> down;  // x descending, reset "previous" only
    Status status;
    [[nodiscard]] bool hasHysteresis() const { return !down.empty(); }
};

struct CurveOptions {
    std::uint64_t noiseSeed = 1;  // read noise and thermal noise
    unsigned threads = 0;         // 0 = all cores
    bool withDerivatives = true;
    /// Every reading by full time integration of the protocol (no fast path, no early rest): the reference the
    /// fast path is tested against.
    bool timeIntegrationOnly = false;
    const std::atomic<bool>* cancel = nullptr;
};

/// The bridge output gain * (V_junction - I R_ref) - y_0 of a junction whose free layer has m.u_ref = cosine, carrying
/// currentAmpere, with its partial derivatives: per ampere at fixed magnetisation, and per unit of the cosine at fixed
/// current. Every model's reading of a static state goes through this one formula (physics.md section 3).
struct BridgeOutput {
    double output = 0.0;
    double perAmpere = 0.0;
    double perCosine = 0.0;
};
BridgeOutput bridgeOutput(const NeuronModel& neuron, double cosine, double currentAmpere);

/// count points evenly spaced over [lo, hi] (count >= 2).
std::vector<double> evenlySpacedInputs(double lo, double hi, int count);

/// The curve over `inputs` (ascending). Settings must be valid (see validate(NeuronSettings)).
ActivationCurve computeActivationCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                       const CurveOptions& options = {});

/// Noiseless readings y(x) and reference derivatives only, for the fast paths of lookup tables and analyses.
/// Same protocols as computeActivationCurve. Fills y and dydx (same size as inputs).
Status readActivation(const NeuronSettings& settings, const std::vector<double>& inputs, std::vector<double>& y,
                      std::vector<double>* dydx, unsigned threads = 0, const std::atomic<bool>* cancel = nullptr);

/// An analog finite-difference scheme as a stencil: estimate = sum_k w_k (y(x + o_k) + n_k), n_k ~ N(0, sigma_read)
/// one per reading. central: o = {+d, -d}, w = {1, -1} / 2d; forward: o = {+d, 0}, w = {1, -1} / d;
/// lock-in: x dithered as x + d sin(phi_k), phi_k = 2 pi k / K (K = 16 samples a period), w_k = 2 sin(phi_k) / (K d),
/// the first harmonic over d. Bias of the central scheme: d^2 f'''/6; noise: sigma sqrt(sum w_k^2) = sigma / (sqrt 2 d).
struct FiniteDifferenceStencil {
    std::vector<double> offsets;
    std::vector<double> weights;
    /// Standard deviation of the estimate per unit read noise: sqrt(sum w_k^2).
    [[nodiscard]] double noiseGain() const;
};

inline constexpr int lockInSamples = 16;

FiniteDifferenceStencil finiteDifferenceStencil(DerivativeScheme scheme, double step);

}  // namespace mtj
