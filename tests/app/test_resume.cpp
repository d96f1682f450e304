// SPDX-License-Identifier: GPL-3.0-or-later
// Runs that resume (docs/files.md, "Checkpoints"): `train --checkpoint` killed with SIGKILL at five random epochs and
// run again each time ends with the same JSON as a run never interrupted (its "seconds" aside); a sweep shard killed
// in the middle of a run continues that run and merges to the same map; a checkpoint of another run, a damaged one
// and a cut one are refused with the file and the reason and left as they are. The kill points are drawn afresh each
// time (the draw's seed is printed), and each kill is checked to have landed inside the run.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <algorithm>

#include "../test_files.hpp"
#include "network/checkpoint.hpp"

namespace {

const QString binary = QStringLiteral(MTJ_EXPLORER_BINARY);
const QString iris = QStringLiteral(MTJ_PRESET_DIR "/paper-iris.json");

using mtj::testing::readAll;
using mtj::testing::writeAll;

/// The JSON with every "seconds" (a wall-clock time) set to 0: what must be the same bit for bit.
QString withoutTimings(const QByteArray& json) {
    return QString::fromUtf8(json).replace(QRegularExpression(QStringLiteral(R"("seconds": *[-0-9.e+]+)")),
                                           QStringLiteral("\"seconds\": 0"));
}

/// Epochs completed in a checkpoint file, over all folds (-1: no readable checkpoint yet).
int epochsIn(const QString& path, int epochsPerFold) {
    const QByteArray bytes = readAll(path);
    mtj::ExperimentCheckpoint checkpoint;
    if (bytes.isEmpty() || !mtj::decodeCheckpoint(std::string_view(bytes.constData(), bytes.size()), "c", checkpoint))
        return -1;
    return static_cast<int>(checkpoint.finishedFolds.size()) * epochsPerFold +
           (checkpoint.current ? checkpoint.current->epoch : 0);
}

struct Finished {
    int exitCode = -1;
    QString err;
};

Finished runToEnd(const QStringList& arguments) {
    QProcess process;
    process.start(binary, arguments);
    Finished f;
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        f.err = QStringLiteral("timed out");
        return f;
    }
    f.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    f.err = QString::fromLocal8Bit(process.readAllStandardError());
    return f;
}

/// Starts `arguments` and kills it with SIGKILL once `reached()` holds; false (with `why`) when the process ended
/// first or never reached it.
template <class Reached>
bool killWhen(const QStringList& arguments, Reached reached, QString& why) {
    QProcess process;
    process.start(binary, arguments);
    if (!process.waitForStarted(30000)) {
        why = QStringLiteral("did not start");
        return false;
    }
    QElapsedTimer clock;
    clock.start();
    while (!reached()) {
        if (process.state() != QProcess::Running || clock.elapsed() > 300000) {
            process.waitForFinished(1000);
            why = QStringLiteral("ended before the kill point (exit %1): %2")
                      .arg(process.exitCode())
                      .arg(QString::fromLocal8Bit(process.readAllStandardError()).right(300));
            return false;
        }
        QThread::msleep(2);
    }
    process.kill();  // SIGKILL: no handler, no clean-up, as a power cut or the OOM killer
    process.waitForFinished(30000);
    if (process.exitStatus() != QProcess::CrashExit) {
        why = QStringLiteral("had already ended when it was killed");
        return false;
    }
    return true;
}

}  // namespace

