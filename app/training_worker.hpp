// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingWorker: device-in-the-loop training for the training view, in its own QThread.
//
// start() prepares a run (data, devices, folds: the same plan as `mtj-explorer train`); play() trains in chunks of
// at most ~25 ms of batches, returning to the thread's event loop between chunks so that commands (step, reset, a
// new run) are served; pause and learning-rate changes are atomics read before every batch, so a pause stops within
// one batch and a new learning rate applies to the next batch. Snapshots of what changed go to the view at most
// every 33 ms (and at the end). The folds and, for a comparison, the gradient sources run one after the other on the
// same data, devices and seed. Matrix products use all cores but one, leaving one to the GUI thread.
//
// Speed (requestPace): as fast as possible, or paced to a number of epochs or batches per second (slow motion for
// a lecture); a paced run trains a batch only when the pace allows and sends a snapshot after every batch, so every
// frame is drawn. The elapsed time and the estimate count only time spent training (not pauses).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <atomic>
#include <memory>
#include <optional>

#include "training_messages.hpp"

namespace mtj::app {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Thread-safe, immediate.
    void requestPause() { playing_.store(false); }
    void requestLearningRate(double learningRate) { pendingLearningRate_.store(learningRate); }
    void requestStop() {
        playing_.store(false);
        stopped_.store(true);
    }
    /// 0 = as fast as possible; otherwise the pace, in epochs per second (perEpoch) or batches per second.
    void requestPace(double rate, bool perEpoch) {
        paceRate_.store(rate);
        pacePerEpoch_.store(perEpoch);
        paceChanged_.store(true);
    }

public slots:
    void start(const mtj::TrainingRequest& request);
    /// Prepares `request` (a restored run: its records are in the run document already) and puts it where
    /// `checkpoint` left it, paused: Play continues it as if it had never stopped (docs/files.md, "Autosave"). Sends
    /// no setup; a snapshot at rest with the checkpoint's progress, or one with the error.
    void resume(const mtj::TrainingRequest& request, const mtj::TrainingCheckpoint& checkpoint);
    void play();
    void stepBatches(int batches);
    void stepEpoch();
    /// Back to the initial weights of the seed; its messages from now on carry `runId` (the run document
    /// renumbers a reset run, so what the worker sent before is refused).
    void reset(std::uint64_t runId);

signals:
    void setupReady(const mtj::TrainingSetup& setup);
    void snapshotReady(const mtj::TrainingSnapshot& snapshot);

private:
    void chunk();
    bool trainOneBatch();  // false when everything is finished or failed
    /// Prepares source `source` (a new plan, or the first source's with the gradient changed in place); `announce`:
    /// sends its setup and a first snapshot (a resumed run's setup is in its record already).
    bool beginSource(std::size_t source, bool announce = true);
    /// The run at this epoch's end, for the autosave (pending_.checkpoint).
    void takeCheckpoint();
    void emitSnapshot(bool force);
    void fillEpochEndViews(TrainingSnapshot& snapshot);

    TrainingRequest request_;
    std::unique_ptr<ExperimentPlan> plan_;
    std::optional<Trainer> trainer_;
    std::size_t source_ = 0, fold_ = 0;
    std::vector<FoldResult> finishedFolds_;
    TrainingSnapshot pending_;  // accumulates between snapshots
    QElapsedTimer sinceSnapshot_;
    QElapsedTimer playClock_;      // running while training is played or stepped
    double trainedSeconds_ = 0.0;  // time spent training this source, pauses excluded
    [[nodiscard]] double trainingSeconds() const;
    void startClock();
    void stopClock();
    std::atomic<double> paceRate_{0.0};
    std::atomic<bool> pacePerEpoch_{true}, paceChanged_{false};
    QElapsedTimer paceClock_;  // since the pace (or play) began
    long paceSteps_ = 0;       // batches trained since then
    long stepsAtSourceStart_ = 0;
    bool epochEnded_ = false, finished_ = false;
    std::string error_;
    std::atomic<bool> playing_{false}, stopped_{false};
    std::atomic<double> pendingLearningRate_{-1.0};
    double liveLearningRate_ = -1.0;  // the last rate the user set during this run (worker thread only)
    // Principal-component plane of the current fold's training set (for the decision map of sets above 2-D).
    Eigen::MatrixXf projection_;  // d x 2
};

}  // namespace mtj::app
