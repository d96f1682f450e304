// SPDX-License-Identifier: GPL-3.0-or-later
#include "device_presenter.hpp"

#include "device_explorer_view.hpp"
#include "device_worker.hpp"
#include "thread_handoff.hpp"
#include "common/background_thread.hpp"

namespace mtj::app {

DevicePresenter::DevicePresenter(ui::DeviceExplorerView* view, QUndoStack* undoStack, QObject* parent)
    : QObject(parent), view_(view) {
    worker_ = new DeviceWorker;
    worker_->moveToThread(&thread_);
    ui::deleteWhenThreadFinishes(worker_, &thread_);
    thread_.setObjectName(QStringLiteral("engine worker"));
    // The engine's threads give way to the window's: raised on the worker thread itself, before its first job, so
    // every helper it starts inherits it (engine/common/background_thread.hpp).
    connect(
        &thread_, &QThread::started, worker_, [] { lowerThisThreadsPriority(); }, Qt::DirectConnection);
    thread_.start();
    history_ = std::make_unique<SettingsHistory>(
        undoStack, [view](const NeuronSettings& n, const VariabilitySettings& v) { view->setSettings(n, v); });
    // post() is thread-safe and coalesces: a direct call from the GUI thread.
    connect(view_, &ui::DeviceExplorerView::requestChanged, this, [this](const mtj::DeviceRequest& r) {
        worker_->post(r);
        history_->record(r.settings, r.variability);
    });
    connect(worker_, &DeviceWorker::curveReady, view_, &ui::DeviceExplorerView::showCurve);
    connect(worker_, &DeviceWorker::stepAnalysisReady, view_, &ui::DeviceExplorerView::showStepAnalysis);
    connect(worker_, &DeviceWorker::familyReady, view_, &ui::DeviceExplorerView::showFamily);
    connect(worker_, &DeviceWorker::trajectoryReady, view_, &ui::DeviceExplorerView::showTrajectory);
}

DevicePresenter::~DevicePresenter() { shutdown(); }

void DevicePresenter::shutdown() {
    if (shutDown_) return;
    shutDown_ = true;
    worker_->shutdown();
    thread_.quit();
    thread_.wait();
    ui::passThreadHandoffFence();  // the worker was deleted on its thread: ui::deleteWhenThreadFinishes
}

void DevicePresenter::show(const NeuronSettings& neuron, const VariabilitySettings& variability, const QString& step) {
    history_->nameNextStep(step);
    view_->setSettings(neuron, variability);
    history_->nameNextStep({});  // unused when nothing changed
}

void DevicePresenter::startHistory() { history_->start(view_->settings(), view_->variability()); }

}  // namespace mtj::app
