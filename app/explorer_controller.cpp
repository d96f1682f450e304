// SPDX-License-Identifier: GPL-3.0-or-later
#include "explorer_controller.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoStack>
#include <cmath>
#include <QSettings>

#include "device_explorer_view.hpp"
#include "lesson_panel.hpp"
#include <QDockWidget>
#include <QPushButton>
#include "device_presenter.hpp"
#include "device_worker.hpp"
#include "main_window.hpp"
#include "training_view.hpp"
#include "training_presenter.hpp"
#include "training_worker.hpp"
#include <QStatusBar>
#include <QTabWidget>
#include "autosave.hpp"
#include "exports.hpp"
#include "robustness_map_view.hpp"
#include "session.hpp"
#include "robustness_map_presenter.hpp"
#include "paths.hpp"
#include "thread_handoff.hpp"
#include <QTimer>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace mtj::app {

ExplorerController::ExplorerController(const QString& presetPath, bool restoreSettings, QObject* parent)
    : QObject(parent), restoreSettings_(restoreSettings) {
    window_ = std::make_unique<ui::MainWindow>();
    ui::DeviceExplorerView* view = window_->deviceView();
    device_ = std::make_unique<DevicePresenter>(view, window_->undoStack());
    training_ = std::make_unique<TrainingPresenter>(window_->trainingView());
    maps_ = std::make_unique<RobustnessMapPresenter>(window_->robustnessMapView());
#if defined(__GLIBC__)
    // Every curve and every training step frees what it allocated, but glibc keeps freed heap pages resident: over a
    // long lecture the resident size crept up while the heap in use stayed flat (the soak benchmark). Every half
    // minute the free pages go back to the system; the call takes well under a millisecond here.
    auto* trim = new QTimer(this);
    connect(trim, &QTimer::timeout, this, [] { malloc_trim(0); });
    trim->start(30000);
#endif

    // What spans both views.
    connect(window_.get(), &ui::MainWindow::openPresetRequested, this, [this](const QString& path) {
        if (looksLikeSession(path))
            openSession(path);  // a session dropped on the window
        else
            openPreset(path);
    });
    connect(window_.get(), &ui::MainWindow::openSessionRequested, this,
            [this](const QString& path) { openSession(path); });
    connect(window_.get(), &ui::MainWindow::openMapRequested, this,
            [this](const QString& path) { openRobustnessMap(path); });
    connect(window_.get(), &ui::MainWindow::saveSessionRequested, this,
            [this](const QString& path) { saveSession(path); });
    connect(window_.get(), &ui::MainWindow::savePresetRequested, this,
            [this](const QString& path) { savePreset(path); });
    connect(view, &ui::DeviceExplorerView::trainWithDeviceRequested, this, [this] {
        ui::DeviceExplorerView* device = window_->deviceView();
        window_->trainingView()->useDevice(device->settings(), device->variability());
        window_->tabs()->setCurrentIndex(1);
        window_->statusBar()->showMessage(tr("The training view trains with the explorer's device: %1")
                                              .arg(window_->trainingView()->deviceSummary()));
    });
    connect(window_.get(), &ui::MainWindow::resetToPresetRequested, this, &ExplorerController::resetToPreset);
    connect(window_.get(), &ui::MainWindow::exportCurveRequested, this,
            [this](const QString& path) { exportCurve(path); });
    connect(window_.get(), &ui::MainWindow::saveTrainingResultsRequested, this,
            [this](const QString& path) { saveTrainingResults(path); });
    connect(window_.get(), &ui::MainWindow::closing, this, &ExplorerController::saveSettings);
    connect(
        training_.get(), &TrainingPresenter::neuronDeviceRequested, this,
        [this](const NeuronSettings& device, const VariabilitySettings& variability, int layer, int neuron, int index) {
            device_->show(device, variability, tr("Device of layer %1, neuron %2").arg(layer + 1).arg(neuron + 1));
            window_->tabs()->setCurrentIndex(0);
            window_->statusBar()->showMessage(tr("Device of hidden layer %1, neuron %2 (device %3 of the population)")
                                                  .arg(layer + 1)
                                                  .arg(neuron + 1)
                                                  .arg(index));
        });

    // Lessons: every file of presets/lessons/ that loads; a broken one is named in the status bar, not fatal.
    QStringList titles, broken;
    for (const QString& file : lessonFiles(QDir(presetDirectory()).filePath(QStringLiteral("lessons")))) {
        Lesson lesson;
        if (Status s = loadLesson(file, lesson); s) {
            titles << lesson.title;
            lessons_.push_back(std::move(lesson));
        } else {
            broken << QString::fromStdString(s.message());
        }
    }
    window_->setLessonTitles(titles);
    connect(window_.get(), &ui::MainWindow::lessonRequested, this, [this](int index) { openLesson(index); });
    connect(window_->lessonPanel(), &ui::LessonPanel::stepRequested, this, [this](int step) { runLessonStep(step); });

    QSettings settings;
    if (restoreSettings_) {
        const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
        if (!geometry.isEmpty()) window_->restoreGeometry(geometry);
    }
    QString path = presetPath;
    if (path.isEmpty() && restoreSettings_) path = settings.value(QStringLiteral("preset/last")).toString();
    if (path.isEmpty() || !QFileInfo::exists(path))
        path = QDir(presetDirectory()).filePath(QStringLiteral("default.json"));
    if (!openPreset(path)) {
        // Even without a readable preset the window opens, on the built-in defaults of docs/physics.md.
        view->setSettings(preset_.neuron, preset_.variability);
    }
    device_->startHistory();  // the history begins with the first settings shown
    if (!broken.isEmpty())
        window_->statusBar()->showMessage(tr("Lesson not loaded: %1").arg(broken.join(QStringLiteral("; "))));
}

