// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and recovery (docs/files.md, "Autosave"): a few seconds after the window changes, its state is copied on
// the GUI thread as plain values (WindowState: the only GUI-thread work, timed) and written by a thread of its own
// as JSON through the durable writer, into a file of this window's own in the user's state folder
// ($XDG_STATE_HOME/mtj-explorer/autosave, else ~/.local/state/mtj-explorer/autosave). A lock held while the window
// lives (flock, released by the kernel however the process ends) tells a living window's file from one left by a
// window that did not exit cleanly: the next start offers to restore that one. A clean exit removes the file.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "common/status.hpp"
#include "network/checkpoint.hpp"
#include "preset.hpp"
#include "settings_history.hpp"
#include "training_messages.hpp"

namespace mtj::app {

inline constexpr const char* autosaveSchema = "mtj-explorer/autosave-1";

/// What the window is, as plain values.
struct WindowState {
    Preset preset;       // the explorer's knobs with the training view's settings (as File > Save preset writes)
    QString presetPath;  // where the preset came from (the title shows it)
    double followedX = std::numeric_limits<double>::quiet_NaN();
    int tab = 0;          // the main tab: device, training, robustness map
    int trainingTab = 0;  // the training view's chart tab
    QString lessonPath;   // the open lesson's file (empty: none)
    QList<int> lessonStepsDone;
    std::vector<SettingsHistory::SavedStep> undoSteps;
    int undoIndex = 0;
    // The training run: its settings, sources and records, and where it stood at its last completed epoch.
    bool hasRun = false;
    Preset runPreset;
    std::vector<GradientSource> sources;
    std::vector<SourceRecord> records;
    std::shared_ptr<const TrainingCheckpoint> checkpoint;
};

/// The state as the autosave file holds it (the run cut to its checkpoint). Any thread.
QByteArray windowStateToJson(WindowState state);
/// Reads an autosave file's JSON; `origin` starts every error. Any thread.
Status parseWindowState(const QByteArray& json, const QString& origin, WindowState& state);

/// The folder autosaves go to: $XDG_STATE_HOME/mtj-explorer/autosave, else ~/.local/state/mtj-explorer/autosave.
QString autosaveDirectory();

class AutosaveWriter;

class Autosave : public QObject {
    Q_OBJECT
public:
    using Capture = std::function<WindowState()>;
    /// Claims a file of its own in `directory` (created if missing). `delayMs`: how long after a change it saves.
    Autosave(const QString& directory, Capture capture, int delayMs = 3000, QObject* parent = nullptr);
    /// A clean exit: the file and its lock are removed.
    ~Autosave() override;

    /// False when the folder or the lock could not be made (the reason in error()); nothing is saved then.
    [[nodiscard]] bool active() const { return lockFd_ >= 0; }
    [[nodiscard]] QString error() const { return error_; }
    [[nodiscard]] QString path() const { return path_; }
    /// Something changed: a save in delayMs, unless one is due already (a run that sends snapshots all the time
    /// is still saved every delayMs).
    void changed();
    /// Captures now and hands the state to the writer.
    void saveNow();
    /// Milliseconds of GUI-thread time of every capture so far.
    [[nodiscard]] const std::vector<double>& captureMilliseconds() const { return captureMs_; }
    /// Saves written so far (the writer's count; a failed one is reported through failed()).
    [[nodiscard]] int savesWritten() const { return written_; }

    /// The files of windows that did not exit cleanly (their lock is free), newest first.
    static QStringList orphans(const QString& directory);
    /// Removes an orphan and its lock.
    static void discard(const QString& path);

signals:
    void saved(const QString& path);
    void failed(const QString& message);

private:
    void writerDone(const QString& error);

    QString directory_, path_, lockPath_, error_;
    int lockFd_ = -1;
    Capture capture_;
    QTimer timer_;
    QThread thread_;
    AutosaveWriter* writer_ = nullptr;
    int inFlight_ = 0;
    bool pendingChange_ = false;
    int written_ = 0;
    std::vector<double> captureMs_;
};

/// Writes autosaves on its own thread.
class AutosaveWriter : public QObject {
    Q_OBJECT
public:
    ~AutosaveWriter() override;
    void write(const WindowState& state, const QString& path);
signals:
    void done(const QString& error);
};

}  // namespace mtj::app
