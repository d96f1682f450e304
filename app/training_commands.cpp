// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_commands.hpp"

#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "command_line.hpp"
#include "exports.hpp"
#include "arguments.hpp"
#include "paths.hpp"
#include "preset.hpp"
#include "run_checkpoint.hpp"
#include "training_run.hpp"

namespace mtj::app {
namespace {

/// A one-line progress bar on stderr, redrawn at most 10 times a second, only when stderr is a terminal.
class TerminalProgress {
public:
    explicit TerminalProgress(QString label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) != 0) {
        timer_.start();
    }
    ~TerminalProgress() { finish(); }
    void update(double fraction, const QString& detail) {
        if (!enabled_) return;
        const qint64 now = timer_.elapsed();
        if (now - lastDraw_ < 100 && fraction < 1.0) return;
        lastDraw_ = now;
        constexpr int width = 30;
        const int filled = static_cast<int>(std::round(std::clamp(fraction, 0.0, 1.0) * width));
        const double elapsed = now / 1000.0;
        const double remaining = fraction > 0.01 ? elapsed * (1.0 - fraction) / fraction : 0.0;
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
        std::fprintf(stderr, "\r%s [%s] %3d%% %s  %.0fs elapsed, ~%.0fs left   ", label_.toLocal8Bit().constData(),
                     bar.toLatin1().constData(), static_cast<int>(fraction * 100), detail.toLocal8Bit().constData(),
                     elapsed, remaining);
        std::fflush(stderr);
        drawn_ = true;
    }
    void finish() {
        if (enabled_ && drawn_) std::fputc('\n', stderr);
        drawn_ = false;
    }

private:
    QString label_;
    bool enabled_;
    bool drawn_ = false;
    QElapsedTimer timer_;
    qint64 lastDraw_ = -1000;
};

/// Runs a preset's experiment with a progress bar labelled `label`; with a checkpoint file, continued from it and
/// checkpointed after every epoch (run_checkpoint.hpp).
ExperimentResult runWithProgress(const Preset& preset, const QString& label, const QString& checkpointPath = {}) {
    TerminalProgress bar(label);
    const auto progress = [&](int fold, int folds, int epoch, int epochs) {
        const double fraction = (fold + static_cast<double>(epoch) / epochs) / folds;
        bar.update(fraction,
                   folds > 1 ? QStringLiteral("fold %1/%2 epoch %3/%4").arg(fold + 1).arg(folds).arg(epoch).arg(epochs)
                             : QStringLiteral("epoch %1/%2").arg(epoch).arg(epochs));
    };
    if (checkpointPath.isEmpty()) return runExperiment(experimentFromPreset(preset), progress);
    ResumeReport resumed;
    const ExperimentResult result = runCheckpointed(preset, checkpointPath, progress, nullptr, &resumed);
    if (resumed.resumed) {
        std::fprintf(stderr, "%s: continued from %s (%d folds finished, %d epochs of the next)\n", qPrintable(label),
                     qPrintable(checkpointPath), resumed.finishedFolds, resumed.epoch);
    }
    return result;
}

}  // namespace

