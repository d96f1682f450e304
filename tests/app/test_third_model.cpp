// SPDX-License-Identifier: GPL-3.0-or-later
// A third device model, defined in tests/device_models/ and registered at run time with one call, goes through
// everything a user reaches: a preset that names it, the `curve`, `train` and `sweep` commands, the device explorer
// and a session, with no line of it outside its own files (issue "The house", docs/architecture.md "Adding a device
// model"). The commands run in this process (app::runSubcommand), where the model is registered.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "command_line.hpp"
#include "device_explorer_view.hpp"
#include "explorer_charts.hpp"
#include "explorer_controller.hpp"
#include "gui_test_support.hpp"
#include "main_window.hpp"
#include "preset.hpp"
#include "session.hpp"
#include "test_files.hpp"
#include "value_control.hpp"
#include "device/device_model.hpp"
#include "device_models/tanh_test_model.hpp"

using namespace mtj;

namespace {

const QString presetDirectory = QStringLiteral(MTJ_PRESET_DIR);

int run(const QStringList& arguments) { return app::runSubcommand(QStringList{"mtj-explorer"} + arguments); }

}  // namespace

class TestThirdModel : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    /// paper-iris.json with the third model, written as a preset file.
    QString writeIrisPreset(const QString& name) {
        app::Preset preset;
        const Status read = app::loadPreset(presetDirectory + "/paper-iris.json",
                                            {"device.model=test-tanh", "training.epochs=4"}, preset);
        if (!read) qFatal("%s", read.message().c_str());
        const QString path = dir_.filePath(name);
        if (!testing::writeAll(path, app::presetToJson(preset))) qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void theModelIsRegisteredLastAndTheRegistryThenCloses() {
        const std::vector<std::string>& kinds = deviceModelKinds();
        QCOMPARE(kinds.back(), std::string("test-tanh"));
        QCOMPARE(kinds.front(), defaultDeviceModelKind());  // the default stays the first registered
        QCOMPARE(NeuronSettings{}.model, std::string("macrospin"));
        const Status again = testing::registerTanhTestModel();
        QVERIFY(!again);
        QVERIFY(QString::fromStdString(again.message()).contains("already registered"));
        QVERIFY(parametersOfModel("test-tanh").size() == 5);  // only the rows it names
        QVERIFY(!capabilitiesOfModel("test-tanh").readingHasRiseTime);
    }

    void curveCommandReadsTheModel() {
        const QString out = dir_.filePath("curve.csv");
        QCOMPARE(run({"curve", "--preset", presetDirectory + "/default.json", "--set", "device.model=test-tanh",
                      "--set", "derivative.read_noise=0", "--points", "21", "--out", out}),
                 0);
        const QList<QByteArray> lines = testing::readAll(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 22);  // the header and 21 points
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines[i].split(',');
            const double x = cells[0].toDouble(), y = cells[1].toDouble(), fd = cells[2].toDouble(),
                         exact = cells[3].toDouble();
            QVERIFY2(std::abs(y - std::tanh(x)) < 1e-7, lines[i].constData());  // the CSV keeps 8 digits
            QVERIFY2(std::abs(exact - (1.0 - y * y)) < 1e-7, lines[i].constData());
            QVERIFY2(std::abs(fd - exact) < 0.01, lines[i].constData());  // central difference, d = 0.05: d^2 f'''/6
        }
    }

    void trainCommandTrainsOnItsDevices() {
        const QString out = dir_.filePath("train.json");
        QCOMPARE(run({"train", "--preset", writeIrisPreset("iris-tanh.json"), "--out", out}), 0);
        const QJsonObject result = QJsonDocument::fromJson(testing::readAll(out)).object();
        QVERIFY2(!result.isEmpty(), "train wrote no JSON");
        const QByteArray text = QJsonDocument(result).toJson(QJsonDocument::Compact);
        // Four epochs of a tanh network on Iris: well above chance (1/3) on the held-out flowers (the validation folds,
        // else the test split).
        const QJsonObject final = result.value("final").toObject();
        const double accuracy = final.value("validation_accuracy").isDouble()
                                    ? final.value("validation_accuracy").toDouble()
                                    : final.value("test_accuracy").toDouble(-1.0);
        QVERIFY2(accuracy > 0.6, qPrintable(QString("held-out accuracy %1 in %2").arg(accuracy).arg(text.left(400))));
        // The population is the model's own: with a wide spread of its gains the run trains on other devices.
        const QString spread = dir_.filePath("train-spread.json");
        QCOMPARE(run({"train", "--preset", dir_.filePath("iris-tanh.json"), "--set", "variability.relative_sigma=0.5",
                      "--out", spread}),
                 0);
        const QJsonObject spreadResult = QJsonDocument::fromJson(testing::readAll(spread)).object();
        QVERIFY(spreadResult.value("folds") != result.value("folds"));
    }

    void sweepCommandRunsAndMergesIt() {
        const QString base = writeIrisPreset("iris-sweep-base.json");
        const QJsonObject sweep{
            {"schema", "mtj-explorer/sweep-1"},
            {"name", "third model"},
            {"base", QFileInfo(base).fileName()},
            {"set", QJsonArray{"training.epochs=2"}},
            {"axes", QJsonArray{QJsonObject{{"key", "variability.relative_sigma"}, {"values", QJsonArray{0, 0.2}}}}},
            {"seeds", QJsonObject{{"from", 1}, {"count", 1}}},
            {"keep", QJsonArray{"final"}}};
        const QString sweepPath = dir_.filePath("sweep.json");
        QVERIFY(testing::writeAll(sweepPath, QJsonDocument(sweep).toJson()));
        const QString shards = dir_.filePath("shards");
        QCOMPARE(run({"sweep", "run", sweepPath, "--out", shards}), 0);
        const QString map = dir_.filePath("map.json");
        QCOMPARE(run({"sweep", "merge", shards, "--out", map}), 0);
        const QByteArray merged = testing::readAll(map);
        QVERIFY2(merged.contains("relative_sigma"), merged.left(300).constData());
    }

    void explorerDrawsItAndGreysWhatItDoesNotRead() {
        app::ExplorerController controller(writeIrisPreset("iris-explorer.json"), false);
        controller.window()->show();
        ui::DeviceExplorerView* view = controller.window()->deviceView();
        QVERIFY(testing::waitUntil([&] { return view->everythingShown(); }));
        const QList<QPointF> shown = view->activationChart()->activationPoints();
        QVERIFY(shown.size() > 10);
        for (const QPointF& p : shown) QVERIFY(std::abs(p.y() - std::tanh(p.x())) < 1e-12);
        // Only its five rows are live: the bias current is greyed, the input range is not; no step-and-ramp.
        QVERIFY(!view->biasCurrentControl()->isEnabled());
        QVERIFY(view->readNoiseControl()->isEnabled());
        auto* compare = view->findChild<QCheckBox*>(QStringLiteral("compareProtocols"));
        if (compare != nullptr) QVERIFY(!compare->isEnabled());
        QCOMPARE(view->settings().model, std::string("test-tanh"));
    }

    void sessionKeepsItsDevices() {
        app::Session session;
        QVERIFY(app::loadPreset(writeIrisPreset("iris-session.json"), {}, session.preset));
        session.sources = {GradientSource::DeviceFiniteDifference};
        const QByteArray json = app::sessionToJson(session);
        app::Session back;
        const Status parsed = app::parseSession(json, QStringLiteral("session.json"), back);
        QVERIFY2(parsed, parsed.message().c_str());
        QCOMPARE(back.preset.neuron.model, std::string("test-tanh"));
        const QJsonArray devices = QJsonDocument::fromJson(json).object().value("devices").toArray();
        int hidden = 0;
        for (int width : session.preset.network.hidden) hidden += width;
        QCOMPARE(devices.size(), hidden);
        // Each is the device its model draws (DeviceModel::sample), not the junction sampler's.
        std::unique_ptr<DeviceModel> nominal;
        QVERIFY(makeDeviceModel(session.preset.neuron, nominal));
        const NeuronSettings third = nominal->sample(session.preset.variability, 3)->settings();
        QCOMPARE(devices[3].toObject().value("Hk_mT").toDouble(), third.device.anisotropyFieldMilliTesla);
        QVERIFY(devices[3].toObject().contains("Hk_mT"));
    }
};

int main(int argc, char** argv) {
    // The one registration call, before anything lists the models.
    if (const Status registered = testing::registerTanhTestModel(); !registered) {
        std::fprintf(stderr, "%s\n", registered.message().c_str());
        return 1;
    }
    QApplication application(argc, argv);
    TestThirdModel test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_third_model.moc"
