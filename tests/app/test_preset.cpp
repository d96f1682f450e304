// SPDX-License-Identifier: GPL-3.0-or-later
// Preset files: the shipped presets load to the values the engine tests use; every kind of bad input is rejected
// with a message naming the file or --set, the key and the reason; writing is stable and round-trips.
#include <QDir>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "../engine/neuron_presets.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/training_settings.hpp"
#include "preset.hpp"

using namespace mtj;
using namespace mtj::app;

namespace {
QString presetPath(const char* name) { return QDir(QStringLiteral(MTJ_PRESET_DIR)).filePath(QLatin1String(name)); }

bool sameNeuron(const NeuronSettings& a, const NeuronSettings& b) {
    auto same = [](const Vec3& u, const Vec3& v) { return u.x == v.x && u.y == v.y && u.z == v.z; };
    return same(a.device.referenceAxis, b.device.referenceAxis) &&
           a.device.temperatureKelvin == b.device.temperatureKelvin &&
           a.device.fieldLikeRatio == b.device.fieldLikeRatio && a.drive.input == b.drive.input &&
           a.drive.inputScale == b.drive.inputScale && same(a.drive.inputAxis, b.drive.inputAxis) &&
           a.drive.biasCurrentMicroampere == b.drive.biasCurrentMicroampere &&
           a.drive.fieldMilliTesla == b.drive.fieldMilliTesla &&
           a.drive.fieldThetaDegrees == b.drive.fieldThetaDegrees &&
           a.drive.fieldPhiDegrees == b.drive.fieldPhiDegrees &&
           a.drive.rfFrequencyGigahertz == b.drive.rfFrequencyGigahertz &&
           a.drive.inputMinimum == b.drive.inputMinimum && a.drive.inputMaximum == b.drive.inputMaximum &&
           a.readout.referenceAuto == b.readout.referenceAuto && a.readout.referenceOhm == b.readout.referenceOhm &&
           a.readout.gainPerVolt == b.readout.gainPerVolt && a.readout.reset == b.readout.reset &&
           a.readout.settleNanoseconds == b.readout.settleNanoseconds &&
           a.readout.averageNanoseconds == b.readout.averageNanoseconds &&
           a.readout.inputRiseNanoseconds == b.readout.inputRiseNanoseconds;
}
}  // namespace