Status ExplorerController::openLesson(int index) {
    if (index < 0 || index >= static_cast<int>(lessons_.size())) return Status::error("no such lesson");
    const Lesson& lesson = lessons_[static_cast<std::size_t>(index)];
    lessonIndex_ = index;
    lessonStepsDone_.clear();
    if (autosave_) autosave_->changed();
    preset_ = lesson.preset;
    presetPath_ = QFileInfo(lesson.path).absoluteFilePath();
    window_->setPresetName(lesson.title, presetPath_);
    window_->deviceView()->setToolTip({});
    device_->show(preset_.neuron, preset_.variability, tr("Open lesson %1").arg(lesson.title));
    training_->stop();
    window_->trainingView()->setPreset(preset_.neuron, preset_.variability, preset_.network, preset_.training);
    window_->tabs()->setCurrentIndex(lesson.view == QLatin1String("training") ? 1 : 0);
    ui::LessonContent content;
    content.title = lesson.title;
    content.look = lesson.look;
    content.tryText = lesson.tryText;
    for (const LessonStep& step : lesson.steps) content.steps << step.label;
    content.means = lesson.means;
    window_->lessonPanel()->showLesson(index, content);
    window_->lessonDock()->show();
    return Status::ok();
}

Status ExplorerController::runLessonStep(int stepIndex) {
    if (lessonIndex_ < 0 || stepIndex < 0 ||
        stepIndex >= static_cast<int>(lessons_[static_cast<std::size_t>(lessonIndex_)].steps.size())) {
        return Status::error("no such step");
    }
    const LessonStep& step =
        lessons_[static_cast<std::size_t>(lessonIndex_)].steps[static_cast<std::size_t>(stepIndex)];
    ui::DeviceExplorerView* device = window_->deviceView();
    ui::TrainingView* training = window_->trainingView();
    QStringList did;
    if (!step.set.isEmpty()) {
        // The step changes what is on screen now (a student may have moved knobs since the lesson opened).
        Preset current = preset_;
        current.neuron = device->settings();
        current.variability = device->variability();
        const TrainingRequest request = training->currentRequest(false);
        current.network = request.spec.network;
        current.training = request.spec.training;
        if (Status s = applyLessonStep(step, current); !s) {
            window_->showError(tr("Cannot carry out this step"), QString::fromStdString(s.message()));
            return s;
        }
        device_->show(current.neuron, current.variability, step.label);
        bool trainingChanged = false;
        for (const QString& assignment : step.set) {
            if (assignment.startsWith(QStringLiteral("training.")) || assignment.startsWith(QStringLiteral("network.")))
                trainingChanged = true;
        }
        if (trainingChanged) {
            training_->stop();
            training->setPreset(current.neuron, current.variability, current.network, current.training);
        }
        did << tr("set %1").arg(step.set.join(QStringLiteral(", ")));
    }
    if (step.x) {
        device->followInput(*step.x);
        did << tr("following the reading at x = %1").arg(*step.x);
    }
    if (!step.show.isEmpty()) {
        const QStringList& trainingTabs = trainingChartTabs();
        if (step.show == QLatin1String("device")) {
            window_->tabs()->setCurrentIndex(0);
        } else if (step.show == QLatin1String("training")) {
            window_->tabs()->setCurrentIndex(1);
        } else if (trainingTabs.contains(step.show)) {
            window_->tabs()->setCurrentIndex(1);
            training->chartTabs()->setCurrentIndex(static_cast<int>(trainingTabs.indexOf(step.show)));
        } else {
            window_->tabs()->setCurrentIndex(0);
            device->showReadingTab(step.show);
        }
        did << tr("showing %1").arg(step.show);
    }
    if (!step.run.isEmpty()) {
        window_->tabs()->setCurrentIndex(1);
        if (step.run == QLatin1String("play") && !training->running())
            training->togglePlay();
        else if (step.run == QLatin1String("pause") && training->running())
            training->togglePlay();
        else if (step.run == QLatin1String("epoch"))
            training->stepEpochOnce();
        else if (step.run == QLatin1String("reset"))
            training->resetButton()->click();
        did << tr("training: %1").arg(step.run);
    }
    window_->lessonPanel()->markStepDone(stepIndex,
                                         tr("Step %1: %2.").arg(stepIndex + 1).arg(did.join(QStringLiteral("; "))));
    if (!lessonStepsDone_.contains(stepIndex)) lessonStepsDone_ << stepIndex;
    if (autosave_) autosave_->changed();
    return Status::ok();
}

