// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshot.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPixmap>
#include <QBuffer>
#include "exports.hpp"
#include "lesson.hpp"
#include <QTimer>

#include "device_explorer_view.hpp"
#include "explorer_controller.hpp"
#include "robustness_map_view.hpp"
#include "run_document.hpp"
#include "main_window.hpp"
#include "text_fit.hpp"
#include <cstdio>
#include "training_charts.hpp"
#include "training_view.hpp"
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QTabWidget>
#include <functional>
#include <cmath>
#include "energy_landscape_view.hpp"
#include "magnetisation_sphere.hpp"
#include "explorer_charts.hpp"

namespace mtj::app {

Status saveScreenshot(const QString& presetPath, const QString& view, const QString& outPath, int epochs, bool compare,
                      bool presentation, QSize size, const ScreenshotExtras& extras) {
    if (view != QStringLiteral("device") && view != QStringLiteral("training") && view != QStringLiteral("map")) {
        return Status::error("--view '" + view.toStdString() + "': must be device or training");
    }
    if (view == QStringLiteral("map") && extras.map.isEmpty()) return Status::error("--view map needs --map MAP.json");
    ExplorerController controller(presetPath, false);
    if (controller.presetPath().isEmpty()) return Status::error(presetPath.toStdString() + ": could not be opened");
    ui::MainWindow* window = controller.window();
    if (!size.isValid()) size = QSize(1280, presentation ? 720 : 800);
    window->resize(size);
    if (presentation) window->setPresentationMode(true, false);
    window->show();
    auto wait = [](const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer timer;
        timer.start();
        while (!done() && timer.elapsed() < timeoutMs) {
            QEventLoop loop;
            QTimer::singleShot(20, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return done();
    };
    ui::DeviceExplorerView* device = window->deviceView();
    if (extras.lesson > 0) {
        if (Status s = controller.openLesson(extras.lesson - 1); !s) {
            return Status::error("--lesson " + std::to_string(extras.lesson) + ": " + s.message() + " (there are " +
                                 std::to_string(controller.lessons().size()) + ")");
        }
    }
    if (std::isfinite(extras.x)) device->followInput(extras.x);
    if (!wait([&] { return device->everythingShown(); }, 180000))
        return Status::error("the engine did not finish within 3 minutes");
    if (view == QStringLiteral("device") && compare) {
        // The device view's comparison: the same neuron read with a step and with a slow ramp.
        device->compareProtocolsControl()->setChecked(true);
        if (!wait([&] { return device->everythingShown(); }, 180000))
            return Status::error("the engine did not finish within 3 minutes");
    }
    if (view == QStringLiteral("map")) {
        if (Status s = controller.openRobustnessMap(extras.map); !s) return Status::error("--map: " + s.message());
        // --tab names the metric: held-out (the default), deployment-drop, deployed, train or cosine.
        const std::pair<const char*, RobustnessMetric> metrics[] = {
            {"held-out", RobustnessMetric::HeldOut},
            {"deployment-drop", RobustnessMetric::DeploymentDrop},
            {"deployed", RobustnessMetric::Deployed},
            {"train", RobustnessMetric::Train},
            {"cosine", RobustnessMetric::GradientCosine}};
        bool known = extras.tab.isEmpty();
        for (const auto& [name, metric] : metrics) {
            if (extras.tab == QLatin1String(name)) {
                window->robustnessMapView()->showMetric(metric);
                known = true;
            }
        }
        if (!known) {
            return Status::error("--tab '" + extras.tab.toStdString() +
                                 "': with --map, the metric: held-out, deployment-drop, deployed, train or cosine");
        }
    }
    if (view == QStringLiteral("training")) {
        // Train the preset's run: --epochs N stops after N epochs of the current fold (mid-training), else to the end.
        window->tabs()->setCurrentIndex(1);
        ui::TrainingView* training = window->trainingView();
        if (epochs > 0) {
            // Stopping after N epochs of a fold needs a pace the wait below can catch (Iris runs thousands of
            // epochs a second); a run slower than 20 epochs a second is not slowed down.
            training->speedBox()->setCurrentIndex(training->speedBox()->findText(QStringLiteral("20 epochs/s")));
        }
        if (compare) {
            training->compareButton()->click();
        } else {
            training->togglePlay();
        }
        const bool done = wait(
            [&] {
                const TrainingSnapshot& s = training->lastSnapshot();
                if (!s.error.empty()) return true;
                if (compare) return !training->running() && controller.run().results().size() > 1;
                return epochs > 0 ? (s.epoch >= epochs || s.finished) : (s.finished && !training->running());
            },
            1800000);
        if (training->running()) training->togglePlay();
        if (!done) return Status::error("training did not reach the requested point within 30 minutes");
        if (!training->lastSnapshot().error.empty()) return Status::error(training->lastSnapshot().error);
        wait([] { return false; }, 300);                                         // the last snapshot's charts
        wait([&] { return training->networkView()->pictureCurrent(); }, 10000);  // drawn on its own thread
    }
    // Let the last paint settle.
    QEventLoop settle;
    QTimer::singleShot(100, &settle, &QEventLoop::quit);
    settle.exec();
    if (!extras.tab.isEmpty() && view != QStringLiteral("map")) {
        const QStringList& trainingTabs = trainingChartTabs();
        if (trainingTabs.contains(extras.tab)) {
            window->tabs()->setCurrentIndex(1);
            window->trainingView()->chartTabs()->setCurrentIndex(static_cast<int>(trainingTabs.indexOf(extras.tab)));
        } else if (!device->showReadingTab(extras.tab)) {
            return Status::error(
                "--tab '" + extras.tab.toStdString() +
                "': must be m(t), in-plane, sphere, energy, network, decision-map, confusion or comparison");
        }
    }
    if (extras.focus) {
        QWidget* chart = nullptr;
        if (extras.tab == QLatin1String("sphere"))
            chart = device->sphereView();
        else if (extras.tab == QLatin1String("energy"))
            chart = device->landscapeView();
        else if (window->tabs()->currentIndex() == 0)
            chart = device->activationChart();
        else
            chart = window->trainingView()->chartTabs()->currentWidget();
        window->focusChart(chart);
    }
    {
        QEventLoop settle;
        QTimer::singleShot(150, &settle, &QEventLoop::quit);
        settle.exec();
    }
    // Text cut short is a defect on a projector: say where, so it is fixed rather than shipped.
    for (const QString& clipped : ui::clippedTexts(window))
        std::fprintf(stderr, "screenshot: text cut short: %s\n", qPrintable(clipped));
    const QPixmap image = window->grab();
    QByteArray png;
    QBuffer buffer(&png);
    if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) {
        return Status::error("cannot render the window as PNG");
    }
    // Written like every other output: atomically, so a failure leaves an existing PNG as it was.
    return writeFileAtomically(outPath, png);
}

}  // namespace mtj::app
