// MainWindow: the top-level window of MTJ Explorer. It owns the menus (File, Help) and, as the views are built
// (device explorer, training), hosts them in its central area. GUI thread only.
#pragma once

#include <QMainWindow>

class QLabel;

namespace mtj::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

public slots:
    /// Shows the About box: what the program is, its version, the paper it follows.
    void showAbout();

private:
    QLabel* overview_ = nullptr;
};

/// The text of the About box (also used by tests).
QString aboutText();

}  // namespace mtj::ui
