// SPDX-License-Identifier: GPL-3.0-or-later
// RunDocument: the training run the window shows, owned by the application. It keeps the run's request and the
// record of every gradient source (engine/network/run_record.hpp) as the training worker's setups and snapshots
// arrive, refuses those of a replaced run, and tells its observers (the training presenter, which draws them in
// the training view) what changed. Saving a session reads it; opening one restores it. GUI thread.
#pragma once

#include <QObject>

#include "network/run_record.hpp"
#include "training_messages.hpp"

namespace mtj::app {

class RunDocument : public QObject {
    Q_OBJECT
public:
    explicit RunDocument(QObject* parent = nullptr) : QObject(parent) {}
    /// Messages still queued for the document are destroyed with it, on this thread: after the handoff fence.
    ~RunDocument() override;

    /// A new run of `request`: the record empties and `begun` tells the observers; returns the request with its
    /// run id (what the worker is given).
    const TrainingRequest& begin(TrainingRequest request);
    /// The same run from its start again (Reset), under a new run id: the record empties and `begun` tells the
    /// observers; returns the request with its new id.
    const TrainingRequest& restart();
    /// A saved run, shown again: `restored` tells the observers, who draw it from records().
    void restore(TrainingRequest request, std::vector<SourceRecord> sources,
                 std::shared_ptr<const TrainingCheckpoint> checkpoint = nullptr);

    [[nodiscard]] const TrainingRequest& request() const { return record_.request(); }
    [[nodiscard]] const std::vector<SourceRecord>& records() const { return record_.sources(); }
    [[nodiscard]] const std::vector<ExperimentResult>& results() const { return record_.finishedResults(); }
    /// True once a run has begun (or was restored).
    [[nodiscard]] bool hasRun() const { return record_.begun(); }
    /// The run at its last completed epoch (the autosave keeps it; none before the first epoch or once finished).
    [[nodiscard]] const std::shared_ptr<const TrainingCheckpoint>& checkpoint() const { return record_.checkpoint(); }

public slots:
    /// From the training worker (its thread, queued): kept, then passed on, unless it belongs to a replaced run.
    void receiveSetup(const mtj::TrainingSetup& setup);
    void receiveSnapshot(const mtj::TrainingSnapshot& snapshot);

signals:
    void begun(const mtj::TrainingRequest& request);
    void restored();
    void setupAdded(const mtj::TrainingSetup& setup);
    void snapshotAdded(const mtj::TrainingSnapshot& snapshot);

private:
    RunRecord record_;
};

}  // namespace mtj::app
