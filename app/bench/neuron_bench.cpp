// SPDX-License-Identifier: GPL-3.0-or-later
#include "neuron_bench.hpp"

#include <QDir>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "device/activation_curve.hpp"
#include "device/lookup_table.hpp"
#include "physics/llgs.hpp"
#include "physics/device_parameters.hpp"
#include "preset.hpp"
#include "device/macrospin/macrospin_reading.hpp"

namespace mtj::bench {
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)
namespace {

double medianOf(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

QString presetDirectory() {
    if (const char* fromEnvironment = std::getenv("MTJ_PRESET_DIR")) return QString::fromLocal8Bit(fromEnvironment);
    return QStringLiteral(MTJ_SOURCE_PRESET_DIR);
}

app::Preset loadBenchPreset(const char* name) {
    app::Preset preset;
    const QString path = QDir(presetDirectory()).filePath(QString::fromLatin1(name));
    if (Status s = app::loadPreset(path, {}, preset); !s) {
        throw std::runtime_error("bench: " + s.message());
    }
    return preset;
}

template <class Work>
double medianMilliseconds(int repeats, Work&& work) {
    std::vector<double> times;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return medianOf(times);
}

/// The reference of the thermal-curve target (issue "Room temperature at the speed of a slider"): a plain
/// single-thread stochastic Heun loop, the project's LLGS right-hand side, xorshift64* bits and Box-Muller normals,
/// no batching, no SIMD. Returns steps per second at 300 K on the default device.
double naiveHeunStepsPerSecond() {
    const JunctionCoefficients model = JunctionCoefficients::fromParameters(DeviceParameters{});
    Drive drive;
    drive.currentAmpere = 100e-6;
    const double dt = 2.5e-13;
    const double sigma = model.thermalFieldSigma(dt);
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    auto uniform = [&] {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return (static_cast<double>((state * 0x2545F4914F6CDD1DULL) >> 11) + 0.5) * 0x1.0p-53;
    };
    auto normal = [&] { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
    Vec3 m{1.0, 0.0, 0.0};
    constexpr long steps = 2'000'000;
    std::vector<double> rates;
    for (int repeat = 0; repeat < 3; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        for (long k = 0; k < steps; ++k) {
            const Vec3 h{sigma * normal(), sigma * normal(), sigma * normal()};
            const Vec3 k1 = llgsRightHandSide(model, m, drive, h);
            const Vec3 k2 = llgsRightHandSide(model, m + k1 * dt, drive, h);
            m = normalized(m + (k1 + k2) * (0.5 * dt));
        }
        rates.push_back(static_cast<double>(steps) /
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    if (!isFinite(m)) throw std::runtime_error("bench: the naive Heun loop diverged");
    return medianOf(rates);
}

}  // namespace

std::vector<BenchFigure> runNeuronBenchmarks(const BenchProgress& progress) {
    std::vector<BenchFigure> figures;
    auto curveFigure = [&](const char* key, const char* file, int repeats, double riseNanoseconds = -1.0) {
        if (progress) progress(key);
        app::Preset preset = loadBenchPreset(file);
        if (riseNanoseconds >= 0.0) preset.neuron.readout.inputRiseNanoseconds = riseNanoseconds;
        const std::vector<double> xs =
            evenlySpacedInputs(preset.neuron.drive.inputMinimum, preset.neuron.drive.inputMaximum, 201);
        bool ok = true;
        const double ms =
            medianMilliseconds(repeats, [&] { ok = ok && computeActivationCurve(preset.neuron, xs).status.isOk(); });
        if (!ok) throw std::runtime_error(std::string("bench: the curve of ") + file + " failed");
        figures.push_back({key, ms, "ms",
                           std::string("201-point curve with both derivatives, ") + file +
                               (riseNanoseconds == 0.0 ? ", input applied as a step" : "")});
    };
    curveFigure("curve_ms_field_201", "default.json", 21);
    curveFigure("curve_ms_current_201", "current-input.json", 21);
    curveFigure("curve_ms_current_step_201", "current-input.json", 21, 0.0);
    curveFigure("curve_ms_rf_201", "spin-diode.json", 7);
    {
        // Room temperature: default.json at 300 K, 201 points with the finite-difference readings, against the
        // naive loop doing the same simulated time (201 x 3 readings x (settle + average) at 0.25 ps).
        if (progress) progress("curve_thermal_ms");
        app::Preset preset = loadBenchPreset("default.json");
        preset.neuron.device.temperatureKelvin = 300.0;
        const std::vector<double> xs =
            evenlySpacedInputs(preset.neuron.drive.inputMinimum, preset.neuron.drive.inputMaximum, 201);
        bool ok = true;
        const double ms =
            medianMilliseconds(3, [&] { ok = ok && computeActivationCurve(preset.neuron, xs).status.isOk(); });
        if (!ok) throw std::runtime_error("bench: the 300 K curve failed");
        figures.push_back(
            {"curve_thermal_ms", ms, "ms", "201-point curve with both derivatives, default.json at 300 K"});
        if (progress) progress("naive_heun_steps_per_s");
        const double naive = naiveHeunStepsPerSecond();
        figures.push_back({"naive_heun_steps_per_s", naive, "steps/s",
                           "plain single-thread stochastic Heun loop (xorshift, Box-Muller)"});
        const double naiveMs = 201.0 * 3.0 *
                               (preset.neuron.readout.settleNanoseconds + preset.neuron.readout.averageNanoseconds) *
                               1e-9 / 2.5e-13 / naive * 1e3;
        figures.push_back({"curve_thermal_fraction_of_naive", ms / naiveMs, "",
                           "curve_thermal_ms over the naive loop's time for the same simulated time (target <= 0.05)"});
    }
    {
        if (progress) progress("lut_build_ms_128");
        const app::Preset preset = loadBenchPreset("default.json");
        std::vector<ActivationLookupTable> tables;
        bool ok = true;
        const double ms = medianMilliseconds(
            5, [&] { ok = ok && buildPopulationTables(preset.neuron, preset.variability, 128, 129, tables).isOk(); });
        if (!ok) throw std::runtime_error("bench: lookup tables failed");
        figures.push_back({"lut_build_ms_128", ms, "ms", "lookup tables (129 nodes) of 128 varied default devices"});
    }
    return figures;
}

}  // namespace mtj::bench