class TestPreset : public QObject {
    Q_OBJECT
private slots:
    void shippedPresetsLoadToTheTestedValues_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("which");
        QTest::newRow("default") << "default.json" << 0;
        QTest::newRow("current-input") << "current-input.json" << 1;
        QTest::newRow("spin-diode") << "spin-diode.json" << 2;
        QTest::newRow("hysteresis") << "hysteresis.json" << 3;
        QTest::newRow("spin-torque-oscillator") << "spin-torque-oscillator.json" << 4;
    }
    void shippedPresetsLoadToTheTestedValues() {
        QFETCH(QString, file);
        QFETCH(int, which);
        Preset p;
        const Status s = loadPreset(presetPath(file.toLatin1().constData()), {}, p);
        QVERIFY2(s.isOk(), s.message().c_str());
        QVERIFY(!p.description.empty());
        const NeuronSettings expected = which == 0   ? testing::defaultNeuron()
                                        : which == 1 ? testing::currentInputNeuron()
                                        : which == 2 ? testing::spinDiodeNeuron()
                                        : which == 3 ? testing::hysteresisNeuron()
                                                     : testing::spinTorqueOscillatorNeuron();
        QVERIFY(sameNeuron(p.neuron, expected));
    }

    void badInputIsRejectedWithKeyAndReason_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("overrides");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"device\": ") << QStringList{} << "not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringList{} << "top level must be a JSON object";
        QTest::newRow("unknown key") << QByteArray("{\"device\": {\"diameter\": 100}}") << QStringList{}
                                     << "unknown key 'device.diameter'";
        QTest::newRow("unknown section") << QByteArray("{\"gadget\": {\"x\": 1}}") << QStringList{}
                                         << "unknown section 'gadget'";
        QTest::newRow("empty unknown section")
            << QByteArray("{\"devise\": {}}") << QStringList{} << "unknown section 'devise'";
        QTest::newRow("wrong type") << QByteArray("{\"device\": {\"alpha\": \"0.01\"}}") << QStringList{}
                                    << "device.alpha = \"0.01\": must be a number";
        QTest::newRow("out of range") << QByteArray("{\"device\": {\"thickness_nm\": -1}}") << QStringList{}
                                      << "device.thickness_nm = -1";
        QTest::newRow("bad vector") << QByteArray("{\"device\": {\"easy_axis\": [1, 0]}}") << QStringList{}
                                    << "device.easy_axis = an array of 2: must be an array of 3";
        QTest::newRow("zero vector") << QByteArray("{\"drive\": {\"input_axis\": [0, 0, 0]}}") << QStringList{}
                                     << "drive.input_axis";
        QTest::newRow("bad choice") << QByteArray("{\"drive\": {\"input\": \"voltage\"}}") << QStringList{}
                                    << "drive.input = \"voltage\": must be one of";
        QTest::newRow("wrong schema") << QByteArray("{\"schema\": \"other/1\"}") << QStringList{}
                                      << "schema = \"other/1\": must be";
        QTest::newRow("empty range") << QByteArray("{\"drive\": {\"x_min\": 1, \"x_max\": 1}}") << QStringList{}
                                     << "drive.x_max";
        QTest::newRow("non-integer epochs") << QByteArray("{\"training\": {\"epochs\": 2.5}}") << QStringList{}
                                            << "training.epochs = 2.5: must be an integer";
        QTest::newRow("--set unknown key") << QByteArray("{}") << QStringList{"device.colour=red"}
                                           << "--set device.colour=red: unknown key 'device.colour'";
        QTest::newRow("--set NaN") << QByteArray("{}") << QStringList{"device.alpha=nan"} << "not a finite number";
        QTest::newRow("--set infinity") << QByteArray("{}") << QStringList{"drive.field_mT=inf"}
                                        << "not a finite number";
        QTest::newRow("--set text for number")
            << QByteArray("{}") << QStringList{"device.alpha=lots"} << "is not a number";
        QTest::newRow("--set out of range")
            << QByteArray("{}") << QStringList{"device.temperature_K=-3"} << "device.temperature_K = -3";
        QTest::newRow("--set without =") << QByteArray("{}") << QStringList{"device.alpha"} << "expected KEY=VALUE";
        QTest::newRow("negative rise") << QByteArray("{\"readout\": {\"input_rise_ns\": -1}}") << QStringList{}
                                       << "readout.input_rise_ns = -1: must be in [0, 10000] ns";
        QTest::newRow("rise as text") << QByteArray("{\"readout\": {\"input_rise_ns\": \"slow\"}}") << QStringList{}
                                      << "readout.input_rise_ns = \"slow\": must be a number";
        QTest::newRow("--set rise NaN") << QByteArray("{}") << QStringList{"readout.input_rise_ns=nan"}
                                        << "not a finite number";
        QTest::newRow("--set rise huge") << QByteArray("{}") << QStringList{"readout.input_rise_ns=1e308"}
                                         << "readout.input_rise_ns = 1e+308";
    }
    void badInputIsRejectedWithKeyAndReason() {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, overrides);
        QFETCH(QString, expected);
        Preset p;
        p.name = "unchanged";
        const Status s = parsePreset(json, QStringLiteral("broken.json"), overrides, p);
        QVERIFY(!s.isOk());
        const QString message = QString::fromStdString(s.message());
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(overrides.isEmpty() ? message.startsWith("broken.json")
                                     : message.contains("--set") || message.startsWith("broken.json"),
                 qPrintable(message));
        QCOMPARE(p.name, std::string("unchanged"));  // the current state is kept
    }

    void overridesApply() {
        Preset p;
        const Status s = loadPreset(presetPath("default.json"),
                                    {"device.temperature_K=0", "drive.input_axis=[1,0,0]", "readout.reference_ohm=800",
                                     "derivative.scheme=lockin", "network.hidden=[8,4]"},
                                    p);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(p.neuron.drive.inputAxis.x, 1.0);
        QVERIFY(!p.neuron.readout.referenceAuto);
        QCOMPARE(p.neuron.readout.referenceOhm, 800.0);
        QCOMPARE(p.neuron.derivative.scheme, DerivativeScheme::LockIn);
        QCOMPARE(p.network.hidden, (std::vector<int>{8, 4}));
    }

    void everyShippedPresetStatesItsReadingProtocol() {
        // The protocol is never left to a default: each preset file names readout.input_rise_ns.
        const QStringList files =
            QDir(QStringLiteral(MTJ_PRESET_DIR)).entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 15);
        for (const QString& file : files) {
            QFile f(QDir(QStringLiteral(MTJ_PRESET_DIR)).filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject readout =
                QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("readout")).toObject();
            QVERIFY2(readout.contains(QStringLiteral("input_rise_ns")), qPrintable(file));
        }
    }

    void missingFileIsNamed() {
        Preset p;
        const Status s = loadPreset(QStringLiteral("/nonexistent/preset.json"), {}, p);
        QVERIFY(!s.isOk());
        QVERIFY(QString::fromStdString(s.message()).startsWith("/nonexistent/preset.json"));
    }

    void writingRoundTripsInStableOrder() {
        Preset p;
        QVERIFY(loadPreset(presetPath("current-input.json"), {}, p).isOk());
        const QByteArray first = presetToJson(p);
        Preset again;
        const Status s = parsePreset(first, "written", {}, again);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(presetToJson(again), first);  // stable: the same text twice
        QVERIFY(first.indexOf("\"device\"") < first.indexOf("\"drive\""));
        QVERIFY(first.indexOf("\"diameter_nm\"") < first.indexOf("\"thickness_nm\""));
        QStringList keys = presetKeys();
        QCOMPARE(keys.removeDuplicates(), 0);
    }

    void everyParameterTableRowIsAPresetKeyThatRoundTrips() {
        // The reader and writer are made from the parameter tables (the neuron's, the population's, the network's,
        // the training's): every row is a key, and a value set through the row, different from the default, comes
        // back through the file exactly, one row at a time.
        int rows = walkRows(
            neuronParameterTable(), +[](Preset& p) -> NeuronSettings& { return p.neuron; });
        rows += walkRows(
            variabilityParameterTable(), +[](Preset& p) -> VariabilitySettings& { return p.variability; });
        rows += walkRows(
            networkParameterTable(), +[](Preset& p) -> NetworkSettings& { return p.network; });
        rows += walkRows(
            trainingParameterTable(), +[](Preset& p) -> TrainingSettings& { return p.training; });
        QCOMPARE(rows + 3, static_cast<int>(presetKeys().size()));  // + schema, name, description
    }

    void everyNumericRowRefusedOutOfRangeQuotesTheValue() {
        // Nothing lost, item 4: a refusal quotes what was given ("training.epochs = -3: must be ...") for every
        // numeric row of every table, from a file and from --set alike.
        int rows = refuseRows(
            neuronParameterTable(), +[](Preset& p) -> NeuronSettings& { return p.neuron; });
        rows += refuseRows(
            variabilityParameterTable(), +[](Preset& p) -> VariabilitySettings& { return p.variability; });
        rows += refuseRows(
            networkParameterTable(), +[](Preset& p) -> NetworkSettings& { return p.network; });
        rows += refuseRows(
            trainingParameterTable(), +[](Preset& p) -> TrainingSettings& { return p.training; });
        QVERIFY2(rows > 40, qPrintable(QString::number(rows)));  // every numeric row was walked
    }

