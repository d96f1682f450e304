// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_document.hpp"

#include "thread_handoff.hpp"

namespace mtj::app {

const TrainingRequest& RunDocument::begin(TrainingRequest request) {
    const TrainingRequest& begun = record_.begin(std::move(request));
    emit this->begun(begun);
    return begun;
}

RunDocument::~RunDocument() { ui::passThreadHandoffFence(); }

const TrainingRequest& RunDocument::restart() {
    const TrainingRequest& restarted = record_.begin(record_.request());
    emit begun(restarted);
    return restarted;
}

void RunDocument::restore(TrainingRequest request, std::vector<SourceRecord> sources,
                          std::shared_ptr<const TrainingCheckpoint> checkpoint) {
    record_.restore(std::move(request), std::move(sources), std::move(checkpoint));
    emit restored();
}

void RunDocument::receiveSetup(const TrainingSetup& setup) {
    ui::passThreadHandoffFence();  // from the worker's thread: ui/thread_handoff.hpp
    if (record_.add(setup)) emit setupAdded(setup);
}

void RunDocument::receiveSnapshot(const TrainingSnapshot& snapshot) {
    ui::passThreadHandoffFence();
    if (record_.add(snapshot)) emit snapshotAdded(snapshot);
}

}  // namespace mtj::app
