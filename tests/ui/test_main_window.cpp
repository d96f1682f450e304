// The main window: title, menus, the About box, and the engine's figures on screen (offscreen platform).
#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>

#include "main_window.hpp"

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void showsNameAndFigures() {
        mtj::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("MTJ Explorer"));
        auto* overview = window.findChild<QLabel*>(QStringLiteral("overview"));
        QVERIFY(overview != nullptr);
        // The engine's default junction: R_P = 636.6 Ohm, Kittel 2.52 GHz.
        QVERIFY2(overview->text().contains(QStringLiteral("636.6")), qPrintable(overview->text()));
        QVERIFY(overview->text().contains(QStringLiteral("2.52")));
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
