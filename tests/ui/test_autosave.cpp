// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and recovery (docs/files.md, "Autosave"). A window started off screen on a lesson, with knobs moved and
// training under way, is killed with SIGKILL after its autosave: the real program started with --restore finds the
// knobs, the lesson's steps and the run at its last saved epoch (read back from the autosave it then writes itself),
// and a window restored from the same file continues the run to the same final accuracies as a run never
// interrupted. Two windows never share a file, a clean exit leaves none, and a broken file is refused and kept.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "autosave.hpp"
#include "device_explorer_view.hpp"
#include "explorer_controller.hpp"
#include "gui_test_support.hpp"
#include "lesson_panel.hpp"
#include "main_window.hpp"
#include "run_document.hpp"
#include "training_run.hpp"
#include "training_view.hpp"
#include "value_control.hpp"

using namespace mtj;
using mtj::testing::waitUntil;

namespace {

const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);
constexpr int narrowLesson = 9;  // 10-narrow-network.json: step 1 trains the circles set in the loop
constexpr int lesson10Epochs = 200;
constexpr double movedBias = 40.0, movedField = 9.5;  // within the knobs' steps

/// The child: a window on the lesson, knobs moved, the first step (Play) at 20 epochs per second, autosaving every
/// 200 ms into `directory`; it runs until it is killed.
int runChild(int argc, char** argv, const QString& directory) {
    QApplication application(argc, argv);
    app::ExplorerController controller(presetDirectory + QStringLiteral("/default.json"), false);
    controller.enableAutosave(directory, 200);
    controller.openLesson(narrowLesson);
    ui::DeviceExplorerView* device = controller.window()->deviceView();
    device->biasCurrentControl()->spinBox()->setValue(movedBias);  // two knobs, as a user types them: two undo steps
    device->fieldControl()->spinBox()->setValue(movedField);
    controller.window()->trainingView()->speedBox()->setCurrentIndex(1);  // 20 epochs/s
    controller.runLessonStep(0);
    return QApplication::exec();
}

/// The newest autosave of `directory`, read; false while there is none that reads.
bool readNewest(const QString& directory, app::WindowState& state, QString* path = nullptr) {
    const QFileInfoList files =
        QDir(directory).entryInfoList({QStringLiteral("window-*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo& file : files) {
        QFile f(file.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly)) continue;
        if (app::parseWindowState(f.readAll(), file.absoluteFilePath(), state)) {
            if (path != nullptr) *path = file.absoluteFilePath();
            return true;
        }
    }
    return false;
}

QProcessEnvironment offscreen(const QString& stateHome) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_STATE_HOME"), stateHome);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), stateHome + QStringLiteral("/config"));
    return environment;
}

}  // namespace