private:
    /// Refuses an out-of-range value of every numeric row, in a file and with --set; the message must quote it
    /// as "key = value" (key[0] for a vector or a list) followed by what is allowed. Returns the rows walked.
    template <class Settings>
    int refuseRows(const ParameterTable<Settings>& table, Settings& (*)(Preset&)) {
        int walked = 0;
        for (const Parameter<Settings>& row : table) {
            if (row.kind == ParameterKind::Choice || row.kind == ParameterKind::Text ||
                row.kind == ParameterKind::Direction)
                continue;
            const PhysicalRange& range = row.physical;
            const double given = std::isfinite(range.hi) && std::fabs(range.hi) < 1e15
                                     ? range.hi + std::max(1.0, std::fabs(range.hi))
                                     : range.lo - std::max(1.0, std::fabs(range.lo));
            const QString text = QString::number(given, 'g', 17);
            const bool listed = row.kind == ParameterKind::Vector || row.kind == ParameterKind::IntegerList;
            const QString key = QString::fromStdString(row.key);
            const QString quoted = listed ? key + QStringLiteral("[0]") : key;
            // The file: {"section": {"name": value}} from the dotted key.
            QByteArray body =
                listed ? "[" + text.toUtf8() + (row.kind == ParameterKind::Vector ? ", 0, 0]" : "]") : text.toUtf8();
            const QStringList parts = key.split(QLatin1Char('.'));
            for (qsizetype i = parts.size() - 1; i >= 0; --i) body = "{\"" + parts[i].toUtf8() + "\": " + body + "}";
            const QString assignment =
                key + QLatin1Char('=') +
                (listed ? QLatin1Char('[') + text + (row.kind == ParameterKind::Vector ? ",0,0]" : "]") : text);
            for (const auto& [origin, json, overrides] :
                 {std::tuple{QStringLiteral("file.json"), body, QStringList{}},
                  std::tuple{QStringLiteral("set.json"), QByteArray("{}"), QStringList{assignment}}}) {
                Preset p;
                const Status s = parsePreset(json, origin, overrides, p);
                const QString message = QString::fromStdString(s.message());
                const QString where = QStringLiteral("row %1, %2 = %3: '%4'").arg(key, origin, text, message);
                if (s.isOk()) {
                    QTest::qFail(qPrintable(where + QStringLiteral(" was accepted")), __FILE__, __LINE__);
                    return walked;
                }
                const QRegularExpressionMatch match =
                    QRegularExpression(QRegularExpression::escape(quoted) + QStringLiteral(" = ([^:]+): must be"))
                        .match(message);
                const double shown = match.hasMatch() ? match.captured(1).trimmed().toDouble() : std::nan("");
                if (!(std::fabs(shown - given) <= 1e-9 * std::max(1.0, std::fabs(given)))) {
                    QTest::qFail(qPrintable(where + QStringLiteral(": the value given is not quoted")), __FILE__,
                                 __LINE__);
                    return walked;
                }
            }
            ++walked;
        }
        return walked;
    }

    template <class Settings>
    int walkRows(const ParameterTable<Settings>& table, Settings& (*part)(Preset&)) {
        const QStringList keys = presetKeys();
        int walked = 0;
        for (const Parameter<Settings>& row : table) {
            if (!keys.contains(QString::fromStdString(row.key))) {
                QTest::qFail(("no preset key for row " + row.key).c_str(), __FILE__, __LINE__);
                return walked;
            }
            Preset p;
            Settings& s = part(p);
            switch (row.kind) {
                case ParameterKind::Number: {
                    const double now = row.numberIn(s);
                    double value = 0.5 * (now + row.control.hi);
                    if (value == now) value = 0.5 * (now + row.control.lo);
                    row.number(s) = value;
                    break;
                }
                case ParameterKind::NumberOrAuto:
                    row.setAutomatic(s, false);
                    row.number(s) = 0.37 * row.control.hi;
                    break;
                case ParameterKind::Direction:
                case ParameterKind::Vector: row.vector(s) = Vec3{0.25, -0.5, 0.75}; break;
                case ParameterKind::Choice: {
                    const int last = static_cast<int>(row.choices.size()) - 1;
                    row.setChoiceIndex(s, row.choiceIndex(s) == last ? 0 : last);
                    break;
                }
                case ParameterKind::Integer:
                    row.setInteger(s, static_cast<long long>(row.physical.lo) + (row.integerValue(s) == 3 ? 4 : 3));
                    break;
                case ParameterKind::IntegerList: row.integers(s) = {3, 5}; break;
                case ParameterKind::Text: row.text(s) = "xor"; break;
            }
            if (p.neuron.drive.inputMaximum <= p.neuron.drive.inputMinimum)
                p.neuron.drive.inputMaximum = p.neuron.drive.inputMinimum + 1;
            if (p.neuron.model != "macrospin") {  // the superparamagnetic model refuses in-plane axes
                ++walked;
                continue;
            }
            if (!row.check(s).isOk()) {
                QTest::qFail(("the test's value is outside row " + row.key).c_str(), __FILE__, __LINE__);
                return walked;
            }
            if (presetToJson(p) == presetToJson(Preset{})) {
                QTest::qFail(("setting row " + row.key + " changed nothing in the file").c_str(), __FILE__, __LINE__);
                return walked;
            }
            Preset again;
            const Status read = parsePreset(presetToJson(p), QString::fromStdString(row.key), {}, again);
            if (!read.isOk() || presetToJson(again) != presetToJson(p) || !row.check(part(again)).isOk()) {
                QTest::qFail(("row " + row.key + " does not round-trip: " + read.message()).c_str(), __FILE__,
                             __LINE__);
                return walked;
            }
            ++walked;
        }
        return walked;
    }
};

QTEST_APPLESS_MAIN(TestPreset)
#include "test_preset.moc"
