// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.hpp"

#include <QCoreApplication>

#include "chart_style.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QChartView>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QVBoxLayout>
#include <QSignalBlocker>
#include <QKeySequence>
#include <QUndoStack>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>
#include <QCursor>
#include <QDockWidget>
#include <QSplitter>
#include <QStackedWidget>

#include "device_explorer_view.hpp"
#include "lesson_panel.hpp"
#include "robustness_map_view.hpp"
#include "training_view.hpp"

namespace mtj::ui {

QString aboutText() {
    const auto tr = [](const char* text) { return QCoreApplication::translate("MainWindow", text); };
    return tr("<h3>MTJ Explorer %1</h3>"
              "<p>Magnetic tunnel junctions as tunable, trainable neurons.</p>"
              "<p>A macrospin Landau-Lifshitz-Gilbert-Slonczewski simulation of the junction, its activation "
              "function under bias current and field, and the analog finite-difference derivative the device "
              "itself measures for device-in-the-loop training.</p>"
              "<p>After C. Pereira, A. Jenkins, …, D. Rodrigues, <i>Trainable Neuromorphic Spintronic Hardware Via "
              "Analog Finite-Difference Gradient Methods</i>, arXiv:2603.03947 (2026).</p>"
              "<p>Built with Qt %2 and Eigen.</p>"
              "<p>Free software: you may redistribute and modify it under the GNU General Public License, version 3 "
              "or (at your option) any later version (GPL-3.0-or-later); it links Qt Charts, which is licensed under "
              "GPL-3. It comes with NO WARRANTY. The full text is in the file LICENSE.</p>")
        .arg(QStringLiteral(MTJ_VERSION), QString::fromLatin1(qVersion()));
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("MTJ Explorer"));
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(tr("&Open preset…"), this, &MainWindow::chooseAndOpenPreset);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("openPresetAction"));
    QAction* reset = fileMenu->addAction(tr("&Reset to preset values"), this, &MainWindow::resetToPresetRequested);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    reset->setObjectName(QStringLiteral("resetAction"));
    fileMenu->addSeparator();
    QAction* openSession = fileMenu->addAction(tr("Open &session…"), this, [this] {
        const QString folder = saveDirectory_.isEmpty() ? QDir::homePath() : saveDirectory_;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), folder, tr("Sessions (*.json)"));
        if (!path.isEmpty()) emit openSessionRequested(path);
    });
    openSession->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openSession->setObjectName(QStringLiteral("openSessionAction"));
    openSession->setToolTip(tr("A saved training run: its settings and every chart as it was"));
    QAction* openMap = fileMenu->addAction(tr("Open robustness &map…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open a robustness map"), QString(), tr("Robustness maps (*.json)"));
        if (!path.isEmpty()) emit openMapRequested(path);
    });
    openMap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    openMap->setToolTip(tr("A merged sweep (mtj-explorer sweep merge): accuracy over two axes, with its spread"));
    QAction* saveSession = fileMenu->addAction(tr("&Save session…"), this, [this] {
        const QString path =
            chooseSavePath(tr("Save session"), QStringLiteral("session.json"), tr("Sessions (*.json)"));
        if (!path.isEmpty()) emit saveSessionRequested(path);
    });
    saveSession->setShortcut(QKeySequence::Save);
    saveSession->setObjectName(QStringLiteral("saveSessionAction"));
    saveSession->setToolTip(
        tr("The training run on screen: its settings, its charts, the sampled devices and the trained "
           "weights, to open again later (a paused or finished run)"));
    QAction* savePreset = fileMenu->addAction(tr("Save &preset…"), this, [this] {
        const QString path = chooseSavePath(tr("Save the settings as a preset"), QStringLiteral("my-preset.json"),
                                            tr("Presets (*.json)"));
        if (!path.isEmpty()) emit savePresetRequested(path);
    });
    savePreset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    savePreset->setObjectName(QStringLiteral("savePresetAction"));
    savePreset->setToolTip(
        tr("The device explorer's device, drive and readout with the training view's network and "
           "training settings, as a preset file (written atomically)"));
    fileMenu->addSeparator();
    QAction* exportCurve = fileMenu->addAction(tr("&Export curve as CSV…"), this, [this] {
        const QString path =
            chooseSavePath(tr("Export the activation curve"), QStringLiteral("curve.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty()) emit exportCurveRequested(path);
    });
    exportCurve->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportCurve->setObjectName(QStringLiteral("exportCurveAction"));
    exportCurve->setToolTip(
        tr("The curve on the activation chart: x, y, both derivatives and the state of each reading, "
           "as `mtj-explorer curve` writes it"));
    QAction* saveResults = fileMenu->addAction(tr("&Save training results as JSON…"), this, [this] {
        const QString path =
            chooseSavePath(tr("Save the training results"), QStringLiteral("training.json"), tr("JSON files (*.json)"));
        if (!path.isEmpty()) emit saveTrainingResultsRequested(path);
    });
    saveResults->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    saveResults->setObjectName(QStringLiteral("saveResultsAction"));
    saveResults->setToolTip(
        tr("The finished run of the training view (each source of a comparison), as `mtj-explorer train` writes it"));
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));  // QKeySequence::Quit is empty on some platforms

    undoStack_ = new QUndoStack(this);
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undoStack_->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setToolTip(tr("Undo the last change of the device explorer's settings (a slider drag counts as one)"));
    QAction* redo = undoStack_->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setObjectName(QStringLiteral("redoAction"));
    editMenu->addAction(undo);
    editMenu->addAction(redo);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* keys = helpMenu->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    QAction* about = helpMenu->addAction(tr("&About MTJ Explorer"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    stack_ = new QStackedWidget(this);
    tabs_ = new QTabWidget(stack_);
    deviceView_ = new DeviceExplorerView(tabs_);
    tabs_->addTab(deviceView_, tr("Device explorer"));
    trainingView_ = new TrainingView(tabs_);
    tabs_->addTab(trainingView_, tr("Training"));
    mapView_ = new RobustnessMapView(tabs_);
    tabs_->addTab(mapView_, tr("Robustness map"));
    connect(mapView_, &RobustnessMapView::openMapRequested, this, &MainWindow::openMapRequested);
    stack_->addWidget(tabs_);
    focusPage_ = new QWidget(stack_);
    focusPage_->setObjectName(QStringLiteral("focusPage"));
    auto* focusLayout = new QVBoxLayout(focusPage_);
    focusLayout->setContentsMargins(4, 4, 4, 4);
    auto* focusHint = new QLabel(tr("Focus mode: Esc, F or a double click to go back"), focusPage_);
    focusHint->setObjectName(QStringLiteral("focusHint"));
    focusHint->setAlignment(Qt::AlignRight);
    focusLayout->addWidget(focusHint);
    stack_->addWidget(focusPage_);
    setCentralWidget(stack_);

    // The lesson panel: a dock on the right, open from the start (a student sees the words beside the charts).
    lessonPanel_ = new LessonPanel;
    lessonDock_ = new QDockWidget(tr("Lesson"), this);
    lessonDock_->setObjectName(QStringLiteral("lessonDock"));
    lessonDock_->setWidget(lessonPanel_);
    lessonDock_->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, lessonDock_);
    lessonPanel_->setMinimumWidth(200);
    resizeDocks({lessonDock_}, {270}, Qt::Horizontal);
    connect(lessonPanel_, &LessonPanel::lessonRequested, this, &MainWindow::lessonRequested);
    lessonsMenu_ = new QMenu(tr("&Lessons"), this);
    lessonsMenu_->setObjectName(QStringLiteral("lessonsMenu"));
    menuBar()->insertMenu(helpMenu->menuAction(), lessonsMenu_);
    QAction* showDevice = viewMenu->addAction(tr("&Device explorer"), this, [this] { tabs_->setCurrentIndex(0); });
    showDevice->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* showTraining = viewMenu->addAction(tr("&Training"), this, [this] { tabs_->setCurrentIndex(1); });
    showTraining->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction* showMap = viewMenu->addAction(tr("&Robustness map"), this, [this] { tabs_->setCurrentIndex(2); });
    showMap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    viewMenu->addSeparator();
    presentationAction_ =
        viewMenu->addAction(tr("&Presentation mode"), this, [this](bool on) { setPresentationMode(on); });
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
    presentationAction_->setObjectName(QStringLiteral("presentationAction"));
    presentationAction_->setToolTip(
        tr("Full screen with every text 1.35 times larger, for a projector (F11 again to leave)"));
    highContrastAction_ = viewMenu->addAction(tr("&High contrast"), this, [this](bool on) { setHighContrast(on); });
    highContrastAction_->setCheckable(true);
    highContrastAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    highContrastAction_->setObjectName(QStringLiteral("highContrastAction"));
    highContrastAction_->setToolTip(tr("Thicker lines and black text and frames: for a washed-out projector"));
    QAction* lessonPanelAction = lessonDock_->toggleViewAction();
    lessonPanelAction->setText(tr("&Lesson panel"));
    lessonPanelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lessonPanelAction->setObjectName(QStringLiteral("lessonPanelAction"));
    viewMenu->addAction(lessonPanelAction);
    QAction* focus = viewMenu->addAction(tr("&Focus the chart under the mouse"), this, [this] {
        if (focused_ != nullptr) {
            leaveFocus();
            return;
        }
        QWidget* chart = nullptr;
        for (QWidget* w = QApplication::widgetAt(QCursor::pos()); w != nullptr && chart == nullptr;
             w = w->parentWidget()) {
            if (w->property("mtjChart").toBool()) chart = w;
        }
        if (chart == nullptr) {  // the first chart of the view on screen
            for (QWidget* w : tabs_->currentWidget()->findChildren<QWidget*>()) {
                if (w->property("mtjChart").toBool() && w->isVisible()) {
                    chart = w;
                    break;
                }
            }
        }
        if (chart != nullptr) focusChart(chart);
    });
    focus->setShortcut(QKeySequence(Qt::Key_F));
    focus->setObjectName(QStringLiteral("focusAction"));
    auto* leave = new QAction(this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, &MainWindow::leaveFocus);
    addAction(leave);
    qApp->installEventFilter(this);  // double clicks on charts (focus mode)
    statusBar()->showMessage(tr("Ready. Open a preset with Ctrl+O or drop one on the window."));
    resize(1280, 800);
}

