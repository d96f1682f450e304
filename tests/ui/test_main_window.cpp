// The main window: title, menus, the About box, and the engine's figures on screen (offscreen platform).
#include <QAction>
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
