#include "explorer_controller.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include "device_explorer_view.hpp"
#include "device_worker.hpp"
#include "main_window.hpp"
#include "paths.hpp"

namespace mtj::app {

ExplorerController::ExplorerController(const QString& presetPath, bool restoreSettings, QObject* parent)
    : QObject(parent), restoreSettings_(restoreSettings) {
    window_ = std::make_unique<ui::MainWindow>();
    worker_ = new DeviceWorker;
    worker_->moveToThread(&workerThread_);
    connect(&workerThread_, &QThread::finished, worker_, &QObject::deleteLater);
    workerThread_.setObjectName(QStringLiteral("engine worker"));
    workerThread_.start();

    ui::DeviceExplorerView* view = window_->deviceView();
    // post() is thread-safe and coalesces: a direct call from the GUI thread.
    connect(view, &ui::DeviceExplorerView::requestChanged, this, [this](const ui::DeviceRequest& r) { worker_->post(r); });
    connect(worker_, &DeviceWorker::curveReady, view, &ui::DeviceExplorerView::showCurve);
    connect(worker_, &DeviceWorker::stepAnalysisReady, view, &ui::DeviceExplorerView::showStepAnalysis);
    connect(worker_, &DeviceWorker::familyReady, view, &ui::DeviceExplorerView::showFamily);
    connect(worker_, &DeviceWorker::trajectoryReady, view, &ui::DeviceExplorerView::showTrajectory);
    connect(window_.get(), &ui::MainWindow::openPresetRequested, this, [this](const QString& path) { openPreset(path); });
    connect(window_.get(), &ui::MainWindow::resetToPresetRequested, this, &ExplorerController::resetToPreset);
    connect(window_.get(), &ui::MainWindow::closing, this, &ExplorerController::saveSettings);

    QSettings settings;
    if (restoreSettings_) {
        const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
        if (!geometry.isEmpty()) window_->restoreGeometry(geometry);
    }
    QString path = presetPath;
    if (path.isEmpty() && restoreSettings_) path = settings.value(QStringLiteral("preset/last")).toString();
    if (path.isEmpty() || !QFileInfo::exists(path)) path = QDir(presetDirectory()).filePath(QStringLiteral("default.json"));
    if (!openPreset(path)) {
        // Even without a readable preset the window opens, on the built-in defaults of physics.md.
        view->setSettings(preset_.neuron, preset_.variability);
    }
}

ExplorerController::~ExplorerController() {
    worker_->shutdown();
    workerThread_.quit();
    workerThread_.wait();
}

Status ExplorerController::openPreset(const QString& path) {
    Preset loaded;
    const Status status = loadPreset(path, {}, loaded);
    if (!status) {
        window_->showError(tr("Cannot open preset"), QString::fromStdString(status.message()));
        return status;
    }
    preset_ = loaded;
    presetPath_ = QFileInfo(path).absoluteFilePath();
    window_->setPresetName(QString::fromStdString(preset_.name), presetPath_);
    window_->deviceView()->setToolTip(QString::fromStdString(preset_.description));
    window_->deviceView()->setSettings(preset_.neuron, preset_.variability);
    return Status::ok();
}

void ExplorerController::resetToPreset() { window_->deviceView()->setSettings(preset_.neuron, preset_.variability); }

void ExplorerController::saveSettings() {
    if (!restoreSettings_) return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window_->saveGeometry());
    if (!presetPath_.isEmpty()) settings.setValue(QStringLiteral("preset/last"), presetPath_);
}

}  // namespace mtj::app
