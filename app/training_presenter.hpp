// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingPresenter: the training view's presenter. It owns the training worker (its own thread) and the run
// document; it turns the view's requests (play, step, reset, a new run, the pace, a live learning rate) into the
// worker's commands, hands the worker's setups and snapshots to the document, and draws what the document accepted
// in the view. Opening a session restores the document, and the presenter replays it into the view. The view owns
// no run: it draws. GUI thread.
#pragma once

#include <QObject>
#include <QThread>

#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "run_document.hpp"

namespace mtj::ui {
class TrainingView;
}

namespace mtj::app {

class TrainingWorker;

class TrainingPresenter : public QObject {
    Q_OBJECT
public:
    explicit TrainingPresenter(ui::TrainingView* view, QObject* parent = nullptr);
    ~TrainingPresenter() override;

    [[nodiscard]] TrainingWorker* worker() const { return worker_; }
    [[nodiscard]] const RunDocument& run() const { return run_; }
    /// Stops the worker's run (a new preset, lesson or session replaces it); what is on screen stays.
    void stop();
    /// Shows a saved run again: the view's controls already show its settings; Play then trains a new run.
    void restore(const TrainingRequest& request, std::vector<SourceRecord> sources);
    /// Shows a run the autosave kept, cut to its checkpoint, and puts the worker where the checkpoint left it:
    /// Play continues the run (docs/files.md, "Autosave").
    void resume(const TrainingRequest& request, std::vector<SourceRecord> sources,
                const std::shared_ptr<const TrainingCheckpoint>& checkpoint);
    /// The request of the run on screen, else the one the view's controls describe.
    [[nodiscard]] TrainingRequest shownRequest() const;
    /// Stops the worker and waits for its thread; the view may be deleted afterwards.
    void shutdown();

signals:
    /// The user opened a neuron of the network picture: its sampled device (devices are numbered layer by layer).
    void neuronDeviceRequested(const mtj::NeuronSettings& device, const mtj::VariabilitySettings& variability,
                               int layer, int neuron, int index);

private:
    ui::TrainingView* view_;
    RunDocument run_;
    QThread thread_;
    TrainingWorker* worker_ = nullptr;
    bool shutDown_ = false;
};

}  // namespace mtj::app
