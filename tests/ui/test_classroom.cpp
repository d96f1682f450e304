// SPDX-License-Identifier: GPL-3.0-or-later
// The classroom and the stage, as a teacher and a speaker use them (offscreen): every lesson opens its preset and
// view and shows its text, and every step changes what the window shows; the sphere follows the engine's m(t); the
// landscape's wells are the engine's fixed points; presentation mode cuts no text at 1280 x 720 and 1920 x 1080 (at
// the normal and a larger system font), does not grow the window and gives the window back exactly; focus mode fills
// the window with one chart and puts it back; high contrast thickens the lines and restores them; the lesson panel
// shows the open preset's text.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>
#include <cmath>

#include "device/energy_landscape.hpp"
#include "device/trajectory.hpp"
#include "device_explorer_view.hpp"
#include "energy_landscape_view.hpp"
#include "explorer_charts.hpp"
#include "explorer_controller.hpp"
#include "gui_test_support.hpp"
#include "lesson.hpp"
#include "lesson_panel.hpp"
#include "magnetisation_sphere.hpp"
#include "main_window.hpp"
#include "text_fit.hpp"
#include "training_view.hpp"
#include "network_picture.hpp"
#include "training_charts.hpp"
#include "value_control.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)
using mtj::testing::waitUntil;

namespace {
const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);

/// What the window shows that a step can change: the device explorer's settings, the followed input, the tabs, the
/// training view's settings and whether it trains.
QString windowState(app::ExplorerController& controller) {
    ui::MainWindow* window = controller.window();
    ui::DeviceExplorerView* device = window->deviceView();
    ui::TrainingView* training = window->trainingView();
    const TrainingRequest request = training->currentRequest(false);
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(QString::fromUtf8(app::presetToJson([&] {
            app::Preset p = controller.preset();
            p.neuron = device->settings();
            p.variability = device->variability();
            p.network = request.spec.network;
            p.training = request.spec.training;
            return p;
        }())))
        .arg(device->followedInput())
        .arg(window->tabs()->currentIndex())
        .arg(device->currentReadingTab())
        .arg(training->chartTabs()->currentIndex())
        .arg(training->running())
        .arg(training->lastSnapshot().epoch)
        .arg(training->lastSnapshot().step);
}
}  // namespace