void MainWindow::addView(QWidget* view, const QString& title) {
    const int index = tabs_->addTab(view, title);
    QMenu* viewMenu = nullptr;
    for (QAction* a : menuBar()->actions()) {
        if (a->menu() != nullptr && a->text() == tr("&View")) viewMenu = a->menu();
    }
    if (viewMenu != nullptr) {
        QAction* show = viewMenu->addAction(title, this, [this, index] { tabs_->setCurrentIndex(index); });
        show->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + index)));
    }
}

void MainWindow::setPresentationMode(bool on, bool fullScreen) {
    if (on == presentation_) return;
    if (on) {
        geometryBeforePresentation_ = saveGeometry();
        rectBeforePresentation_ = geometry();
    }
    presentation_ = on;
    const QSignalBlocker block(presentationAction_);
    presentationAction_->setChecked(on);
    constexpr double kPresentationScale = 1.35;
    const double factor = on ? kPresentationScale : 1.0;
    // The application font reaches every widget that has no font of its own; the charts keep explicit fonts.
    static const QFont baseFont = QApplication::font();
    const double base = baseFont.pointSizeF() > 0 ? baseFont.pointSizeF() : -static_cast<double>(baseFont.pixelSize());
    QApplication::setFont(scaledFontSize(baseFont, base, factor));
    // The lesson panel gives its width to the charts while the speaker talks (Ctrl+L shows it); it comes back
    // as it was when presentation mode ends.
    if (on) {
        lessonDockWasVisible_ = lessonDock_->isVisible() || !isVisible();
        lessonDock_->hide();
    } else if (lessonDockWasVisible_) {
        lessonDock_->show();
    }
    for (QChartView* view : findChildren<QChartView*>()) {
        if (view->chart() != nullptr) scaleChartFonts(view->chart(), factor);
    }
    // The captions give their lines to the charts on a projector (the speaker says what a chart shows).
    for (QLabel* caption : findChildren<QLabel*>(QStringLiteral("caption"))) caption->setVisible(!on);
    if (on && fullScreen) {
        showFullScreen();
    } else if (!on) {
        // Back to the window as it was before, exactly (the larger text must not leave a wider window behind).
        if (isFullScreen()) showNormal();
        restoreGeometry(geometryBeforePresentation_);
        setGeometry(rectBeforePresentation_);
    }
    statusBar()->showMessage(on ? tr("Presentation mode: F11 to leave") : tr("Presentation mode off"), 5000);
}

