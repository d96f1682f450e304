// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile input, as the trust issue lists it: presets, sessions, CSV and IDX files and command-line values that are
// malformed, absurd, huge or not files at all. Every case runs the real binary (or the session reader) and must end
// with exit 2 and a message naming the file, the key or the line: never a crash, a hang or a silent result. And
// outputs that cannot be written (a missing folder, a folder as the path, a file-size limit, a full standard output,
// a symbolic link) fail with exit 2 and leave the previous file byte for byte.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <unistd.h>

#include "session.hpp"

namespace {

struct Result {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

Result run(const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           const QString& standardOutputFile = {}, int timeoutMs = 120000) {
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!standardOutputFile.isEmpty()) process.setStandardOutputFile(standardOutputFile);
    process.start(QStringLiteral(MTJ_EXPLORER_BINARY), arguments);
    Result r;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.crashed = process.exitStatus() == QProcess::CrashExit;
    r.exitCode = process.exitCode();
    r.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(process.readAllStandardError());
    return r;
}

QString deepJson(int depth) {
    return QString("{\"device\": ") + QString("[").repeated(depth) + QString("]").repeated(depth) + "}";
}

}  // namespace

class TestHostileInput : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString write(const QString& name, const QByteArray& bytes) {
        QFile file(dir_.filePath(name));
        if (!file.open(QIODevice::WriteOnly)) return {};
        file.write(bytes);
        return file.fileName();
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void refusedWithExitTwoAndAMessage_data() {
        QTest::addColumn<QString>("file");           // a preset file body to write as case.json ("" = none)
        QTest::addColumn<QStringList>("arguments");  // {file} stands for the written file
        QTest::addColumn<QString>("expected");       // in the message
        const QStringList curve = {"curve", "--preset", "{file}", "--points", "5"};
        auto preset = [&](const char* name, const QString& json, const QString& expected) {
            QTest::newRow(name) << json << curve << expected;
        };
        auto set = [&](const char* name, const QString& assignment, const QString& expected) {
            QTest::newRow(name) << QString("{}") << (QStringList(curve) << "--set" << assignment) << expected;
        };
        // Presets: structure.
        preset("not JSON", "{\"device\": ", "not valid JSON");
        preset("empty file", "", "not valid JSON");
        preset("array at the top", "[1, 2, 3]", "top level must be a JSON object");
        preset("number at the top", "42", "not valid JSON");
        preset("misspelt empty section", "{\"devise\": {}}", "unknown section 'devise'");
        preset("misspelt section", "{\"drvie\": {\"x_min\": 0}}", "unknown section 'drvie'");
        preset("unknown top-level key", "{\"colour\": \"red\"}", "unknown key 'colour'");
        preset("unknown device key", "{\"device\": {\"alpah\": 0.1}}", "device.alpah");
        preset("truncated", "{\"device\": {\"alpha\": 0.0", "not valid JSON");
        preset("deep nesting", deepJson(5000), "");
        preset("wrong schema", "{\"schema\": \"mtj-explorer/preset-9\"}", "schema");
        preset("schema a number", "{\"schema\": 1}", "schema");
        // Presets: types.
        preset("alpha as text", "{\"device\": {\"alpha\": \"0.01\"}}", "device.alpha");
        preset("alpha as array", "{\"device\": {\"alpha\": [0.01]}}", "device.alpha");
        preset("alpha null", "{\"device\": {\"alpha\": null}}", "device.alpha");
        preset("alpha true", "{\"device\": {\"alpha\": true}}", "device.alpha");
        preset("axis of two", "{\"device\": {\"easy_axis\": [1, 0]}}", "device.easy_axis");
        preset("axis of text", "{\"device\": {\"easy_axis\": [\"x\", 0, 0]}}", "device.easy_axis");
        preset("zero axis", "{\"drive\": {\"input_axis\": [0, 0, 0]}}", "drive.input_axis");
        preset("input unknown", "{\"drive\": {\"input\": \"voltage\"}}", "drive.input");
        preset("reset unknown", "{\"readout\": {\"reset\": \"middle\"}}", "readout.reset");
        preset("scheme unknown", "{\"derivative\": {\"scheme\": \"backward\"}}", "derivative.scheme");
        preset("epochs fractional", "{\"training\": {\"epochs\": 2.5}}", "training.epochs");
        preset("hidden not a list", "{\"network\": {\"hidden\": 16}}", "network.hidden");
        preset("hidden with zero", "{\"network\": {\"hidden\": [16, 0]}}", "network.hidden");
        // Presets: physically absurd values.
        preset("huge number", "{\"device\": {\"Ms_kA_per_m\": 1e308}}", "device.Ms_kA_per_m");
        preset("overflowing number", "{\"device\": {\"alpha\": 1e999}}", "");
        preset("negative thickness", "{\"device\": {\"thickness_nm\": -1}}", "device.thickness_nm");
        preset("zero diameter", "{\"device\": {\"diameter_nm\": 0}}", "device.diameter_nm");
        preset("negative temperature", "{\"device\": {\"temperature_K\": -3}}", "device.temperature_K");
        preset("negative damping", "{\"device\": {\"alpha\": -0.01}}", "device.alpha");
        preset("polarisation one", "{\"device\": {\"polarization\": 1.5}}", "device.polarization");
        preset("negative resistance-area", "{\"device\": {\"RA_ohm_um2\": -5}}", "device.RA_ohm_um2");
        preset("empty input range", "{\"drive\": {\"x_min\": 1, \"x_max\": 1}}", "drive.x_max");
        preset("reversed input range", "{\"drive\": {\"x_min\": 2, \"x_max\": -2}}", "drive.x_max");
        preset("negative settle time", "{\"readout\": {\"settle_ns\": -1}}", "readout.settle_ns");
        preset("negative rise time", "{\"readout\": {\"input_rise_ns\": -1}}", "readout.input_rise_ns");
        preset("negative step", "{\"derivative\": {\"step\": -0.05}}", "derivative.step");
        preset("negative read noise", "{\"derivative\": {\"read_noise\": -1}}", "derivative.read_noise");
        preset("negative spread", "{\"variability\": {\"relative_sigma\": -0.1}}", "variability.relative_sigma");
        preset("zero learning rate", "{\"training\": {\"learning_rate\": 0}}", "training.learning_rate");
        preset("zero batch", "{\"training\": {\"batch_size\": 0}}", "training.batch_size");
        // Command-line values.
        set("--set NaN", "device.alpha=nan", "not a finite number");
        set("--set infinity", "drive.field_mT=inf", "not a finite number");
        set("--set minus infinity", "drive.field_mT=-inf", "not a finite number");
        set("--set text", "device.alpha=lots", "is not a number");
        set("--set unknown", "device.colour=red", "unknown key 'device.colour'");
        set("--set without value", "device.alpha", "expected KEY=VALUE");
        set("--set empty key", "=3", "expected KEY=VALUE");
        set("--set vector not array", "device.easy_axis=1", "device.easy_axis");
        set("--set 1e308 field", "drive.field_mT=1e308", "drive.field_mT");
        set("--set negative temperature", "device.temperature_K=-1", "device.temperature_K");
        QTest::newRow("--points zero") << QString("{}") << QStringList{"curve", "--preset", "{file}", "--points", "0"}
                                       << "--points";
        QTest::newRow("--points text") << QString("{}")
                                       << QStringList{"curve", "--preset", "{file}", "--points", "many"} << "--points";
        QTest::newRow("--points huge") << QString("{}")
                                       << QStringList{"curve", "--preset", "{file}", "--points", "100000000000"}
                                       << "--points";
        QTest::newRow("--points missing value")
            << QString("{}") << QStringList{"curve", "--preset", "{file}", "--points"} << "needs a value";
        QTest::newRow("unknown option") << QString("{}") << QStringList{"curve", "--preset", "{file}", "--frobnicate"}
                                        << "unknown argument";
        QTest::newRow("unknown subcommand") << QString() << QStringList{"curves"} << "";
        QTest::newRow("preset missing") << QString() << QStringList{"curve", "--preset", "/nonexistent/p.json"}
                                        << "/nonexistent/p.json";
        QTest::newRow("preset a folder") << QString() << QStringList{"curve", "--preset", "/tmp"} << "/tmp";
        QTest::newRow("preset /dev/zero") << QString() << QStringList{"curve", "--preset", "/dev/zero"} << "/dev/zero";
        QTest::newRow("train preset missing")
            << QString() << QStringList{"train", "--preset", "/nonexistent/p.json"} << "/nonexistent/p.json";
        QTest::newRow("train epochs NaN")
            << QString("{}") << QStringList{"train", "--preset", "{file}", "--set", "training.epochs=nan"}
            << "training.epochs";
        QTest::newRow("screenshot bad view")
            << QString("{}") << QStringList{"screenshot", "--preset", "{file}", "--view", "side", "--out", "x.png"}
            << "--view";
        QTest::newRow("screenshot bad size")
            << QString("{}")
            << QStringList{"screenshot", "--preset", "{file}", "--view", "device", "--out", "x.png", "--size", "10x10"}
            << "--size";
        QTest::newRow("screenshot missing folder")
            << QString("{}")
            << QStringList{"screenshot", "--preset", "{file}", "--view", "device", "--out", "/nonexistent/x.png"}
            << "does not exist";
        // Training data: CSV and IDX files.
        QTest::newRow("csv missing")
            << QString("{\"training\": {\"dataset\": \"csv:/nonexistent/data.csv\", \"epochs\": 1}}")
            << QStringList{"train", "--preset", "{file}"} << "/nonexistent/data.csv";
        QTest::newRow("csv /dev/zero") << QString("{\"training\": {\"dataset\": \"csv:/dev/zero\", \"epochs\": 1}}")
                                       << QStringList{"train", "--preset", "{file}"} << "/dev/zero";
        QTest::newRow("csv a folder") << QString("{\"training\": {\"dataset\": \"csv:/tmp\", \"epochs\": 1}}")
                                      << QStringList{"train", "--preset", "{file}"} << "/tmp";
    }
    void refusedWithExitTwoAndAMessage() {
        QFETCH(QString, file);
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const QString path = write(QStringLiteral("case.json"), file.toUtf8());
        for (QString& a : arguments) a.replace(QStringLiteral("{file}"), path);
        const Result r = run(arguments);
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("mtj-explorer")) && r.err.contains(expected), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());  // no half result on standard output
    }

    void hugeAndGarbageFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe\x01\x89PNG\r\n", 10) << "not valid JSON";
        QTest::newRow("100 MB of spaces") << QByteArray(100 * 1024 * 1024, ' ') << "larger than 4 MiB";
        QTest::newRow("invalid UTF-8 in a string") << QByteArray("{\"name\": \"\xc3\x28\"}") << "";
    }
    void hugeAndGarbageFilesAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString path = write(QStringLiteral("garbage.json"), bytes);
        const Result r = run({"curve", "--preset", path, "--points", "5"});
        QVERIFY(!r.crashed);
        // Invalid UTF-8 inside a string is replaced by Qt's reader and the rest is a valid preset: either a clean
        // refusal or a clean success, never a crash.
        if (expected.isEmpty()) {
            QVERIFY2(r.exitCode == 0 || r.exitCode == 2, qPrintable(r.err));
        } else {
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(expected) && r.err.contains(path), qPrintable(r.err));
        }
    }

    void brokenTrainingDataIsRefusedWithItsLine_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text in a feature") << QByteArray("a,b,label\n1,2,0\nx,2,1\n") << ":3: column 'a'";
        QTest::newRow("NaN feature") << QByteArray("a,b,label\n1,2,0\nnan,2,1\n") << ":3: column 'a'";
        QTest::newRow("ragged row") << QByteArray("a,b,label\n1,2,0\n1,1\n") << ":3:";
        QTest::newRow("beyond a float (found by fuzzing)")
            << QByteArray("a,b,label\n1,2,0\n3111111111111111111111111111111111111111111.4,2,1\n") << ":3: column 'a'";
        QTest::newRow("empty") << QByteArray("") << "";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03", 4) << "";
    }
    void brokenTrainingDataIsRefusedWithItsLine() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        const QString data = write(QStringLiteral("data.csv"), csv);
        const QString preset =
            write(QStringLiteral("csv-preset.json"), QByteArray("{\"training\": {\"dataset\": \"csv:") + data.toUtf8() +
                                                         "\", \"epochs\": 1, \"folds\": 2}}");
        const Result r = run({"train", "--preset", preset});
        QVERIFY(!r.crashed);
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(data) && r.err.contains(expected), qPrintable(r.err));
    }

    void brokenIdxFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated header") << QByteArray("\x00\x00\x08\x03\x00", 5) << "train-images";
        QTest::newRow("wrong magic") << QByteArray("\x12\x34\x56\x78\x00\x00\x00\x01\x00\x00\x00\x1c\x00\x00\x00\x1c",
                                                   16)
                                     << "train-images";
        QTest::newRow("sizes beyond the data")
            << QByteArray("\x00\x00\x08\x03\x7f\xff\xff\xff\x00\x00\x00\x1c\x00\x00\x00\x1c", 16) << "train-images";
        QTest::newRow("garbage") << QByteArray(1000, '\x5a') << "train-images";
    }
    void brokenIdxFilesAreRefused() {
        QFETCH(QByteArray, images);
        QFETCH(QString, expected);
        QTemporaryDir mnist;
        for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"}) {
            QFile f(mnist.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(images);
        }
        const QString preset = write(QStringLiteral("mnist-preset.json"),
                                     "{\"training\": {\"dataset\": \"mnist\", \"epochs\": 1, \"folds\": 0}}");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("MTJ_MNIST_DIR"), mnist.path());
        const Result r = run({"train", "--preset", preset}, environment);
        QVERIFY(!r.crashed);
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void brokenSessionsAreRefusedByTheReader_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not JSON") << QByteArray("{\"schema\": ");
        QTest::newRow("wrong schema") << QByteArray("{\"schema\": \"mtj-explorer/preset-1\"}");
        QTest::newRow("runs not a list") << QByteArray("{\"schema\": \"mtj-explorer/session-1\", \"runs\": 3}");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3);
        QTest::newRow("deep nesting") << deepJson(4000).toUtf8();
    }
    void brokenSessionsAreRefusedByTheReader() {
        QFETCH(QByteArray, json);
        const QString path = write(QStringLiteral("session.json"), json);
        mtj::app::Session session;
        const mtj::Status s = mtj::app::loadSession(path, session);
        QVERIFY(!s);
        QVERIFY2(QString::fromStdString(s.message()).contains(path), s.message().c_str());
        QVERIFY(!mtj::app::loadSession(QStringLiteral("/dev/zero"), session));
        QVERIFY(!mtj::app::loadSession(dir_.path(), session));
    }

    void absurdButWellFormedSettingsAreComputedAndFlagged() {
        // Zero damping with spin torque, the largest field and current the ranges allow, the longest windows: each is
        // computed within its bounds, every y is a number, and a derivative left out is left out where the reading
        // precesses (flagged in the state column), never a silent NaN.
        const QStringList cases = {"device.alpha=0",    "drive.field_mT=10000",    "drive.bias_current_uA=5000",
                                   "device.Hk_mT=1000", "readout.average_ns=1000", "device.temperature_K=2000"};
        for (const QString& assignment : cases) {
            const Result r = run({"curve", "--preset", QStringLiteral(MTJ_PRESET_DIR "/current-input.json"), "--set",
                                  assignment, "--points", "11"});
            QVERIFY2(!r.crashed && r.exitCode == 0, qPrintable(assignment + ": " + r.err));
            const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 12);
            for (int i = 1; i < lines.size(); ++i) {
                const QStringList f = lines[i].split(QLatin1Char(','));
                bool ok = false;
                const double y = f.value(1).toDouble(&ok);
                QVERIFY2(ok && std::isfinite(y), qPrintable(assignment + ": " + lines[i]));
                if (f.value(3) == QLatin1String("nan"))
                    QVERIFY2(f.value(4) == QLatin1String("precessing"), qPrintable(assignment + ": " + lines[i]));
            }
        }
    }

    void failedWritesLeaveThePreviousFile() {
        const QString preset = write(QStringLiteral("ok.json"), "{}");
        const QString out = dir_.filePath(QStringLiteral("curve.csv"));
        QFile previous(out);
        QVERIFY(previous.open(QIODevice::WriteOnly));
        previous.write("the previous curve\n");
        previous.close();
        // A file-size limit of 1 block: the CSV does not fit; exit 2, and the previous file is untouched.
        QProcess limited;
        limited.start(QStringLiteral("/bin/bash"),
                      {"-c", QStringLiteral("ulimit -f 1; exec '%1' curve --preset '%2' --points 200 --out '%3'")
                                 .arg(QStringLiteral(MTJ_EXPLORER_BINARY), preset, out)});
        QVERIFY(limited.waitForFinished(120000));
        QCOMPARE(limited.exitStatus(), QProcess::NormalExit);
        QCOMPARE(limited.exitCode(), 2);
        const QString limitedError = QString::fromLocal8Bit(limited.readAllStandardError());
        QVERIFY2(limitedError.contains(out), qPrintable(limitedError));
        QVERIFY2(limitedError.contains(QStringLiteral("too large")),
                 qPrintable(limitedError));  // the reason, not "Unknown error"
        QVERIFY(previous.open(QIODevice::ReadOnly));
        QCOMPARE(previous.readAll(), QByteArray("the previous curve\n"));
        previous.close();
        QCOMPARE(QDir(dir_.path()).entryList({"curve.csv*"}, QDir::Files | QDir::Hidden).size(),
                 1);  // no temporary left
        // Standard output on a full device.
        const Result full = run({"curve", "--preset", preset, "--points", "50"},
                                QProcessEnvironment::systemEnvironment(), QStringLiteral("/dev/full"));
        QCOMPARE(full.exitCode, 2);
        QVERIFY2(full.err.contains(QStringLiteral("standard output")), qPrintable(full.err));
        // A missing folder and a folder as the path.
        QCOMPARE(run({"curve", "--preset", preset, "--points", "5", "--out", "/nonexistent/c.csv"}).exitCode, 2);
        QCOMPARE(run({"curve", "--preset", preset, "--points", "5", "--out", dir_.path()}).exitCode, 2);
        // A symbolic link: the file it points at is replaced, the link stays a link.
        const QString real = dir_.filePath(QStringLiteral("real.csv")),
                      link = dir_.filePath(QStringLiteral("link.csv"));
        QVERIFY(QFile::link(real, link));
        QCOMPARE(run({"curve", "--preset", preset, "--points", "5", "--out", link}).exitCode, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QFile written(real);
        QVERIFY(written.open(QIODevice::ReadOnly) && written.readAll().startsWith("x,y,"));
        // A read-only folder (meaningless for root, who may write anyway).
        if (geteuid() != 0) {
            QTemporaryDir locked;
            const QString kept = locked.filePath(QStringLiteral("kept.csv"));
            QFile keep(kept);
            QVERIFY(keep.open(QIODevice::WriteOnly));
            keep.write("kept\n");
            keep.close();
            QFile::setPermissions(locked.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            QCOMPARE(run({"curve", "--preset", preset, "--points", "5", "--out", kept}).exitCode, 2);
            QVERIFY(keep.open(QIODevice::ReadOnly));
            QCOMPARE(keep.readAll(), QByteArray("kept\n"));
            QFile::setPermissions(locked.path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "test_hostile_input.moc"
