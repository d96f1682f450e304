// SPDX-License-Identifier: GPL-3.0-or-later
// SettingsHistory: undo and redo of the device explorer's settings (Edit > Undo, Ctrl+Z; Redo, Ctrl+Shift+Z).
//
// Every change the view makes to its settings is recorded as one step on a QUndoStack: a knob, a reset to the preset
// values, a new preset, a neuron's device opened from the training view. Changes of the same keys that follow one
// another within a second (a slider being dragged) merge into one step. Undo and redo put the settings back through
// `apply` (the view's setSettings), which is itself not recorded. Steps are named after what changed
// ("Undo bias current", "Undo Reset to preset values"). GUI thread.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "common/status.hpp"

#include "device/neuron_settings.hpp"
#include "device/variability.hpp"

class QUndoStack;

namespace mtj::app {

class SettingsHistory {
public:
    struct State {
        NeuronSettings neuron;
        VariabilitySettings variability;
    };
    using Apply = std::function<void(const NeuronSettings&, const VariabilitySettings&)>;

    SettingsHistory(QUndoStack* stack, Apply apply);

    /// Starts over from these settings, with an empty history.
    void start(const NeuronSettings& neuron, const VariabilitySettings& variability);
    /// The settings the view now shows; a step when they differ from the last ones recorded.
    void record(const NeuronSettings& neuron, const VariabilitySettings& variability);
    /// Names the next step (opening a preset, reset); without it a step is named after the keys it changes.
    void nameNextStep(const QString& name) { nextName_ = name; }
    /// Puts settings back (undo, redo); not recorded.
    void apply(const State& state);

    [[nodiscard]] QUndoStack* stack() const { return stack_; }

    /// One step as the autosave keeps it: its name and the settings before and after (preset JSON).
    struct SavedStep {
        QString name;
        QByteArray before, after;
    };
    /// Every step of the history, oldest first; the stack's index says how many are done.
    [[nodiscard]] std::vector<SavedStep> savedSteps() const;
    /// Rebuilds the history from saved steps with `index` of them done (the settings of that point are applied).
    /// An error (a step whose settings do not read) leaves the history as it was.
    Status restoreSteps(const std::vector<SavedStep>& steps, int index);
    [[nodiscard]] static State makeState(const NeuronSettings& neuron, const VariabilitySettings& variability);
    /// The keys of the parameter-table rows (the neuron's, then the population's) whose values differ, sorted: a
    /// comparison of the rows' values, no JSON (one slider tick used to write and parse the whole preset twice).
    [[nodiscard]] static QStringList changedKeys(const State& before, const State& after);

private:
    QUndoStack* stack_;
    Apply apply_;
    State current_;
    QString nextName_;
    bool applying_ = false;
};

}  // namespace mtj::app
