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
#include "exports.hpp"
#include "preset.hpp"
#include "training_commands.hpp"
#include "gui_bench.hpp"
#include "screenshot.hpp"
#include <QApplication>

namespace mtj::app {
namespace {

const QStringList subcommands = {QStringLiteral("curve"), QStringLiteral("train"), QStringLiteral("reproduce"),
                                 QStringLiteral("bench"), QStringLiteral("screenshot")};

void printError(const QString& message) {
    std::fprintf(stderr, "mtj-explorer: %s\n", message.toLocal8Bit().constData());
}

int runBench(const QStringList& args) {
    QString outPath;
    double soakMinutes = 0.0;
    for (int i = 2; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--out") || args[i] == QStringLiteral("--soak")) {
            if (i + 1 >= args.size()) {
                printError(QStringLiteral("bench: %1 needs a value").arg(args[i]));
                return ExitBadInput;
            }
            if (args[i] == QStringLiteral("--out")) {
                outPath = args[++i];
            } else {
                bool ok = false;
                soakMinutes = args[++i].toDouble(&ok);
                if (!ok || !(soakMinutes >= 0.5 && soakMinutes <= 1440.0)) {
                    printError(QStringLiteral("bench: --soak '%1': minutes, from 0.5 to 1440").arg(args[i]));
                    return ExitBadInput;
                }
            }
        } else {
            printError(
                QStringLiteral(
                    "bench: unknown argument '%1' (usage: mtj-explorer bench [--soak MINUTES] [--out FILE.json])")
                    .arg(args[i]));
            return ExitBadInput;
        }
    }
    const auto progress = [](const std::string& name) {
        std::fprintf(stderr, "bench: measuring %s ...\n", name.c_str());
    };
    std::vector<bench::BenchFigure> figures;
    if (soakMinutes > 0.0) {
        // The soak alone: ten minutes of the window under load (issue "Trust").
        figures = bench::runSoakBenchmark(soakMinutes, progress);
    } else {
        try {
            figures = bench::runIntegratorBenchmarks(progress);
            const auto neuron = bench::runNeuronBenchmarks(progress);
            figures.insert(figures.end(), neuron.begin(), neuron.end());
            const auto training = bench::runTrainingBenchmarks(progress);
            figures.insert(figures.end(), training.begin(), training.end());
            if (qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr) {
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

/// Arguments common to the preset-driven subcommands.
struct PresetArguments {
    QString presetPath;
    QStringList overrides;
    QString outPath;
    int points = 201;
    bool pointsGiven = false;
};

/// Parses --preset, --set, --out and (when allowPoints) --points; false with a message on bad input.
bool parsePresetArguments(const QStringList& args, const QString& command, bool allowPoints, PresetArguments& out) {
    for (int i = 2; i < args.size(); ++i) {
        const QString& a = args[i];
        auto needValue = [&](const char* option) -> bool {
            if (i + 1 >= args.size()) {
                printError(QStringLiteral("%1: %2 needs a value").arg(command, QLatin1String(option)));
                return false;
            }
            return true;
        };
        if (a == QStringLiteral("--preset")) {
            if (!needValue("--preset")) return false;
            out.presetPath = args[++i];
        } else if (a == QStringLiteral("--set")) {
            if (!needValue("--set")) return false;
            out.overrides << args[++i];
        } else if (a == QStringLiteral("--out")) {
            if (!needValue("--out")) return false;
            out.outPath = args[++i];
        } else if (allowPoints && a == QStringLiteral("--points")) {
            if (!needValue("--points")) return false;
            bool ok = false;
            const QString text = args[++i];
            out.points = text.toInt(&ok);
            if (!ok || out.points < 2 || out.points > 100000) {
                printError(QStringLiteral("%1: --points '%2': must be an integer in [2, 100000]").arg(command, text));
                return false;
            }
            out.pointsGiven = true;
        } else {
            printError(QStringLiteral("%1: unknown argument '%2'").arg(command, a));
            return false;
        }
    }
    if (out.presetPath.isEmpty()) {
        printError(QStringLiteral("%1: --preset FILE is required").arg(command));
        return false;
    }
    return true;
}

int runCurve(const QStringList& args) {
    PresetArguments parsed;
    if (!parsePresetArguments(args, QStringLiteral("curve"), true, parsed)) return ExitBadInput;
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
    QString preset, view, out;
    int epochs = 0;
    bool compare = false, presentation = false;
    QSize size;
    ScreenshotExtras extras;
    for (int i = 2; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QStringLiteral("--compare")) {
            compare = true;
            continue;
        }
        if (a == QStringLiteral("--presentation")) {
            presentation = true;
            continue;
        }
        if (a == QStringLiteral("--focus")) {
            extras.focus = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            printError(QStringLiteral("screenshot: %1 needs a value").arg(a));
            return ExitBadInput;
        }
        if (a == QStringLiteral("--preset"))
            preset = args[++i];
        else if (a == QStringLiteral("--view"))
            view = args[++i];
        else if (a == QStringLiteral("--out"))
            out = args[++i];
        else if (a == QStringLiteral("--lesson")) {
            bool ok = false;
            extras.lesson = args[++i].toInt(&ok);
            if (!ok || extras.lesson < 1 || extras.lesson > 99) {
                printError(QStringLiteral("screenshot: --lesson '%1': must be a lesson number, 1 to 99").arg(args[i]));
                return ExitBadInput;
            }
        } else if (a == QStringLiteral("--tab")) {
            extras.tab = args[++i];
        } else if (a == QStringLiteral("--x")) {
            bool ok = false;
            extras.x = args[++i].toDouble(&ok);
            if (!ok || !std::isfinite(extras.x)) {
                printError(QStringLiteral("screenshot: --x '%1': must be a finite number").arg(args[i]));
                return ExitBadInput;
            }
        } else if (a == QStringLiteral("--size")) {
            const QStringList parts = args[++i].split(QLatin1Char('x'));
            bool okWidth = false, okHeight = false;
            if (parts.size() == 2) {
                size = QSize(parts[0].toInt(&okWidth), parts[1].toInt(&okHeight));
            }
            if (!okWidth || !okHeight || size.width() < 640 || size.height() < 480 || size.width() > 7680 ||
                size.height() > 4320) {
                printError(
                    QStringLiteral(
                        "screenshot: --size '%1': must be WIDTHxHEIGHT between 640x480 and 7680x4320, e.g. 1280x720")
                        .arg(args[i]));
                return ExitBadInput;
            }
        } else if (a == QStringLiteral("--epochs")) {
            bool ok = false;
            epochs = args[++i].toInt(&ok);
            if (!ok || epochs < 0 || epochs > 100000) {
                printError(QStringLiteral("screenshot: --epochs '%1': must be an integer in [0, 100000]").arg(args[i]));
                return ExitBadInput;
            }
        } else {
            printError(QStringLiteral("screenshot: unknown argument '%1'").arg(a));
            return ExitBadInput;
        }
    }
    if (preset.isEmpty() || view.isEmpty() || out.isEmpty()) {
        printError(QStringLiteral("screenshot: --preset FILE, --view device|training and --out FILE.png are required"));
        return ExitBadInput;
    }
    if (view != QStringLiteral("device") && view != QStringLiteral("training")) {
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
    printError(QStringLiteral("'%1' is not available in this version yet").arg(name));
    return ExitInternalFailure;
}

}  // namespace mtj::app