ExplorerController::~ExplorerController() {
    // A clean exit: the autosave's thread ends and its file goes (app/autosave.hpp).
    autosave_.reset();
    // The workers stop and their threads end before the window's views are deleted.
    device_->shutdown();
    training_->shutdown();
}

TrainingWorker* ExplorerController::trainingWorker() const { return training_->worker(); }
DeviceWorker* ExplorerController::deviceWorker() const { return device_->worker(); }
const RunDocument& ExplorerController::run() const { return training_->run(); }

Status ExplorerController::openPreset(const QString& path) {
    Preset loaded;
    const Status status = loadPreset(path, {}, loaded);
    if (!status) return reportFailure(status, tr("Cannot open preset"));
    preset_ = loaded;
    presetPath_ = QFileInfo(path).absoluteFilePath();
    window_->setPresetName(QString::fromStdString(preset_.name), presetPath_);
    window_->deviceView()->setToolTip({});  // the description is in the lesson panel, not a tooltip over gaps
    lessonIndex_ = -1;
    lessonStepsDone_.clear();
    window_->lessonPanel()->showPresetNotes(QString::fromStdString(preset_.name),
                                            QString::fromStdString(preset_.description));
    device_->show(preset_.neuron, preset_.variability, tr("Open preset %1").arg(QFileInfo(path).fileName()));
    window_->trainingView()->setPreset(preset_.neuron, preset_.variability, preset_.network, preset_.training);
    return Status::ok();
}

void ExplorerController::resetToPreset() {
    device_->show(preset_.neuron, preset_.variability, tr("Reset to preset values"));
}

Status ExplorerController::reportFailure(const Status& status, const QString& title) {
    window_->showError(title, QString::fromStdString(status.message()));
    return status;
}

Status ExplorerController::reportWrite(const Status& status, const QString& failure, const QString& success) {
    if (!status) {
        window_->showError(failure, QString::fromStdString(status.message()));
    } else {
        window_->statusBar()->showMessage(success, 8000);
    }
    return status;
}

Status ExplorerController::exportCurve(const QString& path) {
    const ActivationCurve* curve = window_->deviceView()->shownCurve();
    Status status = curve == nullptr ? Status::error("there is no curve on the chart yet")
                                     : writeFileAtomically(path, curveToCsv(*curve));
    return reportWrite(status, tr("Cannot export the curve"), tr("Curve written to %1").arg(path));
}

Status ExplorerController::savePreset(const QString& path) {
    // The explorer's device, drive, readout and variability with the training view's network and training.
    Preset preset = preset_;
    const ui::DeviceExplorerView* device = window_->deviceView();
    preset.neuron = device->settings();
    preset.variability = device->variability();
    const TrainingRequest request = window_->trainingView()->currentRequest(false);
    preset.network = request.spec.network;
    preset.training = request.spec.training;
    Status status = validate(preset.neuron);
    if (status) status = writeFileAtomically(path, presetToJson(preset));
    return reportWrite(status, tr("Cannot save the preset"), tr("Preset written to %1").arg(path));
}