int runTrain(const QStringList& args) {
    PresetArguments parsed;
    int exitCode = ExitBadInput;
    if (!parsePresetArguments(args, QStringLiteral("train"), false, parsed, exitCode)) return exitCode;
    const QString& presetPath = parsed.presetPath;
    const QString& outPath = parsed.outPath;
    const QStringList& overrides = parsed.overrides;
    Preset preset;
    if (Status s = loadPreset(presetPath, overrides, preset); !s) {
        printError(QStringLiteral("train: ") + QString::fromStdString(s.message()));
        return ExitBadInput;
    }
    const ExperimentResult result = runWithProgress(preset, QStringLiteral("train"), parsed.checkpointPath);
    if (!result.status) {
        printError(QStringLiteral("train: ") + QString::fromStdString(result.status.message()));
        // Missing or broken data and diverged training are problems of the input, not of the program.
        return ExitBadInput;
    }
    const QByteArray json = experimentToJson(preset, result);
    if (outPath.isEmpty()) {
        if (const Status written = writeStandardOutput(json); !written) {
            printError(QStringLiteral("train: ") + QString::fromStdString(written.message()));
            return ExitBadInput;
        }
    } else {
        if (const Status written = writeFileAtomically(outPath, json); !written) {
            printError(QStringLiteral("train: ") + QString::fromStdString(written.message()));
            return ExitBadInput;
        }
    }
    // The splits the data set has (a set without a test split has no test figure, rather than "nan").
    QString summary = QStringLiteral("train %1").arg(result.trainAccuracy, 0, 'f', 4);
    if (!std::isnan(result.validationAccuracy))
        summary += QStringLiteral(", validation %1").arg(result.validationAccuracy, 0, 'f', 4);
    if (!std::isnan(result.testAccuracy)) summary += QStringLiteral(", test %1").arg(result.testAccuracy, 0, 'f', 4);
    if (!std::isnan(result.gradientCosine))
        summary += QStringLiteral(", gradient cosine %1").arg(result.gradientCosine, 0, 'f', 4);
    std::fprintf(stderr, "train: %s: %s, %.1f s\n", preset.name.c_str(), qPrintable(summary), result.seconds);
    return ExitSuccess;
}

namespace {

enum class Metric { Validation, Test };

struct TableRow {
    QString setting;
    QString preset;
    QStringList overrides;
    QList<quint64> seeds;
    Metric metric;
    QString paper;
    double threshold;                // NaN: shown, not checked
    int quickEpochs;                 // 0: as in the preset
    double quickThreshold;           // NaN: shown, not checked
    bool gradientAgreement = false;  // also report and check the mean gradient cosine (>= 0.99)
};

QString percent(double fraction) {
    return std::isfinite(fraction) ? QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %")
                                   : QStringLiteral("n/a");
}

}  // namespace

