// SPDX-License-Identifier: GPL-3.0-or-later
// ExplorerController: the application shell around the main window. It holds one presenter per view (the device
// explorer's, app/device_presenter.hpp, with its worker and undo history; the training view's,
// app/training_presenter.hpp, with its worker and the run document; the robustness map's,
// app/robustness_map_presenter.hpp) and what spans both: presets (File menu, drag
// and drop, the command line) with validation that keeps the current state on error, sessions, lessons, exports,
// and the window geometry and last preset (QSettings). GUI thread.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "common/status.hpp"
#include "lesson.hpp"
#include "preset.hpp"

namespace mtj::ui {
class MainWindow;
}

namespace mtj::app {

class Autosave;
struct WindowState;
class DevicePresenter;
class DeviceWorker;
class RobustnessMapPresenter;
class RunDocument;
class TrainingPresenter;
class TrainingWorker;

class ExplorerController : public QObject {
    Q_OBJECT
public:
    /// presetPath empty: the last preset of the previous session, or presets/default.json.
    explicit ExplorerController(const QString& presetPath = {}, bool restoreSettings = true, QObject* parent = nullptr);
    ~ExplorerController() override;

    ui::MainWindow* window() const { return window_.get(); }
    TrainingWorker* trainingWorker() const;
    DeviceWorker* deviceWorker() const;
    /// The training run on screen: its request and the record of every gradient source.
    [[nodiscard]] const RunDocument& run() const;
    /// Loads and applies a preset; on error shows it in the window and keeps the current state.
    Status openPreset(const QString& path);
    void resetToPreset();
    /// Writes the curve on the activation chart as CSV (the `curve` format); errors are shown and returned.
    Status exportCurve(const QString& path);
    /// File > Save preset: the explorer's device with the training view's settings, written atomically.
    Status savePreset(const QString& path);
    /// Writes the training view's finished run as the `train` JSON (one object per source of a comparison).
    Status saveTrainingResults(const QString& path);
    /// Writes the training view's run (paused or finished) as a session file.
    Status saveSession(const QString& path);
    /// Opens a session file: its settings in both views and its charts as they were; on error the state is kept.
    Status openSession(const QString& path);
    [[nodiscard]] const Preset& preset() const { return preset_; }
    /// The lessons found in presets/lessons/ (those that failed to load are reported in the status bar and skipped).
    [[nodiscard]] const std::vector<Lesson>& lessons() const { return lessons_; }
    /// Opens a merged sweep in the robustness-map view; on error shows it and keeps the map on screen.
    Status openRobustnessMap(const QString& path);
    /// Opens lesson `index`: its preset, its view and its text in the lesson panel.
    Status openLesson(int index);
    /// Carries out step `step` of the open lesson: its settings (one undo step), the input to follow, the chart to
    /// show and the training action; the panel says what it did.
    Status runLessonStep(int step);
    [[nodiscard]] QString presetPath() const { return presetPath_; }

    /// Saves the window's state in `directory` a few seconds after every change (app/autosave.hpp); the window
    /// started by `mtj-explorer` does, tests and screenshots only when they ask.
    void enableAutosave(const QString& directory, int delayMs = 3000);
    [[nodiscard]] Autosave* autosave() const { return autosave_.get(); }
    /// The window as plain values (what the autosave writes): GUI thread, no file and no JSON.
    [[nodiscard]] WindowState windowState() const;
    /// Puts the window back as an autosave file holds it: the knobs, the undo history, the lesson and its steps,
    /// the tabs, and the run at its last completed epoch, ready to continue with Play. On error the window is kept.
    Status restoreAutosave(const QString& path);

private:
    void saveSettings();
    /// Shows a file that could not be opened in an error box titled `title` (the state stays); returns `status`.
    Status reportFailure(const Status& status, const QString& title);
    /// Shows the outcome of writing a file: an error box titled `failure`, or `success` in the status bar.
    Status reportWrite(const Status& status, const QString& failure, const QString& success);
    /// The preset of the training view's run: the loaded preset with the run's settings.
    [[nodiscard]] Preset runPreset() const;
    std::unique_ptr<ui::MainWindow> window_;
    std::unique_ptr<DevicePresenter> device_;
    std::unique_ptr<TrainingPresenter> training_;
    std::unique_ptr<RobustnessMapPresenter> maps_;
    Preset preset_;
    QString presetPath_;
    std::vector<Lesson> lessons_;
    int lessonIndex_ = -1;
    QList<int> lessonStepsDone_;
    std::unique_ptr<Autosave> autosave_;
    bool restoreSettings_;
};

}  // namespace mtj::app
