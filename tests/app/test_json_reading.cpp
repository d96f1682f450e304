// SPDX-License-Identifier: GPL-3.0-or-later
// The one JSON toolkit (app/json_reading.hpp) and the one error shape of every file the program reads:
// "origin: path: what it must be". The accessors name the value by its path; json::read turns the first problem into
// a Status; a preset and a lesson report through it in the same shape.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "json_reading.hpp"
#include "lesson.hpp"
#include "preset.hpp"

using namespace mtj;
using namespace mtj::app;

class TestJsonReading : public QObject {
    Q_OBJECT
private slots:
    void accessorsNameTheValueByItsPath_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"a\": ") << "file.json: not valid JSON at offset";
        QTest::newRow("not an object") << QByteArray("[1]") << "file.json: the top level must be a JSON object";
        QTest::newRow("missing object") << QByteArray("{}") << "file.json: run: missing";
        QTest::newRow("missing member") << QByteArray("{\"run\": {}}") << "file.json: run.width: missing";
        QTest::newRow("text for a number") << QByteArray("{\"run\": {\"width\": \"3\", \"axis\": [1, 0, 0]}}")
                                           << "file.json: run.width = \"3\": must be an integer in [1, 10]";
        QTest::newRow("out of range") << QByteArray("{\"run\": {\"width\": 11, \"axis\": [1, 0, 0]}}")
                                      << "file.json: run.width = 11: must be an integer in [1, 10]";
        QTest::newRow("short vector") << QByteArray("{\"run\": {\"width\": 3, \"axis\": [1, 0]}}")
                                      << "file.json: run.axis = an array of 2: must be an array of 3 numbers";
        QTest::newRow("array entry") << QByteArray(
                                            "{\"run\": {\"width\": 3, \"axis\": [1, 0, 0], \"gains\": [1, \"x\"]}}")
                                     << "file.json: run.gains[1] = \"x\": must be a number";
        QTest::newRow("unknown key") << QByteArray("{\"run\": {\"width\": 3, \"axis\": [1, 0, 0], \"colour\": 1}}")
                                     << "file.json: run: unknown key 'colour' (known: width, axis, gains)";
    }
    void accessorsNameTheValueByItsPath() {
        QFETCH(QByteArray, document);
        QFETCH(QString, expected);
        int width = 0;
        const Status s = json::read(QStringLiteral("file.json"), [&] {
            const QJsonObject root = json::parseObject(document);
            const QJsonObject run = json::asObject(json::member(root, QString(), "run"), QStringLiteral("run"));
            width = static_cast<int>(json::integerAt(run, QStringLiteral("run"), "width", 1, 10));
            json::asVector3(json::member(run, QStringLiteral("run"), "axis"), QStringLiteral("run.axis"));
            json::refuseUnknown(run, QStringLiteral("run"),
                                {QStringLiteral("width"), QStringLiteral("axis"), QStringLiteral("gains")});
            const QJsonArray gains = json::asArray(run.value(QStringLiteral("gains")), QStringLiteral("run.gains"));
            for (qsizetype i = 0; i < gains.size(); ++i) json::asFiniteNumber(gains[i], json::index("run.gains", i));
        });
        QVERIFY(!s);
        QVERIFY2(QString::fromStdString(s.message()).startsWith(expected), s.message().c_str());
    }

    void aGoodDocumentReadsAndANestedErrorKeepsItsOwnOrigin() {
        double value = 0;
        QVERIFY(json::read(QStringLiteral("f"), [&] {
                    value = json::numberAt(json::parseObject("{\"v\": 2.5}"), QString(), "v");
                }).isOk());
        QCOMPARE(value, 2.5);
        QVERIFY(std::isnan(json::asNumber(QJsonValue(QJsonValue::Null), QStringLiteral("v"), true)));
        // A nested file's error (it names its own origin and key) passes through whole.
        const Status nested = json::read(QStringLiteral("outer.json"),
                                         [] { json::check(Status::error("inner.json: device.alpha: bad")); });
        QCOMPARE(QString::fromStdString(nested.message()), QStringLiteral("inner.json: device.alpha: bad"));
    }

    void presetAndLessonReportInTheSameShape() {
        Preset preset;
        const Status p = parsePreset("{\"device\": {\"alpha\": \"x\"}}", QStringLiteral("p.json"), {}, preset);
        QCOMPARE(QString::fromStdString(p.message()), QStringLiteral("p.json: device.alpha = \"x\": must be a number"));
        QTemporaryDir dir;
        const QString path = dir.filePath("l.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"lesson": {"title": "t", "view": "device", "look": "l", "means": "m",
                     "try": {"text": "t", "steps": [{"label": "a", "x": "far"}]}}})");
        file.close();
        Lesson lesson;
        const Status l = loadLesson(path, lesson);
        QCOMPARE(QString::fromStdString(l.message()),
                 path + QStringLiteral(": lesson.try.steps[1].x = \"far\": must be a number"));
    }
};

QTEST_APPLESS_MAIN(TestJsonReading)
#include "test_json_reading.moc"
