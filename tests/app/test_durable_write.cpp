// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost (docs/files.md, "Writes that cannot fail silently"): every output of every command, run with a
// file-size limit of 1, 2, 4 and 8 KiB and of one byte below its own size (5 % below for an output whose size changes
// from run to run), exits 2 with the file and the reason and leaves the previous file byte for byte; standard output
// redirected to a file is checked the same way; a shard's appended lines are never left cut. The limits are set on
// the child alone (setrlimit RLIMIT_FSIZE). Each case first runs without a limit to measure the output, so the case
// cannot pass by writing nothing; an output under 1 KiB (bench's) is cut by the last limit alone. And the size check
// itself: a write(2) that reports more than it wrote (what a buffered layer that loses a short write does) is caught
// by the size on disk, for a replaced file, an append and a redirected descriptor.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../test_files.hpp"
#include "common/durable_file.hpp"
#include "exports.hpp"

namespace {

struct Outcome {
    int exitCode = -1;
    bool crashed = false;
    QString err;
};

Outcome runLimited(const QStringList& arguments, qint64 sizeLimit, const QString& standardOutputFile = {}) {
    QProcess process;
    if (!standardOutputFile.isEmpty()) process.setStandardOutputFile(standardOutputFile);
    if (sizeLimit > 0) {
        process.setChildProcessModifier([sizeLimit] {
            const struct rlimit limit { static_cast<rlim_t>(sizeLimit), static_cast<rlim_t>(sizeLimit) };
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    process.start(QStringLiteral(MTJ_EXPLORER_BINARY), arguments);
    Outcome outcome;
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        outcome.err = QStringLiteral("timed out");
        return outcome;
    }
    outcome.crashed = process.exitStatus() == QProcess::CrashExit;
    outcome.exitCode = process.exitCode();
    outcome.err = QString::fromLocal8Bit(process.readAllStandardError());
    return outcome;
}

using mtj::testing::readAll;
using mtj::testing::writeAll;

/// The limits the issue names, and one byte below the output's own size; only those below it.
QList<qint64> limitsBelow(qint64 size) {
    QList<qint64> limits;
    for (qint64 limit : {1024, 2048, 4096, 8192, static_cast<int>(size - 1)})
        if (limit < size && !limits.contains(limit)) limits << limit;
    return limits;
}

/// Reports what it was asked to write while writing only half of it: the short write a buffered layer can lose.
ssize_t lyingWrite(int fd, const void* data, std::size_t size) {
    const std::size_t half = size / 2;
    if (half > 0 && ::write(fd, data, half) < 0) return -1;
    return static_cast<ssize_t>(size);
}

}  // namespace

class TestDurableWrite : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    /// Temporaries the writer might have left beside `target`.
    QStringList leftovers(const QString& target) const {
        const QFileInfo info(target);
        return info.dir().entryList({info.fileName() + QStringLiteral(".tmp-*")}, QDir::Files | QDir::Hidden);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        std::signal(SIGXFSZ, SIG_IGN);  // as the program does: a file-size limit is an error to report
    }

    void theSizeCheckSeesAWriteThatLies() {
        const QByteArray previous = "the previous contents\n";
        const QByteArray meant(10000, 'x');
        const QString file = path(QStringLiteral("lied.csv"));
        QVERIFY(writeAll(file, previous));
        mtj::durable_file_testing::setWriteCall(lyingWrite);
        const mtj::Status replaced = mtj::writeFileDurably(file.toStdString(), meant.toStdString());
        const mtj::Status appended = mtj::appendDurably(file.toStdString(), meant.toStdString());
        const QString redirected = path(QStringLiteral("stdout.txt"));
        const int fd = ::open(QFile::encodeName(redirected).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const mtj::Status descriptor = mtj::writeDescriptorDurably(fd, meant.toStdString(), "standard output");
        ::close(fd);
        mtj::durable_file_testing::setWriteCall(nullptr);

        QVERIFY2(!replaced, "a replaced file cut to half was reported written");
        QVERIFY2(QString::fromStdString(replaced.message()).contains(QStringLiteral("cut write")),
                 replaced.message().c_str());
        QVERIFY2(!appended, "an append cut to half was reported written");
        QVERIFY2(!descriptor, "a redirected standard output cut to half was reported written");
        QVERIFY2(QString::fromStdString(descriptor.message()).contains(QStringLiteral("standard output")),
                 descriptor.message().c_str());
        QCOMPARE(readAll(file), previous);  // the replace kept it, the append cut back to it
        QVERIFY(leftovers(file).isEmpty());
        // And with write(2) again, the same calls succeed and the disk holds every byte.
        QVERIFY(mtj::writeFileDurably(file.toStdString(), meant.toStdString()));
        QCOMPARE(readAll(file), meant);
        QVERIFY(mtj::appendDurably(file.toStdString(), "tail\n"));
        QCOMPARE(readAll(file), meant + "tail\n");
    }

    void everyCommandRefusesACutWrite_data() {
        QTest::addColumn<QStringList>("arguments");  // {out} stands for the output path
        QTest::addColumn<bool>("toStandardOutput");  // the output goes to standard output, redirected to {out}
        QTest::addColumn<bool>("sameSize");          // false: its size changes from run to run (timings, fonts)
        const QString presets = QStringLiteral(MTJ_PRESET_DIR);
        const QString iris = presets + QStringLiteral("/paper-iris.json");
        const QString shortRun = QStringLiteral("training.epochs=3");
        QTest::newRow("curve --out") << QStringList{"curve", "--preset", presets + "/default.json", "--points", "201",
                                                    "--out", "{out}"}
                                     << false << true;
        QTest::newRow("curve > file") << QStringList{"curve", "--preset", presets + "/default.json", "--points", "201"}
                                      << true << true;
        // train and sweep merge report seconds: their size changes from run to run (by a byte or two under load).
        QTest::newRow("train --out") << QStringList{"train", "--preset", iris, "--set", shortRun, "--out", "{out}"}
                                     << false << false;
        QTest::newRow("train > file") << QStringList{"train", "--preset", iris, "--set", shortRun} << true << false;
        QTest::newRow("screenshot --out")
            << QStringList{"screenshot", "--preset", presets + "/default.json", "--view", "device", "--size", "640x480",
                           "--out",      "{out}"}
            << false << false;
        QTest::newRow("sweep merge --out")
            << QStringList{"sweep", "merge", "{sweep}", "--out", "{out}"} << false << false;
        // The two slow ones (about 30 s and 45 s a run): every limit below their output, which for bench (its JSON
        // is under 1 KiB) is the last one alone. They take minutes, so CTest runs them in the long tier
        // (test_durable_write_long, docs/developing.md) and the quick entry sets MTJ_SKIP_LONG_ROWS to leave them out.
        if (qEnvironmentVariableIntValue("MTJ_SKIP_LONG_ROWS") == 1) return;
        QTest::newRow("reproduce --out") << QStringList{"reproduce", "--quick", "--out", "{out}"} << false << true;
        QTest::newRow("bench --out") << QStringList{"bench", "--out", "{out}"} << false << false;
    }

    void everyCommandRefusesACutWrite() {
        QFETCH(QStringList, arguments);
        QFETCH(bool, toStandardOutput);
        QFETCH(bool, sameSize);
        if (arguments.contains(QStringLiteral("{sweep}"))) {
            // A merged map needs a finished sweep: two short runs, run once without a limit.
            const QString sweepFile = path(QStringLiteral("two-runs.json"));
            QVERIFY(writeAll(sweepFile, QStringLiteral(R"({"schema": "mtj-explorer/sweep-1", "name": "two runs",
                "base": "%1/paper-iris.json", "set": ["training.epochs=2", "training.folds=2"],
                "axes": [{"key": "training.gradient", "values": ["tanh", "nominal-model"]}], "seeds": [1]})")
                                            .arg(QStringLiteral(MTJ_PRESET_DIR))
                                            .toUtf8()));
            const QString sweepDir = path(QStringLiteral("two-runs"));
            const Outcome ran = runLimited({"sweep", "run", sweepFile, "--out", sweepDir}, 0);
            QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
            arguments.replaceInStrings(QStringLiteral("{sweep}"), sweepDir);
        }
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QRegularExpression("[^a-z]+"), "-");
        // The output's size, written without a limit.
        const QString measured = path(tag + QStringLiteral("-measured"));
        QStringList measuring = arguments;
        measuring.replaceInStrings(QStringLiteral("{out}"), measured);
        const Outcome free = runLimited(measuring, 0, toStandardOutput ? measured : QString());
        QVERIFY2(free.exitCode == 0, qPrintable(free.err));
        const qint64 size = QFileInfo(measured).size();
        QVERIFY2(size > 100, qPrintable(QStringLiteral("the output is only %1 bytes").arg(size)));
        // One byte below the output's size; for an output whose size changes from run to run (bench's timings, a
        // screenshot's antialiasing) 5 % below, so that the limit is below the next run's output too.
        const qint64 below = sameSize ? size - 1 : size - std::max<qint64>(2, size / 20);
        QList<qint64> limits = limitsBelow(size);
        limits.removeAll(size - 1);
        limits << below;
        for (qint64 limit : limits) {
            const QString out = path(tag + QStringLiteral("-out"));
            const QByteArray previous =
                QByteArray("the previous output, kept through the limit of ") + QByteArray::number(limit) + " bytes\n";
            QVERIFY(writeAll(out, previous));
            QStringList limited = arguments;
            limited.replaceInStrings(QStringLiteral("{out}"), out);
            const Outcome cut = runLimited(limited, limit, toStandardOutput ? out : QString());
            const QString where = QStringLiteral("limit %1 of %2 bytes: exit %3, %4")
                                      .arg(limit)
                                      .arg(size)
                                      .arg(cut.exitCode)
                                      .arg(cut.err.right(400));
            QVERIFY2(!cut.crashed, qPrintable(where));
            if (!sameSize && cut.exitCode == 0 && QFileInfo(out).size() <= limit) {
                // This run's output was smaller and fitted: then it must be whole (a PNG that loads, JSON that
                // parses), never a cut one.
                const QByteArray written = readAll(out);
                QVERIFY2(QJsonDocument::fromJson(written).isObject() ||
                             (written.startsWith("\x89PNG") && written.endsWith("IEND\xae\x42\x60\x82")),
                         qPrintable(where + QStringLiteral(": a cut output reported as written")));
                continue;
            }
            QVERIFY2(cut.exitCode == 2, qPrintable(where));
            QVERIFY2(cut.err.contains(QStringLiteral("too large")), qPrintable(where));  // the system's reason
            if (toStandardOutput) {
                QVERIFY2(cut.err.contains(QStringLiteral("standard output")), qPrintable(where));
            } else {
                QVERIFY2(cut.err.contains(out), qPrintable(where));
                QVERIFY2(readAll(out) == previous, qPrintable(where));
                QVERIFY2(leftovers(out).isEmpty(), qPrintable(where + leftovers(out).join(' ')));
            }
        }
    }

