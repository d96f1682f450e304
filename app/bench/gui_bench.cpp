// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui_bench.hpp"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <unistd.h>
#include "device_worker.hpp"
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>

#include "device_explorer_view.hpp"
#include "autosave.hpp"
#include "explorer_controller.hpp"
#include "main_window.hpp"
#include "training_view.hpp"
#include <QTabWidget>
#include <QTemporaryDir>
#include <limits>
#include "paths.hpp"
#include "value_control.hpp"

namespace mtj::bench {
namespace {

/// Runs the event loop until `done` or the timeout; false on timeout.
template <class Done>
bool waitFor(Done&& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

}  // namespace

std::vector<BenchFigure> runGuiBenchmarks(const BenchProgress& progress) {
    if (progress) progress("slider_to_chart_ms_median");
    std::vector<BenchFigure> figures;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    double worstGapMs = 0.0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        worstGapMs = std::max(worstGapMs, (now - lastTick) * 1e-6 - 1.0);
        lastTick = now;
    });
    {  // the device explorer (its controller and worker end with this scope, before the training part)
        app::ExplorerController controller(QDir(app::presetDirectory()).filePath(QStringLiteral("default.json")),
                                           false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        ui::DeviceExplorerView* view = window->deviceView();
        waitFor([&] { return view->everythingShown(); }, 60000);

        // The stall probe: a precise 1 ms timer; the longest gap between ticks minus the interval.
        lastTick = clock.nsecsElapsed();
        probe.start();

        // A drag: the slider goes back and forth over +-30 uA around the preset's 100 uA in 3 uA steps, as a hand
        // nudges it while watching the curve. (Until issue "The house" the moves alternated with a growing amplitude,
        // out to +-300 uA: every other curve then came from a drive where each reading is integrated in time
        // (0.4-0.55 s a curve), and the median fell on the border between the two kinds.)
        QSlider* slider = view->biasCurrentControl()->slider();
        std::vector<double> latencies;
        const int start = slider->value();
        const auto dragged = [](int i) {  // a triangle wave of period 40 moves: 0, 1, .., 10, 9, .., -10, .., 0
            const int phase = i % 40;
            return phase <= 10 ? phase : phase <= 30 ? 20 - phase : phase - 40;
        };
        for (int i = 1; i <= 100; ++i) {
            QElapsedTimer latency;
            latency.start();
            slider->setValue(start + dragged(i) * 3);
            const quint64 id = view->latestRequestId();
            if (!waitFor([&] { return view->shownCurveId() >= id; }, 10000)) break;
            latencies.push_back(latency.nsecsElapsed() * 1e-6);
        }
        probe.stop();
        std::sort(latencies.begin(), latencies.end());
        const double median = latencies.empty() ? -1.0 : latencies[latencies.size() / 2];
        const double p90 = latencies.empty() ? -1.0 : latencies[latencies.size() * 9 / 10];
        figures.push_back({"slider_to_chart_ms_median", median, "ms",
                           "bias-current slider to the chart showing that curve, median of 100 moves of a drag"});
        figures.push_back({"slider_to_chart_ms_p90", p90, "ms", "the same, 90th percentile"});
        figures.push_back({"ui_stall_ms_max", worstGapMs, "ms", "longest event-loop block while the slider moved"});

        // Room temperature: the slider to the first (coarse) picture of the 300 K curve, median of 15 moves.
        if (progress) progress("slider_to_first_picture_300K_ms_median");
        {
            NeuronSettings warm = view->settings();
            warm.device.temperatureKelvin = 300.0;
            view->setSettings(warm, view->variability());
            waitFor([&] { return view->everythingShown(); }, 120000);
            quint64 coarseId = 0;
            const QMetaObject::Connection connection =
                QObject::connect(view, &ui::DeviceExplorerView::coarseCurveShown,
                                 [&](quint64 id, int) { coarseId = std::max(coarseId, id); });
            std::vector<double> firstPictures;
            for (int i = 1; i <= 15; ++i) {
                QElapsedTimer latency;
                latency.start();
                slider->setValue(start + (i % 2 == 0 ? i : -i) * 3);
                const quint64 id = view->latestRequestId();
                if (!waitFor([&] { return coarseId >= id || view->shownCurveId() >= id; }, 30000)) break;
                firstPictures.push_back(latency.nsecsElapsed() * 1e-6);
                waitFor([&] { return view->shownCurveId() >= id; }, 30000);  // the last pass, before the next move
            }
            QObject::disconnect(connection);
            std::sort(firstPictures.begin(), firstPictures.end());
            figures.push_back(
                {"slider_to_first_picture_300K_ms_median",
                 firstPictures.empty() ? -1.0 : firstPictures[firstPictures.size() / 2], "ms",
                 "bias-current slider to the first (coarse) picture of the 300 K default curve, median of 15"});
        }
    }

    // Training paper-mnist in the window: the longest event-loop block over 8 s of live training (after the run is
    // prepared: data loaded, devices built).
    if (progress) progress("training_ui_stall_ms_max");
    app::ExplorerController trainer(QDir(app::presetDirectory()).filePath(QStringLiteral("paper-mnist.json")), false);
    ui::MainWindow* trainingWindow = trainer.window();
    trainingWindow->resize(1280, 800);
    trainingWindow->show();
    trainingWindow->tabs()->setCurrentIndex(1);
    ui::TrainingView* training = trainingWindow->trainingView();
    waitFor([&] { return trainingWindow->deviceView()->everythingShown(); }, 60000);  // the device view is idle
    training->stepOnce();  // prepares the run and trains one batch
    if (!waitFor([&] { return training->lastSnapshot().step >= 1 || !training->lastSnapshot().error.empty(); },
                 120000) ||
        !training->lastSnapshot().error.empty()) {
        figures.push_back({"training_ui_stall_ms_max", std::numeric_limits<double>::quiet_NaN(), "ms",
                           "MNIST not available: " + training->lastSnapshot().error});
        return figures;
    }
    // The autosave (app/autosave.hpp) runs through the span, every 200 ms: its GUI-thread capture is timed.
    QTemporaryDir autosaves;
    trainer.enableAutosave(autosaves.path(), 200);
    worstGapMs = 0.0;
    lastTick = clock.nsecsElapsed();
    probe.start();
    training->togglePlay();
    {
        // One event loop for the whole span: only the application's own work and the probe run in it.
        QEventLoop loop;
        QTimer::singleShot(8000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    probe.stop();
    training->togglePlay();
    figures.push_back({"training_ui_stall_ms_max", worstGapMs, "ms",
                       "longest event-loop block while the window trained paper-mnist (8 s, autosaving)"});
    std::vector<double> captures = trainer.autosave()->captureMilliseconds();
    std::sort(captures.begin(), captures.end());
    const bool measured = !captures.empty();
    const std::string count = std::to_string(captures.size());
    figures.push_back({"autosave_gui_ms_median", measured ? captures[captures.size() / 2] : -1.0, "ms",
                       "GUI-thread time of one autosave capture while paper-mnist trained, median of " + count +
                           " (target <= 2 ms)"});
    figures.push_back({"autosave_gui_ms_max", measured ? captures.back() : -1.0, "ms",
                       "GUI-thread time of one autosave capture while paper-mnist trained, maximum of " + count +
                           " (target <= 2 ms)"});
    figures.push_back({"autosaves_written", static_cast<double>(trainer.autosave()->savesWritten()), "",
                       "autosave files written in the 8 s"});
    return figures;
}

namespace {
/// Resident memory in MB (Linux: /proc/self/statm, second field, in pages).
double residentMegabytes() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) return -1.0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0)
                             : -1.0;
}
/// Bytes the program holds on the heap (glibc: in use from the arenas plus mmapped chunks), in MB.
double heapInUseMegabytes() {
    const struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}
}  // namespace

