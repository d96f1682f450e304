#include "main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <cmath>

#include "physics/derived_figures.hpp"

namespace mtj::ui {

QString aboutText() {
    return QStringLiteral(
               "<h3>MTJ Explorer %1</h3>"
               "<p>Magnetic tunnel junctions as tunable, trainable neurons.</p>"
               "<p>A macrospin Landau-Lifshitz-Gilbert-Slonczewski simulation of the junction, its activation "
               "function under bias current and field, and the analog finite-difference derivative the device "
               "itself measures for device-in-the-loop training.</p>"
               "<p>After A. Jenkins et al., <i>Trainable Neuromorphic Spintronic Hardware Via Analog "
               "Finite-Difference Gradient Methods</i>, arXiv:2603.03947 (2026).</p>"
               "<p>Built with Qt %2 and Eigen.</p>")
        .arg(QStringLiteral(MTJ_VERSION), QString::fromLatin1(qVersion()));
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("MTJ Explorer"));
    setObjectName(QStringLiteral("mainWindow"));

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About MTJ Explorer"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    // Until the device explorer view lands, the window shows the default junction's derived figures,
    // computed by the engine: the numbers a physicist checks first.
    const MacrospinModel model = MacrospinModel::fromParameters(DeviceParameters{});
    const DerivedFigures f = derivedFigures(model);
    overview_ = new QLabel(this);
    overview_->setObjectName(QStringLiteral("overview"));
    overview_->setAlignment(Qt::AlignCenter);
    overview_->setTextFormat(Qt::RichText);
    overview_->setText(
        QStringLiteral("<h2>MTJ Explorer</h2><p>Default junction (physics.md): CoFeB/MgO, 100 nm, 300 K</p>"
                       "<table align=\"center\" cellpadding=4>"
                       "<tr><td>R<sub>P</sub></td><td>%1 &Omega;</td></tr>"
                       "<tr><td>R<sub>AP</sub></td><td>%2 &Omega;</td></tr>"
                       "<tr><td>TMR</td><td>%3 %</td></tr>"
                       "<tr><td>thermal stability &Delta;</td><td>%4</td></tr>"
                       "<tr><td>Kittel frequency</td><td>%5 GHz</td></tr>"
                       "<tr><td>critical current I<sub>c0</sub></td><td>%6 &micro;A</td></tr></table>")
            .arg(f.parallelResistanceOhm, 0, 'f', 1)
            .arg(f.antiparallelResistanceOhm, 0, 'f', 1)
            .arg(f.tmrPercent, 0, 'f', 0)
            .arg(f.thermalStability, 0, 'f', 1)
            .arg(f.kittelFrequencyGigahertz, 0, 'f', 2)
            .arg(f.criticalCurrentMicroampere, 0, 'f', 0));
    setCentralWidget(overview_);
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 800);
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About MTJ Explorer"), aboutText()); }

}  // namespace mtj::ui
