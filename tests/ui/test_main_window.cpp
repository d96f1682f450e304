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

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
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