Status ExplorerController::saveTrainingResults(const QString& path) {
    const RunDocument& run = training_->run();
    const std::vector<ExperimentResult>& results = run.results();
    Status status = Status::ok();
    if (results.empty()) {
        status = Status::error("no training run has finished yet: train to the end (Play), or run a comparison");
    } else {
        status = writeFileAtomically(path, trainingResultsToJson(runPreset(), run.request().sources, results));
    }
    return reportWrite(status, tr("Cannot save the training results"), tr("Training results written to %1").arg(path));
}

Preset ExplorerController::runPreset() const {
    const TrainingRequest& request = training_->run().request();
    Preset run = preset_;
    run.neuron = request.spec.neuron;
    run.variability = request.spec.variability;
    run.network = request.spec.network;
    run.training = request.spec.training;
    return run;
}

Status ExplorerController::saveSession(const QString& path) {
    const ui::TrainingView* training = window_->trainingView();
    const RunDocument& run = training_->run();
    Status status = Status::ok();
    if (run.records().empty()) {
        status = Status::error("there is no training run to save yet: train first (Play or Step)");
    } else if (training->running()) {
        status = Status::error(
            "the run is training: pause it first (Space), so that the session holds one consistent state");
    } else if (run.records().back().last.parameters.weights.empty()) {
        status = Status::error("the run is still coming to rest: save again in a moment");
    } else {
        Session session;
        session.preset = runPreset();
        session.sources = run.request().sources;
        session.runs = run.records();
        status = writeFileAtomically(path, sessionToJson(session));
    }
    return reportWrite(status, tr("Cannot save the session"), tr("Session written to %1").arg(path));
}

Status ExplorerController::openSession(const QString& path) {
    Session session;
    const Status status = loadSession(path, session);
    if (!status) return reportFailure(status, tr("Cannot open session"));
    preset_ = session.preset;
    window_->setPresetName(QString::fromStdString(preset_.name) + tr(" (session)"), QFileInfo(path).absoluteFilePath());
    device_->show(preset_.neuron, preset_.variability, tr("Open session %1").arg(QFileInfo(path).fileName()));
    ui::TrainingView* training = window_->trainingView();
    training_->stop();
    training->setPreset(preset_.neuron, preset_.variability, preset_.network, preset_.training);
    TrainingRequest request = training->currentRequest(false);
    request.sources = session.sources;
    training_->restore(request, std::move(session.runs));
    window_->tabs()->setCurrentIndex(1);
    window_->statusBar()->showMessage(
        tr("Session %1: the run as it was saved; Play trains it anew").arg(QFileInfo(path).fileName()), 10000);
    return Status::ok();
}

Status ExplorerController::openRobustnessMap(const QString& path) {
    const Status status = maps_->open(path);
    if (!status) return reportFailure(status, tr("Cannot open the robustness map"));
    const RobustnessMap& map = window_->robustnessMapView()->map();
    window_->tabs()->setCurrentIndex(2);
    window_->statusBar()->showMessage(tr("Robustness map %1: %2 runs over %3 axes")
                                          .arg(QFileInfo(path).fileName())
                                          .arg(map.runs.size())
                                          .arg(map.axes.size()),
                                      10000);
    return Status::ok();
}

void ExplorerController::enableAutosave(const QString& directory, int delayMs) {
    autosave_ = std::make_unique<Autosave>(
        directory, [this] { return windowState(); }, delayMs);
    if (!autosave_->active()) {
        window_->statusBar()->showMessage(tr("Autosave is off: %1").arg(autosave_->error()), 10000);
        return;
    }
    connect(autosave_.get(), &Autosave::failed, this, [this](const QString& message) {
        window_->statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
    });
    // Every change the state holds: a knob or the followed input, an undo or redo, a tab, a training setting, the run.
    Autosave* save = autosave_.get();
    const auto changed = [save] { save->changed(); };
    connect(window_->deviceView(), &ui::DeviceExplorerView::requestChanged, save, changed);
    connect(window_->undoStack(), &QUndoStack::indexChanged, save, changed);
    connect(window_->tabs(), &QTabWidget::currentChanged, save, changed);
    connect(window_->trainingView()->chartTabs(), &QTabWidget::currentChanged, save, changed);
    connect(window_->trainingView(), &ui::TrainingView::settingsEdited, save, changed);
    const RunDocument& run = training_->run();
    connect(&run, &RunDocument::begun, save, changed);
    connect(&run, &RunDocument::restored, save, changed);
    connect(&run, &RunDocument::snapshotAdded, save, [save](const TrainingSnapshot& snapshot) {
        if (snapshot.checkpoint || snapshot.finished || !snapshot.playing) save->changed();
    });
}