class TestClassroom : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyLessonOpensAndEveryStepChangesTheWindow() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        QVERIFY(controller.lessons().size() >= 11);
        QCOMPARE(window->findChild<QMenu*>(QStringLiteral("lessonsMenu"))->actions().size(),
                 static_cast<int>(controller.lessons().size()));
        for (int i = 0; i < static_cast<int>(controller.lessons().size()); ++i) {
            const app::Lesson& lesson = controller.lessons()[static_cast<std::size_t>(i)];
            QVERIFY2(lesson.title.startsWith(QString::number(i + 1) + QLatin1Char('.')), qPrintable(lesson.title));
            QVERIFY(controller.openLesson(i).isOk());
            // Its preset, its view and its text.
            QCOMPARE(window->tabs()->currentIndex(), lesson.view == QLatin1String("training") ? 1 : 0);
            QVERIFY(window->deviceView()->settings().drive.inputScale == lesson.preset.neuron.drive.inputScale);
            ui::LessonPanel* panel = window->lessonPanel();
            QVERIFY(window->lessonDock()->isVisible());
            QCOMPARE(panel->titleText(), lesson.title);
            QCOMPARE(panel->lookText(), lesson.look);
            QCOMPARE(panel->meansText(), lesson.means);
            QCOMPARE(panel->stepButtons().size(), static_cast<int>(lesson.steps.size()));
            for (int k = 0; k < panel->stepButtons().size(); ++k) {
                QVERIFY(panel->stepButtons()[k]->text().contains(lesson.steps[static_cast<std::size_t>(k)].label));
                const QString before = windowState(controller);
                panel->stepButtons()[k]->click();  // as a student clicks it
                const QString after = windowState(controller);
                QVERIFY2(after != before, qPrintable(QString("%1, step %2 (%3) changed nothing")
                                                         .arg(lesson.title)
                                                         .arg(k + 1)
                                                         .arg(lesson.steps[static_cast<std::size_t>(k)].label)));
                QVERIFY(panel->statusText().startsWith(QStringLiteral("Step %1:").arg(k + 1)));
                QVERIFY(panel->stepButtons()[k]->text().startsWith(QStringLiteral("✓")));
                if (window->trainingView()->running())
                    window->trainingView()->togglePlay();  // the next lesson starts still
            }
        }
    }

    void aBrokenLessonIsRefusedWithFileStepAndKey() {
        QTemporaryDir dir;
        const QString path = dir.filePath("99-broken.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"name": "x", "lesson": {"title": "t", "view": "device", "look": "l", "means": "m",
                     "try": {"text": "t", "steps": [{"label": "ok", "x": 1}, {"label": "bad", "set": {"drive.field_mT": -5}}]}}})");
        file.close();
        app::Lesson lesson;
        const Status s = app::loadLesson(path, lesson);
        QVERIFY(!s);
        const QString message = QString::fromStdString(s.message());
        QVERIFY2(message.contains(path) && message.contains("steps[2]") && message.contains("drive.field_mT"),
                 qPrintable(message));
        file.open(QIODevice::WriteOnly);
        file.write(
            R"({"lesson": {"title": "t", "view": "stage", "look": "l", "means": "m", "try": {"text": "t", "steps": [{"label": "a", "x": 1}]}}})");
        file.close();
        QVERIFY(!app::loadLesson(path, lesson));
        file.open(QIODevice::WriteOnly);
        file.write(
            R"({"lesson": {"title": "t", "view": "device", "look": "l", "means": "m", "colour": 1, "try": {"text": "t", "steps": [{"label": "a", "x": 1}]}}})");
        file.close();
        const Status unknown = app::loadLesson(path, lesson);
        QVERIFY(!unknown && QString::fromStdString(unknown.message()).contains("colour"));
    }

    void thePanelShowsThePresetsTextOutsideALesson() {
        app::ExplorerController controller(presetDirectory + "/hysteresis.json", false);
        controller.window()->show();
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/hysteresis.json", {}, preset).isOk());
        QCOMPARE(controller.window()->lessonPanel()->titleText(), QString::fromStdString(preset.name));
        QCOMPARE(controller.window()->lessonPanel()->lookText(), QString::fromStdString(preset.description));
        QVERIFY(controller.window()->deviceView()->toolTip().isEmpty());  // no longer a tooltip over the gaps
    }

    void theSphereAndTheLandscapeShowTheEnginesReading() {
        app::ExplorerController controller(presetDirectory + "/hysteresis.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        ui::DeviceExplorerView* device = window->deviceView();
        device->followInput(0.0);
        QVERIFY(waitUntil([&] { return device->everythingShown(); }));
        // The sphere holds the engine's trajectory of the reading at x = 0: its projection of m(t) is the
        // projection of what computeTrajectory gives.
        Trajectory expected;
        QVERIFY(computeTrajectory(device->settings(), 0.0, 2000, expected, device->variability().seed).isOk());
        ui::MagnetisationSphereView* sphere = device->sphereView();
        QVERIFY(device->showReadingTab(QStringLiteral("sphere")));
        QVERIFY(sphere->hasTrajectory());
        sphere->setCurrentIndex(static_cast<int>(expected.magnetization.size()) - 1);
        QCOMPARE(sphere->currentIndex(), static_cast<int>(expected.magnetization.size()) - 1);
        QVERIFY(std::abs(sphere->currentTimeNanoseconds() - expected.timeNanoseconds.back()) < 1e-9);
        // The landscape's stable points are the engine's and they sit in its minima.
        QVERIFY(device->showReadingTab(QStringLiteral("energy")));
        ui::EnergyLandscapeView* landscape = device->landscapeView();
        QVERIFY(landscape->hasLandscape());
        const NeuronModel model = NeuronModel::fromSettings(device->settings());
        const std::vector<LandscapeFixedPoint> points = findFixedPoints(model.device, model.dcDrive(0.0));
        int stable = 0;
        for (const LandscapeFixedPoint& p : points) {
            if (p.kind != LandscapeFixedPoint::Kind::Stable) continue;
            ++stable;
            const QPointF at = landscape->mapPosition(p.theta, p.phi);
            QVERIFY(landscape->mapRect().adjusted(-2, -2, 2, 2).contains(at.toPoint()));
        }
        QCOMPARE(stable, 2);  // the two wells of the hysteresis junction at zero field
        const QImage image = landscape->grab().toImage();
        QVERIFY(mtj::testing::pixelsNear(image, ui::EnergyLandscapeView::stableMarkerFill(), 10) > 10);
    }

    void presentationModeCutsNoTextAndGivesTheWindowBack_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("fontScale");
        QTest::newRow("1280 x 720") << 1280 << 720 << 1.0;
        QTest::newRow("1920 x 1080") << 1920 << 1080 << 1.0;
        QTest::newRow("1280 x 720, larger system font") << 1280 << 720 << 1.15;
        QTest::newRow("1920 x 1080, larger system font") << 1920 << 1080 << 1.15;
    }
    void presentationModeCutsNoTextAndGivesTheWindowBack() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(double, fontScale);
        const QFont systemFont = QApplication::font();
        QFont larger = systemFont;
        larger.setPointSizeF(systemFont.pointSizeF() * fontScale);
        QApplication::setFont(larger);
        {
            app::ExplorerController controller(presetDirectory + "/deploy-iris.json", false);
            ui::MainWindow* window = controller.window();
            window->resize(1200, 760);
            window->show();
            QVERIFY(waitUntil([&] { return window->deviceView()->everythingShown(); }));
            const QByteArray normal = window->saveGeometry();
            const QRect normalRect = window->geometry();
            window->setPresentationMode(true, false);
            window->resize(width, height);
            for (int tab : {0, 1}) {
                window->tabs()->setCurrentIndex(tab);
                if (tab == 1) {
                    window->trainingView()->stepEpochOnce();
                    QVERIFY(waitUntil([&] { return window->trainingView()->lastSnapshot().epoch >= 1; }));
                }
                QTest::qWait(200);
                QCOMPARE(window->width(), width);  // the larger text does not widen the window
                const QStringList cut = ui::clippedTexts(window);
                QVERIFY2(cut.isEmpty(), qPrintable(QString("tab %1: %2").arg(tab).arg(cut.join("\n"))));
            }
            // Advanced opened on a projector: the knob values stay readable.
            window->tabs()->setCurrentIndex(0);
            window->findChild<QGroupBox*>()->setChecked(true);
            for (QGroupBox* box : window->deviceView()->findChildren<QGroupBox*>()) {
                if (box->isCheckable()) box->setChecked(true);
            }
            QTest::qWait(100);
            const QStringList cutAdvanced = ui::clippedTexts(window);
            QVERIFY2(cutAdvanced.isEmpty(), qPrintable(cutAdvanced.join("\n")));
            window->setPresentationMode(false, false);
            QTest::qWait(50);
            QCOMPARE(window->geometry(), normalRect);
            QCOMPARE(window->normalGeometry(), normal);
        }
        QApplication::setFont(systemFont);
    }

    void normalModeCutsNoText() {
        app::ExplorerController controller(presetDirectory + "/narrow-current.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        QVERIFY(waitUntil([&] { return window->deviceView()->everythingShown(); }));
        QVERIFY(controller.openLesson(0).isOk());  // the lesson panel open
        QVERIFY(waitUntil([&] { return window->deviceView()->everythingShown(); }));
        QTest::qWait(100);
        const QStringList cut = ui::clippedTexts(window);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join("\n")));
        // Ticking Advanced keeps every knob's value readable (it once hid them all).
        for (QGroupBox* box : window->deviceView()->findChildren<QGroupBox*>()) {
            if (box->isCheckable()) box->setChecked(true);
        }
        QTest::qWait(100);
        const QStringList cutAdvanced = ui::clippedTexts(window);
        QVERIFY2(cutAdvanced.isEmpty(), qPrintable(cutAdvanced.join("\n")));
    }

    void focusModeFillsTheWindowWithOneChartAndPutsItBack() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        ui::ActivationChart* chart = window->deviceView()->activationChart();
        QVERIFY(waitUntil([&] { return window->deviceView()->everythingShown(); }));
        QWidget* parent = chart->parentWidget();
        const int before = chart->width();
        QTest::mouseDClick(chart->viewport(), Qt::LeftButton, {}, QPoint(chart->width() / 2, chart->height() / 2));
        QCOMPARE(window->focusedChart(), static_cast<QWidget*>(chart));
        QTest::qWait(50);
        QVERIFY2(chart->width() > window->width() * 8 / 10 && chart->width() > before,
                 qPrintable(QString::number(chart->width())));
        QVERIFY(!chart->activationPoints().isEmpty());  // still the live chart
        window->leaveFocus();
        QTest::qWait(50);
        QCOMPARE(window->focusedChart(), nullptr);
        QCOMPARE(chart->parentWidget(), parent);
        QVERIFY(std::abs(chart->width() - before) <= 2);
        // A chart that lives in a tab goes back into its tab.
        ui::DeviceExplorerView* device = window->deviceView();
        QVERIFY(device->showReadingTab(QStringLiteral("sphere")));
        window->focusChart(device->sphereView());
        QCOMPARE(window->focusedChart(), static_cast<QWidget*>(device->sphereView()));
        window->leaveFocus();
        QCOMPARE(device->currentReadingTab(), QStringLiteral("sphere"));
        QVERIFY(device->sphereView()->isVisible());
    }

    void trainingPicturesShowWholeWords() {
        // tanh neurons (16 per layer, 12 drawn) and the confusion matrix of Iris after one epoch.
        app::ExplorerController controller(presetDirectory + "/paper-iris-tanh.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        window->tabs()->setCurrentIndex(1);
        ui::TrainingView* training = window->trainingView();
        training->stepEpochOnce();
        QVERIFY(waitUntil([&] { return training->lastSnapshot().epoch >= 1 && !training->confusionView()->empty(); }));
        QTest::qWait(200);
        training->networkView()->resize(420, 380);
        const QImage network = training->networkView()->grab().toImage();
        const QImage confusionImage = [&] {
            training->confusionView()->resize(420, 380);
            return training->confusionView()->grab().toImage();
        }();
        if (!qEnvironmentVariableIsEmpty("MTJ_CLASSROOM_PNG")) {
            network.save(qEnvironmentVariable("MTJ_CLASSROOM_PNG") + "-network.png");
            confusionImage.save(qEnvironmentVariable("MTJ_CLASSROOM_PNG") + "-confusion.png");
        }
        // The caption of the hidden layer says that 12 of its 16 neurons are drawn (dark text over that column's top).
        QCOMPARE(training->networkView()->columnCaption(1), QStringLiteral("layer 1: 12 of 16"));
        QVERIFY(training->networkView()->fontMetrics().horizontalAdvance(training->networkView()->columnCaption(1)) <
                network.width() / 3);
        int dark = 0;
        for (int y = 0; y < 16; ++y) {
            for (int x = network.width() / 3; x < 2 * network.width() / 3; ++x)
                dark += qGray(network.pixel(x, y)) < 110;
        }
        QVERIFY(dark > 40);
        const int columns = 3;
        // Every "tanh" fits its box: no dark pixel on the box's left and right edges' outer side.
        const QRectF first = ui::networkNeuronRect(training->networkView()->size(), columns, 1, 0, 12);
        int outside = 0;
        for (int y = static_cast<int>(first.top()) + 3; y < static_cast<int>(first.bottom()) - 3; ++y) {
            for (int x : {static_cast<int>(first.left()) - 3, static_cast<int>(first.right()) + 3}) {
                if (qGray(network.pixel(x, y)) < 110) ++outside;
            }
        }
        QCOMPARE(outside, 0);
    }

    void highContrastThickensTheLinesAndRestoresThem() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::MainWindow* window = controller.window();
        window->show();
        auto* series = qobject_cast<QLineSeries*>(window->deviceView()->activationChart()->chart()->series().at(1));
        QVERIFY(series != nullptr);
        const double width = series->pen().widthF();
        window->setHighContrast(true);
        QVERIFY(series->pen().widthF() > 1.5 * width);
        QCOMPARE(QApplication::palette().color(QPalette::WindowText), QColor(Qt::black));
        window->setHighContrast(false);
        QCOMPARE(series->pen().widthF(), width);
    }
};

QTEST_MAIN(TestClassroom)
#include "test_classroom.moc"
