// SPDX-License-Identifier: GPL-3.0-or-later
// DevicePresenter: the device explorer's presenter. It owns the device worker (its own thread) and the undo history
// of the explorer's settings: the view's requests go to the worker (and into the history), the worker's curves,
// step analyses, families and trajectories back to the view. Settings shown from elsewhere (a preset, a lesson, a
// neuron of the training view) go through show(), one named undo step. GUI thread.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>

#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "settings_history.hpp"

class QUndoStack;

namespace mtj::ui {
class DeviceExplorerView;
}

namespace mtj::app {

class DeviceWorker;

class DevicePresenter : public QObject {
    Q_OBJECT
public:
    DevicePresenter(ui::DeviceExplorerView* view, QUndoStack* undoStack, QObject* parent = nullptr);
    ~DevicePresenter() override;

    [[nodiscard]] DeviceWorker* worker() const { return worker_; }
    [[nodiscard]] SettingsHistory* history() const { return history_.get(); }
    /// Shows settings in the explorer as one undo step named `step`.
    void show(const NeuronSettings& neuron, const VariabilitySettings& variability, const QString& step);
    /// The undo history begins with what the explorer shows now.
    void startHistory();
    /// Stops the worker and waits for its thread; the view may be deleted afterwards.
    void shutdown();

private:
    ui::DeviceExplorerView* view_;
    QThread thread_;
    DeviceWorker* worker_ = nullptr;
    std::unique_ptr<SettingsHistory> history_;  ///< Edit > Undo and Redo of the explorer's settings
    bool shutDown_ = false;
};

}  // namespace mtj::app
