// SPDX-License-Identifier: GPL-3.0-or-later
#include "integrator_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/parallel.hpp"
#include "device/macrospin/batched_macrospin.hpp"
#include "device/macrospin/integrators.hpp"
#include "physics/units.hpp"

namespace mtj::bench {
namespace {

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

Drive benchDrive() {
    Drive drive;
    drive.currentAmpere = 300.0 * units::microampere;
    return drive;
}

// A start tilted away from the easy axis so the trajectory precesses instead of sitting at a fixed point.
const Vec3 benchStart = normalized(Vec3{0.9, 0.3, 0.1});

}  // namespace

std::vector<BenchFigure> runIntegratorBenchmarks(const BenchProgress& progress) {
    std::vector<BenchFigure> figures;
    const DeviceParameters parameters;  // docs/physics.md defaults
    const JunctionCoefficients model = JunctionCoefficients::fromParameters(parameters);
    const double dt = 1e-13;

    {
        if (progress) progress("integrator_rk4_steps_per_s");
        const LlgsCoefficients c = llgsCoefficients(model, benchDrive());
        // 4e6 steps in runs of 2 ns (20000 steps) from the tilted start: the default device relaxes to the
        // parallel state within a few ns at +300 uA, and a run that sat there for microseconds would time
        // arithmetic on vanishing (subnormal) deviations instead of the dynamics.
        constexpr long runs = 200;
        constexpr long stepsPerRun = 20'000;
        std::vector<double> rates;
        double sink = 0.0;
        for (int repeat = 0; repeat < 5; ++repeat) {
            const auto start = std::chrono::steady_clock::now();
            for (long run = 0; run < runs; ++run) {
                sink += advanceRk4(c, benchStart, dt, stepsPerRun).x;
            }
            rates.push_back(static_cast<double>(runs * stepsPerRun) /
                            seconds(std::chrono::steady_clock::now() - start));
        }
        if (!std::isfinite(sink)) std::fprintf(stderr, "non-finite state in the RK4 benchmark\n");
        figures.push_back({"integrator_rk4_steps_per_s", median(rates), "steps/s",
                           "RK4 steps per second, one default device at +300 uA, one thread, dt = 1e-13 s"});
    }

    auto batchedRate = [&](bool thermal) {
        DeviceParameters p = parameters;
        p.temperatureKelvin = thermal ? 300.0 : 0.0;
        const JunctionCoefficients m = JunctionCoefficients::fromParameters(p);
        BatchedMacrospin batch(m.easyAxis, m.referenceAxis);
        constexpr std::size_t devices = 4096;
        for (std::size_t i = 0; i < devices; ++i) {
            batch.addLane(m, benchDrive(), benchStart);
        }
        batch.seedThermalNoise(7);
        const long steps = thermal ? 500 : 1000;
        std::vector<double> rates;
        for (int repeat = 0; repeat < 5; ++repeat) {
            const auto start = std::chrono::steady_clock::now();
            if (thermal) {
                batch.advanceHeun(dt, steps);
            } else {
                batch.advanceRk4(dt, steps);
            }
            rates.push_back(static_cast<double>(devices) * steps / seconds(std::chrono::steady_clock::now() - start));
        }
        return median(rates);
    };
    if (progress) progress("integrator_batched_device_steps_per_s");
    figures.push_back({"integrator_batched_device_steps_per_s", batchedRate(false), "device-steps/s",
                       "RK4 device-steps per second, 4096 default devices at +300 uA, all cores"});
    if (progress) progress("integrator_batched_heun_device_steps_per_s");
    figures.push_back({"integrator_batched_heun_device_steps_per_s", batchedRate(true), "device-steps/s",
                       "stochastic Heun device-steps per second at 300 K (Brown field drawn per step), 4096 "
                       "devices, all cores"});
    figures.push_back({"threads", static_cast<double>(hardwareThreads()), "", "hardware threads used"});
    return figures;
}

std::string figuresToJson(const std::vector<BenchFigure>& figures) {
    std::ostringstream out;
    out.precision(6);
    out << "{\n";
    for (std::size_t i = 0; i < figures.size(); ++i) {
        out << "  \"" << figures[i].name << "\": ";
        if (std::isfinite(figures[i].value)) {
            out << figures[i].value;
        } else {
            out << "null";
        }
        out << (i + 1 < figures.size() ? ",\n" : "\n");
    }
    out << "}\n";
    return out.str();
}

}  // namespace mtj::bench