QByteArray MainWindow::normalGeometry() const { return presentation_ ? geometryBeforePresentation_ : saveGeometry(); }

void MainWindow::setLessonTitles(const QStringList& titles) {
    lessonPanel_->setLessonTitles(titles);
    lessonsMenu_->clear();
    for (int i = 0; i < titles.size(); ++i) {
        QAction* a = lessonsMenu_->addAction(titles[i], this, [this, i] { emit lessonRequested(i); });
        a->setObjectName(QStringLiteral("lessonAction%1").arg(i + 1));
    }
    lessonsMenu_->setEnabled(!titles.isEmpty());
}

void MainWindow::focusChart(QWidget* chart) {
    if (chart == nullptr || chart == focused_) return;
    if (focused_ != nullptr) leaveFocus();
    focusPlaceholder_ = new QWidget;
    focusPlaceholder_->setObjectName(QStringLiteral("focusPlaceholder"));
    QWidget* parent = chart->parentWidget();
    auto* tabStack = qobject_cast<QStackedWidget*>(parent);
    auto* tabWidget = tabStack != nullptr ? qobject_cast<QTabWidget*>(tabStack->parentWidget()) : nullptr;
    if (tabWidget != nullptr) {
        // A tab's page: the placeholder takes the tab (same text and tooltip) while the chart is away.
        const int index = tabWidget->indexOf(chart);
        const QString text = tabWidget->tabText(index), tip = tabWidget->tabToolTip(index);
        tabWidget->removeTab(index);
        tabWidget->insertTab(index, focusPlaceholder_, text);
        tabWidget->setTabToolTip(index, tip);
        tabWidget->setCurrentIndex(index);
    } else if (auto* splitter = qobject_cast<QSplitter*>(parent)) {
        splitter->replaceWidget(splitter->indexOf(chart), focusPlaceholder_);
    } else if (parent != nullptr && parent->layout() != nullptr) {
        parent->layout()->replaceWidget(chart, focusPlaceholder_);
    } else {
        delete focusPlaceholder_;
        focusPlaceholder_ = nullptr;
        return;
    }
    focused_ = chart;
    dockVisibleBeforeFocus_ = lessonDock_->isVisible();
    lessonDock_->hide();  // the chart gets the whole window
    focusPage_->layout()->addWidget(chart);
    chart->show();
    stack_->setCurrentWidget(focusPage_);
    statusBar()->showMessage(tr("Focus mode: Esc, F or a double click to go back"), 5000);
}

