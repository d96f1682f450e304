// SPDX-License-Identifier: GPL-3.0-or-later
#include "thread_handoff.hpp"
#include "frame_rate.hpp"
#include "training_worker.hpp"

#include <QTimer>

#include <omp.h>

#include <QMetaObject>
#include <algorithm>
#include <cmath>

#include "common/parallel.hpp"

namespace mtj::app {
namespace {

constexpr int snapshotIntervalMs = ui::kFrameMilliseconds;
constexpr int chunkMs = 25;
constexpr int neuronsShown = kSnapshotNeuronsPerLayer;  // engine/network/run_record.hpp

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<TrainingSetup>();
    qRegisterMetaType<TrainingSnapshot>();
}

TrainingWorker::~TrainingWorker() {
    // Deleted on this thread after the window thread's last writes (its connections to this object included).
    ui::passThreadHandoffFence();
}

void TrainingWorker::start(const TrainingRequest& request) {
    // Leave one core to the GUI thread (OpenMP threads started from this thread, and Eigen's products).
    const int threads = static_cast<int>(std::max(1u, hardwareThreads() - 1u));
    omp_set_num_threads(threads);
    Eigen::setNbThreads(threads);

    playing_.store(false);
    stopped_.store(false);
    request_ = request;
    liveLearningRate_ = -1.0;
    if (request_.sources.empty()) request_.sources.push_back(request_.spec.training.gradient);
    finishedFolds_.clear();
    finished_ = false;
    error_.clear();
    trainedSeconds_ = 0.0;
    stepsAtSourceStart_ = 0;
    beginSource(0);
}

bool TrainingWorker::beginSource(std::size_t source, bool announce) {
    source_ = source;
    fold_ = 0;
    finishedFolds_.clear();
    trainer_.reset();
    ExperimentSpec spec = request_.spec;
    spec.training.gradient = request_.sources[source];
    TrainingSetup setup;
    setup.runId = request_.runId;
    setup.source = static_cast<int>(source);
    setup.sourceName = toString(spec.training.gradient);
    // A comparison keeps the plan of the first source (the data set, the folds and the devices: identical hardware
    // by construction) and changes only the gradient source in place; no copy of the data.
    if (source > 0 && plan_) {
        plan_->spec.training.gradient = spec.training.gradient;
        if (plan_->devices.empty() && spec.training.gradient != GradientSource::Tanh) {
            // The first source was tanh: build the devices now (same seed, same devices).
            if (Status s = buildNetworkDevices(spec, plan_->devices, plan_->nominal, &stopped_); !s) {
                setup.error = s.message();
                error_ = s.message();
                {
                    std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
                    emit setupReady(setup);
                }
                return false;
            }
            if (spec.training.mode == TrainingMode::ModelThenDeploy) {
                plan_->model =
                    spec.training.model == DeviceModelKind::Tanh ? scaledTanhTable(plan_->nominal) : plan_->nominal;
            }
        }
    } else {
        auto plan = std::make_unique<ExperimentPlan>();
        if (Status s = prepareExperiment(spec, *plan, &stopped_); !s) {
            setup.error = s.message();
            error_ = s.message();
            {
                std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
                emit setupReady(setup);
            }
            return false;
        }
        plan_ = std::move(plan);
    }
    // A learning rate set while training outlives folds, sources and Reset.
    if (liveLearningRate_ > 0.0) plan_->trainer.learningRate = liveLearningRate_;
    trainer_.emplace(makeFoldTrainer(*plan_, 0));
    const Dataset& train = trainer_->trainingSet();
    setup.widths.push_back(train.dimension());
    for (int w : plan_->spec.network.hidden) setup.widths.push_back(w);
    setup.widths.push_back(plan_->classes);
    setup.classNames = plan_->data.train.classNames;
    setup.folds = static_cast<int>(plan_->parts.size());
    setup.epochs = trainer_->plannedEpochs();
    setup.batchesPerEpoch = trainer_->batchesPerEpoch();
    setup.xMin = plan_->spec.neuron.drive.inputMinimum;
    setup.xMax = plan_->spec.neuron.drive.inputMaximum;
    setup.twoDimensional = train.dimension() == 2;
    setup.projected = train.dimension() > 2 && train.dimension() <= 64;
    if (!plan_->devices.empty()) {
        const std::size_t nodes = plan_->devices.front().nodes();
        for (std::size_t k = 0; k < nodes; ++k) {
            setup.curveInputs.push_back(setup.xMin + (setup.xMax - setup.xMin) * static_cast<double>(k) /
                                                         static_cast<double>(nodes - 1));
        }
        std::size_t first = 0;
        for (int width : plan_->spec.network.hidden) {
            std::vector<std::vector<double>> layer;
            for (int j = 0; j < std::min(width, neuronsShown); ++j)
                layer.push_back(plan_->devices[first + static_cast<std::size_t>(j)].nodeValues());
            setup.deviceCurves.push_back(std::move(layer));
            first += static_cast<std::size_t>(width);
        }
    }
    if (!announce) return true;
    {
        std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
        emit setupReady(setup);
    }
    pending_ = TrainingSnapshot{};
    sinceSnapshot_.start();
    emitSnapshot(true);
    return true;
}

void TrainingWorker::resume(const TrainingRequest& request, const TrainingCheckpoint& checkpoint) {
    const int threads = static_cast<int>(std::max(1u, hardwareThreads() - 1u));
    omp_set_num_threads(threads);
    Eigen::setNbThreads(threads);
    playing_.store(false);
    stopped_.store(false);
    pendingLearningRate_.store(-1.0);  // the view's controls were set to the run's settings: not a live change
    request_ = request;
    if (request_.sources.empty()) request_.sources.push_back(request_.spec.training.gradient);
    plan_.reset();
    trainer_.reset();
    finished_ = false;
    error_.clear();
    pending_ = TrainingSnapshot{};
    sinceSnapshot_.start();
    const auto refuse = [this](const std::string& why) {
        error_ = "cannot continue the restored run: " + why + " (Play starts it anew)";
        trainer_.reset();
        emitSnapshot(true);
    };
    if (checkpoint.source < 0 || static_cast<std::size_t>(checkpoint.source) >= request_.sources.size())
        return refuse("its checkpoint names a gradient source the run does not have");
    // The learning rate the user had set carries into the plan before the fold's trainer is made.
    liveLearningRate_ = checkpoint.liveLearningRate;
    // The plan as the uninterrupted run had it: the first source's, with the gradient changed in place for a later
    // source of a comparison (beginSource keeps one plan for all of them).
    if (!beginSource(0, false)) return refuse(error_);
    if (checkpoint.source > 0 && !beginSource(static_cast<std::size_t>(checkpoint.source), false))
        return refuse(error_);
    if (checkpoint.fold() >= static_cast<int>(plan_->parts.size()))
        return refuse("its checkpoint is past the run's last fold");
    finishedFolds_ = checkpoint.experiment.finishedFolds;
    fold_ = finishedFolds_.size();
    trainer_.emplace(makeFoldTrainer(*plan_, fold_));
    if (checkpoint.experiment.current) {
        if (Status s = trainer_->restore(*checkpoint.experiment.current); !s) return refuse(s.message());
    }
    stepsAtSourceStart_ = checkpoint.stepsAtSourceStart;
    trainedSeconds_ = checkpoint.experiment.seconds;
    takeCheckpoint();  // the document holds where the run stands again: a second crash loses nothing either
    emitSnapshot(true);
}

void TrainingWorker::takeCheckpoint() {
    if (!trainer_ || trainer_->batchInEpoch() != 0) return;
    auto checkpoint = std::make_shared<TrainingCheckpoint>();
    checkpoint->source = static_cast<int>(source_);
    checkpoint->experiment.finishedFolds = finishedFolds_;
    checkpoint->experiment.current = trainer_->state();
    checkpoint->experiment.seconds = trainingSeconds();
    checkpoint->stepsAtSourceStart = stepsAtSourceStart_;
    checkpoint->liveLearningRate = liveLearningRate_;
    pending_.checkpoint = std::move(checkpoint);
}

double TrainingWorker::trainingSeconds() const {
    return trainedSeconds_ + (playClock_.isValid() ? playClock_.elapsed() / 1000.0 : 0.0);
}
void TrainingWorker::startClock() {
    if (!playClock_.isValid()) playClock_.start();
}
void TrainingWorker::stopClock() {
    if (!playClock_.isValid()) return;
    trainedSeconds_ += playClock_.elapsed() / 1000.0;
    playClock_.invalidate();
}

void TrainingWorker::play() {
    if (!trainer_ || finished_) return;
    playing_.store(true);
    paceChanged_.store(true);  // the pace counts from now
    startClock();
    chunk();
}

void TrainingWorker::chunk() {
    if (!playing_.load()) {
        stopClock();
        emitSnapshot(true);
        return;
    }
    startClock();
    // Everything trained (or failed): stop playing and show the end.
    auto finish = [this] {
        playing_.store(false);
        stopClock();
        emitSnapshot(true);
    };
    const double rate = paceRate_.load();
    if (rate > 0.0 && trainer_) {
        // Paced: a batch only when the pace allows, a snapshot after every one (every frame drawn).
        if (paceChanged_.exchange(false) || !paceClock_.isValid()) {
            paceClock_.start();
            paceSteps_ = 0;
        }
        const double batchesPerSecond = pacePerEpoch_.load() ? rate * trainer_->batchesPerEpoch() : rate;
        const double due = paceClock_.elapsed() / 1000.0 * batchesPerSecond;
        bool more = true;
        if (static_cast<double>(paceSteps_) < due) {
            more = trainOneBatch();
            ++paceSteps_;
            emitSnapshot(true);
        }
        if (!more) return finish();
        const double wait = (static_cast<double>(paceSteps_) + 1.0) / batchesPerSecond * 1000.0 - paceClock_.elapsed();
        QTimer::singleShot(std::clamp(static_cast<int>(wait), 0, 1000), this, &TrainingWorker::chunk);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    bool more = true;
    while (playing_.load() && timer.elapsed() < chunkMs) {
        more = trainOneBatch();
        if (!more) break;
        emitSnapshot(false);
    }
    if (!more) return finish();
    // Back to the event loop: commands queued meanwhile run before the next chunk.
    QMetaObject::invokeMethod(this, &TrainingWorker::chunk, Qt::QueuedConnection);
}

void TrainingWorker::stepBatches(int batches) {
    playing_.store(false);
    startClock();
    for (int i = 0; i < batches; ++i) {
        if (!trainOneBatch()) break;
    }
    stopClock();
    emitSnapshot(true);
}

void TrainingWorker::stepEpoch() {
    playing_.store(false);
    if (!trainer_) return;
    startClock();
    const int epoch = trainer_->epoch();
    const std::size_t fold = fold_, source = source_;
    while (trainer_ && trainer_->epoch() == epoch && fold_ == fold && source_ == source) {
        if (!trainOneBatch()) break;
    }
    stopClock();
    emitSnapshot(true);
}

void TrainingWorker::reset(std::uint64_t runId) {
    request_.runId = runId;
    pending_ = TrainingSnapshot{};
    playing_.store(false);
    stopClock();
    if (!plan_) return;
    finished_ = false;
    error_.clear();
    trainedSeconds_ = 0.0;
    stepsAtSourceStart_ = 0;
    beginSource(0);  // from the first source again, at the initial weights of the seed
}

bool TrainingWorker::trainOneBatch() {
    if (!trainer_ || finished_) return false;
    const double requested = pendingLearningRate_.exchange(-1.0);
    if (requested > 0.0) {
        trainer_->setLearningRate(requested);
        liveLearningRate_ = requested;
        plan_->trainer.learningRate = requested;  // the next fold's trainer starts from it too
    }
    BatchReport batch;
    EpochReport epoch;
    epoch.epoch = 0;
    const Status status = trainer_->stepBatch(&batch, &epoch);
    if (!status) {
        error_ =
            (plan_->parts.size() > 1 ? "fold " + std::to_string(fold_ + 1) + ", " : std::string()) + status.message();
        finished_ = true;
        return false;
    }
    const double fractionalEpoch = (batch.epoch - 1) + static_cast<double>(batch.batch) / batch.batchesPerEpoch;
    pending_.batchLosses.emplace_back(fractionalEpoch, batch.loss);
    if (!batch.layerCosines.empty()) pending_.batchCosines.emplace_back(fractionalEpoch, batch.layerCosines);
    if (epoch.epoch != 0) {
        pending_.newEpochs.push_back(epoch);
        epochEnded_ = true;
    }
    if (trainer_->finished()) {
        finishedFolds_.push_back(foldResultOf(*trainer_));
        pending_.foldFinished = true;
        if (fold_ + 1 < plan_->parts.size()) {
            fillEpochEndViews(pending_);
            emitSnapshot(true);
            ++fold_;
            stepsAtSourceStart_ += trainer_->step();
            trainer_.emplace(makeFoldTrainer(*plan_, fold_));
            takeCheckpoint();  // the next fold at its start
            return true;
        }
        // Every fold of this source is done.
        pending_.result = summarizeFolds(finishedFolds_, trainingSeconds());
        pending_.finished = true;
        fillEpochEndViews(pending_);
        emitSnapshot(true);
        if (source_ + 1 < request_.sources.size()) {
            stepsAtSourceStart_ = 0;
            const bool running = playClock_.isValid();
            stopClock();
            trainedSeconds_ = 0.0;
            if (running) startClock();
            if (!beginSource(source_ + 1)) return false;
            takeCheckpoint();  // the next source at its start
            return true;
        }
        finished_ = true;
        return false;
    }
    if (epoch.epoch != 0) takeCheckpoint();
    return true;
}

void TrainingWorker::emitSnapshot(bool force) {
    if (!force && sinceSnapshot_.elapsed() < snapshotIntervalMs) return;
    if (!trainer_ && error_.empty()) return;
    TrainingSnapshot& s = pending_;
    s.runId = request_.runId;
    s.source = static_cast<int>(source_);
    s.error = error_;
    s.playing = playing_.load();
    s.finished = s.finished || finished_;
    if (trainer_) {
        const int epochs = trainer_->plannedEpochs();
        const long perFold = static_cast<long>(epochs) * trainer_->batchesPerEpoch();
        s.fold = static_cast<int>(fold_);
        s.folds = static_cast<int>(plan_->parts.size());
        s.epoch = trainer_->epoch();
        s.epochs = epochs;
        s.step = stepsAtSourceStart_ + trainer_->step();
        s.totalSteps = perFold * s.folds;
        s.learningRate = trainer_->learningRate();
        s.deployment = trainer_->deployment();
        const double elapsed = trainingSeconds();
        s.elapsedSeconds = elapsed;
        const double pace = paceRate_.load();
        const double pacedBatchesPerSecond =
            pace > 0.0 ? (pacePerEpoch_.load() ? pace * trainer_->batchesPerEpoch() : pace) : 0.0;
        s.remainingSeconds =
            pacedBatchesPerSecond > 0.0 ? static_cast<double>(s.totalSteps - s.step) / pacedBatchesPerSecond
            : s.step > 0 ? elapsed * static_cast<double>(s.totalSteps - s.step) / static_cast<double>(s.step)
                         : 0.0;
        // The last batch's neuron derivatives: the source's against the exact ones (first hidden layer, a sample).
        const DeviceNetwork& network = trainer_->network();
        const auto& d = network.lastSourceDerivatives();
        const auto& e = network.lastExactDerivatives();
        s.finiteDifference.clear();
        s.exact.clear();
        if (!d.empty() && !e.empty() && d[0].size() == e[0].size() && d[0].size() > 0) {
            const Eigen::Index n = d[0].size();
            const Eigen::Index stride = std::max<Eigen::Index>(1, n / 600);
            for (Eigen::Index i = 0; i < n; i += stride) {
                s.finiteDifference.push_back(d[0](i));
                s.exact.push_back(e[0](i));
            }
        }
        // The network view draws the first 12 neurons of each layer: send only those weights (a few hundred numbers
        // instead of megabytes thirty times a second).
        s.weights.clear();
        for (const Eigen::MatrixXf& w : network.parameters().weights) {
            s.weights.push_back(w.topLeftCorner(std::min<Eigen::Index>(w.rows(), neuronsShown),
                                                std::min<Eigen::Index>(w.cols(), neuronsShown)));
        }
        // Every weight only when the run rests (paused or finished): what a saved session keeps.
        if (!s.playing || s.finished) s.parameters = network.parameters();
        s.neuronInputs.clear();
        for (const Eigen::MatrixXf& x : network.lastInputs()) {
            for (Eigen::Index j = 0; j < std::min<Eigen::Index>(x.rows(), neuronsShown); ++j) {
                std::vector<float> values;
                for (Eigen::Index c = 0; c < std::min<Eigen::Index>(x.cols(), 512); ++c) values.push_back(x(j, c));
                s.neuronInputs.push_back(std::move(values));
            }
        }
        if (epochEnded_ && s.map.empty()) fillEpochEndViews(s);
    }
    {
        std::lock_guard<std::mutex> fence(ui::threadHandoffFence());  // ui/thread_handoff.hpp
        emit snapshotReady(s);
    }
    pending_ = TrainingSnapshot{};
    epochEnded_ = false;
    sinceSnapshot_.start();
}

void TrainingWorker::fillEpochEndViews(TrainingSnapshot& s) {
    if (!trainer_) return;
    s.confusion = trainer_->lastConfusion();
    const Dataset& train = trainer_->trainingSet();
    if (train.dimension() <= 64) {
        const Dataset& shown = trainer_->validationSet().size() > 0 ? trainer_->validationSet()
                               : trainer_->testSet().size() > 0     ? trainer_->testSet()
                                                                    : train;
        s.map = computeDecisionMap(trainer_->network(), train, shown);
    }
}

}  // namespace mtj::app