std::vector<BenchFigure> runSoakBenchmark(double minutes, const BenchProgress& progress) {
    if (progress) progress("soak");
    app::ExplorerController controller(QDir(app::presetDirectory()).filePath(QStringLiteral("deploy-iris.json")),
                                       false);
    ui::MainWindow* window = controller.window();
    window->resize(1280, 800);
    window->show();
    ui::DeviceExplorerView* view = window->deviceView();
    ui::TrainingView* training = window->trainingView();
    waitFor([&] { return view->everythingShown(); }, 60000);
    long requests = 0, curvesShown = 0, stale = 0;
    QObject::connect(view, &ui::DeviceExplorerView::requestChanged, [&] { ++requests; });
    QObject::connect(view, &ui::DeviceExplorerView::curveShown, [&] { ++curvesShown; });
    QObject::connect(controller.deviceWorker(), &app::DeviceWorker::curveReady, view,
                     [&](const mtj::CurveResult& r) { stale += r.id < view->latestRequestId() ? 1 : 0; });
    QElapsedTimer clock;
    clock.start();
    const qint64 total = static_cast<qint64>(minutes * 60000.0);
    double firstMinute = -1.0, heapFirstMinute = -1.0;
    long epochs = 0;
    int phase = 0;
    while (clock.elapsed() < total) {
        const qint64 phaseEnd = std::min(total, clock.elapsed() + 30000);
        if (phase % 2 == 0) {
            // A slider sweep, as a hand drags it: a new bias current every 20 ms, up and down the slider's range.
            window->tabs()->setCurrentIndex(0);
            QSlider* slider = view->biasCurrentControl()->slider();
            int k = 0;
            while (clock.elapsed() < phaseEnd) {
                slider->setValue(slider->minimum() + static_cast<int>((slider->maximum() - slider->minimum()) *
                                                                      std::abs(std::sin(0.05 * k++))));
                waitFor([] { return false; }, 20);
                if (firstMinute < 0.0 && clock.elapsed() > 60000) {
                    firstMinute = residentMegabytes();
                    heapFirstMinute = heapInUseMegabytes();
                }
            }
        } else {
            // A training run: play for the half minute, then pause and reset.
            window->tabs()->setCurrentIndex(1);
            if (!training->running()) training->togglePlay();
            while (clock.elapsed() < phaseEnd) {
                waitFor([] { return false; }, 50);
                if (firstMinute < 0.0 && clock.elapsed() > 60000) {
                    firstMinute = residentMegabytes();
                    heapFirstMinute = heapInUseMegabytes();
                }
            }
            epochs += training->lastSnapshot().epoch;
            if (training->running()) training->togglePlay();
            training->resetButton()->click();
            waitFor([&] { return !training->running(); }, 10000);
        }
        ++phase;
        if (std::getenv("MTJ_SOAK_TRACE") != nullptr) {
            std::fprintf(
                stderr,
                "soak phase %d at %.0f s: rss %.1f MB, heap in use %.1f MB, undo steps %d, window %dx%d, minimum %dx%d\n",
                phase, clock.elapsed() / 1000.0, residentMegabytes(), heapInUseMegabytes(),
                window->undoStack()->count(), window->width(), window->height(), window->minimumSizeHint().width(),
                window->minimumSizeHint().height());
            for (QWidget* w : window->findChildren<QWidget*>()) {
                if (w->minimumSizeHint().height() > 900 && w->isVisible())
                    std::fprintf(stderr, "   tall: %s %s min %d\n", w->metaObject()->className(),
                                 qPrintable(w->objectName()), w->minimumSizeHint().height());
            }
        }
    }
    waitFor([&] { return view->everythingShown(); }, 60000);
    const double end = residentMegabytes();
    const double heapEnd = heapInUseMegabytes();
    if (firstMinute < 0.0) firstMinute = end;
    if (heapFirstMinute < 0.0) heapFirstMinute = heapEnd;
    std::vector<BenchFigure> figures;
    figures.push_back({"soak_minutes", minutes, "min", "alternating half-minute slider sweeps and training runs"});
    figures.push_back({"soak_rss_mb_first_minute", firstMinute, "MB", "resident memory after the first minute"});
    figures.push_back({"soak_rss_mb_end", end, "MB", "resident memory at the end"});
    figures.push_back({"soak_rss_growth_percent", 100.0 * (end - firstMinute) / firstMinute, "%",
                       "growth after the first minute (target < 5)"});
    figures.push_back(
        {"soak_heap_mb_first_minute", heapFirstMinute, "MB", "heap in use after the first minute (mallinfo2)"});
    figures.push_back({"soak_heap_mb_end", heapEnd, "MB", "heap in use at the end"});
    figures.push_back({"soak_requests", static_cast<double>(requests), "", "settings sent to the engine worker"});
    figures.push_back({"soak_curves_shown", static_cast<double>(curvesShown), "", "curves drawn"});
    figures.push_back({"soak_dropped_requests", static_cast<double>(requests - curvesShown), "",
                       "requests superseded before their curve was drawn (the worker coalesces a burst)"});
    figures.push_back({"soak_stale_results", static_cast<double>(stale), "",
                       "results older than the newest request (dropped by the view)"});
    figures.push_back(
        {"soak_epochs_trained", static_cast<double>(epochs), "", "epochs trained in the training phases"});
    return figures;
}

}  // namespace mtj::bench