    void aShardsLinesAreNeverCut() {
        // sweep run appends one line per finished run: under a limit it stops with exit 2 and the file holds only
        // whole lines, which a run without the limit then completes to the same map as an uncut run. Each line keeps
        // the run's epochs, so that a line is larger than the run's checkpoint: the append is the write that fails.
        const QString sweepFile = path(QStringLiteral("four-runs.json"));
        QVERIFY(writeAll(sweepFile, QStringLiteral(R"({"schema": "mtj-explorer/sweep-1", "name": "four runs",
            "base": "%1/paper-iris.json", "set": ["training.epochs=100", "training.folds=2"],
            "axes": [{"key": "training.gradient", "values": ["tanh", "nominal-model"]}], "seeds": [1, 2],
            "keep": ["final", "epochs"]})")
                                        .arg(QStringLiteral(MTJ_PRESET_DIR))
                                        .toUtf8()));
        const QString whole = path(QStringLiteral("four-whole"));
        QCOMPARE(runLimited({"sweep", "run", sweepFile, "--out", whole}, 0).exitCode, 0);
        const QString shard = QStringLiteral("/shard-1-of-1.jsonl");
        const QByteArray wholeLines = readAll(whole + shard);
        QCOMPARE(wholeLines.count('\n'), 4);
        // The plan is there already (the same sweep's), and the limit falls inside the second line.
        const QString cutDir = path(QStringLiteral("four-cut"));
        QVERIFY(QDir().mkpath(cutDir));
        QVERIFY(QFile::copy(whole + QStringLiteral("/plan.json"), cutDir + QStringLiteral("/plan.json")));
        const qint64 limit = wholeLines.indexOf('\n') + 1 + 10;
        const Outcome cut = runLimited({"sweep", "run", sweepFile, "--out", cutDir}, limit);
        QVERIFY2(cut.exitCode == 2, qPrintable(cut.err));
        QVERIFY2(cut.err.contains(cutDir + shard) && cut.err.contains(QStringLiteral("too large")),
                 qPrintable(cut.err));
        const QByteArray kept = readAll(cutDir + shard);
        QCOMPARE(kept.count('\n'), 1);  // the first run's line, whole; nothing of the second
        QVERIFY2(kept.endsWith('\n'), kept.right(80).constData());
        QVERIFY(QJsonDocument::fromJson(kept).isObject());
        QCOMPARE(runLimited({"sweep", "run", sweepFile, "--out", cutDir}, 0).exitCode, 0);
        const QString mapWhole = path(QStringLiteral("map-whole.json")), mapCut = path(QStringLiteral("map-cut.json"));
        QCOMPARE(runLimited({"sweep", "merge", whole, "--out", mapWhole}, 0).exitCode, 0);
        QCOMPARE(runLimited({"sweep", "merge", cutDir, "--out", mapCut}, 0).exitCode, 0);
        const auto withoutSeconds = [](const QByteArray& map) {
            return QString::fromUtf8(map).replace(QRegularExpression(R"("seconds": *[-0-9.e+]+)"), R"("seconds": 0)");
        };
        QCOMPARE(withoutSeconds(readAll(mapCut)), withoutSeconds(readAll(mapWhole)));
    }

    void theAppWriterUnderALimit() {
        // The window's saves (presets, sessions, lessons, exports, autosaves) call the same writer in this process:
        // the limit set here, on this process, must be reported and the previous file kept.
        const QString file = path(QStringLiteral("window-save.json"));
        QVERIFY(writeAll(file, "previous\n"));
        struct rlimit saved {};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        const struct rlimit limit { 4096, saved.rlim_max };
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
        const mtj::Status written = mtj::app::writeFileAtomically(file, QByteArray(5000, 'y'));
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &saved) == 0);
        QVERIFY(!written);
        QVERIFY2(QString::fromStdString(written.message()).contains(QStringLiteral("too large")),
                 written.message().c_str());
        QCOMPARE(readAll(file), QByteArray("previous\n"));
    }
};

QTEST_GUILESS_MAIN(TestDurableWrite)
#include "test_durable_write.moc"
