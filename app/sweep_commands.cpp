// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweep_commands.hpp"

#include <QRegularExpression>
#include <cstdio>

#include "arguments.hpp"
#include "command_line.hpp"
#include "sweep.hpp"

namespace mtj::app {
namespace {

/// Reports on stderr: every run as it starts and ends, with its settings and figure.
class StderrProgress final : public SweepProgress {
public:
    explicit StderrProgress(QString shard) : shard_(std::move(shard)) {}
    void skipped(int finished, int ofShard) override {
        std::fprintf(stderr, "sweep: shard %s: %d runs, %d finished before (skipped)\n", qPrintable(shard_), ofShard,
                     finished);
    }
    void started(const SweepRun& run, int position, int ofShard) override {
        std::fprintf(stderr, "sweep: started %s (%d/%d): %s\n", qPrintable(run.id), position, ofShard,
                     qPrintable(run.assignments.join(QStringLiteral(", "))));
    }
    void finished(const SweepRun& run, const QJsonObject& line) override {
        const QJsonObject final =
            line.value(QStringLiteral("result")).toObject().value(QStringLiteral("final")).toObject();
        const QJsonValue held = final.value(QStringLiteral("validation_accuracy")).isDouble()
                                    ? final.value(QStringLiteral("validation_accuracy"))
                                    : final.value(QStringLiteral("test_accuracy"));
        if (line.contains(QStringLiteral("error"))) {
            std::fprintf(stderr, "sweep: finished %s: failed: %s\n", qPrintable(run.id),
                         qPrintable(line.value(QStringLiteral("error")).toString()));
        } else {
            std::fprintf(stderr, "sweep: finished %s: held-out accuracy %.4f in %.2f s\n", qPrintable(run.id),
                         held.toDouble(std::nan("")), line.value(QStringLiteral("seconds")).toDouble());
        }
    }

    void resumed(const SweepRun& run, int finishedFolds, int epoch) override {
        std::fprintf(stderr, "sweep: continued %s from its checkpoint (%d folds finished, %d epochs of the next)\n",
                     qPrintable(run.id), finishedFolds, epoch);
    }

    void failed(const SweepRun& run, const QString& message) override {
        std::fprintf(stderr, "sweep: failed %s (not recorded, it runs again next time): %s\n", qPrintable(run.id),
                     qPrintable(message));
    }

private:
    QString shard_;
};

int fail(const QString& message) {
    printError(message);
    return ExitBadInput;
}

}  // namespace

int runSweep(const QStringList& args) {
    const QString action = args.value(2);
    if (action != QLatin1String("plan") && action != QLatin1String("run") && action != QLatin1String("merge")) {
        if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
            for (const char* c : {"sweep plan", "sweep run", "sweep merge"})
                std::printf("usage: %s\n", qPrintable(usageOf(QLatin1String(c))));
            return ExitSuccess;
        }
        return fail(QStringLiteral("sweep: '%1': expected plan, run or merge (usage: %2; %3; %4)")
                        .arg(action, usageOf(QStringLiteral("sweep plan")), usageOf(QStringLiteral("sweep run")),
                             usageOf(QStringLiteral("sweep merge"))));
    }
    const QString command = QStringLiteral("sweep ") + action;
    CommandArguments arguments(command, usageOf(command));
    arguments.allowPositional(1);
    if (action == QLatin1String("plan")) arguments.addOption(QStringLiteral("shards"), QStringLiteral("N"));
    if (action == QLatin1String("run")) arguments.addOption(QStringLiteral("shard"), QStringLiteral("I/N"));
    if (action != QLatin1String("plan")) arguments.addOption(QStringLiteral("out"), QStringLiteral("DIR"));
    int exitCode = ExitBadInput;
    if (!parseArguments(arguments, args, 3, exitCode)) return exitCode;
    if (arguments.positional().isEmpty()) {
        arguments.fail(action == QLatin1String("merge") ? QStringLiteral("the sweep's folder is missing")
                                                        : QStringLiteral("the sweep file is missing"));
        return fail(arguments.error());
    }
    const QString input = arguments.positional().first();
    if (action == QLatin1String("merge")) {
        const QString out = arguments.value(QStringLiteral("out"));
        if (out.isEmpty()) {
            arguments.fail(QStringLiteral("--out MAP.json is required"));
            return fail(arguments.error());
        }
        int runs = 0;
        if (Status s = mergeSweep(input, out, runs); !s)
            return fail(command + QStringLiteral(": ") + QString::fromStdString(s.message()));
        std::fprintf(stderr, "sweep: merged %d runs into %s\n", runs, qPrintable(out));
        return ExitSuccess;
    }
    Sweep sweep;
    if (Status s = loadSweep(input, sweep); !s)
        return fail(command + QStringLiteral(": ") + QString::fromStdString(s.message()));
    if (action == QLatin1String("plan")) {
        int shards = 1;
        if (!arguments.integer(QStringLiteral("shards"), 1, 1000000, QStringLiteral("a whole number from 1"), shards))
            return fail(arguments.error());
        QStringList sizes;
        for (const SweepAxis& axis : sweep.axes)
            sizes << QStringLiteral("%1 (%2)").arg(axis.key).arg(axis.values.size());
        std::printf("%d\n", sweep.runCount());
        std::fprintf(stderr, "sweep: %d runs = %s x %zu seeds; %d shards of at most %d runs\n", sweep.runCount(),
                     qPrintable(sizes.join(QStringLiteral(" x "))), sweep.seeds.size(), shards,
                     (sweep.runCount() + shards - 1) / shards);
        return ExitSuccess;
    }
    int shard = 1, shards = 1;
    if (arguments.isSet(QStringLiteral("shard"))) {
        const QString text = arguments.value(QStringLiteral("shard"));
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^(\\d{1,7})/(\\d{1,7})$")).match(text);
        shard = m.hasMatch() ? m.captured(1).toInt() : 0;
        shards = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (shards < 1 || shard < 1 || shard > shards) {
            arguments.fail(QStringLiteral("--shard '%1': must be I/N with 1 <= I <= N").arg(text));
            return fail(arguments.error());
        }
    }
    const QString out = arguments.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        arguments.fail(QStringLiteral("--out DIR is required"));
        return fail(arguments.error());
    }
    StderrProgress progress(QStringLiteral("%1/%2").arg(shard).arg(shards));
    if (Status s = runSweepShard(sweep, shard, shards, out, progress); !s)
        return fail(command + QStringLiteral(": ") + QString::fromStdString(s.message()));
    return ExitSuccess;
}

}  // namespace mtj::app