namespace {

/// Mean and sample standard deviation.
std::pair<double, double> meanAndDeviation(const QList<double>& values) {
    double mean = 0.0;
    for (double v : values) mean += v / values.size();
    double squares = 0.0;
    for (double v : values) squares += (v - mean) * (v - mean);
    return {mean, values.size() > 1 ? std::sqrt(squares / (values.size() - 1)) : 0.0};
}

QString meanText(const QList<double>& values) {
    const auto [mean, deviation] = meanAndDeviation(values);
    QStringList each;
    for (double v : values) each << QString::number(100.0 * v, 'f', 1);
    return QStringLiteral("%1 +- %2 % (%3)")
        .arg(100.0 * mean, 0, 'f', 1)
        .arg(100.0 * deviation, 0, 'f', 1)
        .arg(each.join(QStringLiteral(", ")));
}

/// The paper's argument (issue: the deployment experiment): deploy-iris.json model-then-deploy against in the loop,
/// and narrow-current.json device-fd against nominal-model, seeds 1-5 (training and devices), with the checks.
QByteArray argumentTable(bool& passed) {
    const QList<quint64> seeds = {1, 2, 3, 4, 5};
    struct Runs {
        QList<double> model, deployed, final, cosine;
    };
    auto run = [&](const QString& file, const QStringList& overrides, Runs& out) -> bool {
        Preset preset;
        if (Status s = loadPreset(QDir(presetDirectory()).filePath(file), overrides, preset); !s) {
            printError(QStringLiteral("reproduce: ") + QString::fromStdString(s.message()));
            return false;
        }
        for (quint64 seed : seeds) {
            preset.training.seed = seed;
            preset.variability.seed = seed;
            const ExperimentResult r = runWithProgress(preset, QStringLiteral("%1 seed %2").arg(file).arg(seed));
            if (!r.status) {
                printError(QStringLiteral("reproduce: %1: %2").arg(file, QString::fromStdString(r.status.message())));
                return false;
            }
            out.model << r.modelValidationAccuracy;
            out.deployed << r.deployedValidationAccuracy;
            out.final << r.validationAccuracy;
            out.cosine << r.gradientCosine;
        }
        return true;
    };
    Runs deploy, deployTanh, inLoop, narrowDevice, narrowNominal;
    if (!run(QStringLiteral("deploy-iris.json"), {}, deploy) ||
        !run(QStringLiteral("deploy-iris-tanh.json"), {}, deployTanh) ||
        !run(QStringLiteral("deploy-iris.json"), {QStringLiteral("training.mode=in-the-loop")}, inLoop) ||
        !run(QStringLiteral("narrow-current.json"), {}, narrowDevice) ||
        !run(QStringLiteral("narrow-current-nominal.json"), {}, narrowNominal)) {
        return {};
    }
    const double deployed = meanAndDeviation(deploy.deployed).first;
    const double finetuned = meanAndDeviation(deploy.final).first, loop = meanAndDeviation(inLoop.final).first;
    const double drop = loop - deployed;
    const bool dropHolds = drop >= 0.05, loopHolds = loop >= 0.933, recoveryHolds = finetuned - deployed >= 0.5 * drop;
    const double narrowGap = meanAndDeviation(narrowDevice.final).first - meanAndDeviation(narrowNominal.final).first;
    const double deviceCosine = meanAndDeviation(narrowDevice.cosine).first,
                 nominalCosine = meanAndDeviation(narrowNominal.cosine).first;
    const bool gapHolds = narrowGap >= 0.10, cosineHolds = deviceCosine > 0.95 && nominalCosine < deviceCosine - 0.2;
    passed = dropHolds && loopHolds && recoveryHolds && gapHolds && cosineHolds;
    auto verdict = [](bool ok) { return ok ? QStringLiteral("pass") : QStringLiteral("**not met**"); };
    QString t;
    t += QStringLiteral(
        "## The paper's argument: a model of the device breaks on varied devices, measured gradients do not\n\n");
    t += QStringLiteral(
        "Seeds 1-5 (each run its own devices and training seed), 5-fold validation accuracy, mean +- sd (per seed).\n\n");
    t += QStringLiteral(
        "| deploy-iris.json: 16 current-input neurons, real nanopillar spread | accuracy |\n|---|---|\n");
    t += QStringLiteral("| trained on the nominal model, on the model | %1 |\n").arg(meanText(deploy.model));
    t += QStringLiteral("| the same weights deployed on the devices | %1 |\n").arg(meanText(deploy.deployed));
    t += QStringLiteral("| after 20 epochs of device-fd fine-tuning on the devices | %1 |\n")
             .arg(meanText(deploy.final));
    t +=
        QStringLiteral("| trained on tanh scaled to the device, on the model | %1 |\n").arg(meanText(deployTanh.model));
    t += QStringLiteral("| tanh weights deployed on the devices | %1 |\n").arg(meanText(deployTanh.deployed));
    t += QStringLiteral("| tanh, after 20 epochs of fine-tuning on the devices | %1 |\n")
             .arg(meanText(deployTanh.final));
    t += QStringLiteral("| in the loop from the start, device-fd gradients | %1 |\n\n").arg(meanText(inLoop.final));
    t +=
        QStringLiteral(
            "Checks: deployment loses %1 points against device-fd in the loop (>= 5: %2); device-fd in the loop %3 % (>= 93.3: %4); "
            "fine-tuning recovers %5 of the %6 points (>= half: %7).\n\n")
            .arg(100.0 * drop, 0, 'f', 1)
            .arg(verdict(dropHolds))
            .arg(100.0 * loop, 0, 'f', 1)
            .arg(verdict(loopHolds))
            .arg(100.0 * (finetuned - deployed), 0, 'f', 1)
            .arg(100.0 * drop, 0, 'f', 1)
            .arg(verdict(recoveryHolds));
    t += QStringLiteral(
        "| narrow-current.json: 3 current-input neurons, circles, in the loop | accuracy | gradient cosine |\n|---|---|---|\n");
    t += QStringLiteral("| device-fd (each device's own finite difference) | %1 | %2 |\n")
             .arg(meanText(narrowDevice.final))
             .arg(deviceCosine, 0, 'f', 3);
    t += QStringLiteral("| nominal-model (the nominal device's derivative) | %1 | %2 |\n\n")
             .arg(meanText(narrowNominal.final))
             .arg(nominalCosine, 0, 'f', 3);
    t +=
        QStringLiteral(
            "Checks: device-fd beats nominal-model by %1 points (>= 10: %2); cosines %3 and %4 (device-fd > 0.95, nominal-model far lower: %5).\n")
            .arg(100.0 * narrowGap, 0, 'f', 1)
            .arg(verdict(gapHolds))
            .arg(deviceCosine, 0, 'f', 3)
            .arg(nominalCosine, 0, 'f', 3)
            .arg(verdict(cosineHolds));
    return t.toUtf8();
}

}  // namespace

