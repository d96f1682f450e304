// SPDX-License-Identifier: GPL-3.0-or-later
// Performance figures of the macrospin integrators (issue: foundation). Each figure is a median over repeats
// of a timed run with std::chrono::steady_clock. No Qt: the engine benchmarks run without a display.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mtj::bench {

struct BenchFigure {
    std::string name;  // the JSON key, a contract (docs/formats.md, the performance issues)
    double value = 0.0;
    std::string unit;  // shown only in the human-readable description
    std::string description;
};

/// Progress callback: a line of text saying which figure is being measured.
using BenchProgress = std::function<void(const std::string&)>;

/// integrator_rk4_steps_per_s: one default device at +300 uA, one thread, dt = 1e-13 s.
/// integrator_batched_device_steps_per_s: 4096 default devices at +300 uA, RK4, all cores.
/// integrator_batched_heun_device_steps_per_s: the same at 300 K with the stochastic Heun scheme.
std::vector<BenchFigure> runIntegratorBenchmarks(const BenchProgress& progress = {});

/// {"name": value, ...} with the figures in order, one per line.
std::string figuresToJson(const std::vector<BenchFigure>& figures);

}  // namespace mtj::bench