class TestResume : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    quint32 seed_ = 0;

    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        seed_ = QRandomGenerator::system()->generate();
        qInfo("kill points drawn with seed %u", seed_);
    }

    void trainKilledAtFiveRandomEpochsEndsAsIfNeverKilled() {
        // 3 folds x 200 epochs: 600 epochs to kill in (the kill points in the first 90 %, so that the run is still
        // going when the poll, every 2 ms, sees the point reached).
        const int epochs = 200, folds = 3, total = epochs * folds;
        const QStringList run = {"train",
                                 "--preset",
                                 iris,
                                 "--set",
                                 QStringLiteral("training.epochs=%1").arg(epochs),
                                 "--set",
                                 QStringLiteral("training.folds=%1").arg(folds)};
        const QString whole = path(QStringLiteral("whole.json"));
        const Finished uninterrupted = runToEnd(QStringList(run) << "--out" << whole);
        QVERIFY2(uninterrupted.exitCode == 0, qPrintable(uninterrupted.err));

        QRandomGenerator draw(seed_);
        QList<int> points;
        while (points.size() < 5) {
            const int point = 1 + static_cast<int>(draw.bounded(total * 9 / 10));
            if (!points.contains(point)) points << point;
        }
        std::sort(points.begin(), points.end());
        const QString checkpoint = path(QStringLiteral("train.checkpoint"));
        const QString resumed = path(QStringLiteral("resumed.json"));
        const QStringList checkpointed = QStringList(run) << "--checkpoint" << checkpoint << "--out" << resumed;
        int previous = 0;
        for (int point : points) {
            // Under load a kill can land a few epochs past its point, even past the next point: the next kill then
            // waits for an epoch past the one kept (else it would fire at once, before the run moved on).
            point = std::max(point, previous + 1);
            QString why;
            QVERIFY2(killWhen(
                         checkpointed, [&] { return epochsIn(checkpoint, epochs) >= point; }, why),
                     qPrintable(QStringLiteral("kill at epoch %1: %2").arg(point).arg(why)));
            const int kept = epochsIn(checkpoint, epochs);
            QVERIFY2(
                kept >= point && kept > previous && kept < total,
                qPrintable(QStringLiteral("killed at %1 of %2 epochs (asked %3)").arg(kept).arg(total).arg(point)));
            previous = kept;
            QVERIFY(!QFile::exists(resumed));  // killed before the end: no result yet
        }
        const Finished last = runToEnd(checkpointed);
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        QVERIFY2(last.err.contains(QStringLiteral("continued from")), qPrintable(last.err));
        QCOMPARE(withoutTimings(readAll(resumed)), withoutTimings(readAll(whole)));
        // Run once more with the finished checkpoint: it ends at once with the same results.
        QVERIFY(QFile::remove(resumed));
        QCOMPARE(runToEnd(checkpointed).exitCode, 0);
        QCOMPARE(withoutTimings(readAll(resumed)), withoutTimings(readAll(whole)));
    }

    void checkpointsThatDoNotFitAreRefusedAndKept() {
        const QStringList run = {"train", "--preset", iris, "--set", "training.epochs=3", "--set", "training.folds=2"};
        const QString checkpoint = path(QStringLiteral("small.checkpoint"));
        QCOMPARE(runToEnd(QStringList(run) << "--checkpoint" << checkpoint << "--out" << path("small.json")).exitCode,
                 0);
        const QByteArray good = readAll(checkpoint);
        // The codec: read and written again, the same bytes.
        mtj::ExperimentCheckpoint decoded;
        QVERIFY(mtj::decodeCheckpoint(std::string_view(good.constData(), good.size()), "c", decoded));
        QCOMPARE(QByteArray::fromStdString(mtj::encodeCheckpoint(decoded)), good);
        // The last one: the first fold finished, the second at the end of its third epoch.
        QCOMPARE(decoded.finishedFolds.size(), std::size_t(1));
        QVERIFY(decoded.current.has_value());
        QCOMPARE(decoded.current->epoch, 3);
        // Put together by hand, with a valid checksum: refused with what does not fit, never a crash.
        const auto crafted = [&](auto change) {
            mtj::ExperimentCheckpoint c = decoded;
            change(*c.current);
            return QByteArray::fromStdString(mtj::encodeCheckpoint(c));
        };
        const QList<QPair<QByteArray, QString>> impossible = {
            {crafted([](mtj::TrainerState& t) { t.onDevices = false; }), QStringLiteral("model network")},
            {crafted([](mtj::TrainerState& t) { t.optimizer.second = {}; }), QStringLiteral("moments")},
            {crafted([](mtj::TrainerState& t) { t.confusion = Eigen::MatrixXi::Zero(3, 2); }),
             QStringLiteral("confusion")},
            {crafted([](mtj::TrainerState& t) { t.epochsWithoutImprovement = -1; }), QStringLiteral("counters")},
            {crafted([](mtj::TrainerState& t) { t.network.weights[0].resize(2, 2); }), QStringLiteral("shape")}};
        for (const auto& [bytes, reason] : impossible) {
            QVERIFY(writeAll(checkpoint, bytes));
            const Finished refused = runToEnd(QStringList(run) << "--checkpoint" << checkpoint);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(reason), qPrintable(refused.err));
            QCOMPARE(readAll(checkpoint), bytes);
        }
        QVERIFY(writeAll(checkpoint, good));
        // Another run's (another seed): refused, named, and left as it was.
        const Finished other = runToEnd(QStringList(run) << "--set"
                                                         << "training.seed=7"
                                                         << "--checkpoint" << checkpoint);
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains(checkpoint) && other.err.contains(QStringLiteral("another run")),
                 qPrintable(other.err));
        QCOMPARE(readAll(checkpoint), good);
        // Damaged (one byte changed) and cut short: refused with the reason.
        QByteArray damaged = good;
        damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x20);
        const QList<QPair<QByteArray, QString>> broken = {{damaged, QStringLiteral("checksum")},
                                                          {good.left(good.size() - 100), QStringLiteral("checksum")},
                                                          {good.left(10), QStringLiteral("not an MTJ Explorer")},
                                                          {QByteArray("{}"), QStringLiteral("not an MTJ Explorer")}};
        for (const auto& [bytes, reason] : broken) {
            QVERIFY(writeAll(checkpoint, bytes));
            const Finished refused = runToEnd(QStringList(run) << "--checkpoint" << checkpoint);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(checkpoint) && refused.err.contains(reason), qPrintable(refused.err));
            QCOMPARE(readAll(checkpoint), bytes);
        }
    }

    void aSweepShardReplacesACheckpointItCannotRead() {
        // The shard's own file, damaged (a disk error, another version's format): the run starts afresh over it
        // instead of failing on it forever.
        const QString sweepFile = path(QStringLiteral("damaged-sweep.json"));
        QVERIFY(writeAll(sweepFile, QStringLiteral(R"({"schema": "mtj-explorer/sweep-1", "name": "damaged",
            "base": "%1", "set": ["training.epochs=3", "training.folds=2"],
            "axes": [{"key": "training.gradient", "values": ["tanh"]}], "seeds": [1]})")
                                        .arg(iris)
                                        .toUtf8()));
        const QString out = path(QStringLiteral("damaged-out"));
        QVERIFY(QDir().mkpath(out));
        QVERIFY(writeAll(out + QStringLiteral("/shard-1-of-1.checkpoint"), "MTJ-EXPLORER-CHECKPOINT\nnot one at all"));
        const Finished ran = runToEnd({"sweep", "run", sweepFile, "--out", out});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
        QCOMPARE(readAll(out + QStringLiteral("/shard-1-of-1.jsonl")).count('\n'), 1);
    }

    void aSweepShardKilledInARunContinuesIt() {
        // Two runs of 2 folds x 150 epochs; the shard is killed three times inside a run's training.
        const QString sweepFile = path(QStringLiteral("resume-sweep.json"));
        QVERIFY(writeAll(sweepFile, QStringLiteral(R"({"schema": "mtj-explorer/sweep-1", "name": "resume",
            "base": "%1", "set": ["training.epochs=150", "training.folds=2"],
            "axes": [{"key": "training.gradient", "values": ["device-fd", "nominal-model"]}], "seeds": [3]})")
                                        .arg(iris)
                                        .toUtf8()));
        const QString whole = path(QStringLiteral("sweep-whole")), cut = path(QStringLiteral("sweep-cut"));
        QCOMPARE(runToEnd({"sweep", "run", sweepFile, "--out", whole}).exitCode, 0);
        const QString checkpoint = cut + QStringLiteral("/shard-1-of-1.checkpoint");
        QRandomGenerator draw(seed_ + 1);
        QString continued;
        for (int kill = 0; kill < 3; ++kill) {
            const int point = 1 + static_cast<int>(draw.bounded(270));
            QString why;
            const bool killed = killWhen(
                {"sweep", "run", sweepFile, "--out", cut}, [&] { return epochsIn(checkpoint, 150) >= point; }, why);
            QVERIFY2(killed, qPrintable(QStringLiteral("kill %1 at epoch %2: %3").arg(kill).arg(point).arg(why)));
        }
        const Finished last = runToEnd({"sweep", "run", sweepFile, "--out", cut});
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        QVERIFY2(last.err.contains(QStringLiteral("from its checkpoint")), qPrintable(last.err));
        QVERIFY(!QFile::exists(checkpoint));  // done with once its run is recorded
        const QString mapWhole = path(QStringLiteral("map-whole.json")), mapCut = path(QStringLiteral("map-cut.json"));
        QCOMPARE(runToEnd({"sweep", "merge", whole, "--out", mapWhole}).exitCode, 0);
        QCOMPARE(runToEnd({"sweep", "merge", cut, "--out", mapCut}).exitCode, 0);
        QCOMPARE(withoutTimings(readAll(mapCut)), withoutTimings(readAll(mapWhole)));
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "test_resume.moc"
