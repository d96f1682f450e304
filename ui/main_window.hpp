// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the top-level window of MTJ Explorer. It hosts the views in tabs (the device explorer first), owns the
// menus and shortcuts, accepts preset files dropped on it, and reports errors without blocking. What a menu action
// means for files and settings is decided by the application's controller (app/), which listens to the signals.
// GUI thread only.
#pragma once

#include <QMainWindow>

class QTabWidget;
class QLabel;
class QUndoStack;
class QDockWidget;
class QMenu;
class QStackedWidget;

namespace mtj::ui {

class DeviceExplorerView;
class TrainingView;
class RobustnessMapView;
class LessonPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    DeviceExplorerView* deviceView() const { return deviceView_; }
    TrainingView* trainingView() const { return trainingView_; }
    RobustnessMapView* robustnessMapView() const { return mapView_; }
    QTabWidget* tabs() const { return tabs_; }
    /// The history behind Edit > Undo and Redo (the controller records the device explorer's settings in it).
    QUndoStack* undoStack() const { return undoStack_; }
    /// Adds a view as a tab (the training view).
    void addView(QWidget* view, const QString& title);
    /// Shows the name of the loaded preset in the title and the status bar.
    void setPresetName(const QString& name, const QString& path);
    /// Presentation mode (View menu, F11): full screen, every text 1.35 times larger, for a projector.
    /// fullScreen false keeps the window's size (screenshots).
    void setPresentationMode(bool on, bool fullScreen = true);
    [[nodiscard]] bool presentationMode() const { return presentation_; }
    /// A non-blocking error box (window-modal); the current state stays as it was.
    void showError(const QString& title, const QString& message);

    /// The lesson panel (a dock on the right; View > Lesson panel, Ctrl+L) and the Lessons menu, one entry per title.
    [[nodiscard]] LessonPanel* lessonPanel() const { return lessonPanel_; }
    [[nodiscard]] QDockWidget* lessonDock() const { return lessonDock_; }
    void setLessonTitles(const QStringList& titles);

    /// Focus mode (double-click a chart, or F over it; Esc or F to leave): one chart fills the window.
    void focusChart(QWidget* chart);
    void leaveFocus();
    [[nodiscard]] QWidget* focusedChart() const { return focused_; }

    /// High contrast for projectors (View menu, Ctrl+Shift+H): thicker lines, black text and frames, no grey.
    void setHighContrast(bool on);
    [[nodiscard]] bool highContrast() const { return highContrast_; }

    /// The window's geometry outside presentation mode (what is saved and restored).
    [[nodiscard]] QByteArray normalGeometry() const;

public slots:
    void showAbout();
    /// Help > Keyboard shortcuts (F1): every shortcut of the menus and the views.
    void showShortcuts();

public:
    /// The shortcuts table (rich text) that showShortcuts() shows.
    [[nodiscard]] QString shortcutsText() const;

signals:
    void openPresetRequested(const QString& path);
    void exportCurveRequested(const QString& path);
    void openSessionRequested(const QString& path);
    /// A merged sweep to show in the robustness-map view.
    void openMapRequested(const QString& path);
    void saveSessionRequested(const QString& path);
    void savePresetRequested(const QString& path);
    void saveTrainingResultsRequested(const QString& path);
    void resetToPresetRequested();
    void lessonRequested(int index);
    void closing();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(class QDragEnterEvent* event) override;
    void dropEvent(class QDropEvent* event) override;
    void closeEvent(class QCloseEvent* event) override;

private:
    void chooseAndOpenPreset();
    /// A save dialog in the last folder used; empty when cancelled.
    QString chooseSavePath(const QString& title, const QString& suggestedName, const QString& filter);

    QTabWidget* tabs_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    DeviceExplorerView* deviceView_ = nullptr;
    TrainingView* trainingView_ = nullptr;
    RobustnessMapView* mapView_ = nullptr;
    QString presetDirectory_;
    QString saveDirectory_;
    bool presentation_ = false;
    QAction* presentationAction_ = nullptr;
    QByteArray geometryBeforePresentation_;
    bool lessonDockWasVisible_ = true;
    bool dockVisibleBeforeFocus_ = true;
    QRect rectBeforePresentation_;
    LessonPanel* lessonPanel_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    QMenu* lessonsMenu_ = nullptr;
    QStackedWidget* stack_ = nullptr;  ///< the tabs, or the focused chart
    QWidget* focusPage_ = nullptr;
    QWidget* focused_ = nullptr;
    QWidget* focusPlaceholder_ = nullptr;
    bool highContrast_ = false;
    QAction* highContrastAction_ = nullptr;
};

/// The text of the About box (also used by tests).
QString aboutText();

}  // namespace mtj::ui
