// SPDX-License-Identifier: GPL-3.0-or-later
// The training view as a user drives it (offscreen): Play trains and the charts grow, Pause stops within one batch,
// Step advances exactly one batch, Reset restores the initial weights of the seed, a learning-rate change applies
// from the next batch, comparisons use identical devices, and a window run equals `mtj-explorer train`.
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QJsonArray>
#include <QFile>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QPushButton>
#include <QTableWidget>
#include <QSet>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include "chart_style.hpp"
#include <cmath>
#include <cstdio>

#include "device_explorer_view.hpp"
#include "explorer_controller.hpp"
#include "value_control.hpp"
#include "gui_test_support.hpp"
#include "main_window.hpp"
#include "network/experiment.hpp"
#include "paths.hpp"
#include "preset.hpp"
#include "training_charts.hpp"
#include "training_run.hpp"
#include "training_view.hpp"
#include "training_worker.hpp"
#include "run_document.hpp"
#include "session.hpp"
#include "training_worker.hpp"

using namespace mtj;

namespace {
const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);

using mtj::testing::waitUntil;

/// Trains the moons set (a generated 2-D set, no folds) for `epochs` in the controller's training view, to the end.
bool trainMoons(app::ExplorerController& controller, int epochs) {
    ui::TrainingView* view = controller.window()->trainingView();
    app::Preset preset;
    const QStringList overrides{"training.dataset=moons", QStringLiteral("training.epochs=%1").arg(epochs),
                                "training.folds=0"};
    if (!app::loadPreset(presetDirectory + "/paper-iris.json", overrides, preset).isOk()) return false;
    view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
    view->playButton()->click();
    return waitUntil([&] { return controller.run().results().size() == 1 && !view->running(); }, 60000);
}
/// Trains moons for 3 epochs in `controller` and saves the session to `path`: its JSON, empty when that failed.
QJsonObject savedMoonsSession(app::ExplorerController& controller, const QString& path) {
    if (!trainMoons(controller, 3) || !controller.saveSession(path).isOk()) return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
}  // namespace

class TestTrainingView : public QObject {
    Q_OBJECT
private slots:
    // The training worker's messages, spied on the worker itself on its own thread (each spy read after the thread
    // has finished: QSignalSpy records in the emitting thread).
    void workerMessagesCarryTheirRunAndEndFinished() {
        app::Preset preset;
        QVERIFY(app::loadPreset(QStringLiteral(MTJ_PRESET_DIR) + "/paper-iris.json",
                                {"training.epochs=3", "training.folds=2"}, preset)
                    .isOk());
        TrainingRequest request;
        request.runId = 7;
        request.spec = app::experimentFromPreset(preset);
        request.sources = {GradientSource::DeviceFiniteDifference, GradientSource::Tanh};
        QThread thread;
        auto* worker = new app::TrainingWorker;
        worker->moveToThread(&thread);
        QSignalSpy setups(worker, &app::TrainingWorker::setupReady);
        QSignalSpy snapshots(worker, &app::TrainingWorker::snapshotReady);
        bool finished = false;  // a queued copy on this thread, to know when to stop
        connect(worker, &app::TrainingWorker::snapshotReady, this, [&](const TrainingSnapshot& snapshot) {
            finished = finished || (snapshot.finished && snapshot.source == 1);
        });
        thread.start();
        QMetaObject::invokeMethod(worker, [worker, request] { worker->start(request); });
        QMetaObject::invokeMethod(worker, [worker] { worker->play(); });
        QVERIFY(testing::waitUntil([&] { return finished; }, 120000));
        thread.quit();
        thread.wait();
        // One setup per gradient source, in order, each of this run.
        QCOMPARE(setups.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const auto setup = setups.at(i).at(0).value<TrainingSetup>();
            QCOMPARE(setup.runId, std::uint64_t{7});
            QCOMPARE(setup.source, i);
        }
        // Every snapshot of this run; within a source its steps never go back; each source ends with its result of
        // 2 folds.
        QVERIFY(snapshots.size() >= 2);
        long lastStep = -1;
        int lastSource = 0;
        for (const QList<QVariant>& arguments : snapshots) {
            const auto snapshot = arguments.at(0).value<TrainingSnapshot>();
            QCOMPARE(snapshot.runId, std::uint64_t{7});
            QVERIFY2(snapshot.error.empty(), snapshot.error.c_str());
            if (snapshot.source != lastSource) lastStep = -1, lastSource = snapshot.source;
            QVERIFY(snapshot.step >= lastStep);
            lastStep = snapshot.step;
        }
        int finishedSources = 0;
        for (const QList<QVariant>& arguments : snapshots) {
            const auto snapshot = arguments.at(0).value<TrainingSnapshot>();
            if (!snapshot.finished || snapshot.result.folds.empty()) continue;
            ++finishedSources;  // the snapshot that ends a source carries its result
            QCOMPARE(snapshot.step, snapshot.totalSteps);
            QCOMPARE(static_cast<int>(snapshot.result.folds.size()), 2);
        }
        QCOMPARE(finishedSources, 2);
        delete worker;
    }

    void workerPausesWithinABatchAndAResetRenumbersItsMessages() {
        app::Preset preset;
        QVERIFY(app::loadPreset(QStringLiteral(MTJ_PRESET_DIR) + "/paper-iris.json", {"training.epochs=2000"}, preset)
                    .isOk());
        TrainingRequest request;
        request.runId = 1;
        request.spec = app::experimentFromPreset(preset);
        request.sources = {GradientSource::DeviceFiniteDifference};
        QThread thread;
        auto* worker = new app::TrainingWorker;
        worker->moveToThread(&thread);
        QSignalSpy snapshots(worker, &app::TrainingWorker::snapshotReady);
        long shownStep = 0;
        connect(worker, &app::TrainingWorker::snapshotReady, this,
                [&](const TrainingSnapshot& snapshot) { shownStep = std::max(shownStep, snapshot.step); });
        thread.start();
        QMetaObject::invokeMethod(worker, [worker, request] { worker->start(request); });
        QMetaObject::invokeMethod(worker, [worker] { worker->play(); });
        QVERIFY(testing::waitUntil([&] { return shownStep > 20; }));
        worker->requestPause();
        // The batch under way ends and its snapshot arrives: wait until the step rests (at most 10 s)...
        long pausedAt = -1;
        for (int i = 0; i < 50 && shownStep != pausedAt; ++i) {
            pausedAt = shownStep;
            QTest::qWait(200);
        }
        QCOMPARE(shownStep, pausedAt);
        QTest::qWait(500);
        QCOMPARE(shownStep, pausedAt);  // ... and stays: paused, no batch trained since (2000 epochs were asked)
        QMetaObject::invokeMethod(worker, [worker] { worker->reset(2); });
        QTest::qWait(300);
        thread.quit();
        thread.wait();
        QVERIFY(!snapshots.isEmpty());
        bool sawSecondRun = false;
        for (const QList<QVariant>& arguments : snapshots) {
            const auto snapshot = arguments.at(0).value<TrainingSnapshot>();
            QVERIFY(snapshot.runId == 1 || snapshot.runId == 2);
            if (snapshot.runId == 2) {
                sawSecondRun = true;
                QCOMPARE(snapshot.step, 0L);  // back to the seed's initial weights
            } else {
                QVERIFY2(!sawSecondRun, "a message of the old run after the reset");
            }
        }
        QVERIFY(sawSecondRun);
        delete worker;
    }