void MainWindow::leaveFocus() {
    if (focused_ == nullptr) return;
    QWidget* chart = focused_;
    focused_ = nullptr;
    focusPage_->layout()->removeWidget(chart);
    QWidget* parent = focusPlaceholder_->parentWidget();
    auto* tabStack = qobject_cast<QStackedWidget*>(parent);
    auto* tabWidget = tabStack != nullptr ? qobject_cast<QTabWidget*>(tabStack->parentWidget()) : nullptr;
    if (tabWidget != nullptr) {
        const int index = tabWidget->indexOf(focusPlaceholder_);
        const QString text = tabWidget->tabText(index), tip = tabWidget->tabToolTip(index);
        tabWidget->removeTab(index);
        tabWidget->insertTab(index, chart, text);
        tabWidget->setTabToolTip(index, tip);
        tabWidget->setCurrentIndex(index);
    } else if (auto* splitter = qobject_cast<QSplitter*>(parent)) {
        splitter->replaceWidget(splitter->indexOf(focusPlaceholder_), chart);
    } else if (parent != nullptr && parent->layout() != nullptr) {
        parent->layout()->replaceWidget(focusPlaceholder_, chart);
    }
    chart->show();
    focusPlaceholder_->deleteLater();
    focusPlaceholder_ = nullptr;
    stack_->setCurrentWidget(tabs_);
    if (dockVisibleBeforeFocus_) lessonDock_->show();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonDblClick) {
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget != nullptr && widget->window() == this) {
            for (QWidget* w = widget; w != nullptr; w = w->parentWidget()) {
                if (w->property("mtjChart").toBool()) {
                    if (focused_ == w)
                        leaveFocus();
                    else
                        focusChart(w);
                    return true;
                }
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::setHighContrast(bool on) {
    highContrast_ = on;
    const QSignalBlocker block(highContrastAction_);
    highContrastAction_->setChecked(on);
    static const QPalette basePalette = QApplication::palette();
    QPalette palette = basePalette;
    if (on) {
        for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            palette.setColor(role, Qt::black);
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::Window, Qt::white);
        palette.setColor(QPalette::Highlight, QColor(0, 60, 160));
    }
    QApplication::setPalette(palette);
    for (QChartView* view : findChildren<QChartView*>()) {
        if (view->chart() != nullptr) setChartContrast(view->chart(), on);
    }
    for (QLabel* caption : findChildren<QLabel*>(QStringLiteral("caption"))) {
        QPalette p = caption->palette();
        p.setColor(QPalette::WindowText, on ? Qt::black : QColor(70, 70, 70));
        caption->setPalette(p);
    }
    statusBar()->showMessage(on ? tr("High contrast: Ctrl+Shift+H to leave") : tr("High contrast off"), 5000);
}

void MainWindow::setPresetName(const QString& name, const QString& path) {
    setWindowTitle(QStringLiteral("%1 — MTJ Explorer").arg(name));
    statusBar()->showMessage(tr("Preset: %1 (%2)").arg(name, path));
    presetDirectory_ = QFileInfo(path).absolutePath();
}

void MainWindow::showError(const QString& title, const QString& message) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
    statusBar()->showMessage(message);
}

