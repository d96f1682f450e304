#include "neuron_bench.hpp"

#include <QDir>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "device/activation_curve.hpp"
#include "device/lookup_table.hpp"
#include "preset.hpp"

namespace mtj::bench {
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
        const double ms = medianMilliseconds(repeats, [&] { ok = ok && computeActivationCurve(preset.neuron, xs).status.isOk(); });
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
        if (progress) progress("lut_build_ms_128");
        const app::Preset preset = loadBenchPreset("default.json");
        std::vector<ActivationLookupTable> tables;
        bool ok = true;
        const double ms = medianMilliseconds(5, [&] {
            ok = ok && buildPopulationTables(preset.neuron, preset.variability, 128, 129, tables).isOk();
        });
        if (!ok) throw std::runtime_error("bench: lookup tables failed");
        figures.push_back({"lut_build_ms_128", ms, "ms", "lookup tables (129 nodes) of 128 varied default devices"});
    }
    return figures;
}

}  // namespace mtj::bench
