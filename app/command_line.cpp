// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_line.hpp"

#include <QFile>
#include <QTextStream>
#include <cstdio>

#include <QElapsedTimer>
#include <cmath>
#include <QDir>
#include <QFileInfo>
#include <cstring>

#include "device/activation_curve.hpp"
#include "device/device_model.hpp"
#include "integrator_bench.hpp"
#include "neuron_bench.hpp"
#include "training_bench.hpp"
#include <exception>
#include "arguments.hpp"
#include "exports.hpp"
#include "paths.hpp"
#include "preset.hpp"
#include "sweep_commands.hpp"
#include "training_commands.hpp"
#include "gui_bench.hpp"
#include "screenshot.hpp"
#include <QApplication>

namespace mtj::app {
namespace {

const QStringList subcommands = {QStringLiteral("curve"), QStringLiteral("train"),      QStringLiteral("reproduce"),
                                 QStringLiteral("bench"), QStringLiteral("screenshot"), QStringLiteral("sweep")};

int runBench(const QStringList& args) {
    CommandArguments arguments(QStringLiteral("bench"), usageOf(QStringLiteral("bench")));
    arguments.addOption(QStringLiteral("soak"), QStringLiteral("MINUTES"));
    arguments.addOption(QStringLiteral("out"), QStringLiteral("FILE"));
    arguments.addOption(QStringLiteral("only"), QStringLiteral("PART"));
    int exitCode = ExitBadInput;
    if (!parseArguments(arguments, args, 2, exitCode)) return exitCode;
    // --only measures one part: integrators, neuron, training or gui (the window); all four without it.
    const QStringList parts = {QStringLiteral("integrators"), QStringLiteral("neuron"), QStringLiteral("training"),
                               QStringLiteral("gui")};
    const QString only = arguments.value(QStringLiteral("only"));
    if (!only.isEmpty() && !parts.contains(only)) {
        arguments.fail(QStringLiteral("--only '%1': must be one of %2").arg(only, parts.join(QStringLiteral(", "))));
        printError(arguments.error());
        return ExitBadInput;
    }
    const auto measured = [&](const char* part) { return only.isEmpty() || only == QLatin1String(part); };
    double soakMinutes = 0.0;
    if (!arguments.number(QStringLiteral("soak"), 0.5, 1440.0, QStringLiteral("minutes, from 0.5 to 1440"),
                          soakMinutes)) {
        printError(arguments.error());
        return ExitBadInput;
    }
    const QString outPath = arguments.value(QStringLiteral("out"));
    const auto progress = [](const std::string& name) {
        std::fprintf(stderr, "bench: measuring %s ...\n", name.c_str());
    };
    std::vector<bench::BenchFigure> figures;
    if (soakMinutes > 0.0) {
        // The soak alone: ten minutes of the window under load (issue "Trust").
        figures = bench::runSoakBenchmark(soakMinutes, progress);
    } else {
        try {
            if (measured("integrators")) figures = bench::runIntegratorBenchmarks(progress);
            if (measured("neuron")) {
                const auto neuron = bench::runNeuronBenchmarks(progress);
                figures.insert(figures.end(), neuron.begin(), neuron.end());
            }
            if (measured("training")) {
                const auto training = bench::runTrainingBenchmarks(progress);
                figures.insert(figures.end(), training.begin(), training.end());
            }
            if (measured("gui") && qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr) {
                const auto gui = bench::runGuiBenchmarks(progress);
                figures.insert(figures.end(), gui.begin(), gui.end());
            }
        } catch (const std::exception& e) {
            printError(QString::fromLocal8Bit(e.what()));
            return ExitInternalFailure;
        }
    }
    // One way out for both: the figures on standard output and, with --out, in a file.
    const std::string json = bench::figuresToJson(figures);
    if (const Status written = writeStandardOutput(QByteArray::fromStdString(json)); !written) {
        printError(QStringLiteral("bench: ") + QString::fromStdString(written.message()));
        return ExitBadInput;
    }
    if (!outPath.isEmpty()) {
        if (const Status written = writeFileAtomically(outPath, QByteArray::fromStdString(json)); !written) {
            printError(QString::fromStdString(written.message()));
            return ExitBadInput;
        }
    }
    return ExitSuccess;
}

int runCurve(const QStringList& args) {
    PresetArguments parsed;
    int exitCode = ExitBadInput;
    if (!parsePresetArguments(args, QStringLiteral("curve"), true, parsed, exitCode)) return exitCode;
    Preset preset;
    if (Status s = loadPreset(parsed.presetPath, parsed.overrides, preset); !s) {
        printError(QStringLiteral("curve: ") + QString::fromStdString(s.message()));
        return ExitBadInput;
    }
    const NeuronSettings& neuron = preset.neuron;
    const std::vector<double> inputs =
        evenlySpacedInputs(neuron.drive.inputMinimum, neuron.drive.inputMaximum, parsed.points);
    QElapsedTimer timer;
    timer.start();
    // Every device model through the seam (device/device_model.hpp).
    std::unique_ptr<DeviceModel> model;
    if (Status s = makeDeviceModel(neuron, model); !s) {
        printError(QStringLiteral("curve: ") + QString::fromStdString(s.message()));
        return ExitBadInput;
    }
    CurveOptions options;
    options.noiseSeed = preset.variability.seed;
    const ActivationCurve curve = model->readActivation(inputs, options);
    if (!curve.status) {
        printError(QStringLiteral("curve: ") + QString::fromStdString(curve.status.message()));
        return ExitInternalFailure;
    }
    const QByteArray csv = curveToCsv(curve);
    const bool hysteresis = curve.hasHysteresis();
    if (parsed.outPath.isEmpty()) {
        if (const Status written = writeStandardOutput(csv); !written) {
            printError(QStringLiteral("curve: ") + QString::fromStdString(written.message()));
            return ExitBadInput;
        }
    } else {
        if (const Status written = writeFileAtomically(parsed.outPath, csv); !written) {
            printError(QStringLiteral("curve: ") + QString::fromStdString(written.message()));
            return ExitBadInput;
        }
        std::fprintf(stderr, "curve: %d points (%s) in %.1f ms -> %s\n", parsed.points,
                     hysteresis ? "two branches" : "one branch", static_cast<double>(timer.nsecsElapsed()) * 1e-6,
                     parsed.outPath.toLocal8Bit().constData());
    }
    return ExitSuccess;
}

int runScreenshot(const QStringList& args) {
    CommandArguments arguments(QStringLiteral("screenshot"), usageOf(QStringLiteral("screenshot")));
    for (const char* flag : {"compare", "presentation", "focus"}) arguments.addOption(QLatin1String(flag));
    for (const auto& [name, value] : {std::pair{"preset", "FILE"},
                                      {"view", "device|training"},
                                      {"out", "FILE.png"},
                                      {"lesson", "N"},
                                      {"tab", "NAME"},
                                      {"x", "X"},
                                      {"size", "WxH"},
                                      {"epochs", "N"},
                                      {"map", "MAP.json"}}) {
        arguments.addOption(QLatin1String(name), QLatin1String(value));
    }
    int exitCode = ExitBadInput;
    if (!parseArguments(arguments, args, 2, exitCode)) return exitCode;
    QString preset = arguments.value(QStringLiteral("preset")), view = arguments.value(QStringLiteral("view"));
    const QString out = arguments.value(QStringLiteral("out"));
    const bool compare = arguments.isSet(QStringLiteral("compare")),
               presentation = arguments.isSet(QStringLiteral("presentation"));
    ScreenshotExtras extras;
    extras.focus = arguments.isSet(QStringLiteral("focus"));
    extras.tab = arguments.value(QStringLiteral("tab"));
    extras.map = arguments.value(QStringLiteral("map"));
    int epochs = 0;
    QSize size;
    const bool numbersValid =
        arguments.integer(QStringLiteral("lesson"), 1, 99, QStringLiteral("a lesson number, 1 to 99"), extras.lesson) &&
        arguments.number(QStringLiteral("x"), -1e300, 1e300, QStringLiteral("a finite number"), extras.x) &&
        arguments.integer(QStringLiteral("epochs"), 0, 100000, QStringLiteral("an integer in [0, 100000]"), epochs);
    if (!numbersValid) {
        printError(arguments.error());
        return ExitBadInput;
    }
    if (arguments.isSet(QStringLiteral("size"))) {
        const QStringList parts = arguments.value(QStringLiteral("size")).split(QLatin1Char('x'));
        bool okWidth = false, okHeight = false;
        if (parts.size() == 2) size = QSize(parts[0].toInt(&okWidth), parts[1].toInt(&okHeight));
        if (!okWidth || !okHeight || size.width() < 640 || size.height() < 480 || size.width() > 7680 ||
            size.height() > 4320) {
            arguments.fail(
                QStringLiteral("--size '%1': must be WIDTHxHEIGHT between 640x480 and 7680x4320, e.g. 1280x720")
                    .arg(arguments.value(QStringLiteral("size"))));
            printError(arguments.error());
            return ExitBadInput;
        }
    }
    // A robustness map needs no preset: the window opens on default.json and shows the map's view.
    if (!extras.map.isEmpty()) {
        if (view.isEmpty()) view = QStringLiteral("map");
        if (preset.isEmpty()) preset = QDir(presetDirectory()).filePath(QStringLiteral("default.json"));
        if (view != QLatin1String("map")) {
            printError(
                QStringLiteral("screenshot: --map shows the robustness-map view: leave out --view '%1'").arg(view));
            return ExitBadInput;
        }
    }
    if (preset.isEmpty() || view.isEmpty() || out.isEmpty()) {
        arguments.fail(QStringLiteral("--preset FILE, --view device|training and --out FILE.png are required"));
        printError(arguments.error());
        return ExitBadInput;
    }
    if (view != QStringLiteral("device") && view != QStringLiteral("training") && extras.map.isEmpty()) {
        printError(QStringLiteral("screenshot: --view '%1': must be device or training").arg(view));
        return ExitBadInput;
    }
    Preset check;
    if (Status s = loadPreset(preset, {}, check); !s) {
        printError(QStringLiteral("screenshot: ") + QString::fromStdString(s.message()));
        return ExitBadInput;
    }
    // Where the picture goes is checked before the window is rendered (which takes seconds).
    {
        const QFileInfo target(out);
        if (!target.absoluteDir().exists()) {
            printError(QStringLiteral("screenshot: cannot write %1: the folder %2 does not exist")
                           .arg(out, target.absolutePath()));
            return ExitBadInput;
        }
        if (target.isDir()) {
            printError(QStringLiteral("screenshot: cannot write %1: it is a folder").arg(out));
            return ExitBadInput;
        }
    }
    if (Status s = saveScreenshot(preset, view, out, epochs, compare, presentation, size, extras); !s) {
        printError(QStringLiteral("screenshot: ") + QString::fromStdString(s.message()));
        // A file that cannot be written is the user's input (the path); the rest is the program's failure.
        return s.message().rfind("cannot write", 0) == 0 || s.message().rfind("--", 0) == 0 ? ExitBadInput
                                                                                            : ExitInternalFailure;
    }
    std::fprintf(stderr, "screenshot: %s\n", out.toLocal8Bit().constData());
    return ExitSuccess;
}

}  // namespace

bool isSubcommand(const QStringList& args) { return args.size() > 1 && subcommands.contains(args[1]); }

int runSubcommand(const QStringList& args) {
    const QString& name = args[1];
    if (name == QStringLiteral("bench")) {
        return runBench(args);
    }
    if (name == QStringLiteral("curve")) {
        return runCurve(args);
    }
    if (name == QStringLiteral("screenshot")) {
        return runScreenshot(args);
    }
    if (name == QStringLiteral("train")) {
        return runTrain(args);
    }
    if (name == QStringLiteral("reproduce")) {
        return runReproduce(args);
    }
    if (name == QStringLiteral("sweep")) {
        return runSweep(args);
    }
    printError(QStringLiteral("'%1' is not available in this version yet").arg(name));
    return ExitInternalFailure;
}

}  // namespace mtj::app