void MainWindow::chooseAndOpenPreset() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open preset"), presetDirectory_, tr("Presets (*.json)"));
    if (!path.isEmpty()) emit openPresetRequested(path);
}

QString MainWindow::chooseSavePath(const QString& title, const QString& suggestedName, const QString& filter) {
    const QString folder = saveDirectory_.isEmpty() ? QDir::homePath() : saveDirectory_;
    const QString path = QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(suggestedName), filter);
    if (!path.isEmpty()) saveDirectory_ = QFileInfo(path).absolutePath();
    return path;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        emit openPresetRequested(urls.first().toLocalFile());
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    emit closing();
    QMainWindow::closeEvent(event);
}

QString MainWindow::shortcutsText() const {
    // Every menu action with a shortcut (read from the menus, so the list cannot go stale), then the keys of the views.
    QString rows;
    auto row = [&rows](const QString& keys, const QString& what) {
        rows += QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    };
    for (QAction* menu : menuBar()->actions()) {
        if (menu->menu() == nullptr) continue;
        for (QAction* a : menu->menu()->actions()) {
            if (a->shortcut().isEmpty()) continue;
            QString text = a->text();
            text.remove(QLatin1Char('&'));
            QStringList keys;
            for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
            row(keys.join(tr(" or ")), menu->text().remove(QLatin1Char('&')) + QStringLiteral(" > ") + text);
        }
    }
    row(tr("Space"), tr("Training view: play or pause"));
    row(tr("N or Right"), tr("Training view: train one batch"));
    row(tr("Shift+N, or Shift + Step"), tr("Training view: train one epoch"));
    row(tr("R"), tr("Training view: reset to the initial weights (clears every chart)"));
    row(tr("Click on the activation chart"), tr("Device explorer: follow the reading at that input"));
    row(QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText), tr("Leave focus mode"));
    row(tr("Double-click a chart"), tr("Focus mode: the chart fills the window (again to go back)"));
    row(tr("Right-click a chart"), tr("Copy it, save it as PNG (2x) or SVG, or save its data as CSV"));
    row(tr("Drag the sphere"), tr("Device explorer, sphere tab: turn the view"));
    row(tr("Click on a neuron"), tr("Training view, Network tab: open its device in the device explorer"));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

void MainWindow::showShortcuts() {
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("shortcutsBox"));
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(dialog);
    auto* table = new QLabel(shortcutsText(), dialog);
    table->setTextFormat(Qt::RichText);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->open();
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About MTJ Explorer"), aboutText()); }

}  // namespace mtj::ui
