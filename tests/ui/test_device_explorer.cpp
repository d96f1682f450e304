// SPDX-License-Identifier: GPL-3.0-or-later
// The device explorer as a user drives it (offscreen): widgets change the curve to the one the engine computes,
// bursts of slider moves end on the last value and never go back, broken presets are refused without losing the
// current state, hover readout, click selection, reset, drag and drop, remembered settings.
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QThread>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <cmath>
#include <cstdio>

#include "device_explorer_view.hpp"
#include "device_worker.hpp"
#include "explorer_charts.hpp"
#include "explorer_controller.hpp"
#include "exports.hpp"
#include "preset.hpp"
#include "settings_history.hpp"
#include "gui_test_support.hpp"
#include "main_window.hpp"
#include "value_control.hpp"
#include "text_fit.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

namespace {

const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);

using mtj::testing::waitUntil;

/// The chart shows exactly the y(x) the engine computes for the view's current settings.
bool chartMatchesEngine(ui::DeviceExplorerView* view, QString* why = nullptr) {
    const NeuronSettings s = view->settings();
    const ActivationCurve expected =
        computeActivationCurve(s, evenlySpacedInputs(s.drive.inputMinimum, s.drive.inputMaximum, 201));
    const QList<QPointF> shown = view->activationChart()->activationPoints();
    if (shown.size() != static_cast<int>(expected.up.size())) {
        if (why) *why = QString("%1 points shown, %2 expected").arg(shown.size()).arg(expected.up.size());
        return false;
    }
    for (int i = 0; i < shown.size(); ++i) {
        if (std::abs(shown[i].y() - expected.up[static_cast<std::size_t>(i)].y) > 1e-9) {
            if (why)
                *why = QString("point %1: shown %2, engine %3")
                           .arg(i)
                           .arg(shown[i].y())
                           .arg(expected.up[static_cast<std::size_t>(i)].y);
            return false;
        }
    }
    return true;
}

}  // namespace

