// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings_history.hpp"

#include <QElapsedTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <utility>

#include "preset.hpp"

namespace mtj::app {
namespace {

/// What a user calls a setting, for the Edit menu: the short name of its parameter-table row (the neuron's or the
/// population's), or the preset key where there is no row.
QString displayName(const QString& key) {
    const std::string k = key.toStdString();
    if (const Parameter<NeuronSettings>* row = findParameter(neuronParameterTable(), k)) {
        return QString::fromStdString(row->name);
    }
    if (const Parameter<VariabilitySettings>* row = findParameter(variabilityParameterTable(), k)) {
        return QString::fromStdString(row->name);
    }
    return key;
}

/// One step: the settings before and after. The first redo (QUndoStack::push) finds them applied already.
class SettingsStep : public QUndoCommand {
public:
    SettingsStep(SettingsHistory* history, SettingsHistory::State before, SettingsHistory::State after,
                 QStringList keys, const QString& name, bool mergeable)
        : history_(history),
          before_(std::move(before)),
          after_(std::move(after)),
          keys_(std::move(keys)),
          mergeable_(mergeable) {
        setText(name);
        lastChange_.start();
    }
    void undo() override {
        mergeable_ = false;  // a later change starts a step of its own
        history_->apply(before_);
    }
    void redo() override {
        if (std::exchange(firstRedo_, false)) return;
        mergeable_ = false;
        history_->apply(after_);
    }
    int id() const override { return 1; }
    [[nodiscard]] const SettingsHistory::State& before() const { return before_; }
    [[nodiscard]] const SettingsHistory::State& after() const { return after_; }

    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const SettingsStep*>(other);
        if (!mergeable_ || !next->mergeable_ || next->keys_ != keys_ || lastChange_.elapsed() > 1000) return false;
        after_ = next->after_;
        lastChange_.start();
        // Dragged back to where it started: no step at all.
        if (SettingsHistory::changedKeys(before_, after_).isEmpty()) setObsolete(true);
        return true;
    }

private:
    SettingsHistory* history_;
    SettingsHistory::State before_, after_;
    QStringList keys_;
    bool mergeable_;
    bool firstRedo_ = true;
    QElapsedTimer lastChange_;
};

}  // namespace

SettingsHistory::SettingsHistory(QUndoStack* stack, Apply apply) : stack_(stack), apply_(std::move(apply)) {}

SettingsHistory::State SettingsHistory::makeState(const NeuronSettings& neuron,
                                                  const VariabilitySettings& variability) {
    return State{neuron, variability};
}

namespace {
/// The two as preset JSON, for the autosave.
QByteArray stateJson(const SettingsHistory::State& state) {
    Preset preset;
    preset.neuron = state.neuron;
    preset.variability = state.variability;
    return presetToJson(preset);
}
}  // namespace

QStringList SettingsHistory::changedKeys(const State& before, const State& after) {
    QStringList keys;
    for (const Parameter<NeuronSettings>& row : neuronParameterTable()) {
        if (!row.sameIn(before.neuron, after.neuron)) keys << QString::fromStdString(row.key);
    }
    for (const Parameter<VariabilitySettings>& row : variabilityParameterTable()) {
        if (!row.sameIn(before.variability, after.variability)) keys << QString::fromStdString(row.key);
    }
    keys.sort();
    return keys;
}

void SettingsHistory::start(const NeuronSettings& neuron, const VariabilitySettings& variability) {
    current_ = makeState(neuron, variability);
    nextName_.clear();
    stack_->clear();
}

void SettingsHistory::record(const NeuronSettings& neuron, const VariabilitySettings& variability) {
    State next = makeState(neuron, variability);
    const QStringList keys = applying_ ? QStringList() : changedKeys(current_, next);
    if (keys.isEmpty()) {
        current_ = std::move(next);
        return;
    }
    const bool named = !nextName_.isEmpty();
    QString name = std::exchange(nextName_, QString());
    if (!named) {
        QStringList shown;
        for (const QString& key : keys) shown << displayName(key);
        name = shown.size() <= 2 ? shown.join(QStringLiteral(", ")) : QObject::tr("%1 settings").arg(shown.size());
    }
    State before = std::exchange(current_, next);
    stack_->push(new SettingsStep(this, std::move(before), std::move(next), keys, name, !named));
}

std::vector<SettingsHistory::SavedStep> SettingsHistory::savedSteps() const {
    std::vector<SavedStep> steps;
    for (int i = 0; i < stack_->count(); ++i) {
        const auto* step = dynamic_cast<const SettingsStep*>(stack_->command(i));
        if (step == nullptr || step->isObsolete()) continue;
        steps.push_back({step->text(), stateJson(step->before()), stateJson(step->after())});
    }
    return steps;
}

Status SettingsHistory::restoreSteps(const std::vector<SavedStep>& steps, int index) {
    if (index < 0 || index > static_cast<int>(steps.size()))
        return Status::error("undo index " + std::to_string(index) + " outside 0 to " + std::to_string(steps.size()));
    const auto stateOf = [](const QByteArray& json, const QString& origin, State& state) {
        Preset preset;
        if (Status s = parsePreset(json, origin, {}, preset); !s) return s;
        state = makeState(preset.neuron, preset.variability);
        return Status::ok();
    };
    std::vector<std::pair<State, State>> states;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        State before, after;
        const QString origin = QStringLiteral("undo step %1").arg(i + 1);
        if (Status s = stateOf(steps[i].before, origin, before); !s) return s;
        if (Status s = stateOf(steps[i].after, origin, after); !s) return s;
        states.emplace_back(std::move(before), std::move(after));
    }
    applying_ = true;
    stack_->clear();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        auto* step = new SettingsStep(this, states[i].first, states[i].second,
                                      changedKeys(states[i].first, states[i].second), steps[i].name, false);
        stack_->push(step);  // its first redo does nothing: nothing is applied while the stack fills
    }
    applying_ = false;
    // Undo back to `index`: each undo applies its step's settings, the last one those the history stands at.
    stack_->setIndex(index);
    current_ = index > 0 ? states[static_cast<std::size_t>(index) - 1].second
                         : (states.empty() ? current_ : states.front().first);
    return Status::ok();
}

void SettingsHistory::apply(const State& state) {
    current_ = state;
    applying_ = true;
    apply_(state.neuron, state.variability);  // the view reports what it shows through record(): that becomes current
    applying_ = false;
}

}  // namespace mtj::app
