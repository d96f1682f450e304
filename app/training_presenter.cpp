// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_presenter.hpp"

#include "paths.hpp"
#include "thread_handoff.hpp"
#include "common/background_thread.hpp"
#include "device/device_model.hpp"
#include "training_view.hpp"
#include "training_worker.hpp"

namespace mtj::app {

TrainingPresenter::TrainingPresenter(ui::TrainingView* view, QObject* parent) : QObject(parent), view_(view) {
    worker_ = new TrainingWorker;
    worker_->moveToThread(&thread_);
    ui::deleteWhenThreadFinishes(worker_, &thread_);
    thread_.setObjectName(QStringLiteral("training worker"));
    // The engine's threads give way to the window's: raised on the worker thread itself, before its first job, so
    // every helper it starts inherits it (engine/common/background_thread.hpp).
    connect(
        &thread_, &QThread::started, worker_, [] { lowerThisThreadsPriority(); }, Qt::DirectConnection);
    thread_.start();

    // The view's requests become the worker's commands; every request crosses through the handoff fence.
    connect(view_, &ui::TrainingView::startRequested, this, [this](const TrainingRequest& asked) {
        TrainingRequest request = run_.begin(asked);  // the view clears (begun, below)
        request.spec.irisPath = (resourceDirectory() + QStringLiteral("/iris.csv")).toStdString();
        request.spec.mnistDirectory = mnistCacheDirectory().toStdString();
        worker_->requestStop();
        ui::invokeAcrossThreads(worker_, [worker = worker_, request] { worker->start(request); });
    });
    connect(view_, &ui::TrainingView::playRequested, this,
            [this] { ui::invokeAcrossThreads(worker_, [worker = worker_] { worker->play(); }); });
    connect(view_, &ui::TrainingView::pauseRequested, this, [this] { worker_->requestPause(); });
    connect(view_, &ui::TrainingView::stepRequested, this, [this](int batches) {
        ui::invokeAcrossThreads(worker_, [worker = worker_, batches] { worker->stepBatches(batches); });
    });
    connect(view_, &ui::TrainingView::stepEpochRequested, this,
            [this] { ui::invokeAcrossThreads(worker_, [worker = worker_] { worker->stepEpoch(); }); });
    connect(view_, &ui::TrainingView::resetRequested, this, [this] {
        worker_->requestPause();
        // The same run from its initial weights, under a new run id: what the worker sent before is refused.
        const std::uint64_t runId = run_.restart().runId;
        ui::invokeAcrossThreads(worker_, [worker = worker_, runId] { worker->reset(runId); });
    });
    connect(view_, &ui::TrainingView::learningRateChanged, this,
            [this](double lr) { worker_->requestLearningRate(lr); });
    connect(view_, &ui::TrainingView::paceChanged, this,
            [this](double rate, bool perEpoch) { worker_->requestPace(rate, perEpoch); });
    connect(view_, &ui::TrainingView::neuronOpenRequested, this, [this](int layer, int neuron) {
        // The run on screen sampled its devices from its own settings; before a run, the view's current settings.
        const TrainingRequest request = shownRequest();
        int index = neuron;
        for (int l = 0; l < layer && l < static_cast<int>(request.spec.network.hidden.size()); ++l)
            index += request.spec.network.hidden[static_cast<std::size_t>(l)];
        // Device `index` of the population, drawn by the run's own device model (DeviceModel::sample).
        NeuronSettings device = request.spec.neuron;
        std::unique_ptr<DeviceModel> nominal;
        if (makeDeviceModel(request.spec.neuron, nominal))
            device = nominal->sample(request.spec.variability, static_cast<std::size_t>(index))->settings();
        emit neuronDeviceRequested(device, request.spec.variability, layer, neuron, index);
    });

    // The worker's messages go to the document; what it keeps is drawn.
    connect(worker_, &TrainingWorker::setupReady, &run_, &RunDocument::receiveSetup);
    connect(worker_, &TrainingWorker::snapshotReady, &run_, &RunDocument::receiveSnapshot);
    connect(&run_, &RunDocument::begun, view_, &ui::TrainingView::clearViews);
    connect(&run_, &RunDocument::setupAdded, view_, &ui::TrainingView::showSetup);
    connect(&run_, &RunDocument::snapshotAdded, view_, &ui::TrainingView::showSnapshot);
    connect(&run_, &RunDocument::restored, this, [this] {
        // The view's own path for live snapshots draws the saved ones: what it showed is what it shows again.
        view_->clearViews();
        view_->showRestored();  // at rest before the replay: a finished source's status line stays
        const std::vector<SourceRecord>& sources = run_.records();
        for (std::size_t i = 0; i < sources.size(); ++i) {
            view_->showSetup(sources[i].setup);
            for (const TrainingSnapshot& s : replaySnapshots(sources[i], run_.request().runId, static_cast<int>(i)))
                view_->showSnapshot(s);
        }
        view_->showRestored();
    });
}

TrainingPresenter::~TrainingPresenter() { shutdown(); }

void TrainingPresenter::shutdown() {
    if (shutDown_) return;
    shutDown_ = true;
    worker_->requestStop();
    // The worker is deleted on its own thread, with the connections this thread made to it: it passes the fence first
    // (~TrainingWorker), so everything written here before is ordered before its deletion.
    ui::passThreadHandoffFence();
    thread_.quit();
    thread_.wait();
    ui::passThreadHandoffFence();  // likewise the worker's deletion, before the document and the view are deleted
}

void TrainingPresenter::stop() { worker_->requestStop(); }

void TrainingPresenter::restore(const TrainingRequest& request, std::vector<SourceRecord> sources) {
    worker_->requestStop();
    run_.restore(request, std::move(sources));
}

void TrainingPresenter::resume(const TrainingRequest& request, std::vector<SourceRecord> sources,
                               const std::shared_ptr<const TrainingCheckpoint>& checkpoint) {
    worker_->requestStop();
    if (checkpoint) trimToCheckpoint(sources, *checkpoint);
    // Drawn by the `restored` handler above, at rest; the checkpoint is the record's from the start, so an autosave
    // before the worker has prepared the run still holds where it stands.
    run_.restore(request, std::move(sources), checkpoint);
    if (!checkpoint) return;                   // a finished run (or one before its first epoch): shown only
    TrainingRequest resumed = run_.request();  // its new run id: the worker's messages belong to it
    resumed.spec.irisPath = (resourceDirectory() + QStringLiteral("/iris.csv")).toStdString();
    resumed.spec.mnistDirectory = mnistCacheDirectory().toStdString();
    ui::invokeAcrossThreads(worker_, [worker = worker_, resumed, checkpoint] { worker->resume(resumed, *checkpoint); });
    view_->showResumable(checkpoint->fold(), checkpoint->epoch());
}

TrainingRequest TrainingPresenter::shownRequest() const {
    return run_.hasRun() ? run_.request() : view_->currentRequest(false);
}

}  // namespace mtj::app
