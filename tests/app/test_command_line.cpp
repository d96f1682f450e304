// SPDX-License-Identifier: GPL-3.0-or-later
// The command line as a user meets it: exit codes and messages of the real mtj-explorer binary.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <cmath>
#include <QTemporaryDir>
#include <QtTest>

class TestCommandLine : public QObject {
    Q_OBJECT
private:
    struct Result {
        int exitCode;
        QString standardOutput;
        QString standardError;
    };
    Result run(const QStringList& arguments, int timeoutMs = 60000) {
        QProcess process;
        process.start(QStringLiteral(MTJ_EXPLORER_BINARY), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            return {-1, {}, QStringLiteral("timed out")};
        }
        return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardOutput()),
                QString::fromLocal8Bit(process.readAllStandardError())};
    }

private slots:
    void helpAndVersion() {
        const Result help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.standardOutput.contains(QStringLiteral("mtj-explorer bench")));
        const Result version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.standardOutput.startsWith(QStringLiteral("mtj-explorer ")));
    }

    void badInputExitsWithTwoAndNamesIt_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "--frobnicate";
        QTest::newRow("missing preset file") << QStringList{"--preset", "/nonexistent/p.json"} << "/nonexistent/p.json";
        QTest::newRow("missing session file")
            << QStringList{"--session", "/nonexistent/s.json"} << "/nonexistent/s.json";
        QTest::newRow("bench unknown argument") << QStringList{"bench", "--fast"} << "--fast";
        QTest::newRow("bench --out without file") << QStringList{"bench", "--out"} << "--out";
        QTest::newRow("bench --only unknown part")
            << QStringList{"bench", "--only", "bogus"} << "--only 'bogus': must be one of integrators";
        const QString preset = QStringLiteral(MTJ_PRESET_DIR "/default.json");
        QTest::newRow("curve without --preset") << QStringList{"curve"} << "--preset FILE is required";
        QTest::newRow("curve missing preset file")
            << QStringList{"curve", "--preset", "/nonexistent/x.json"} << "/nonexistent/x.json";
        QTest::newRow("curve unknown --set key")
            << QStringList{"curve", "--preset", preset, "--set", "device.colour=3"} << "device.colour";
        QTest::newRow("curve out-of-range value")
            << QStringList{"curve", "--preset", preset, "--set", "device.alpha=-1"} << "device.alpha";
        QTest::newRow("curve non-finite value")
            << QStringList{"curve", "--preset", preset, "--set", "drive.field_mT=nan"} << "drive.field_mT";
        QTest::newRow("curve --points too few")
            << QStringList{"curve", "--preset", preset, "--points", "1"} << "--points";
        QTest::newRow("curve --points not a number")
            << QStringList{"curve", "--preset", preset, "--points", "many"} << "--points";
        QTest::newRow("curve unknown option") << QStringList{"curve", "--preset", preset, "--fast"} << "--fast";
        // One parser (QCommandLineParser, app/arguments.hpp) for every command: the same messages everywhere.
        QTest::newRow("curve stray argument")
            << QStringList{"curve", "--preset", preset, "extra"} << "unknown argument 'extra'";
        QTest::newRow("train unknown option") << QStringList{"train", "--preset", preset, "--fast"}
                                              << "train: unknown argument '--fast' (usage: mtj-explorer train";
        QTest::newRow("train --set without value")
            << QStringList{"train", "--preset", preset, "--set"} << "--set needs a value";
        QTest::newRow("reproduce unknown option")
            << QStringList{"reproduce", "--fast"} << "reproduce: unknown argument '--fast'";
        QTest::newRow("screenshot --epochs not a number")
            << QStringList{"screenshot", "--preset",   preset,     "--view", "device",
                           "--out",      "/tmp/x.png", "--epochs", "ten"}
            << "--epochs 'ten': must be an integer";
        QTest::newRow("window stray argument") << QStringList{"stray.json"} << "unknown argument 'stray.json'";
    }

    void everyCommandAnswersHelpWithItsUsage() {
        for (const char* command : {"curve", "train", "reproduce", "bench", "screenshot"}) {
            const Result r = run({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.standardOutput.startsWith(QStringLiteral("usage: mtj-explorer ") + QLatin1String(command)),
                     qPrintable(r.standardOutput));
        }
        // Options also take the --name=value form.
        const Result equals = run({"curve", "--preset=" MTJ_PRESET_DIR "/default.json", "--points=3"});
        QCOMPARE(equals.exitCode, 0);
        QCOMPARE(equals.standardOutput.count(QLatin1Char('\n')), 4);  // the header and 3 points
    }

    void brokenPresetFileIsNamed() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"device\": {\"alpha\": ");
        f.close();
        const Result r = run({"curve", "--preset", path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.standardError.contains(path), qPrintable(r.standardError));
    }

    void curveOfTheDefaultPreset() {
        const Result r = run({"curve", "--preset", MTJ_PRESET_DIR "/default.json", "--set", "device.temperature_K=0",
                              "--points", "201"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.standardOutput.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(
            lines.first(),
            QStringLiteral("x,y,dydx_fd,dydx_ref,state,y_stderr,dydx_fd_stderr"));  // docs/formats.md columns first
        QCOMPARE(lines.size(), 202);
        double previous = -1e9, first = 0, last = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].split(',');
            QCOMPARE(cells.size(), 7);
            QCOMPARE(cells[5], QStringLiteral("0"));  // T = 0: no thermal error; the derivative's is the read noise's
            QVERIFY(std::abs(cells[6].toDouble() - 0.005 / (std::sqrt(2.0) * 0.05)) < 1e-6);
            const double y = cells[1].toDouble();
            QVERIFY2(y > previous, qPrintable(lines[i]));
            previous = y;
            if (i == 1) first = y;
            last = y;
            QCOMPARE(cells[4], QStringLiteral("static"));
        }
        QVERIFY2(last - first >= 1.5, qPrintable(QString("span %1").arg(last - first)));
    }

    void trainWritesTheJsonOfPresetsMd() {
        QTemporaryDir dir;
        const QString out = dir.filePath("run.json");
        const Result r =
            run({"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set", "training.epochs=20", "--out", out});
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject final = root.value("final").toObject();
        QVERIFY(final.value("validation_accuracy").toDouble() > 0.8);
        QVERIFY(final.value("train_accuracy").isDouble());
        QVERIFY(final.contains("test_accuracy") && final.value("test_accuracy").isNull());  // Iris has no test split
        QCOMPARE(root.value("folds").toArray().size(), 5);
        const QJsonArray epochs = root.value("epochs").toArray();
        QCOMPARE(epochs.size(), 20);
        const QJsonObject last = epochs.last().toObject();
        for (const char* key : {"epoch", "loss", "train_accuracy", "validation_accuracy", "gradient_cosine"}) {
            QVERIFY2(last.contains(key), key);
        }
        QVERIFY(last.value("gradient_cosine").toDouble() > 0.99);
        QVERIFY(root.value("seconds").toDouble() > 0.0);
    }

    void trainModelThenDeployReportsModelDeployedAndFineTuned() {
        // docs/formats.md: final gains model_validation_accuracy and deployed_validation_accuracy; validation_accuracy is
        // after fine-tuning. deploy-iris.json with 30 model epochs and 5 fine-tuning epochs.
        QTemporaryDir dir;
        const QString out = dir.filePath("deploy.json");
        const Result r = run({"train", "--preset", MTJ_PRESET_DIR "/deploy-iris.json", "--set", "training.epochs=30",
                              "--set", "training.finetune_epochs=5", "--out", out});
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value("mode").toString(), QStringLiteral("model-then-deploy"));
        const QJsonObject final = root.value("final").toObject();
        const double model = final.value("model_validation_accuracy").toDouble(-1);
        const double deployed = final.value("deployed_validation_accuracy").toDouble(-1);
        const double tuned = final.value("validation_accuracy").toDouble(-1);
        QVERIFY2(model > 0.8 && deployed >= 0.0 && deployed < model - 0.2 && tuned > deployed,
                 qPrintable(QString("model %1, deployed %2, fine-tuned %3").arg(model).arg(deployed).arg(tuned)));
        const QJsonArray epochs = root.value("epochs").toArray();
        QCOMPARE(epochs.size(), 35);
        QCOMPARE(epochs.at(29).toObject().value("on").toString(), QStringLiteral("model"));
        QCOMPARE(epochs.at(30).toObject().value("on").toString(), QStringLiteral("devices"));
        for (const QJsonValue& fold : root.value("folds").toArray()) {
            QVERIFY(fold.toObject().contains("deployed_validation_accuracy"));
        }
    }

    void trainWithoutMnistSaysWhatToDo() {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("MTJ_MNIST_DIR", "/nonexistent/mnist-cache");
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MTJ_EXPLORER_BINARY), {"train", "--preset", MTJ_PRESET_DIR "/paper-mnist.json"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(error.contains("/nonexistent/mnist-cache") && error.contains("fetch-mnist"), qPrintable(error));
    }

    void trainRejectsBadInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown key") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                    "training.epoch=3"}
                                     << "training.epoch";
        QTest::newRow("bad gradient") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                     "training.gradient=magic"}
                                      << "training.gradient";
        QTest::newRow("zero batch") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                   "training.batch_size=0"}
                                    << "training.batch_size";
        QTest::newRow("missing csv") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                    "training.dataset=csv:/nonexistent.csv"}
                                     << "/nonexistent.csv";
        QTest::newRow("no preset") << QStringList{"train"} << "--preset";
        QTest::newRow("bad mode") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                 "training.mode=offline"}
                                  << "training.mode";
        QTest::newRow("bad model") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json", "--set",
                                                  "training.model=sigmoid"}
                                   << "training.model";
        QTest::newRow("negative finetune") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json",
                                                          "--set", "training.finetune_epochs=-1"}
                                           << "training.finetune_epochs";
        QTest::newRow("deploy a tanh network")
            << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris-tanh.json", "--set",
                           "training.mode=model-then-deploy"}
            << "no devices to deploy";
        QTest::newRow("negative Hk sigma") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json",
                                                          "--set", "variability.Hk_sigma_mT=-1"}
                                           << "variability.Hk_sigma_mT";
        QTest::newRow("text thickness sigma") << QStringList{"train", "--preset", MTJ_PRESET_DIR "/paper-iris.json",
                                                             "--set", "variability.thickness_sigma_nm=thin"}
                                              << "variability.thickness_sigma_nm";
        QTest::newRow("reproduce bad option") << QStringList{"reproduce", "--slow"} << "--slow";
    }
    void trainRejectsBadInput() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.standardError.contains(named), qPrintable(r.standardError));
    }

    void curveOfTheHysteresisPresetHasTwoBranches() {
        QTemporaryDir dir;
        const QString out = dir.filePath("loop.csv");
        const Result r = run({"curve", "--preset", MTJ_PRESET_DIR "/hysteresis.json", "--points", "81", "--out", out});
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("x,y,dydx_fd,dydx_ref,state,branch,y_stderr,dydx_fd_stderr"));
        QCOMPARE(lines.size(), 1 + 2 * 81);
        double upAtZero = 0, downAtZero = 0;
        for (const QString& line : lines.mid(1)) {
            const QStringList cells = line.split(',');
            if (std::abs(cells[0].toDouble()) < 1e-9) (cells[5] == "up" ? upAtZero : downAtZero) = cells[1].toDouble();
        }
        QVERIFY2(std::abs(upAtZero - downAtZero) > 1.0,
                 qPrintable(QString("up %1 down %2").arg(upAtZero).arg(downAtZero)));
    }
    void badInputExitsWithTwoAndNamesIt() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.standardError.contains(named), qPrintable(r.standardError));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
