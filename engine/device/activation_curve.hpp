// SPDX-License-Identifier: GPL-3.0-or-later
// The activation function of one MTJ neuron and its derivatives (docs/physics.md sections 3 and 4), whatever the device
// model.
//
// For every input x the curve holds the reading y(x) (the noiseless model: a DC reading at T = 0 is
// deterministic), the analog finite-difference derivative the device itself would produce from extra readings
// that carry read noise N(0, sigma_read) (and thermal noise at T > 0), the reference derivative of the noiseless
// model, and the state the reading ended in.
//
// Every device model answers in these types (device/device_model.hpp, DeviceModel::readActivation); how the macrospin
// reads them is device/macrospin/macrospin_reading.hpp, the superparamagnetic junction device/superparamagnetic/.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"

namespace mtj {

struct CurvePoint {
    double x = 0.0;
    double y = 0.0;         // activation (gain * V_out), noiseless model (a model's mean reading)
    double ySampled = 0.0;  // one reading as the device gives it: y unless ActivationCurve::readingsSampled
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
    /// The model's y is a mean and each ySampled one random reading about it (the superparamagnetic junction's
    /// window average); false when a reading is y itself (the macrospin: ySampled = y).
    bool readingsSampled = false;
    [[nodiscard]] bool hasHysteresis() const { return !down.empty(); }
};

struct CurveOptions {
    std::uint64_t noiseSeed = 1;  // read noise and thermal noise
    unsigned threads = 0;         // 0 = all cores
    bool withDerivatives = true;
    /// Macrospin: every reading by full time integration of the protocol (no fast path, no early rest): the
    /// reference the fast path is tested against.
    bool timeIntegrationOnly = false;
    const std::atomic<bool>* cancel = nullptr;
};

/// The bridge output gain * (V_junction - I R_ref) - y_0 of a junction whose free layer has m.u_ref = cosine, carrying
/// currentAmpere, with its partial derivatives: per ampere at fixed magnetisation, and per unit of the cosine at fixed
/// current. Every model's reading of a static state goes through this one formula (docs/physics.md section 3).
struct BridgeOutput {
    double output = 0.0;
    double perAmpere = 0.0;
    double perCosine = 0.0;
};
BridgeOutput bridgeOutput(const NeuronModel& neuron, double cosine, double currentAmpere);

/// count points evenly spaced over [lo, hi] (count >= 2).
std::vector<double> evenlySpacedInputs(double lo, double hi, int count);

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
