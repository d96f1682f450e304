// The command line as a user meets it: exit codes and messages of the real mtj-explorer binary.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCommandLine : public QObject {
    Q_OBJECT
private:
    struct Result {
        int exitCode;
        QString standardOutput;
        QString standardError;
    };
    Result run(const QStringList& arguments, int timeoutMs = 60000) {
        QProcess process;
        process.start(QStringLiteral(MTJ_EXPLORER_BINARY), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            return {-1, {}, QStringLiteral("timed out")};
        }
        return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardOutput()),
                QString::fromLocal8Bit(process.readAllStandardError())};
    }

private slots:
    void helpAndVersion() {
        const Result help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.standardOutput.contains(QStringLiteral("mtj-explorer bench")));
        const Result version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.standardOutput.startsWith(QStringLiteral("mtj-explorer ")));
    }

    void badInputExitsWithTwoAndNamesIt_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "--frobnicate";
        QTest::newRow("missing preset file") << QStringList{"--preset", "/nonexistent/p.json"} << "/nonexistent/p.json";
        QTest::newRow("bench unknown argument") << QStringList{"bench", "--fast"} << "--fast";
        QTest::newRow("bench --out without file") << QStringList{"bench", "--out"} << "--out";
    }
    void badInputExitsWithTwoAndNamesIt() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.standardError.contains(named), qPrintable(r.standardError));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
