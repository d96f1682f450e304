#include "screenshot.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPixmap>
#include <QTimer>

#include "device_explorer_view.hpp"
#include "explorer_controller.hpp"
#include "main_window.hpp"

namespace mtj::app {

Status saveScreenshot(const QString& presetPath, const QString& view, const QString& outPath, int epochs, int width,
                      int height) {
    Q_UNUSED(epochs);
    if (view != QStringLiteral("device") && view != QStringLiteral("training")) {
        return Status::error("--view '" + view.toStdString() + "': must be device or training");
    }
    if (view == QStringLiteral("training")) {
        return Status::error("--view training: the training view is not part of this version yet");
    }
    ExplorerController controller(presetPath, false);
    if (controller.presetPath().isEmpty()) return Status::error(presetPath.toStdString() + ": could not be opened");
    ui::MainWindow* window = controller.window();
    window->resize(width, height);
    window->show();
    ui::DeviceExplorerView* device = window->deviceView();
    QElapsedTimer timer;
    timer.start();
    while (!device->everythingShown() && timer.elapsed() < 180000) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!device->everythingShown()) return Status::error("the engine did not finish within 3 minutes");
    // Let the last paint settle.
    QEventLoop settle;
    QTimer::singleShot(100, &settle, &QEventLoop::quit);
    settle.exec();
    const QPixmap image = window->grab();
    if (image.isNull() || !image.save(outPath, "PNG")) return Status::error("cannot write " + outPath.toStdString());
    return Status::ok();
}

}  // namespace mtj::app