class TestDeviceExplorer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MTJ Explorer Tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_device_explorer"));
        QSettings().clear();
    }

    void opensTheDefaultPresetAndShowsEverything() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        controller.window()->show();
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QString why;
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
        QCOMPARE(view->familyChart()->deviceCurves(), 16);
        QVERIFY(view->statusLabel()->text().contains(QStringLiteral("R_P 636.6")));
        QVERIFY(view->statusLabel()->text().contains(QStringLiteral("Kittel 2.522 GHz")));
        QVERIFY(controller.window()->windowTitle().contains(QStringLiteral("Field-input neuron")));
    }

    void biasCurrentAndFieldWidgetsUpdateTheChart() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        const QList<QPointF> before = view->activationChart()->activationPoints();
        view->biasCurrentControl()->spinBox()->setValue(250.0);  // as a user typing 250 uA
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, 250.0);
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QString why;
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
        QVERIFY(view->activationChart()->activationPoints() != before);
        view->fieldControl()->slider()->setValue(80);  // 8.0 mT in 0.1 mT steps
        QCOMPARE(view->settings().drive.fieldMilliTesla, 8.0);
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
    }

    void burstOfSliderMovesEndsOnTheLastValue() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QList<quint64> shownIds;
        connect(view, &ui::DeviceExplorerView::curveShown, this, [&](quint64 id) { shownIds << id; });
        QSlider* slider = view->biasCurrentControl()->slider();
        const int start = slider->value();
        for (int i = 1; i <= 50; ++i) {
            slider->setValue(start + 7 * i);
            if (i % 10 == 0) QCoreApplication::processEvents();  // some results arrive mid-burst
        }
        const quint64 last = view->latestRequestId();
        QVERIFY(waitUntil([&] { return view->shownCurveId() == last; }));
        QTest::qWait(200);  // anything stale still in flight would arrive now
        QCOMPARE(view->shownCurveId(), last);
        QVERIFY(!shownIds.isEmpty());
        QCOMPARE(shownIds.last(), last);
        QVERIFY(std::is_sorted(shownIds.begin(), shownIds.end()));  // never back to an older curve
        QVERIFY(shownIds.size() < 50);                              // the requests coalesced
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, static_cast<double>(start + 350 - 1500));
        QString why;
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
    }

    // The worker's messages, spied on the worker itself (QSignalSpy records in the emitting thread, so each spy is
    // read only after the worker's thread has finished).
    void workerCoalescesRequestsAndTheNewestWins() {
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/default.json", {}, preset).isOk());
        QThread thread;
        auto* worker = new app::DeviceWorker;
        worker->moveToThread(&thread);
        QSignalSpy curves(worker, &app::DeviceWorker::curveReady);
        QSignalSpy families(worker, &app::DeviceWorker::familyReady);
        quint64 lastFamily = 0;  // a queued copy on this thread, to know when to stop
        connect(worker, &app::DeviceWorker::familyReady, this,
                [&](const mtj::FamilyResult& r) { lastFamily = r.refining ? lastFamily : r.id; });
        thread.start();
        mtj::DeviceRequest request;
        request.settings = preset.neuron;
        request.variability = preset.variability;
        request.familySize = 4;
        for (quint64 id = 1; id <= 5; ++id) {  // five knob moves in a burst, each a different bias current
            request.id = id;
            request.settings.drive.biasCurrentMicroampere = 80.0 + 10.0 * static_cast<double>(id);
            worker->post(request);
        }
        QVERIFY(waitUntil([&] { return lastFamily == 5; }));
        worker->shutdown();
        thread.quit();
        thread.wait();
        QVERIFY(curves.size() >= 1 && curves.size() <= 5);
        quint64 previous = 0;
        for (const QList<QVariant>& arguments : curves) {
            const auto r = arguments.at(0).value<mtj::CurveResult>();
            QVERIFY2(r.id >= previous, "a curve of an older request after a newer one");
            previous = r.id;
        }
        const auto newest = curves.last().at(0).value<mtj::CurveResult>();
        QCOMPARE(newest.id, quint64{5});
        QVERIFY(newest.error.empty());
        // The newest request's curve is the curve of its own settings: bias 130 uA.
        NeuronSettings expected = preset.neuron;
        expected.drive.biasCurrentMicroampere = 130.0;
        const ActivationCurve reference = computeActivationCurve(
            expected, evenlySpacedInputs(expected.drive.inputMinimum, expected.drive.inputMaximum, request.points));
        QCOMPARE(newest.curve.up.size(), reference.up.size());
        for (std::size_t i = 0; i < reference.up.size(); ++i) QCOMPARE(newest.curve.up[i].y, reference.up[i].y);
        for (const QList<QVariant>& arguments : families) {
            QVERIFY(arguments.at(0).value<mtj::FamilyResult>().id <= 5);
        }
        delete worker;
    }

    void workerStopsOnShutdownAndSendsNothingMore() {
        // A 300 K request with a family of 16: seconds of work. After the first coarse curve, shutdown() cancels
        // it; no full family arrives, and nothing at all after the thread has been told to stop.
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/default.json", {"device.temperature_K=300"}, preset).isOk());
        QThread thread;
        auto* worker = new app::DeviceWorker;
        worker->moveToThread(&thread);
        QSignalSpy curves(worker, &app::DeviceWorker::curveReady);
        QSignalSpy families(worker, &app::DeviceWorker::familyReady);
        bool firstCurve = false;
        connect(worker, &app::DeviceWorker::curveReady, this, [&] { firstCurve = true; });
        thread.start();
        mtj::DeviceRequest request;
        request.id = 1;
        request.settings = preset.neuron;
        request.variability = preset.variability;
        worker->post(request);
        QVERIFY(waitUntil([&] { return firstCurve; }));
        QElapsedTimer stopping;
        stopping.start();
        worker->shutdown();
        thread.quit();
        QVERIFY(thread.wait(10000));  // the engine polls the flag between chunks: it stops within a chunk
        const qint64 stopMs = stopping.elapsed();
        bool fullFamily = false;
        for (const QList<QVariant>& arguments : families)
            fullFamily = fullFamily || !arguments.at(0).value<mtj::FamilyResult>().refining;
        QVERIFY2(!fullFamily,
                 qPrintable(QString("a full family arrived after shutdown (stopped in %1 ms)").arg(stopMs)));
        const qsizetype curvesAtStop = curves.size();
        QTest::qWait(200);
        QCOMPARE(curves.size(), curvesAtStop);
        delete worker;
    }

    void legendAndStatusKeepTheirHeightWhileTheSliderMoves() {
        // Their heights came from QLabel::heightForWidth, which is never below the label's minimum height: each new
        // curve grew the legend by 2 px and the status line by 4 px, up to eight lines, shrinking the activation
        // chart and re-laying out the whole view at every curve (the bench's 20-40 ms stalls).
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        controller.window()->resize(1280, 800);
        controller.window()->show();
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        auto* legend = view->findChild<QLabel*>(QStringLiteral("activationLegend"));
        QVERIFY(legend != nullptr);
        QLabel* status = view->statusLabel();
        const int legendHeight = legend->height();
        const int statusHeight = status->height();
        const int chartHeight = view->activationChart()->height();
        const int line = view->fontMetrics().height();
        QVERIFY2(legendHeight <= 3 * line + 4, qPrintable(QString::number(legendHeight)));
        QVERIFY2(statusHeight <= 2 * line + 6, qPrintable(QString::number(statusHeight)));
        QSlider* slider = view->biasCurrentControl()->slider();
        const int start = slider->value();
        for (int i = 1; i <= 30; ++i) {
            slider->setValue(start + (i % 2 == 0 ? 3 : -3) * (i % 5));
            QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
            QCoreApplication::processEvents();  // the layout settles
            QCOMPARE(legend->height(), legendHeight);
            QCOMPARE(status->height(), statusHeight);
        }
        QCOMPARE(view->activationChart()->height(), chartHeight);
    }

    void windowKeepsItsSizeWhenCurvesArriveBehindAnotherTab() {
        // A curve that arrives while the training tab is in front used to wrap the status line and the legend to a
        // width the hidden view did not have: each became thousands of pixels tall and pushed the window's height
        // from 800 to 2119 and then 4175 px (the soak benchmark's memory growth was that window's backing store).
        app::ExplorerController controller(presetDirectory + "/deploy-iris.json", false);
        ui::MainWindow* window = controller.window();
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        ui::DeviceExplorerView* view = window->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QSlider* slider = view->biasCurrentControl()->slider();
        // A hand sweeping the bias current over its whole range, a new value every 20 ms, as the soak benchmark does.
        for (int k = 0; k < 150; ++k) {
            slider->setValue(slider->minimum() +
                             static_cast<int>((slider->maximum() - slider->minimum()) * std::abs(std::sin(0.05 * k))));
            QTest::qWait(20);
        }
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QVERIFY2(window->minimumSizeHint().height() <= 800,
                 qPrintable(QString::number(window->minimumSizeHint().height())));
        for (int round = 0; round < 3; ++round) {
            window->tabs()->setCurrentIndex(1);
            slider->setValue(slider->value() + (round % 2 == 0 ? 40 : -40));
            QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
            QTest::qWait(50);
            window->tabs()->setCurrentIndex(0);
            QTest::qWait(50);
        }
        const int line = view->fontMetrics().height();
        QVERIFY2(view->statusLabel()->height() <= 8 * line + 6,
                 qPrintable(QString::number(view->statusLabel()->height())));
        QVERIFY2(window->minimumSizeHint().height() <= 800,
                 qPrintable(QString::number(window->minimumSizeHint().height())));
        QCOMPARE(window->size(), QSize(1280, 800));
        // What is drawn: the status line's text is all there (no wrapped line cut off).
        QVERIFY(view->statusLabel()->heightForWidth(view->statusLabel()->width()) <= view->statusLabel()->height());
    }

    void superparamagneticPresetDrawsItsTelegraphTrace() {
        // presets/superparamagnetic.json through the device-model seam: the mean sigmoid with the noise of a reading,
        // the telegraph trace (m along +-u_k, switching by itself) instead of m(t), the whole 10 us read window, and
        // the knobs the model does not read greyed out.
        app::ExplorerController controller(presetDirectory + "/superparamagnetic.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        controller.window()->resize(1280, 800);
        controller.window()->show();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QCOMPARE(view->settings().model, std::string("superparamagnetic"));
        QCOMPARE(view->settings().readout.averageNanoseconds, 10000.0);  // not clipped by the knob's range
        // The activation: a rising mean sigmoid, each point with the standard deviation of one reading.
        const ActivationCurve* curve = view->shownCurve();
        QVERIFY(curve != nullptr && curve->up.size() >= 101);
        QVERIFY(curve->up.back().y - curve->up.front().y > 1.0);
        for (std::size_t i = 1; i < curve->up.size(); ++i) QVERIFY(curve->up[i].y > curve->up[i - 1].y);
        QVERIFY(curve->up[curve->up.size() / 2].yStandardError > 0.01);
        QVERIFY(curve->readingsSampled);
        // The band's legend on screen says what it is: the spread of one reading, not a thermal standard error.
        bool bandNamed = false;
        for (QLabel* label : view->findChildren<QLabel*>()) {
            bandNamed =
                bandNamed || (label->isVisible() && label->text().contains(QStringLiteral("sd of one reading")));
        }
        QVERIFY(bandNamed);
        // The trace chart: titled as a telegraph trace, m_z between -1 and +1 with switches, over settle + window.
        ui::TrajectoryChart* trace = nullptr;
        for (ui::TrajectoryChart* chart : view->findChildren<ui::TrajectoryChart*>()) {
            if (chart->chart()->title().startsWith(QStringLiteral("Telegraph trace"))) trace = chart;
        }
        QVERIFY(trace != nullptr);
        QLineSeries* mz = nullptr;
        for (QAbstractSeries* series : trace->chart()->series()) {
            if (series->name() == QStringLiteral("m_z")) mz = qobject_cast<QLineSeries*>(series);
        }
        QVERIFY(mz != nullptr && mz->count() >= 4);
        int switches = 0;
        for (int i = 0; i < mz->count(); ++i) {
            QVERIFY(std::abs(std::abs(mz->at(i).y()) - 1.0) < 1e-12);
            if (i > 0 && mz->at(i).y() != mz->at(i - 1).y()) ++switches;
        }
        QVERIFY2(switches >= 3, qPrintable(QString::number(switches)));
        qInfo("telegraph trace at x = 0.3: %d switches in %.0f ns", switches, mz->at(mz->count() - 1).x());
        QVERIFY(mz->at(mz->count() - 1).x() >= 10000.0);
        // Knobs the model does not read are greyed; those it reads are live.
        QVERIFY(!view->valueControl("readout.input_rise_ns")->isEnabled());
        QVERIFY(!view->compareProtocolsControl()->isEnabled());
        QVERIFY(view->biasCurrentControl()->isEnabled() && view->readNoiseControl()->isEnabled());
        // On a projector (presentation mode at 1280 x 720) no text is cut, the model's long name included.
        controller.window()->setPresentationMode(true, false);
        controller.window()->resize(1280, 720);
        QTest::qWait(200);
        const QStringList cut = ui::clippedTexts(controller.window());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("\n"))));
        controller.window()->setPresentationMode(false, false);
        // Back to a macrospin preset: m(t) again, every knob of the channel live.
        QVERIFY(controller.openPreset(presetDirectory + "/default.json").isOk());
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QVERIFY(view->valueControl("readout.input_rise_ns")->isEnabled());
        bool mOfT = false;
        for (ui::TrajectoryChart* chart : view->findChildren<ui::TrajectoryChart*>()) {
            mOfT = mOfT || chart->chart()->title().startsWith(QStringLiteral("m(t)"));
        }
        QVERIFY(mOfT);
    }

    void brokenPresetShowsAnErrorAndKeepsTheState() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        controller.window()->show();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        view->biasCurrentControl()->spinBox()->setValue(123.0);  // the user's own change
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.json");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"device\": {\"thickness_nm\": -2}}");
        f.close();
        const Status status = controller.openPreset(broken);
        QVERIFY(!status.isOk());
        auto* box = controller.window()->findChild<QMessageBox*>(QStringLiteral("errorBox"));
        QVERIFY(box != nullptr);
        QVERIFY2(box->text().contains(QStringLiteral("device.thickness_nm")), qPrintable(box->text()));
        QVERIFY(box->text().contains(broken));
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, 123.0);  // nothing the user made is lost
        QVERIFY(controller.presetPath().endsWith(QStringLiteral("default.json")));
        box->accept();
    }

    void hoverReadoutAndClickSelection() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        controller.window()->resize(1280, 800);
        controller.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(controller.window()));
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        ui::ActivationChart* chart = view->activationChart();
        const QPoint centre = chart->mapFromScene(chart->chart()->mapToScene(chart->chart()->plotArea().center()));
        QMouseEvent move(QEvent::MouseMove, centre, chart->viewport()->mapToGlobal(centre), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(chart->viewport(), &move);
        const QString readout = chart->readoutText();
        QVERIFY2(readout.contains(QStringLiteral("x = ")) && readout.contains(QStringLiteral("dy/dx exact")) &&
                     readout.contains(QStringLiteral("dy/dx measured")),
                 qPrintable(readout));
        const quint64 before = view->latestRequestId();
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
        QVERIFY(view->latestRequestId() > before);  // a new analysis input was requested
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
    }

    void resetRestoresThePresetValues() {
        app::ExplorerController controller(presetDirectory + "/current-input.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        view->biasCurrentControl()->spinBox()->setValue(-77.0);
        controller.window()->findChild<QAction*>(QStringLiteral("resetAction"))->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, 0.0);
        QCOMPARE(view->settings().drive.fieldMilliTesla, 8.0);
    }

    void undoAndRedoOfSettings() {
        app::ExplorerController controller(presetDirectory + "/current-input.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QUndoStack* history = controller.window()->undoStack();
        QAction* undo = controller.window()->findChild<QAction*>(QStringLiteral("undoAction"));
        QAction* redo = controller.window()->findChild<QAction*>(QStringLiteral("redoAction"));
        QVERIFY(undo != nullptr && redo != nullptr);
        QCOMPARE(history->count(), 0);  // opening the first preset is not a step
        QVERIFY(!undo->isEnabled());
        const double presetBias = view->settings().drive.biasCurrentMicroampere;
        const double presetField = view->settings().drive.fieldMilliTesla;

        // A slider drag (many positions in a row) is one step.
        QSlider* slider = view->biasCurrentControl()->slider();
        for (int i = 1; i <= 20; ++i) slider->setValue(slider->value() + 2);
        const double dragged = view->settings().drive.biasCurrentMicroampere;
        QVERIFY(dragged != presetBias);
        QCOMPARE(history->count(), 1);
        QCOMPARE(undo->text(), QStringLiteral("&Undo bias current"));
        // A different knob is a step of its own.
        view->fieldControl()->spinBox()->setValue(presetField + 3.0);
        QCOMPARE(history->count(), 2);

        undo->trigger();
        QCOMPARE(view->settings().drive.fieldMilliTesla, presetField);
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, dragged);
        undo->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, presetBias);
        QVERIFY(!undo->isEnabled());
        redo->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, dragged);
        QCOMPARE(history->count(), 2);  // undo and redo are not recorded as steps

        // Reset to the preset values is undoable: the user's changes come back.
        controller.window()->findChild<QAction*>(QStringLiteral("resetAction"))->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, presetBias);
        QCOMPARE(undo->text(), QStringLiteral("&Undo Reset to preset values"));
        undo->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, dragged);

        // So is opening another preset.
        QVERIFY(controller.openPreset(presetDirectory + "/hysteresis.json").isOk());
        QCOMPARE(view->settings().readout.reset, ResetState::Previous);
        QCOMPARE(undo->text(), QStringLiteral("&Undo Open preset hysteresis.json"));
        undo->trigger();
        QCOMPARE(view->settings().drive.biasCurrentMicroampere, dragged);
        QVERIFY(view->settings().readout.reset != ResetState::Previous);
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));  // the engine follows the restored settings
    }

    void everyPresetRoundTripsThroughTheControls() {
        // The window computes with exactly the preset's values: no control rounds a value it was given.
        ui::DeviceExplorerView view;
        const QStringList presets = QDir(presetDirectory).entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(presets.size() >= 4);
        QStringList rounded;
        for (const QString& name : presets) {
            app::Preset preset;
            QVERIFY(app::loadPreset(QDir(presetDirectory).filePath(name), {}, preset).isOk());
            view.setSettings(preset.neuron, preset.variability);
            const QStringList changed =
                app::SettingsHistory::changedKeys(app::SettingsHistory::makeState(preset.neuron, preset.variability),
                                                  app::SettingsHistory::makeState(view.settings(), view.variability()));
            if (!changed.isEmpty()) rounded << name + QStringLiteral(": ") + changed.join(QStringLiteral(", "));
        }
        QVERIFY2(rounded.isEmpty(), qPrintable(rounded.join(QStringLiteral("; "))));
    }

    void everyParameterTableRowHasAKnobThatRoundTrips() {
        // The knobs are made from the neuron's parameter table: every row placed in the explorer shows its label,
        // and a value within the knob's range set through setSettings comes back from settings() unchanged.
        ui::DeviceExplorerView view;
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QStringList shownText;
        for (QLabel* label : view.findChildren<QLabel*>()) shownText << label->text();
        for (QCheckBox* box : view.findChildren<QCheckBox*>()) shownText << box->text();
        NeuronSettings s;
        int rows = 0;
        for (const auto& row : neuronParameterTable()) {
            if (row.place == ParameterPlace::Elsewhere) continue;
            ++rows;
            QVERIFY2(shownText.contains(QString::fromStdString(row.label)), row.key.c_str());
            switch (row.kind) {
                case ParameterKind::Number:
                    row.number(s) = row.control.lo + 0.3 * (row.control.hi - row.control.lo);
                    break;
                case ParameterKind::NumberOrAuto:
                    row.automatic(s) = false;
                    row.number(s) = row.control.lo + 0.3 * (row.control.hi - row.control.lo);
                    break;
                case ParameterKind::Direction:
                case ParameterKind::Vector: row.vector(s) = Vec3{0.5, -0.25, 0.125}; break;
                case ParameterKind::Choice: row.setChoiceIndex(s, static_cast<int>(row.choices.size()) - 1); break;
                case ParameterKind::Integer:
                case ParameterKind::IntegerList:
                case ParameterKind::Text: QFAIL(row.key.c_str());  // the explorer has no such knob
            }
        }
        QVERIFY(rows >= 30);
        s.drive.inputMinimum = -1.5;
        s.drive.inputMaximum = 2.5;
        view.setSettings(s, VariabilitySettings{});
        const NeuronSettings back = view.settings();
        for (const auto& row : neuronParameterTable()) {
            if (row.place == ParameterPlace::Elsewhere) continue;
            switch (row.kind) {
                case ParameterKind::NumberOrAuto: QVERIFY2(!row.automaticIn(back), row.key.c_str()); [[fallthrough]];
                case ParameterKind::Number: QVERIFY2(row.numberIn(back) == row.numberIn(s), row.key.c_str()); break;
                case ParameterKind::Direction:
                case ParameterKind::Vector:
                    QVERIFY2(norm(row.vectorIn(back) - row.vectorIn(s)) == 0.0, row.key.c_str());
                    break;
                case ParameterKind::Choice: QCOMPARE(row.choiceIndex(back), row.choiceIndex(s)); break;
                case ParameterKind::Integer:
                case ParameterKind::IntegerList:
                case ParameterKind::Text: QFAIL(row.key.c_str());
            }
        }
    }

    void exportedCurveIsTheCommandLineCurve() {
        app::ExplorerController controller(presetDirectory + "/hysteresis.json", false);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QTemporaryDir dir;
        const QString path = dir.filePath("curve.csv");
        QVERIFY(!controller.exportCurve(path).isOk() ||
                view->shownCurve() != nullptr);  // nothing to write before the first curve
        if (auto* box = controller.window()->findChild<QMessageBox*>(QStringLiteral("errorBox"))) box->accept();
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QVERIFY(controller.exportCurve(path).isOk());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // What `mtj-explorer curve --preset hysteresis.json` writes, byte for byte (both branches).
        app::Preset preset;
        QVERIFY(app::loadPreset(presetDirectory + "/hysteresis.json", {}, preset).isOk());
        CurveOptions options;
        options.noiseSeed = preset.variability.seed;
        const ActivationCurve expected = computeActivationCurve(
            preset.neuron, evenlySpacedInputs(preset.neuron.drive.inputMinimum, preset.neuron.drive.inputMaximum, 201),
            options);
        const QByteArray written = file.readAll();
        QCOMPARE(written, app::curveToCsv(expected));
        QVERIFY(written.startsWith("x,y,dydx_fd,dydx_ref,state,branch,y_stderr,dydx_fd_stderr\n"));
        // A path that cannot be written: a clear error naming it, nothing else changes.
        const QString bad = dir.filePath("no-such-folder/curve.csv");
        const Status failed = controller.exportCurve(bad);
        QVERIFY(!failed.isOk());
        QVERIFY2(QString::fromStdString(failed.message()).contains(bad), failed.message().c_str());
        auto* box = controller.window()->findChild<QMessageBox*>(QStringLiteral("errorBox"));
        QVERIFY(box != nullptr && box->text().contains(bad));
        box->accept();
    }

    void stepAndRampAreDrawnTogether() {
        // steps-and-ramps.json reads with a step; "Compare step and ramp" adds the 10 ns ramp as a second, magenta
        // line: both equal the engine's curves, the legend says where they part, and the line is on the screen.
        app::ExplorerController controller(presetDirectory + "/steps-and-ramps.json", false);
        controller.window()->resize(1280, 800);
        controller.window()->show();
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QVERIFY(view->activationChart()->otherProtocolPoints().isEmpty());
        QCOMPARE(view->settings().readout.inputRiseNanoseconds, 0.0);
        view->compareProtocolsControl()->setChecked(true);
        QVERIFY(waitUntil([&] { return view->everythingShown(); }, 60000));
        NeuronSettings ramp = view->settings();
        ramp.readout.inputRiseNanoseconds = 10.0;
        const ActivationCurve expected =
            computeActivationCurve(ramp, evenlySpacedInputs(ramp.drive.inputMinimum, ramp.drive.inputMaximum, 201));
        const QList<QPointF> other = view->activationChart()->otherProtocolPoints();
        QCOMPARE(other.size(), 201);
        for (int i = 0; i < other.size(); ++i)
            QVERIFY(std::abs(other[i].y() - expected.up[static_cast<std::size_t>(i)].y) < 1e-9);
        QString why;
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
        const QString note = view->activationChart()->protocolNote();
        QVERIFY2(note.startsWith(QStringLiteral("10 ns ramp: parts at x in [-1.38")), qPrintable(note));
        QVERIFY(view->legendLabel()->text().contains(note));
        // The magenta line is drawn: count its pixels in the chart.
        const int magenta =
            mtj::testing::pixelsNear(view->activationChart()->grab().toImage(), QColor(0xd8, 0x1b, 0x60), 80);
        QVERIFY2(magenta > 150, qPrintable(QString("%1 magenta pixels").arg(magenta)));
        // With a ramp of its own the comparison is the step; on the canted branch, above the step's edge, they agree.
        view->valueControl("readout.input_rise_ns")->spinBox()->setValue(10.0);  // as a user typing 10 ns
        QVERIFY2(
            waitUntil([&] { return view->activationChart()->protocolNote().startsWith(QStringLiteral("step: parts")); },
                      60000),
            qPrintable(view->activationChart()->protocolNote()));
        // default.json: a step and a ramp of the field-input sigmoid end in the same state everywhere.
        QVERIFY(controller.openPreset(presetDirectory + "/default.json").isOk());
        QVERIFY2(waitUntil([&] { return view->activationChart()->protocolNote() == QStringLiteral("step: coincides"); },
                           60000),
                 qPrintable(view->activationChart()->protocolNote()));
    }

    void roomTemperatureCurveIsDrawnInPasses() {
        // At 300 K the curve arrives coarse first (every 8th point: at least 20 points), marked as refining, then
        // finer; the final picture is the engine's whole curve, the same as `mtj-explorer curve`.
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        controller.window()->show();
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->everythingShown(); }));
        QList<int> passes;
        QString coarseStatus;
        QList<int> familySizes;  // the variability chart grows too
        connect(controller.deviceWorker(), &app::DeviceWorker::familyReady, this,
                [&](const mtj::FamilyResult& r) { familySizes << static_cast<int>(r.devices.size()); });
        connect(view, &ui::DeviceExplorerView::coarseCurveShown, this, [&](quint64, int points) {
            passes << points;
            if (coarseStatus.isEmpty()) coarseStatus = view->statusLabel()->text();
        });
        QElapsedTimer clock;
        clock.start();
        NeuronSettings warm = view->settings();
        warm.device.temperatureKelvin = 300.0;
        view->setSettings(warm, view->variability());
        QVERIFY(waitUntil([&] { return !passes.isEmpty(); }, 30000));
        std::printf("  first pass after %lld ms with %d points\n", static_cast<long long>(clock.elapsed()),
                    passes.first());
        QVERIFY2(passes.first() >= 20, qPrintable(QString::number(passes.first())));
        QVERIFY2(coarseStatus.contains(QStringLiteral("refining")), qPrintable(coarseStatus));
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }, 60000));
        QVERIFY(!view->statusLabel()->text().contains(QStringLiteral("refining")));
        QString why;
        QVERIFY2(chartMatchesEngine(view, &why), qPrintable(why));
        QCOMPARE(view->activationChart()->activationPoints().size(), 201);
        QVERIFY(waitUntil([&] { return view->everythingShown(); }, 120000));
        QVERIFY2(familySizes.size() >= 4 && familySizes.first() == 4 && familySizes.last() == 16,
                 qPrintable(QString("family passes: %1").arg(familySizes.size())));
        QCOMPARE(view->familyChart()->deviceCurves(), 16);
        // The thermal readings' error band: y +- 2 standard errors, the engine's, and drawn.
        const auto band = view->activationChart()->errorBand();
        QCOMPARE(band.first.size(), 201);
        const ActivationCurve expected = computeActivationCurve(view->settings(), evenlySpacedInputs(-2, 2, 201));
        for (int i = 0; i < 201; i += 20) {
            QVERIFY(std::abs(band.first[i].y() - (expected.up[static_cast<std::size_t>(i)].y +
                                                  2 * expected.up[static_cast<std::size_t>(i)].yStandardError)) < 1e-9);
        }
        QVERIFY(view->legendLabel()->text().contains(QStringLiteral("standard errors")));
    }

    void droppedPresetIsOpened() {
        app::ExplorerController controller(presetDirectory + "/default.json", false);
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(presetDirectory + "/hysteresis.json")});
        controller.window()->show();
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(controller.window(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(controller.window(), &drop);
        QVERIFY(controller.presetPath().endsWith(QStringLiteral("hysteresis.json")));
        QCOMPARE(controller.window()->deviceView()->settings().readout.reset, ResetState::Previous);
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(waitUntil([&] { return view->shownCurveId() == view->latestRequestId(); }));
        QVERIFY(!view->activationChart()->downBranchPoints().isEmpty());  // both branches on the chart
    }

    void remembersGeometryAndLastPreset() {
        {
            app::ExplorerController controller(presetDirectory + "/spin-diode.json", true);
            controller.window()->resize(1100, 700);
            controller.window()->show();
            controller.window()->close();
        }
        QSettings settings;
        QVERIFY(settings.value(QStringLiteral("preset/last")).toString().endsWith(QStringLiteral("spin-diode.json")));
        QVERIFY(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        app::ExplorerController again({}, true);  // no preset given: the last one comes back
        QVERIFY(again.presetPath().endsWith(QStringLiteral("spin-diode.json")));
    }
};

QTEST_MAIN(TestDeviceExplorer)
#include "test_device_explorer.moc"
