// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: title, menus, the About box, and the engine's figures on screen (offscreen platform).
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QValueAxis>
#include <QDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>

#include <QTabWidget>

#include "device_explorer_view.hpp"
#include "main_window.hpp"
#include "robustness_map_view.hpp"
#include <QTemporaryDir>
#include <cmath>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void robustnessMapDrawsItsCellsAndListsTheRunsBehindThem() {
        // A map of 3 spreads x 2 sources, 2 seeds: the view shows the spread across, the source down, each cell in
        // the colour of its mean on the scale, with its mean written in it; hovering a cell names its runs; the CSV
        // holds every cell.
        mtj::RobustnessMap map;
        map.name = "test map";
        map.axes = {{"variability.relative_sigma", {"0", "0.1", "0.2"}}, {"training.gradient", {"device-fd", "tanh"}}};
        int index = 0;
        for (int s = 0; s < 3; ++s)
            for (int g = 0; g < 2; ++g)
                for (int seed = 1; seed <= 2; ++seed) {
                    mtj::RobustnessRun r;
                    r.index = index;
                    r.id = QStringLiteral("r%1").arg(index++, 3, 10, QLatin1Char('0')).toStdString();
                    r.seed = static_cast<std::uint64_t>(seed);
                    r.at = {s, g};
                    r.heldOut = 0.95 - 0.2 * s - 0.1 * g + (seed == 1 ? 0.01 : -0.01);
                    map.runs.push_back(r);
                }
        mtj::ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.tabs()->tabText(2), QStringLiteral("Robustness map"));
        mtj::ui::RobustnessMapView* view = window.robustnessMapView();
        window.tabs()->setCurrentWidget(view);
        // Empty, it says how to make a map.
        const QImage empty = view->heatMap()->grab().toImage();
        QVERIFY(!view->hasMap());
        view->setMap(map, QStringLiteral("/tmp/test-map.json"));
        QCOMPARE(view->columns(), 3);
        QCOMPARE(view->rows(), 2);
        QApplication::processEvents();
        const QImage drawn = view->heatMap()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(drawn != empty.convertToFormat(QImage::Format_RGB32));
        int matching = 0;
        for (int r = 0; r < 2; ++r) {
            for (int c = 0; c < 3; ++c) {
                const mtj::RobustnessCell& cell = view->cells()[static_cast<std::size_t>(r * 3 + c)];
                QCOMPARE(cell.count, 2);
                QVERIFY(std::abs(cell.mean - (0.95 - 0.2 * c - 0.1 * r)) < 1e-12);
                // A pixel inside the cell, away from its text, has the cell's colour on the scale.
                const QRectF box = view->heatMap()->cellRect(r, c);
                const QColor seen = drawn.pixelColor(QPointF(box.left() + 4, box.top() + 4).toPoint());
                const QColor expected = view->heatMap()->colourOf(cell.mean);
                if (std::abs(seen.red() - expected.red()) + std::abs(seen.green() - expected.green()) +
                        std::abs(seen.blue() - expected.blue()) <
                    12)
                    ++matching;
                // The first value of the axis down is at the bottom.
                if (r == 1) QVERIFY(box.bottom() <= view->heatMap()->cellRect(0, c).top() + 1);
            }
        }
        QCOMPARE(matching, 6);
        // The best cell (no spread, device-fd) and the worst differ in colour: the scale spans the values shown.
        QVERIFY(view->heatMap()->colourOf(0.95) != view->heatMap()->colourOf(0.45));
        // Hover: the runs behind the cell, with their seeds and figures.
        const QRectF box = view->heatMap()->cellRect(1, 2);
        QTest::mouseMove(view->heatMap(), box.center().toPoint());
        QApplication::processEvents();
        const QString details = view->detailsLabel()->text();
        QVERIFY2(details.contains(QStringLiteral("variability.relative_sigma = 0.2")) &&
                     details.contains(QStringLiteral("training.gradient = tanh")) &&
                     details.contains(QStringLiteral("r010 (seed 1): 46.0 %")) &&
                     details.contains(QStringLiteral("r011 (seed 2): 44.0 %")) &&
                     details.contains(QStringLiteral("45.0 ± 1.4 % over 2 runs")),
                 qPrintable(details));
        // Down = none: one row per value of the axis across, the source held (at device-fd, then tanh).
        view->showAxes(0, -1);
        QCOMPARE(view->rows(), 1);
        QVERIFY(std::abs(view->cells()[0].mean - 0.95) < 1e-12);
        view->holdAxis(1, 1);
        QVERIFY(std::abs(view->cells()[0].mean - 0.85) < 1e-12);
        // The CSV: a header and one row per cell with its runs.
        const QStringList csv = view->cellsCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 2 + 3);
        QCOMPARE(csv[1], QStringLiteral("variability.relative_sigma,row,mean,sd,runs,ids"));
        const QStringList first = csv[2].split(QLatin1Char(','));
        QCOMPARE(first.size(), 6);
        QCOMPARE(first[0], QStringLiteral("0"));
        QVERIFY(std::abs(first[2].toDouble() - 0.85) < 1e-12);
        QVERIFY(std::abs(first[3].toDouble() - 0.02 / std::sqrt(2.0)) < 1e-12);
        QCOMPARE(first[4], QStringLiteral("2"));
        QCOMPARE(first[5], QStringLiteral("r002 r003"));
        QTemporaryDir dir;
        QString error;
        QVERIFY(view->savePng(dir.filePath("map.png"), &error));
        QCOMPARE(QImage(dir.filePath("map.png")).size(), view->heatMap()->size() * 2);
        QVERIFY(view->saveSvg(dir.filePath("map.svg"), &error));
        QFile svg(dir.filePath("map.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("85.0"));
        QVERIFY(!view->saveCsv(dir.filePath("no/such/folder/map.csv"), &error));
        QVERIFY2(error.contains(QStringLiteral("map.csv")), qPrintable(error));
    }

    void showsNameViewsAndMenus() {
        mtj::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("MTJ Explorer"));
        QVERIFY(window.deviceView() != nullptr);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Device explorer"));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("openPresetAction"))->shortcut() == QKeySequence::Open);
        QVERIFY(window.acceptDrops());
        window.setPresetName("Demo", "/tmp/demo.json");
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Demo")));
    }

    void presentationModeEnlargesEveryTextAndRestoresIt() {
        mtj::ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QChartView* chart = window.findChild<QChartView*>();
        QVERIFY(chart != nullptr && chart->chart() != nullptr && !chart->chart()->axes().isEmpty());
        const double title = chart->chart()->titleFont().pointSizeF();
        const double labels = chart->chart()->axes().first()->labelsFont().pointSizeF();
        const double text = QApplication::font().pointSizeF();
        QAction* toggle = window.findChild<QAction*>(QStringLiteral("presentationAction"));
        QVERIFY(toggle != nullptr && toggle->shortcut() == QKeySequence(Qt::Key_F11));
        toggle->trigger();
        QVERIFY(window.presentationMode() && toggle->isChecked());
        QVERIFY(window.isFullScreen());
        QCOMPARE(chart->chart()->titleFont().pointSizeF(), title * 1.35);
        QCOMPARE(chart->chart()->axes().first()->labelsFont().pointSizeF(), labels * 1.35);
        QCOMPARE(QApplication::font().pointSizeF(), text * 1.35);
        if (!qEnvironmentVariableIsEmpty("MTJ_GRAB")) {
            QTest::qWait(300);
            window.grab().save(qEnvironmentVariable("MTJ_GRAB"));
        }
        toggle->trigger();
        QVERIFY(!window.presentationMode() && !window.isFullScreen());
        QCOMPARE(chart->chart()->titleFont().pointSizeF(), title);  // exactly back
        QCOMPARE(chart->chart()->axes().first()->labelsFont().pointSizeF(), labels);
        QCOMPARE(QApplication::font().pointSizeF(), text);
    }

    void shortcutsListEveryMenuShortcut() {
        mtj::ui::MainWindow window;
        const QString text = window.shortcutsText();
        int listed = 0;
        for (QAction* a : window.findChildren<QAction*>()) {
            if (a->shortcut().isEmpty()) continue;
            QVERIFY2(text.contains(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped()),
                     qPrintable(a->text()));
            ++listed;
        }
        QVERIFY(listed >= 10);
        QVERIFY(text.contains(QStringLiteral("Edit &gt; Undo")));
        QVERIFY(text.contains(QStringLiteral("Space")));
        window.findChild<QAction*>(QStringLiteral("shortcutsAction"))->trigger();
        auto* box = window.findChild<QDialog*>(QStringLiteral("shortcutsBox"));
        QVERIFY(box != nullptr && box->isVisible());
        box->close();
    }

    void aboutBoxNamesTheProgramAndThePaper() {
        mtj::ui::MainWindow window;
        auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
        QVERIFY(about != nullptr);
        QString shownText;
        QTimer::singleShot(0, [&shownText] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (auto* box = qobject_cast<QMessageBox*>(w)) {
                    shownText = box->text();
                    box->accept();
                }
            }
        });
        about->trigger();
        QVERIFY(shownText.contains(QStringLiteral("MTJ Explorer")));
        QVERIFY(shownText.contains(QStringLiteral("2603.03947")));
        QCOMPARE(shownText, mtj::ui::aboutText());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
