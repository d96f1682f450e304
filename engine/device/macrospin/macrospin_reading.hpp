// SPDX-License-Identifier: GPL-3.0-or-later
// How the macrospin model reads a neuron (docs/physics.md sections 3 and 4): the activation curve, the noiseless readings
// and lookup tables training uses, the step analysis of its finite-difference derivative and the time trace of one
// reading. device/macrospin/macrospin_neuron.hpp puts these behind the device-model seam; nothing outside this folder
// calls them but the tests of the macrospin physics.
//
// The reading protocol (docs/physics.md section 3, readout.input_rise_ns): each reading starts with the junction at rest
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
#include "device/activation_curve.hpp"
#include "device/derivative_analysis.hpp"
#include "device/lookup_table.hpp"
#include "device/neuron_settings.hpp"
#include "device/trajectory.hpp"
#include "device/variability.hpp"

// The macrospin's own functions live in namespace mtj::macrospin: the generic names (the curve, the readings, the
// tables, the step analysis, the trajectory) belong to the DeviceModel seam (device/device_model.hpp), which every
// caller outside this folder goes through; tests of the macrospin itself call these.
namespace mtj::macrospin {

/// The curve over `inputs` (ascending). Settings must be valid (see validate(NeuronSettings)).
ActivationCurve computeActivationCurve(const NeuronSettings& settings, const std::vector<double>& inputs,
                                       const CurveOptions& options = {});

/// Noiseless readings y(x) and reference derivatives only, for the fast paths of lookup tables and analyses.
/// Same protocols as computeActivationCurve. Fills y and dydx (same size as inputs).
Status readActivation(const NeuronSettings& settings, const std::vector<double>& inputs, std::vector<double>& y,
                      std::vector<double>* dydx, unsigned threads = 0, const std::atomic<bool>* cancel = nullptr);

/// Builds the table of one neuron (its device as given) over its drive x range with `nodes` points (>= 2).
Status buildLookupTable(const NeuronSettings& settings, int nodes, ActivationLookupTable& table,
                        const std::atomic<bool>* cancel = nullptr, unsigned threads = 1);

/// Tables for devices 0 .. count-1 of the population drawn from settings.device (device/variability.hpp),
/// built in parallel across devices.
Status buildPopulationTables(const NeuronSettings& nominal, const VariabilitySettings& variability, std::size_t count,
                             int nodes, std::vector<ActivationLookupTable>& tables,
                             const std::atomic<bool>* cancel = nullptr);

/// The error of the finite-difference derivative against the step (device/derivative_analysis.hpp) on the macrospin's
/// noiseless (T = 0) readings, sigma the read noise with, at T > 0, a thermal reading's standard error at x.
/// steps: `count` log-spaced deltas from minimumStep to maximumStep.
Status analyseStepError(const NeuronSettings& settings, double x, double minimumStep, double maximumStep, int count,
                        StepErrorAnalysis& analysis, const std::atomic<bool>* cancel = nullptr, unsigned threads = 0);

/// The time trace m(t) of one reading: the free layer from the reset state under the drive of input x, over the
/// settle and averaging windows (docs/physics.md section 3). RK4 at T = 0 (the rf current sampled at every stage),
/// stochastic Heun at T > 0 (seeded), at most 0.5 ps a step; `samples` evenly spaced points are kept. Any one
/// thread; polls `cancel`.
Status computeTrajectory(const NeuronSettings& settings, double x, int samples, Trajectory& trajectory,
                         std::uint64_t seed = 1, const std::atomic<bool>* cancel = nullptr);

}  // namespace mtj::macrospin