int runReproduce(const QStringList& args) {
    CommandArguments arguments(QStringLiteral("reproduce"), usageOf(QStringLiteral("reproduce")));
    arguments.addOption(QStringLiteral("quick"));
    arguments.addOption(QStringLiteral("check"));
    arguments.addOption(QStringLiteral("out"), QStringLiteral("FILE.md"));
    int exitCode = ExitBadInput;
    if (!parseArguments(arguments, args, 2, exitCode)) return exitCode;
    const bool quick = arguments.isSet(QStringLiteral("quick")), check = arguments.isSet(QStringLiteral("check"));
    const QString outPath = arguments.value(QStringLiteral("out"));
    const double none = std::numeric_limits<double>::quiet_NaN();
    const QList<TableRow> rows = {
        {QStringLiteral("Iris, 1 hidden layer of 16 MTJ neurons, device-fd, 5 % variability, read noise 0.005"),
         QStringLiteral("paper-iris.json"),
         {},
         {1, 2, 3},
         Metric::Validation,
         QStringLiteral("95 %+ (simulation)"),
         0.95,
         0,
         0.95,
         true},
        {QStringLiteral("Iris, the same network with tanh"),
         QStringLiteral("paper-iris-tanh.json"),
         {},
         {1, 2, 3},
         Metric::Validation,
         QStringLiteral("95 %+ (tanh)"),
         none,
         0,
         none},
        {QStringLiteral("Iris, pronounced variability (15 %, 2 mT), read noise 0.01, device-fd"),
         QStringLiteral("paper-iris-pronounced.json"),
         {},
         {1, 2, 3},
         Metric::Validation,
         QStringLiteral("93.3 % (experiment)"),
         0.933,
         0,
         0.933},
        {QStringLiteral("Iris, pronounced variability, the same devices, nominal-model gradients"),
         QStringLiteral("paper-iris-pronounced.json"),
         {QStringLiteral("training.gradient=nominal-model")},
         {1, 2, 3},
         Metric::Validation,
         QStringLiteral("degrades (model-based training)"),
         none,
         0,
         none},
        {QStringLiteral("Iris, two hidden layers of MTJ neurons, device-fd"),
         QStringLiteral("paper-iris-two-hidden.json"),
         {},
         {1, 2, 3},
         Metric::Validation,
         QStringLiteral("trained (two hidden layers)"),
         0.93,
         0,
         0.93},
        {QStringLiteral("MNIST, 784-256-10 MTJ network, device-fd"),
         QStringLiteral("paper-mnist.json"),
         {},
         {1},
         Metric::Test,
         QStringLiteral("97.9 % (simulation)"),
         0.979,
         3,
         0.970,
         true},
        {QStringLiteral("MNIST, 784-256-10 with tanh"),
         QStringLiteral("paper-mnist-tanh.json"),
         {},
         {1},
         Metric::Test,
         QStringLiteral("97.9 % (tanh)"),
         0.979,
         3,
         0.970},
        {QStringLiteral("MNIST, four hidden layers of MTJ neurons, device-fd"),
         QStringLiteral("paper-mnist-deep.json"),
         {},
         {1},
         Metric::Test,
         QStringLiteral("deep network trained"),
         0.975,
         3,
         0.965},
    };
    QElapsedTimer total;
    total.start();
    QByteArray table;
    table += quick ? "## The paper's table, quick run (fewer MNIST epochs; thresholds lowered in proportion)\n\n"
                   : "## The paper's table\n\n";
    table += "| Setting | Paper | This run | Threshold | Gradient cosine | |\n|---|---|---|---|---|---|\n";
    bool allPassed = true;
    for (const TableRow& row : rows) {
        Preset preset;
        QStringList overrides = row.overrides;
        if (quick && row.quickEpochs > 0) overrides << QStringLiteral("training.epochs=%1").arg(row.quickEpochs);
        if (Status s = loadPreset(QDir(presetDirectory()).filePath(row.preset), overrides, preset); !s) {
            printError(QStringLiteral("reproduce: ") + QString::fromStdString(s.message()));
            return ExitBadInput;
        }
        QList<double> figures;
        double cosineSum = 0.0;
        int cosineCount = 0;
        for (quint64 seed : row.seeds) {
            preset.training.seed = seed;
            preset.variability.seed = seed;
            const ExperimentResult r = runWithProgress(preset, QStringLiteral("%1 seed %2").arg(row.preset).arg(seed));
            if (!r.status) {
                printError(
                    QStringLiteral("reproduce: %1: %2").arg(row.preset, QString::fromStdString(r.status.message())));
                return ExitInternalFailure;
            }
            figures << (row.metric == Metric::Validation ? r.validationAccuracy : r.testAccuracy);
            if (std::isfinite(r.gradientCosine)) {
                cosineSum += r.gradientCosine;
                ++cosineCount;
            }
        }
        double mean = 0.0;
        for (double f : figures) mean += f / figures.size();
        QString measured = percent(mean);
        if (figures.size() > 1) {
            QStringList each;
            for (int i = 0; i < figures.size(); ++i)
                each << QStringLiteral("seed %1: %2").arg(row.seeds[i]).arg(percent(figures[i]));
            measured += QStringLiteral(" (") + each.join(QStringLiteral(", ")) + QStringLiteral(")");
        }
        measured +=
            row.metric == Metric::Validation ? QStringLiteral(", 5-fold validation") : QStringLiteral(", test set");
        const double threshold = quick ? row.quickThreshold : row.threshold;
        const double cosine = cosineCount > 0 ? cosineSum / cosineCount : none;
        bool passed = !std::isfinite(threshold) || mean >= threshold;
        if (row.gradientAgreement) passed = passed && std::isfinite(cosine) && cosine >= 0.99;
        allPassed = allPassed && passed;
        const QString thresholdText =
            std::isfinite(threshold) ? QStringLiteral(">= ") + percent(threshold) : QStringLiteral("shown");
        const QString cosineText =
            std::isfinite(cosine)
                ? QString::number(cosine, 'f', 4) + (row.gradientAgreement ? QStringLiteral(" (>= 0.99)") : QString())
                : QStringLiteral("n/a");
        const QString verdict = (std::isfinite(threshold) || row.gradientAgreement)
                                    ? (passed ? QStringLiteral("pass") : QStringLiteral("**below**"))
                                    : QString();
        table +=
            QStringLiteral("| %1 (`%2`) | %3 | %4 | %5 | %6 | %7 |\n")
                .arg(row.setting,
                     row.preset + (row.overrides.isEmpty() ? QString() : QStringLiteral(" ") + row.overrides.join(' ')),
                     row.paper, measured, thresholdText, cosineText, verdict)
                .toUtf8();
    }
    {
        bool argumentPassed = true;
        const QByteArray argument = argumentTable(argumentPassed);
        if (argument.isEmpty()) return ExitInternalFailure;
        table += "\n" + argument;
        allPassed = allPassed && argumentPassed;
    }
    table += QStringLiteral("\nTotal %1 s on %2 threads.\n")
                 .arg(total.elapsed() / 1000.0, 0, 'f', 1)
                 .arg(QThread::idealThreadCount())
                 .toUtf8();
    if (const Status written = writeStandardOutput(table); !written) {
        printError(QStringLiteral("reproduce: ") + QString::fromStdString(written.message()));
        return ExitBadInput;
    }
    if (!outPath.isEmpty()) {
        if (const Status written = writeFileAtomically(outPath, table); !written) {
            printError(QStringLiteral("reproduce: ") + QString::fromStdString(written.message()));
            return ExitBadInput;
        }
    }
    if (check && !allPassed) {
        printError(QStringLiteral("reproduce: a figure fell below its threshold (see the table)"));
        return ExitInternalFailure;
    }
    return ExitSuccess;
}

}  // namespace mtj::app