class TestAutosave : public QObject {
    Q_OBJECT
    QTemporaryDir home_;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(home_.isValid());
    }

    void aKilledWindowComesBackAndItsRunEndsAsIfNeverKilled() {
        const QString directory = home_.filePath(QStringLiteral("mtj-explorer/autosave"));
        QProcess child;
        child.setProcessEnvironment(offscreen(home_.path()));
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), directory});
        QVERIFY(child.waitForStarted());
        // Killed once an autosave holds the run after its fifth epoch (and the moved knobs).
        app::WindowState saved;
        const bool autosaved = waitUntil(
            [&] {
                return readNewest(directory, saved) && saved.checkpoint && saved.checkpoint->epoch() >= 5 &&
                       saved.undoSteps.size() >= 2;
            },
            120000);
        QVERIFY2(autosaved, qPrintable(QString::fromLocal8Bit(child.readAllStandardError())));
        QCOMPARE(child.state(), QProcess::Running);
        child.kill();  // SIGKILL
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QStringList orphans = app::Autosave::orphans(directory);
        QCOMPARE(orphans.size(), 1);
        app::WindowState killed;
        {
            QFile file(orphans.first());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(app::parseWindowState(file.readAll(), orphans.first(), killed));
        }
        QVERIFY(killed.checkpoint);
        const int savedEpoch = killed.checkpoint->epoch();
        QVERIFY(savedEpoch >= 5 && killed.checkpoint->fold() == 0);
        QCOMPARE(killed.preset.neuron.drive.biasCurrentMicroampere, movedBias);
        QCOMPARE(killed.lessonStepsDone, QList<int>{0});

        // The real program with --restore: it restores without asking and, restored, autosaves that state itself
        // (the killed window's file is let go): the knobs, the lesson step and the run at the saved epoch.
        {
            QProcess restored;
            restored.setProcessEnvironment(offscreen(home_.path()));
            restored.start(QStringLiteral(MTJ_EXPLORER_BINARY), {QStringLiteral("--restore")});
            QVERIFY(restored.waitForStarted());
            app::WindowState again;
            QString againPath;
            const bool rewritten = waitUntil(
                [&] {
                    return !QFile::exists(orphans.first()) && readNewest(directory, again, &againPath) &&
                           againPath != orphans.first() && again.checkpoint;
                },
                60000);
            restored.kill();
            restored.waitForFinished();
            QVERIFY2(rewritten, qPrintable(QString::fromLocal8Bit(restored.readAllStandardError())));
            QCOMPARE(again.preset.neuron.drive.biasCurrentMicroampere, movedBias);
            QCOMPARE(again.preset.neuron.drive.fieldMilliTesla, movedField);
            QVERIFY(again.lessonPath.endsWith(QStringLiteral("10-narrow-network.json")));
            QCOMPARE(again.lessonStepsDone, QList<int>{0});
            QCOMPARE(again.checkpoint->epoch(), savedEpoch);  // not played: where it was saved
            QCOMPARE(static_cast<int>(again.undoSteps.size()), static_cast<int>(killed.undoSteps.size()));
            QCOMPARE(again.undoIndex, killed.undoIndex);
            // That program was killed too: its file is now the one to restore (kept for the window below).
            QFile::copy(againPath, home_.filePath(QStringLiteral("killed-twice.json")));
        }

        // A window restored from the file: what it shows, then Play to the end.
        app::ExplorerController controller(presetDirectory + QStringLiteral("/default.json"), false);
        QVERIFY(controller.restoreAutosave(home_.filePath(QStringLiteral("killed-twice.json"))));
        ui::DeviceExplorerView* device = controller.window()->deviceView();
        QCOMPARE(device->settings().drive.biasCurrentMicroampere, movedBias);
        QCOMPARE(device->settings().drive.fieldMilliTesla, movedField);
        QCOMPARE(device->biasCurrentControl()->spinBox()->value(), movedBias);  // the knob shows it
        QCOMPARE(controller.window()->lessonPanel()->lessonIndex(), narrowLesson);
        QVERIFY(controller.window()->lessonPanel()->stepButtons()[0]->text().startsWith(QStringLiteral("✓")));
        QVERIFY(!controller.window()->lessonPanel()->stepButtons()[1]->text().startsWith(QStringLiteral("✓")));
        QCOMPARE(controller.window()->undoStack()->count(), static_cast<int>(killed.undoSteps.size()));
        QCOMPARE(controller.window()->undoStack()->index(), killed.undoIndex);
        QCOMPARE(controller.window()->tabs()->currentIndex(), 1);
        const app::RunDocument& run = controller.run();
        QVERIFY(waitUntil([&] { return !run.records().empty() && run.records()[0].last.epoch == savedEpoch; }));
        QCOMPARE(static_cast<int>(run.records()[0].folds[0].epochs.size()), savedEpoch);
        ui::TrainingView* training = controller.window()->trainingView();
        QVERIFY2(training->statusText().contains(QStringLiteral("Play continues")), qPrintable(training->statusText()));
        if (const QByteArray grab = qgetenv("MTJ_TEST_GRAB_DIR"); !grab.isEmpty()) {  // to look at it by eye
            controller.window()->resize(1280, 720);
            controller.window()->show();
            QTest::qWait(500);
            controller.window()->grab().save(QString::fromLocal8Bit(grab) + QStringLiteral("/restored-window.png"));
        }
        // The undo history works on the restored knobs: one undo puts the field back.
        controller.window()->undoStack()->undo();
        QVERIFY(device->settings().drive.fieldMilliTesla != movedField);
        controller.window()->undoStack()->redo();
        QCOMPARE(device->settings().drive.fieldMilliTesla, movedField);

        // Play continues this run: no new run begins, and the first epoch it reports is the one after the saved.
        int begun = 0, firstEpoch = -1;
        connect(&run, &app::RunDocument::begun, this, [&] { ++begun; });
        connect(&run, &app::RunDocument::snapshotAdded, this, [&](const TrainingSnapshot& s) {
            if (firstEpoch < 0 && !s.newEpochs.empty()) firstEpoch = s.newEpochs.front().epoch;
        });
        training->speedBox()->setCurrentIndex(0);  // full speed
        training->playButton()->click();
        QVERIFY(waitUntil([&] { return run.results().size() == 1; }, 300000));
        QCOMPARE(begun, 0);
        QCOMPARE(firstEpoch, savedEpoch + 1);
        QCOMPARE(static_cast<int>(run.records()[0].folds[0].epochs.size()), lesson10Epochs);
        // Uninterrupted: the lesson's preset, trained by the engine as `mtj-explorer train` trains it.
        app::Lesson lesson;
        QVERIFY(app::loadLesson(presetDirectory + QStringLiteral("/lessons/10-narrow-network.json"), lesson));
        const ExperimentResult whole = runExperiment(app::experimentFromPreset(lesson.preset));
        QVERIFY(whole.status);
        QCOMPARE(run.results()[0].validationAccuracy, whole.validationAccuracy);
        QCOMPARE(run.results()[0].trainAccuracy, whole.trainAccuracy);
        QCOMPARE(run.results()[0].meanEpochs.back().loss, whole.meanEpochs.back().loss);
        QCOMPARE(run.results()[0].folds.size(), whole.folds.size());
        for (std::size_t f = 0; f < whole.folds.size(); ++f)
            QCOMPARE(run.results()[0].folds[f].epochs.size(), whole.folds[f].epochs.size());
    }

    void aComparisonContinuesOnItsLaterSource() {
        // A comparison (device-fd, nominal-model, tanh: the boxes checked by default) paused on its second source,
        // autosaved and restored: Play continues that source and the last, to the results of a comparison never
        // stopped. The continued source runs on the first source's plan, as the uninterrupted run does.
        const QString preset = presetDirectory + QStringLiteral("/narrow-current.json");
        const QString directory = home_.filePath(QStringLiteral("comparison"));
        QString saved;
        int savedEpoch = 0;
        {
            app::ExplorerController controller(preset, false);
            controller.enableAutosave(directory, 60000);  // saved below, by hand
            ui::TrainingView* view = controller.window()->trainingView();
            view->compareButton()->click();
            const app::RunDocument& run = controller.run();
            QVERIFY(waitUntil(
                [&] { return run.checkpoint() && run.checkpoint()->source == 1 && run.checkpoint()->epoch() >= 3; },
                300000));
            view->togglePlay();  // pause
            QVERIFY(waitUntil([&] { return !view->running(); }));
            QTest::qWait(100);  // the worker's last snapshot
            QVERIFY(run.checkpoint() && run.checkpoint()->source == 1);
            savedEpoch = run.checkpoint()->epoch();
            controller.autosave()->saveNow();
            QVERIFY(waitUntil([&] { return controller.autosave()->savesWritten() == 1; }));
            saved = home_.filePath(QStringLiteral("comparison.json"));
            QVERIFY(QFile::copy(controller.autosave()->path(), saved));
        }
        app::ExplorerController restored(presetDirectory + QStringLiteral("/default.json"), false);
        QVERIFY(restored.restoreAutosave(saved));
        const app::RunDocument& run = restored.run();
        QCOMPARE(run.results().size(), std::size_t(1));  // the first source's result came back with the records
        QVERIFY(run.checkpoint() && run.checkpoint()->source == 1 && run.checkpoint()->epoch() == savedEpoch);
        int begun = 0;
        connect(&run, &app::RunDocument::begun, this, [&] { ++begun; });
        restored.window()->trainingView()->playButton()->click();
        QVERIFY(waitUntil([&] { return run.results().size() == 3; }, 300000));
        QCOMPARE(begun, 0);

        app::ExplorerController whole(preset, false);
        whole.window()->trainingView()->compareButton()->click();
        QVERIFY(waitUntil([&] { return whole.run().results().size() == 3; }, 300000));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(run.results()[i].validationAccuracy, whole.run().results()[i].validationAccuracy);
            QCOMPARE(run.results()[i].trainAccuracy, whole.run().results()[i].trainAccuracy);
            QCOMPARE(run.results()[i].meanEpochs.back().loss, whole.run().results()[i].meanEpochs.back().loss);
        }
    }

    void twoWindowsKeepTheirOwnFilesAndACleanExitLeavesNone() {
        const QString directory = home_.filePath(QStringLiteral("two"));
        QString first, second;
        {
            app::ExplorerController a(presetDirectory + QStringLiteral("/default.json"), false);
            app::ExplorerController b(presetDirectory + QStringLiteral("/current-input.json"), false);
            a.enableAutosave(directory, 50);
            b.enableAutosave(directory, 50);
            first = a.autosave()->path();
            second = b.autosave()->path();
            QVERIFY(first != second);
            a.autosave()->saveNow();
            b.autosave()->saveNow();
            QVERIFY(waitUntil([&] { return a.autosave()->savesWritten() == 1 && b.autosave()->savesWritten() == 1; }));
            app::WindowState sa, sb;
            QFile fa(first), fb(second);
            QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
            QVERIFY(app::parseWindowState(fa.readAll(), first, sa));
            QVERIFY(app::parseWindowState(fb.readAll(), second, sb));
            QCOMPARE(sa.preset.neuron.drive.input, InputChannel::Field);
            QCOMPARE(sb.preset.neuron.drive.input, InputChannel::Current);
            QVERIFY(app::Autosave::orphans(directory).isEmpty());  // both windows live
            // GUI-thread time of a capture: the figure the bench reports; here only that it was measured.
            QCOMPARE(a.autosave()->captureMilliseconds().size(), std::size_t(1));
        }
        QVERIFY(!QFile::exists(first) && !QFile::exists(second));  // a clean exit removes them
        QVERIFY(QDir(directory).entryList(QDir::Files).isEmpty());
    }

    void aBrokenAutosaveIsRefusedAndKept() {
        const QString path = home_.filePath(QStringLiteral("broken/window-1-0.json"));
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"schema": "mtj-explorer/autosave-1", "window": {"preset": {}, "tab": 7}})");
        file.close();
        app::ExplorerController controller(presetDirectory + QStringLiteral("/default.json"), false);
        const double bias = controller.window()->deviceView()->settings().drive.biasCurrentMicroampere;
        const Status s = controller.restoreAutosave(path);
        QVERIFY(!s);
        QVERIFY2(QString::fromStdString(s.message()).contains(path), s.message().c_str());
        QCOMPARE(controller.window()->deviceView()->settings().drive.biasCurrentMicroampere, bias);
        QVERIFY(QFile::exists(path));  // the user's file stays
    }
};

int main(int argc, char** argv) {
    if (argc == 3 && QByteArray(argv[1]) == "--child") return runChild(argc, argv, QString::fromLocal8Bit(argv[2]));
    QApplication application(argc, argv);
    TestAutosave test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_autosave.moc"