    void playTrainsAndChartsGrow() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().epoch >= 5 || view->lastSnapshot().fold > 0; }));
        // The charts redraw in turn (one per snapshot): wait for the loss chart's turn.
        QVERIFY(waitUntil([&] { return view->lossChart()->accuracyPoints(0) > 0; }));
        QVERIFY(view->lossChart()->batchLossPoints() > 0);
        // Still growing: more batches of the same fold, or a later fold begun (its batches replace the last fold's).
        const int points = view->lossChart()->batchLossPoints();
        const int fold = view->lastSnapshot().fold;
        QVERIFY(waitUntil([&] {
            return view->lossChart()->batchLossPoints() > points ||
                   (view->lastSnapshot().fold > fold && view->lossChart()->batchLossPoints() > 0);
        }));
        view->playButton()->click();  // pause
        QVERIFY(waitUntil([&] { return !view->lastSnapshot().playing; }));
    }

    void pauseStopsWithinOneBatch() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        app::TrainingWorker* worker = controller.trainingWorker();
        // Pause from the worker's side at the moment a snapshot is taken (between two batches), then check that
        // no further batch ran: the flag is read before every batch.
        std::atomic<long> pausedAt{-1};
        QObject::connect(
            worker, &app::TrainingWorker::snapshotReady, worker,
            [&](const TrainingSnapshot& s) {
                if (pausedAt.load() < 0 && s.step >= 300) {
                    pausedAt.store(s.step);
                    worker->requestPause();
                }
            },
            Qt::DirectConnection);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return pausedAt.load() >= 0 && !view->lastSnapshot().playing; }));
        QTest::qWait(100);
        QVERIFY2(
            view->lastSnapshot().step - pausedAt.load() <= 1,
            qPrintable(QString("paused at %1, stopped at %2").arg(pausedAt.load()).arg(view->lastSnapshot().step)));
    }

    void stepAdvancesExactlyOneBatchAndResetRestoresTheSeed() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        QList<TrainingSnapshot> snapshots;
        connect(controller.trainingWorker(), &app::TrainingWorker::snapshotReady, this,
                [&](const TrainingSnapshot& s) { snapshots << s; });
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 1; }));
        const std::vector<Eigen::MatrixXf> initial = snapshots.first().weights;  // the prepared run, step 0
        QCOMPARE(snapshots.first().step, 0L);
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 2; }));
        QTest::qWait(100);
        QCOMPARE(view->lastSnapshot().step, 2L);  // exactly one batch per step
        QVERIFY(!(view->lastSnapshot().weights[0] == initial[0]));
        view->resetButton()->click();
        // The views are cleared at once; the worker's snapshot of the reset run follows.
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 0 && !view->lastSnapshot().weights.empty(); }));
        QVERIFY(view->lastSnapshot().weights[0] == initial[0]);  // bit for bit
        QVERIFY(view->lastSnapshot().weights[1] == initial[1]);
    }

    void learningRateChangeAppliesFromTheNextBatch() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 1; }));
        QCOMPARE(view->lastSnapshot().learningRate, 0.01);
        view->learningRateBox()->setValue(0.002);  // while the run is paused
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 2; }));
        QCOMPARE(view->lastSnapshot().learningRate, 0.002);
    }

    void liveLearningRateSurvivesAFoldBoundaryAndReset() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {"training.epochs=2"}, preset).isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 1; }));
        view->learningRateBox()->setValue(0.002);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().fold >= 1 && view->lastSnapshot().step > 20; }, 30000));
        view->playButton()->click();  // pause in the second fold
        QVERIFY(waitUntil([&] { return !view->lastSnapshot().playing; }));
        QCOMPARE(view->lastSnapshot().learningRate, 0.002);
        view->resetButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 0 && !view->lastSnapshot().weights.empty(); }));
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 1; }));
        QCOMPARE(view->lastSnapshot().learningRate, 0.002);
    }

    void deploymentIsDrawnAsItHappens() {
        // deploy-iris.json, 20 epochs on the model and 5 on the devices, 2 folds: the model's accuracy dashed, the
        // fall at deployment marked with the folds' mean deployed accuracy, the devices' line from there on.
        app::ExplorerController controller(presetDirectory + "/deploy-iris.json", false);
        controller.window()->resize(1280, 800);
        controller.window()->show();
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/deploy-iris.json",
                                {"training.epochs=20", "training.finetune_epochs=5", "training.folds=2"}, preset)
                    .isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 1 && !view->running(); }, 60000));
        QVERIFY(waitUntil([&] {
            return view->lossChart()->deploymentPoints().size() == 1 && view->lossChart()->accuracyPoints(0) == 6;
        }));
        const ExperimentResult& r = controller.run().results().front();
        QCOMPARE(r.deploymentEpoch, 20);
        const QList<QPointF> model = view->lossChart()->modelAccuracyPoints(0);
        QCOMPARE(model.size(), 20);
        QVERIFY(std::abs(model.last().y() - r.modelValidationAccuracy) < 1e-12);
        const QPointF deployed = view->lossChart()->deploymentPoints().first();
        QCOMPARE(deployed.x(), 20.0);
        QVERIFY(std::abs(deployed.y() - r.deployedValidationAccuracy) < 1e-12);
        QVERIFY2(deployed.y() < model.last().y() - 0.2,
                 qPrintable(QString("model %1, deployed %2").arg(model.last().y()).arg(deployed.y())));
        const QList<QPointF> devices = view->lossChart()->accuracyLine(0);
        QCOMPARE(devices.first(), deployed);
        QCOMPARE(devices.last().x(), 25.0);
        QVERIFY(std::abs(devices.last().y() - r.validationAccuracy) < 1e-12);
        // The marker is on the screen: red pixels of the deployment square.
        const int red = mtj::testing::pixelsNear(view->lossChart()->grab().toImage(), QColor(0xc0, 0x39, 0x2b), 60);
        QVERIFY2(red > 40, qPrintable(QString("%1 red pixels").arg(red)));
    }

    void comparisonShowsEverySourceAndBarsEqualTheTable() {
        // narrow-current.json compared with device-fd, nominal-model and tanh: one accuracy and one loss line per
        // source, each with points and its own pen and visible on the screen; the bars carry the table's figures.
        app::ExplorerController controller(presetDirectory + "/narrow-current.json", false);
        controller.window()->resize(1280, 800);
        controller.window()->show();
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/narrow-current.json", {"training.epochs=40", "training.folds=3"},
                                preset)
                    .isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->compareButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 3 && !view->running(); }, 120000));
        ui::LossAccuracyChart* chart = view->lossChart();
        QVERIFY(waitUntil([&] { return chart->accuracyPoints(2) == 40; }));
        QCOMPARE(chart->sources(), 3);
        QSet<QRgb> pens;
        for (int source = 0; source < 3; ++source) {
            QCOMPARE(chart->accuracyLine(source).size(), 40);
            QCOMPARE(chart->lossLine(source).size(), 40);
            pens.insert(chart->accuracyPen(source).color().rgb());
        }
        QCOMPARE(pens.size(), 3);
        const QImage image = chart->grab().toImage();
        for (QRgb colour : pens) {
            const int drawn = mtj::testing::pixelsNear(image, QColor::fromRgb(colour));
            QVERIFY2(drawn > 60,
                     qPrintable(QString("colour %1: %2 pixels").arg(QColor::fromRgb(colour).name()).arg(drawn)));
        }
        const auto& bars = view->accuracyBars()->bars();
        QCOMPARE(bars.size(), 3);
        QCOMPARE(view->comparisonTable()->rowCount(), 3);
        for (int i = 0; i < 3; ++i) {
            const double held = controller.run().results()[static_cast<std::size_t>(i)].validationAccuracy;
            QVERIFY(std::abs(bars[i].mean - held) < 1e-12);
            QCOMPARE(bars[i].folds.size(), 3);
            QCOMPARE(view->comparisonTable()->item(i, 1)->text(), QStringLiteral("%1 ± %2 %")
                                                                      .arg(100.0 * bars[i].mean, 0, 'f', 1)
                                                                      .arg(100.0 * bars[i].deviation, 0, 'f', 1));
        }
        // The measured gradient beats the model's on this narrow network, and agrees with the exact one better.
        QVERIFY(controller.run().results()[0].validationAccuracy > controller.run().results()[1].validationAccuracy);
        QVERIFY(controller.run().results()[0].gradientCosine > controller.run().results()[1].gradientCosine + 0.2);
    }

    void spaceStartsTrainingRightAfterCtrl2() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::MainWindow* window = controller.window();
        window->show();
        window->activateWindow();
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window->tabs()->currentIndex(), 1);
        ui::TrainingView* view = window->trainingView();
        // Paced, so the whole run (8000 batches of Iris take about a second at full speed) cannot end before the
        // pause below: a finished run would make N do nothing.
        view->speedBox()->setCurrentIndex(view->speedBox()->findText(QStringLiteral("20 epochs/s")));
        QWidget* focus = QApplication::focusWidget() != nullptr ? QApplication::focusWidget() : window;
        QTest::keyClick(focus, Qt::Key_Space);
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step > 0; }));
        QTest::keyClick(QApplication::focusWidget() != nullptr ? QApplication::focusWidget() : window,
                        Qt::Key_Space);  // pause
        QVERIFY(waitUntil([&] { return !view->lastSnapshot().playing; }));
        // The pause lands between batches: let the last snapshots of the run arrive before counting (on a loaded
        // machine one more batch can finish after the first paused snapshot).
        long settled = -1;
        QVERIFY(waitUntil([&] {
            const long now = view->lastSnapshot().step;
            if (now == settled) return true;
            settled = now;
            QTest::qWait(200);
            return false;
        }));
        // N steps one batch, Shift+N one epoch.
        const long before = view->lastSnapshot().step;
        QTest::keyClick(window, Qt::Key_N);
        QVERIFY2(waitUntil([&] { return view->lastSnapshot().step == before + 1; }, 10000),
                 qPrintable(QString("step %1 after N from %2 (playing %3)")
                                .arg(view->lastSnapshot().step)
                                .arg(before)
                                .arg(view->lastSnapshot().playing)));
        const int epoch = view->lastSnapshot().epoch;
        QTest::keyClick(window, Qt::Key_N, Qt::ShiftModifier);
        QVERIFY(waitUntil([&] { return view->lastSnapshot().epoch == epoch + 1 || view->lastSnapshot().fold > 0; }));
        // Space on the device explorer tab does not train.
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        QTest::qWait(300);  // every snapshot of the epoch step has arrived
        const long after = view->lastSnapshot().step;
        QTest::keyClick(window, Qt::Key_Space);
        QTest::qWait(300);
        QCOMPARE(view->lastSnapshot().step, after);
    }

    void resetEmptiesEveryChart() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        controller.window()->show();
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {"training.epochs=3", "training.folds=2"}, preset)
                    .isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 1 && !view->running(); }, 60000));
        QVERIFY(waitUntil([&] { return view->lossChart()->accuracyPoints(0) == 3; }));
        QVERIFY(!view->agreementChart()->agreementLine(0).isEmpty());
        QVERIFY(!view->confusionView()->empty());
        QVERIFY(view->decisionMap()->hasMap());
        QCOMPARE(view->accuracyBars()->bars().size(), 1);
        view->resetButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 0 && !view->lastSnapshot().weights.empty(); }));
        QTest::qWait(100);
        QCOMPARE(view->lossChart()->accuracyPoints(0), 0);
        QCOMPARE(view->lossChart()->lossLine(0).size(), 0);
        QVERIFY(view->agreementChart()->agreementLine(0).isEmpty());
        QCOMPARE(view->derivativeScatter()->pointCount(), 0);
        QVERIFY(view->confusionView()->empty());
        QVERIFY(!view->decisionMap()->hasMap());
        QVERIFY(view->accuracyBars()->bars().isEmpty());
        QCOMPARE(view->comparisonTable()->rowCount(), 0);
    }

    void speedControlPacesTheRun() {
        // 2 epochs per second: 10 epochs of Iris (8 batches each) take about 5 s, never less, every epoch drawn.
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(
            app::loadPreset(presetDirectory + "/paper-iris.json", {"training.epochs=10", "training.folds=0"}, preset)
                .isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->speedBox()->setCurrentIndex(view->speedBox()->findText(QStringLiteral("2 epochs/s")));
        QList<int> epochsSeen;
        connect(controller.trainingWorker(), &app::TrainingWorker::snapshotReady, this, [&](const TrainingSnapshot& s) {
            for (const EpochReport& e : s.newEpochs) epochsSeen << e.epoch;
        });
        QElapsedTimer clock;
        clock.start();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 1; }, 30000));
        const double seconds = clock.elapsed() / 1000.0;
        std::printf("  10 epochs at 2 epochs/s: %.2f s (planned 5 s)\n", seconds);
        QVERIFY2(seconds >= 0.9 * 5.0 && seconds <= 3.0 * 5.0, qPrintable(QString::number(seconds)));
        QCOMPARE(epochsSeen.size(), 10);
        QVERIFY(view->lastSnapshot().remainingSeconds < 1.0);
    }

    void comparisonUsesIdenticalDevices() {
        app::ExplorerController controller(presetDirectory + "/paper-iris-pronounced.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        QList<TrainingSetup> setups;
        connect(controller.trainingWorker(), &app::TrainingWorker::setupReady, this,
                [&](const TrainingSetup& s) { setups << s; });
        view->compareButton()->click();  // device-fd, nominal-model and tanh are checked by default
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 3; }, 120000));
        QCOMPARE(setups.size(), 3);
        QCOMPARE(setups[0].sourceName, std::string("device-fd"));
        QCOMPARE(setups[1].sourceName, std::string("nominal-model"));
        QVERIFY(!setups[0].deviceCurves.empty());
        QCOMPARE(setups[0].deviceCurves, setups[1].deviceCurves);  // the same sampled devices
        QCOMPARE(view->comparisonTable()->rowCount(), 3);
        // The comparison ends on tanh, which has no device derivatives: the scatter keeps nominal-model's, named so.
        QVERIFY(view->derivativeScatter()->pointCount() > 0);
        QVERIFY(view->derivativeScatter()->chart()->title().contains(QStringLiteral("nominal-model")));
        // The same seed: each run equals `mtj-explorer train` of that source.
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris-pronounced.json", {"training.gradient=nominal-model"},
                                preset)
                    .isOk());
        const ExperimentResult cli = runExperiment(app::experimentFromPreset(preset));
        QCOMPARE(controller.run().results()[1].validationAccuracy, cli.validationAccuracy);
    }

    void windowRunEqualsTheCommandLine() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 1; }, 120000));
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {}, preset).isOk());
        const ExperimentResult cli = runExperiment(app::experimentFromPreset(preset));
        QCOMPARE(controller.run().results()[0].validationAccuracy, cli.validationAccuracy);
        QCOMPARE(controller.run().results()[0].trainAccuracy, cli.trainAccuracy);
        QVERIFY(controller.run().results()[0].validationAccuracy >= 0.95);
        // File > Save training results writes what `train` writes, all but the wall-clock seconds.
        QTemporaryDir dir;
        QVERIFY(controller.saveTrainingResults(dir.filePath("run.json")).isOk());
        QFile file(dir.filePath("run.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
        QJsonObject expected = QJsonDocument::fromJson(app::experimentToJson(preset, cli)).object();
        QVERIFY(saved.contains(QStringLiteral("seconds")) && saved.contains(QStringLiteral("epochs")));
        saved.remove(QStringLiteral("seconds"));
        expected.remove(QStringLiteral("seconds"));
        QCOMPARE(saved, expected);
    }

    void trainWithThisDeviceUsesTheExplorersDrive() {
        // The explorer's bias current goes to the training view; the run equals `train --set drive.bias_current_uA=`.
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::DeviceExplorerView* device = controller.window()->deviceView();
        device->biasCurrentControl()->spinBox()->setValue(150.0);  // as a user typing 150 uA
        device->trainWithDeviceButton()->click();
        QCOMPARE(controller.window()->tabs()->currentIndex(), 1);
        ui::TrainingView* view = controller.window()->trainingView();
        QVERIFY2(view->deviceSummary().contains(QStringLiteral("bias 150 µA")), qPrintable(view->deviceSummary()));
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return controller.run().results().size() == 1; }, 120000));
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {"drive.bias_current_uA=150"}, preset).isOk());
        const ExperimentResult cli = runExperiment(app::experimentFromPreset(preset));
        QCOMPARE(controller.run().results()[0].validationAccuracy, cli.validationAccuracy);
        QCOMPARE(controller.run().results()[0].trainAccuracy, cli.trainAccuracy);
        QCOMPARE(controller.run().results()[0].meanEpochs.back().loss, cli.meanEpochs.back().loss);
        // And not the preset's 100 uA: a different run.
        app::Preset original;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {}, original).isOk());
        QVERIFY(runExperiment(app::experimentFromPreset(original)).meanEpochs.back().loss !=
                cli.meanEpochs.back().loss);
        // File > Save preset writes the same settings: loading it gives the same run.
        QTemporaryDir dir;
        QVERIFY(controller.savePreset(dir.filePath("mine.json")).isOk());
        app::Preset saved;
        QVERIFY(app::loadPreset(dir.filePath("mine.json"), {}, saved).isOk());
        QCOMPARE(saved.neuron.drive.biasCurrentMicroampere, 150.0);
        QCOMPARE(runExperiment(app::experimentFromPreset(saved)).meanEpochs.back().loss, cli.meanEpochs.back().loss);
    }

    void clickingANeuronOpensTheDeviceOfTheRunOnScreen() {
        // After a run started, changing the spread in the controls must not change which device a click opens.
        app::ExplorerController controller(presetDirectory + "/paper-iris-pronounced.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->stepButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 1; }));
        const ExperimentSpec run = controller.run().request().spec;
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris-pronounced.json", {"variability.relative_sigma=0.01"},
                                preset)
                    .isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);  // not started: dirty
        emit view->neuronOpenRequested(0, 3);
        const DeviceParameters opened = controller.window()->deviceView()->settings().device;
        const DeviceParameters expected = sampleDevice(run.neuron.device, run.variability, 3);
        QCOMPARE(opened.anisotropyFieldMilliTesla, expected.anisotropyFieldMilliTesla);
        QCOMPARE(opened.tmrPercent, expected.tmrPercent);
        QVERIFY(std::abs(opened.anisotropyFieldMilliTesla - run.neuron.device.anisotropyFieldMilliTesla) > 1e-9);
    }

    void twoDimensionalSetShowsADecisionMap() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        QVERIFY(trainMoons(controller, 5));
        auto* map = controller.window()->findChild<ui::DecisionMapView*>();
        QVERIFY(map != nullptr && map->hasMap());
        // What is drawn: away from the samples, each pixel of the map area has the colour of the worker's map image at
        // that place; every sample is a dot of its class's colour. (The map was once painted over by its own frame.)
        map->resize(520, 420);
        const QImage drawn = map->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const DecisionMap& worker = map->map();
        const QRectF area = map->mapArea();
        // The cells the worker computed, coloured as the view colours them: translucent, so what should be seen is
        // the colour over the view's background. The run document holds the same map.
        QCOMPARE(controller.run().records().front().last.map.classes, worker.classes);
        QCOMPARE(map->image().width(), worker.resolution);
        QImage composed(map->image().size(), QImage::Format_RGB32);
        composed.fill(map->palette().base().color());
        {
            QPainter painter(&composed);
            painter.drawImage(0, 0, map->image());
        }
        auto at = [&](std::size_t k) { return map->mapPosition(QPointF(worker.points[k][0], worker.points[k][1])); };
        auto nearASample = [&](const QPointF& pixel) {
            for (std::size_t k = 0; k < worker.points.size(); ++k) {
                if (QLineF(at(k), pixel).length() < 9.0) return true;
            }
            return false;
        };
        int compared = 0, matching = 0;
        for (int i = 1; i < 20; ++i) {
            for (int j = 1; j < 20; ++j) {
                const QPointF pixel(area.left() + area.width() * i / 20.0, area.top() + area.height() * j / 20.0);
                if (nearASample(pixel)) continue;
                const QColor expected =
                    composed.pixelColor(std::min(composed.width() - 1, int(composed.width() * i / 20.0)),
                                        std::min(composed.height() - 1, int(composed.height() * j / 20.0)));
                const QColor seen = drawn.pixelColor(pixel.toPoint());
                ++compared;
                if (std::abs(seen.red() - expected.red()) + std::abs(seen.green() - expected.green()) +
                        std::abs(seen.blue() - expected.blue()) <
                    40)
                    ++matching;
            }
        }
        QVERIFY2(compared > 100 && matching >= compared * 95 / 100,
                 qPrintable(QString("%1 of %2 map pixels match").arg(matching).arg(compared)));
        int dots = 0;
        for (std::size_t k = 0; k < worker.points.size(); ++k) {
            const QColor seen = drawn.pixelColor(at(k).toPoint());
            const QColor expected = ui::classColour(worker.labels[k]);
            if (std::abs(seen.red() - expected.red()) + std::abs(seen.green() - expected.green()) +
                    std::abs(seen.blue() - expected.blue()) <
                40)
                ++dots;
        }
        QVERIFY2(
            !worker.points.empty() && dots >= static_cast<int>(worker.points.size()) * 8 / 10,
            qPrintable(QString("%1 of %2 samples drawn in their class colour").arg(dots).arg(worker.points.size())));
    }

    void sessionRestoresTheRunAsItWas() {
        // A comparison on Iris (moons would do too; Iris has a PCA decision map and a confusion matrix).
        QTemporaryDir dir;
        const QString path = dir.filePath("iris-comparison.json");
        QByteArray savedJson;
        std::vector<ExperimentResult> results;
        QStringList tableTexts;
        int accuracyPoints = 0, batchPoints = 0;
        {
            app::ExplorerController controller(presetDirectory + "/paper-iris-pronounced.json", false);
            ui::TrainingView* view = controller.window()->trainingView();
            const Status early = controller.saveSession(path);  // nothing trained yet
            QVERIFY(!early.isOk() && QString::fromStdString(early.message()).contains(QStringLiteral("train first")));
            if (auto* box = controller.window()->findChild<QMessageBox*>(QStringLiteral("errorBox"))) box->accept();
            view->compareButton()->click();
            QVERIFY(waitUntil([&] { return controller.run().results().size() == 3; }, 120000));
            QVERIFY(waitUntil([&] { return !view->running(); }));
            QVERIFY(controller.saveSession(path).isOk());
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            savedJson = file.readAll();
            results = controller.run().results();
            for (int r = 0; r < view->comparisonTable()->rowCount(); ++r)
                for (int c = 0; c < view->comparisonTable()->columnCount(); ++c)
                    tableTexts << view->comparisonTable()->item(r, c)->text();
            accuracyPoints = view->lossChart()->accuracyPoints(1);
            batchPoints = view->lossChart()->batchLossPoints();
            // Every weight of every source is in the file, exactly.
            QCOMPARE(controller.run().records().size(), std::size_t{3});
            QVERIFY(!controller.run().records()[0].last.parameters.weights.empty());
        }
        QVERIFY(app::looksLikeSession(path));  // a session dropped on the window opens as a session
        QVERIFY(!app::looksLikeSession(presetDirectory + "/default.json"));
        // Another window opens it: the same table, the same curves, the same weights.
        app::ExplorerController other(presetDirectory + "/default.json", false);
        const Status opened = other.openSession(path);
        QVERIFY2(opened.isOk(), opened.message().c_str());
        ui::TrainingView* view = other.window()->trainingView();
        QCOMPARE(other.window()->tabs()->currentIndex(), 1);
        QCOMPARE(other.run().results().size(), results.size());
        for (std::size_t i = 0; i < results.size(); ++i) {
            QCOMPARE(other.run().results()[i].validationAccuracy, results[i].validationAccuracy);
            QCOMPARE(other.run().results()[i].folds.size(), results[i].folds.size());
        }
        QStringList restoredTexts;
        for (int r = 0; r < view->comparisonTable()->rowCount(); ++r)
            for (int c = 0; c < view->comparisonTable()->columnCount(); ++c)
                restoredTexts << view->comparisonTable()->item(r, c)->text();
        QCOMPARE(restoredTexts, tableTexts);
        QCOMPARE(view->lossChart()->accuracyPoints(1), accuracyPoints);
        QCOMPARE(view->lossChart()->batchLossPoints(), batchPoints);
        QCOMPARE(other.preset().variability.relativeSigma, 0.15);  // the run's settings in the views
        // Saved again, the session is the same file but for the time it was saved.
        app::Session again;
        again.preset = other.preset();
        again.sources = other.run().request().sources;
        again.runs = other.run().records();
        QJsonObject first = QJsonDocument::fromJson(savedJson).object(),
                    second = QJsonDocument::fromJson(app::sessionToJson(again)).object();
        first.remove(QStringLiteral("saved"));
        second.remove(QStringLiteral("saved"));
        QVERIFY(first == second);
        QVERIFY(!view->running());
    }

    void theRunDocumentKeepsTheRunAndTheViewDrawsWhatItAccepts() {
        // The run lives in the application's document, not in the view: a message of a replaced run is refused by
        // the document and never drawn; the view's table rows are the document's finished results.
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        QVERIFY(trainMoons(controller, 3));
        const app::RunDocument& run = controller.run();
        QCOMPARE(run.records().size(), std::size_t{1});
        QCOMPARE(view->comparisonTable()->rowCount(), static_cast<int>(run.results().size()));
        const long steps = view->lastSnapshot().step;
        const std::size_t losses = run.records()[0].folds[0].batchLosses.size();
        QVERIFY(losses > 0);
        const int drawn = view->lossChart()->batchLossPoints();
        QVERIFY(drawn > 0);
        TrainingSnapshot stale = run.records()[0].last;
        stale.runId = run.request().runId - 1;  // a run this window replaced
        stale.step = steps + 1000;
        stale.batchLosses = {{9.0, 5.0}};
        emit controller.trainingWorker()->snapshotReady(stale);  // delivered directly: the document is on this thread
        QCOMPARE(view->lastSnapshot().step, steps);
        QCOMPARE(run.records()[0].folds[0].batchLosses.size(), losses);
        QCOMPARE(view->lossChart()->batchLossPoints(), drawn);
        // A message of the current run (not a second end of the finished source) is kept and drawn.
        stale.runId = run.request().runId;
        stale.finished = false;
        stale.result = ExperimentResult{};
        emit controller.trainingWorker()->snapshotReady(stale);
        QCOMPARE(view->lastSnapshot().step, steps + 1000);
        QCOMPARE(run.records()[0].folds[0].batchLosses.size(), losses + 1);
    }

    void sessionsWithAPngDecisionMapStillOpen() {
        // Sessions saved before the decision map became Qt-free stored it as a PNG image coloured by the view; they
        // open with the same cells: each pixel's class colour names its class, its opacity the confidence.
        QTemporaryDir dir;
        const QString path = dir.filePath("moons.json");
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        QJsonObject root = savedMoonsSession(controller, path);
        QVERIFY(!root.isEmpty());
        const DecisionMap& cells = controller.run().records()[0].last.map;
        QVERIFY(!cells.empty());
        QImage image(cells.resolution, cells.resolution, QImage::Format_ARGB32);
        for (int i = 0; i < cells.resolution * cells.resolution; ++i) {
            const auto k = static_cast<std::size_t>(i);
            image.setPixelColor(i % cells.resolution, i / cells.resolution,
                                ui::classColour(cells.classes[k], static_cast<int>(60 + 110 * cells.confidence[k])));
        }
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG"));
        QJsonArray runs = root.value("runs").toArray();
        QJsonObject run = runs[0].toObject();
        QJsonObject last = run.value("last").toObject();
        QJsonObject map = last.value("map").toObject();
        QVERIFY(map.contains("classes") && map.contains("confidence"));
        map.remove("classes");
        map.remove("confidence");
        map.remove("resolution");
        map.insert("png", QString::fromLatin1(png.toBase64()));
        last.insert("map", map);
        run.insert("last", last);
        runs[0] = run;
        root.insert("runs", runs);
        app::Session old;
        const Status read = app::parseSession(QJsonDocument(root).toJson(), "old.json", old);
        QVERIFY2(read.isOk(), read.message().c_str());
        const DecisionMap& back = old.runs[0].last.map;
        QCOMPARE(back.resolution, cells.resolution);
        QCOMPARE(back.classes, cells.classes);
        float worst = 0.0f;
        for (std::size_t k = 0; k < cells.confidence.size(); ++k)
            worst = std::max(worst, std::abs(back.confidence[k] - cells.confidence[k]));
        QVERIFY2(worst <= 1.0f / 110.0f, qPrintable(QString("confidence off by %1").arg(worst)));
        // A PNG that is not an image is refused with its key.
        map.insert("png", QStringLiteral("bm90IGFuIGltYWdl"));
        last.insert("map", map);
        run.insert("last", last);
        runs[0] = run;
        root.insert("runs", runs);
        const Status refused = app::parseSession(QJsonDocument(root).toJson(), "old.json", old);
        QVERIFY(!refused.isOk());
        QVERIFY2(QString::fromStdString(refused.message()).contains("runs[0].last.map.png"), refused.message().c_str());
    }

    void brokenSessionsAreRefusedWithTheKeyAndTheState() {
        QTemporaryDir dir;
        const QString path = dir.filePath("moons.json");
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        const QJsonObject good = savedMoonsSession(controller, path);
        QVERIFY(!good.isEmpty());
        app::Session parsed;
        const Status parsedOk = app::parseSession(QJsonDocument(good).toJson(), path, parsed);
        QVERIFY2(parsedOk.isOk(), parsedOk.message().c_str());
        QVERIFY(!parsed.runs[0].last.map.empty());  // a 2-D set: its decision map travels as cells

        auto runsWith = [&](const std::function<void(QJsonObject&)>& change) {
            QJsonObject root = good;
            QJsonArray runs = root.value("runs").toArray();
            QJsonObject run = runs[0].toObject();
            change(run);
            runs[0] = run;
            root["runs"] = runs;
            return QJsonDocument(root).toJson();
        };
        auto withRoot = [&](const std::function<void(QJsonObject&)>& change) {
            QJsonObject root = good;
            change(root);
            return QJsonDocument(root).toJson();
        };
        const std::vector<std::pair<QByteArray, QString>> cases = {
            {QByteArray("{\"schema\": \"mtj-explorer/session-1\", "), QStringLiteral("not valid JSON")},
            {withRoot([](QJsonObject& r) { r["schema"] = "mtj-explorer/preset-1"; }),
             QStringLiteral("schema: must be \"mtj-explorer/session-1\"")},
            {withRoot([](QJsonObject& r) { r["sources"] = QJsonArray{"device-magic"}; }),
             QStringLiteral("sources[0]: must be device-fd")},
            {withRoot([](QJsonObject& r) { r.remove("devices"); }), QStringLiteral(": devices: missing")},
            {withRoot([](QJsonObject& r) {
                 QJsonObject p = r["preset"].toObject();
                 QJsonObject d = p["device"].toObject();
                 d["thickness_nm"] = -2;
                 p["device"] = d;
                 r["preset"] = p;
             }),
             QStringLiteral("device.thickness_nm")},
            {runsWith([](QJsonObject& run) {
                 QJsonObject setup = run["setup"].toObject();
                 setup["widths"] = QJsonArray{2, -3, 2};
                 run["setup"] = setup;
             }),
             QStringLiteral("runs[0].setup.widths[1] = -3: must be an integer")},
            {runsWith([](QJsonObject& run) {
                 QJsonObject last = run["last"].toObject();
                 QJsonObject parameters = last["parameters"].toObject();
                 QJsonArray weights = parameters["weights"].toArray();
                 QJsonObject w = weights[0].toObject();
                 w["float32"] = w["float32"].toString().left(8);
                 weights[0] = w;
                 parameters["weights"] = weights;
                 last["parameters"] = parameters;
                 run["last"] = last;
             }),
             QStringLiteral("runs[0].last.parameters.weights[0].float32: holds 6 bytes")},
            {runsWith([](QJsonObject& run) {  // a short file must not ask for a huge confusion matrix
                 QJsonObject setup = run["setup"].toObject();
                 setup["widths"] = QJsonArray{2, 16, 2000000};
                 run["setup"] = setup;
             }),
             QStringLiteral("runs[0].setup.widths[2] = 2000000: must be an integer in [1, 1000000]")},
            {runsWith([](QJsonObject& run) {
                 QJsonObject setup = run["setup"].toObject();
                 setup["widths"] = QJsonArray{2, 16, 20000};
                 setup["class_names"] = QJsonArray{};
                 run["setup"] = setup;
             }),
             QStringLiteral("runs[0].setup.widths[2]: more than 10000 classes")},
            {runsWith([](QJsonObject& run) {
                 QJsonObject last = run["last"].toObject();
                 last["confusion"] = QJsonArray{QJsonArray{1, 2}};
                 run["last"] = last;
             }),
             QStringLiteral("runs[0].last.confusion: needs 2 rows")},
        };
        for (const auto& [json, expected] : cases) {
            app::Session untouched;
            const Status s = app::parseSession(json, path, untouched);
            QVERIFY2(!s.isOk() && QString::fromStdString(s.message()).startsWith(path) &&
                         QString::fromStdString(s.message()).contains(expected),
                     qPrintable(QString::fromStdString(s.message()) + QStringLiteral(" / expected: ") + expected));
            QVERIFY(untouched.runs.empty());
        }
        // Every key of the file, in turn removed or replaced by a value of the wrong kind: never a crash, and either a
        // clean reading or an error naming the file.
        int mutations = 0, refused = 0;
        std::function<void(const QJsonValue&, const std::function<QJsonValue(const QJsonValue&)>&)> visit;
        visit = [&](const QJsonValue& value, const std::function<QJsonValue(const QJsonValue&)>& rebuild) {
            const QJsonValue replacements[] = {QJsonValue(QJsonValue::Undefined), QJsonValue(QStringLiteral("x")),
                                               QJsonValue(-1e300), QJsonValue(QJsonArray{}), QJsonValue(QJsonObject{})};
            for (const QJsonValue& r : replacements) {
                app::Session result;
                const Status st = app::parseSession(QJsonDocument(rebuild(r).toObject()).toJson(), path, result);
                ++mutations;
                if (!st.isOk()) {
                    ++refused;
                    QVERIFY2(QString::fromStdString(st.message()).startsWith(path), st.message().c_str());
                }
            }
            if (value.isObject()) {
                const QJsonObject o = value.toObject();
                for (auto it = o.begin(); it != o.end(); ++it) {
                    const QString k = it.key();
                    visit(it.value(), [o, k, rebuild](const QJsonValue& v) {
                        QJsonObject copy = o;
                        if (v.isUndefined())
                            copy.remove(k);
                        else
                            copy[k] = v;
                        return rebuild(copy);
                    });
                }
            } else if (value.isArray() && !value.toArray().isEmpty()) {
                const QJsonArray a = value.toArray();
                visit(a[0], [a, rebuild](const QJsonValue& v) {
                    QJsonArray copy = a;
                    if (v.isUndefined())
                        copy.removeFirst();
                    else
                        copy[0] = v;
                    return rebuild(copy);
                });
            }
        };
        visit(good, [](const QJsonValue& v) { return v; });
        QVERIFY2(mutations > 300 && refused > mutations / 2,
                 qPrintable(QStringLiteral("%1 of %2 refused").arg(refused).arg(mutations)));
        qInfo("session fuzz: %d of %d mutated files refused, the rest read cleanly", refused, mutations);

        // Through the window: an error box, and the run on screen stays.
        QFile broken(dir.filePath("broken.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(cases[5].first);
        broken.close();
        const double before = controller.run().results()[0].validationAccuracy;
        QVERIFY(!controller.openSession(broken.fileName()).isOk());
        auto* box = controller.window()->findChild<QMessageBox*>(QStringLiteral("errorBox"));
        QVERIFY(box != nullptr && box->text().contains(QStringLiteral("widths[1]")));
        box->accept();
        QCOMPARE(controller.run().results().size(), std::size_t{1});
        QCOMPARE(controller.run().results()[0].validationAccuracy, before);
    }

    void everyPresetRoundTripsThroughTheControls() {
        // A run in the window trains with exactly the preset's settings: no control rounds what it was given.
        ui::TrainingView view;
        QStringList rounded;
        for (const QString& name : QDir(presetDirectory).entryList({QStringLiteral("*.json")}, QDir::Files)) {
            app::Preset preset;
            QVERIFY(app::loadPreset(QDir(presetDirectory).filePath(name), {}, preset).isOk());
            view.setPreset(preset.neuron, preset.variability, preset.network, preset.training);
            const ExperimentSpec spec = view.currentRequest(false).spec;
            app::Preset shown = preset;
            shown.neuron = spec.neuron;
            shown.variability = spec.variability;
            shown.network = spec.network;
            shown.training = spec.training;
            if (app::presetToJson(shown) != app::presetToJson(preset)) rounded << name;
        }
        QVERIFY2(rounded.isEmpty(), qPrintable(rounded.join(QStringLiteral(", "))));
        // A seed beyond the box's range (shown clamped) and separate device and training seeds stay the preset's.
        app::Preset big;
        QVERIFY(
            app::loadPreset(presetDirectory + "/paper-iris.json", {"training.seed=5000000", "variability.seed=7"}, big)
                .isOk());
        view.setPreset(big.neuron, big.variability, big.network, big.training);
        QCOMPARE(view.currentRequest(false).spec.training.seed, std::uint64_t{5000000});
        QCOMPARE(view.currentRequest(false).spec.variability.seed, std::uint64_t{7});
    }

    void networkPictureShowsTheLatestState() {
        // The picture is drawn on its own thread; many states in quick succession end with the newest one on screen.
        ui::NetworkView view;
        view.resize(420, 300);
        view.show();
        TrainingSetup setup;
        setup.widths = {4, 3, 2};
        setup.deviceCurves = {std::vector<std::vector<double>>(3, std::vector<double>{-1.0, -0.5, 0.0, 0.5, 1.0})};
        view.setSetup(setup);
        auto redPixels = [&] {
            const QImage image = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
            int red = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (c.red() > c.green() + 60 && c.red() > c.blue() + 60) ++red;  // negative-weight links
                }
            return red;
        };
        auto weightsOfSign = [](float sign) {
            return std::vector<Eigen::MatrixXf>{Eigen::MatrixXf::Constant(3, 4, sign),
                                                Eigen::MatrixXf::Constant(2, 3, sign)};
        };
        const std::vector<std::vector<float>> inputs(3, std::vector<float>{0.0f, 0.5f});
        for (int i = 0; i < 30; ++i) view.setState(weightsOfSign(i % 2 == 0 ? 1.0f : -1.0f), inputs);
        view.setState(weightsOfSign(1.0f), inputs);
        QVERIFY(waitUntil([&] { return view.pictureCurrent(); }, 10000));
        QCOMPARE(redPixels(), 0);
        view.setState(weightsOfSign(-1.0f), inputs);
        QVERIFY(!view.pictureCurrent());
        QVERIFY(waitUntil([&] { return view.pictureCurrent(); }, 10000));
        QVERIFY2(redPixels() > 200, qPrintable(QString::number(redPixels())));
        view.resize(300, 220);  // a new size is drawn anew
        QVERIFY(waitUntil([&] { return view.pictureCurrent(); }, 10000));
        QVERIFY(redPixels() > 100);
    }

    void chartsReadOutWhatIsUnderTheCursor() {
        // Loss and accuracy: two folds of 4 epochs, two sources, averaged over the folds; hovering x = 2 reads epoch 2
        // of both folds: the mean, the range and the loss.
        ui::LossAccuracyChart loss;
        loss.resize(500, 360);
        loss.show();
        loss.beginSource(0, QStringLiteral("device-fd"), 4);
        loss.beginSource(1, QStringLiteral("tanh"), 4);
        for (int source = 0; source < 2; ++source) {
            for (int fold = 0; fold < 2; ++fold) {
                TrainingSnapshot s;
                s.source = source;
                s.fold = fold;
                s.folds = 2;
                for (int e = 1; e <= 4; ++e) {
                    EpochReport r;
                    r.epoch = e;
                    r.loss = 1.0 / (fold * 4 + e);
                    r.trainAccuracy = 0.5 + 0.05 * (fold * 4 + e);
                    r.validationAccuracy = 0.4 + 0.05 * (fold * 4 + e) + 0.01 * source;
                    s.newEpochs.push_back(r);
                }
                loss.add(s);
            }
        }
        const QString epochTwo = loss.readoutAt(2.2);
        QVERIFY2(
            epochTwo.contains(QStringLiteral("epoch 2")) &&
                epochTwo.contains(QStringLiteral("device-fd: 60.0 % (50.0 % to 70.0 % over 2 folds), loss 0.333")) &&
                epochTwo.contains(QStringLiteral("tanh: 61.0 % (51.0 % to 71.0 % over 2 folds)")),
            qPrintable(epochTwo));
        // Each source is its own line with its own pen, and its band spans the folds.
        QCOMPARE(loss.accuracyLine(0).size(), 4);
        QCOMPARE(loss.accuracyLine(1).size(), 4);
        QVERIFY(loss.accuracyPen(0).color() != loss.accuracyPen(1).color());
        QCOMPARE(loss.accuracyBand(1).first.at(1).y(), 0.71);
        QCOMPARE(loss.accuracyBand(1).second.at(1).y(), 0.51);
        // The same through a real mouse move over the plot.
        QChart* chart = loss.chart();
        const QPointF at = chart->mapToPosition(QPointF(2.0, 0.3));
        const QPoint viewPoint = loss.mapFromScene(chart->mapToScene(at));
        QMouseEvent move(QEvent::MouseMove, viewPoint, loss.viewport()->mapToGlobal(viewPoint), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(loss.viewport(), &move);
        QVERIFY2(loss.readoutText().contains(QStringLiteral("epoch 2")), qPrintable(loss.readoutText()));

        // Derivative scatter: the nearest neuron-sample, nothing far from every point.
        ui::DerivativeScatter scatter;
        scatter.resize(400, 300);
        scatter.set({0.50f, 1.10f}, {0.48f, 1.00f}, QStringLiteral("device-fd"));
        const QString near = scatter.readoutAt(QPointF(1.01, 1.09));
        QVERIFY2(near.contains(QStringLiteral("exact dy/dx 1.0000")) &&
                     near.contains(QStringLiteral("used 1.1000 (+0.1000)")),
                 qPrintable(near));
        QVERIFY(scatter.readoutAt(QPointF(0.0, 1.0)).isEmpty());

        // Agreement: each source's and layer's cosine at the epoch, averaged over the folds; one line per source and
        // layer, none for a source without agreement (tanh).
        ui::AgreementChart agreement;
        agreement.clear(2, 10);
        agreement.beginSource(0, QStringLiteral("device-fd"));
        agreement.beginSource(1, QStringLiteral("tanh"));
        for (int fold = 0; fold < 2; ++fold) {
            TrainingSnapshot epochs;
            epochs.fold = fold;
            EpochReport e;
            e.epoch = 1;
            e.layerCosines = {0.99 + 0.005 * fold, 0.97 + 0.01 * fold};
            epochs.newEpochs.push_back(e);
            agreement.add(epochs);
            TrainingSnapshot tanh = epochs;
            tanh.source = 1;
            tanh.newEpochs[0].layerCosines.clear();
            agreement.add(tanh);
        }
        const QString cosines = agreement.readoutAt(0.9);
        QVERIFY2(cosines.contains(QStringLiteral("device-fd, layer 1: cosine 0.9925")) &&
                     cosines.contains(QStringLiteral("device-fd, layer 2: cosine 0.9750")) &&
                     !cosines.contains(QStringLiteral("tanh")),
                 qPrintable(cosines));
        QCOMPARE(agreement.agreementLine(0, 1).size(), 1);
        QVERIFY(agreement.agreementLine(1, 0).isEmpty());

        // Confusion matrix: count and share of the true class under the cursor.
        ui::ConfusionView confusion;
        confusion.resize(400, 400);
        Eigen::MatrixXi m(2, 2);
        m << 8, 2, 1, 9;
        confusion.set(m, {QStringLiteral("cats"), QStringLiteral("dogs")});
        const double side = (400.0 - 70.0 - 10.0) / 2.0;
        const QString cell =
            confusion.toolTipAt(QPointF(70.0 + 1.5 * side, 42.0 + 0.5 * side));  // row cats, column dogs
        QVERIFY2(cell.contains(QStringLiteral("true cats, predicted dogs: 2 samples, 20.0 % of the true cats")),
                 qPrintable(cell));
        QVERIFY(confusion.toolTipAt(QPointF(5, 5)).isEmpty());

        // Network view: a hidden neuron tells where its inputs fell.
        ui::NetworkView network;
        network.resize(420, 300);
        TrainingSetup setup;
        setup.widths = {4, 3, 2};
        setup.classNames = {"cats", "dogs"};
        network.setSetup(setup);
        network.setState({Eigen::MatrixXf::Ones(3, 4), Eigen::MatrixXf::Ones(2, 3)},
                         {{0.f}, {-0.5f, 0.5f, 1.5f}, {0.f}});
        const QRectF second = ui::networkNeuronRect(QSizeF(network.size()), 3, 1, 1, 3);
        const QString neuron = network.toolTipAt(second.center());
        QVERIFY2(neuron.contains(QStringLiteral("layer 1, neuron 2")) &&
                     neuron.contains(QStringLiteral("-0.50 to 1.50, mean 0.50")),
                 qPrintable(neuron));
        QVERIFY(network.toolTipAt(ui::networkNeuronRect(QSizeF(network.size()), 3, 2, 1, 2).center())
                    .contains(QStringLiteral("output 2: dogs")));
    }
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
