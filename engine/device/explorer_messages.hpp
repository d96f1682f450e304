// SPDX-License-Identifier: GPL-3.0-or-later
// The values that travel between the device explorer (GUI thread) and its engine worker (a thread of its own), as
// the run record's do for training (network/run_record.hpp): a request carries everything the engine needs plus an
// id; every result carries the id of the request it answers, so the view can drop stale ones. Plain values, no Qt;
// ui/device_messages.hpp registers them with Qt's meta-type system for queued signals (docs/architecture.md,
// "Threads").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "device/activation_curve.hpp"
#include "device/derivative_analysis.hpp"
#include "device/energy_landscape.hpp"
#include "device/trajectory.hpp"
#include "device/variability.hpp"
#include "physics/derived_figures.hpp"

namespace mtj {

struct DeviceRequest {
    std::uint64_t id = 0;
    NeuronSettings settings;
    VariabilitySettings variability;
    int points = 201;
    int familySize = 16;            // devices in the variability chart
    double analysisX = 0.3;         // the input of the derivative-error analysis and of the trajectory
    bool compareProtocols = false;  // also read the curve by the other protocol (a step against a slow ramp)
};

/// The protocol a comparison reads with: a step where the request ramps, a slow ramp (10 ns) where it steps.
inline double comparisonRiseNanoseconds(double riseNanoseconds) { return riseNanoseconds > 0.0 ? 0.0 : 10.0; }

struct CurveResult {
    std::uint64_t id = 0;
    ActivationCurve curve;
    DerivedFigures figures;
    ActivationCurve otherProtocol;  // y only; empty unless the request compared protocols
    double otherRiseNanoseconds = 0.0;
    double milliseconds = 0.0;
    /// Progressive drawing at T > 0: a coarse pass (every 8th, 4th, 2nd point) that a finer one will replace.
    bool refining = false;
    std::string error;  // empty on success
};

struct StepAnalysisResult {
    std::uint64_t id = 0;
    StepErrorAnalysis analysis;
    std::string error;
};

struct FamilyResult {
    std::uint64_t id = 0;
    std::vector<double> inputs;
    std::vector<double> nominal;
    std::vector<std::vector<double>> devices;
    std::string error;
    bool refining = false;  // at T > 0: the devices read so far; more follow
};

struct TrajectoryResult {
    std::uint64_t id = 0;
    Trajectory trajectory;
    EnergyLandscape landscape;  // under the DC drive at the trajectory's input
    std::vector<LandscapeFixedPoint> fixedPoints;
    JunctionCoefficients device;  // the junction the trajectory ran on, for the sphere's reference axis and field
    std::string error;
};

}  // namespace mtj
