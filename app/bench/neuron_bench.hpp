// SPDX-License-Identifier: GPL-3.0-or-later
// Performance figures of the neuron (issue: the MTJ neuron): the 201-point activation curve with both derivatives
// for the default, current-input and spin-diode presets, and lookup tables for 128 varied devices. Median wall
// milliseconds over repeats. Presets are read from the presets/ folder of the source tree (or $MTJ_PRESET_DIR).
#pragma once

#include <string>
#include <vector>

#include "integrator_bench.hpp"

namespace mtj::bench {

/// curve_ms_field_201, curve_ms_current_201, curve_ms_rf_201, lut_build_ms_128.
std::vector<BenchFigure> runNeuronBenchmarks(const BenchProgress& progress = {});

}  // namespace mtj::bench