WindowState ExplorerController::windowState() const {
    WindowState state;
    const ui::DeviceExplorerView* device = window_->deviceView();
    const ui::TrainingView* training = window_->trainingView();
    state.preset = preset_;
    state.preset.neuron = device->settings();
    state.preset.variability = device->variability();
    const TrainingRequest request = training->currentRequest(false);
    state.preset.network = request.spec.network;
    state.preset.training = request.spec.training;
    state.presetPath = presetPath_;
    state.followedX = device->followedInput();
    state.tab = window_->tabs()->currentIndex();
    state.trainingTab = training->chartTabs()->currentIndex();
    if (lessonIndex_ >= 0) {
        state.lessonPath = lessons_[static_cast<std::size_t>(lessonIndex_)].path;
        state.lessonStepsDone = lessonStepsDone_;
    }
    state.undoSteps = device_->history()->savedSteps();
    state.undoIndex = window_->undoStack()->index();
    const RunDocument& run = training_->run();
    if (run.hasRun() && !run.records().empty()) {
        state.hasRun = true;
        state.runPreset = runPreset();
        state.sources = run.request().sources;
        state.records = run.records();
        state.checkpoint = run.checkpoint();
    }
    return state;
}

Status ExplorerController::restoreAutosave(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return reportFailure(Status::error(path.toStdString() + ": cannot read: " + file.errorString().toStdString()),
                             tr("Cannot restore the autosave"));
    WindowState state;
    if (Status s = parseWindowState(file.readAll(), path, state); !s)
        return reportFailure(s, tr("Cannot restore the autosave"));
    // The lesson first (it sets its preset, view and panel), then what the user had made of it.
    int lesson = -1;
    for (std::size_t i = 0; i < lessons_.size(); ++i)
        if (!state.lessonPath.isEmpty() && QFileInfo(lessons_[i].path) == QFileInfo(state.lessonPath))
            lesson = static_cast<int>(i);
    if (lesson >= 0) openLesson(lesson);
    preset_ = state.preset;
    presetPath_ = state.presetPath;
    if (lesson < 0) {
        lessonIndex_ = -1;
        window_->setPresetName(QString::fromStdString(preset_.name), presetPath_);
        window_->lessonPanel()->showPresetNotes(QString::fromStdString(preset_.name),
                                                QString::fromStdString(preset_.description));
    }
    device_->show(preset_.neuron, preset_.variability, tr("Restore the autosave"));
    if (Status s = device_->history()->restoreSteps(state.undoSteps, state.undoIndex); !s)
        window_->statusBar()->showMessage(
            tr("The undo history could not be restored: %1").arg(QString::fromStdString(s.message())));
    ui::TrainingView* training = window_->trainingView();
    training_->stop();
    if (state.hasRun) {
        // The run's own settings in the training view: Play continues it only while they describe it.
        training->setPreset(state.runPreset.neuron, state.runPreset.variability, state.runPreset.network,
                            state.runPreset.training);
        TrainingRequest request = training->currentRequest(false);
        request.sources = state.sources;
        training_->resume(request, std::move(state.records), state.checkpoint);
    } else {
        training->setPreset(preset_.neuron, preset_.variability, preset_.network, preset_.training);
    }
    if (std::isfinite(state.followedX)) window_->deviceView()->followInput(state.followedX);
    if (lesson >= 0) {
        for (int step : state.lessonStepsDone) {
            window_->lessonPanel()->markStepDone(step, tr("Step %1 (restored).").arg(step + 1));
            if (!lessonStepsDone_.contains(step)) lessonStepsDone_ << step;
        }
    }
    training->chartTabs()->setCurrentIndex(state.trainingTab);
    window_->tabs()->setCurrentIndex(state.tab);
    window_->statusBar()->showMessage(
        state.checkpoint
            ? tr("Restored from the autosave: the run continues from epoch %1 with Play").arg(state.checkpoint->epoch())
            : tr("Restored from the autosave"),
        15000);
    if (autosave_) autosave_->changed();
    return Status::ok();
}

void ExplorerController::saveSettings() {
    if (!restoreSettings_) return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window_->normalGeometry());  // never the presentation window
    if (!presetPath_.isEmpty()) settings.setValue(QStringLiteral("preset/last"), presetPath_);
}

}  // namespace mtj::app
