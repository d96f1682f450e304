// The training view as a user drives it (offscreen): Play trains and the charts grow, Pause stops within one batch,
// Step advances exactly one batch, Reset restores the initial weights of the seed, a learning-rate change applies
// from the next batch, comparisons use identical devices, and a window run equals `mtj-explorer train`.
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "explorer_controller.hpp"
#include "gui_test_support.hpp"
#include "main_window.hpp"
#include "network/experiment.hpp"
#include "paths.hpp"
#include "preset.hpp"
#include "training_charts.hpp"
#include "training_run.hpp"
#include "training_view.hpp"
#include "training_worker.hpp"

using namespace mtj;

namespace {
const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);

using mtj::testing::waitUntil;
}  // namespace

class TestTrainingView : public QObject {
    Q_OBJECT
private slots:
    void playTrainsAndChartsGrow() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().epoch >= 5 || view->lastSnapshot().fold > 0; }));
        // The charts redraw in turn (one per snapshot): wait for the loss chart's turn.
        QVERIFY(waitUntil([&] { return view->lossChart()->accuracyPoints(0) > 0; }));
        QVERIFY(view->lossChart()->batchLossPoints() > 0);
        const int points = view->lossChart()->batchLossPoints();
        QVERIFY(waitUntil([&] { return view->lossChart()->batchLossPoints() > points; }));  // still growing
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
        QObject::connect(worker, &app::TrainingWorker::snapshotReady, worker, [&](const ui::TrainingSnapshot& s) {
            if (pausedAt.load() < 0 && s.step >= 300) {
                pausedAt.store(s.step);
                worker->requestPause();
            }
        }, Qt::DirectConnection);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return pausedAt.load() >= 0 && !view->lastSnapshot().playing; }));
        QTest::qWait(100);
        QVERIFY2(view->lastSnapshot().step - pausedAt.load() <= 1,
                 qPrintable(QString("paused at %1, stopped at %2").arg(pausedAt.load()).arg(view->lastSnapshot().step)));
    }

    void stepAdvancesExactlyOneBatchAndResetRestoresTheSeed() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        QList<ui::TrainingSnapshot> snapshots;
        connect(controller.trainingWorker(), &app::TrainingWorker::snapshotReady, this,
                [&](const ui::TrainingSnapshot& s) { snapshots << s; });
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
        QVERIFY(waitUntil([&] { return view->lastSnapshot().step == 0; }));
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

    void comparisonUsesIdenticalDevices() {
        app::ExplorerController controller(presetDirectory + "/paper-iris-pronounced.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        QList<ui::TrainingSetup> setups;
        connect(controller.trainingWorker(), &app::TrainingWorker::setupReady, this,
                [&](const ui::TrainingSetup& s) { setups << s; });
        view->compareButton()->click();  // device-fd, nominal-model and tanh are checked by default
        QVERIFY(waitUntil([&] { return view->results().size() == 3; }, 120000));
        QCOMPARE(setups.size(), 3);
        QCOMPARE(setups[0].sourceName, QStringLiteral("device-fd"));
        QCOMPARE(setups[1].sourceName, QStringLiteral("nominal-model"));
        QVERIFY(!setups[0].deviceCurves.empty());
        QCOMPARE(setups[0].deviceCurves, setups[1].deviceCurves);  // the same sampled devices
        QCOMPARE(view->comparisonTable()->rowCount(), 3);
        // The same seed: each run equals `mtj-explorer train` of that source.
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris-pronounced.json", {"training.gradient=nominal-model"}, preset).isOk());
        const ExperimentResult cli = runExperiment(app::experimentFromPreset(preset));
        QCOMPARE(view->results()[1].validationAccuracy, cli.validationAccuracy);
    }

    void windowRunEqualsTheCommandLine() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->results().size() == 1; }, 120000));
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {}, preset).isOk());
        const ExperimentResult cli = runExperiment(app::experimentFromPreset(preset));
        QCOMPARE(view->results()[0].validationAccuracy, cli.validationAccuracy);
        QCOMPARE(view->results()[0].trainAccuracy, cli.trainAccuracy);
        QVERIFY(view->results()[0].validationAccuracy >= 0.95);
    }

    void twoDimensionalSetShowsADecisionMap() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/paper-iris.json", {"training.dataset=moons", "training.epochs=5", "training.folds=0"}, preset).isOk());
        view->setPreset(preset.neuron, preset.variability, preset.network, preset.training);
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->results().size() == 1; }, 60000));
        auto* map = controller.window()->findChild<ui::DecisionMapView*>();
        QVERIFY(map != nullptr && map->hasMap());
    }

    void networkPictureShowsTheLatestState() {
        // The picture is drawn on its own thread; many states in quick succession end with the newest one on screen.
        ui::NetworkView view;
        view.resize(420, 300);
        view.show();
        ui::TrainingSetup setup;
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
            return std::vector<Eigen::MatrixXf>{Eigen::MatrixXf::Constant(3, 4, sign), Eigen::MatrixXf::Constant(2, 3, sign)};
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
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
