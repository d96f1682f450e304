// SPDX-License-Identifier: GPL-3.0-or-later
// The parameter tables (common/parameter_table.hpp, device/neuron_settings.hpp, physics/device_parameters.hpp): every
// row is walked, so a row added later is checked without a new test. Keys are unique and spelt as docs/formats.md spells
// them; the defaults pass; every number row refuses a value past either end of its physical range, NaN and infinity
// with a message naming the key; the explorer's knob range lies inside the physical range and holds the default;
// every row has a label, an undo name and a tooltip; the device's rows reach the device inside NeuronSettings.
#include <QtTest>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "device/device_model.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/training_settings.hpp"

using namespace mtj;

namespace {

bool mentions(const Status& s, const std::string& text) { return !s && s.message().find(text) != std::string::npos; }

/// Walks a table of the population, network or training settings: keys unique and in `section`, described, the
/// defaults pass, and every number, integer and list row refuses values past either end of its range, NaN and
/// infinity, naming its key. Returns the number of refusals checked, or -1 after a failure (reported).
template <class Settings>
int walkTable(const ParameterTable<Settings>& table, const std::string& section) {
    std::set<std::string> keys;
    int checked = 0;
    const auto fail = [](const std::string& what) {
        QTest::qFail(what.c_str(), __FILE__, __LINE__);
        return -1;
    };
    if (!validate(Settings{}).isOk()) return fail(section + ": the defaults do not pass");
    for (const Parameter<Settings>& row : table) {
        if (!keys.insert(row.key).second || row.key.rfind(section, 0) != 0) return fail("key " + row.key);
        if (row.label.empty() || row.name.empty() || row.tooltip.size() < 20) return fail("undescribed " + row.key);
        if (!row.check(Settings{}).isOk()) return fail("default of " + row.key);
        const double span = row.physical.hi - row.physical.lo;
        const double outside[] = {row.physical.hi + std::max(1.0, 0.01 * span),
                                  row.physical.lo - std::max(1.0, 0.01 * span),
                                  std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
        for (double value : outside) {
            Settings s;
            std::string expected = row.key + " = ";
            if (row.kind == ParameterKind::Number || row.kind == ParameterKind::NumberOrAuto) {
                row.setAutomatic(s, false);
                row.number(s) = value;
                if (std::isnan(value) && row.kind == ParameterKind::NumberOrAuto) continue;  // NaN is its "auto"
            } else if (row.kind == ParameterKind::Integer) {
                if (!std::isfinite(value)) continue;  // an integer member holds no NaN
                row.setInteger(s, static_cast<long long>(value));
            } else if (row.kind == ParameterKind::IntegerList) {
                if (!std::isfinite(value)) continue;
                row.integers(s) = {static_cast<int>(row.physical.lo), static_cast<int>(value)};
                expected = row.key + "[1] = ";
            } else {
                continue;
            }
            const Status status = validate(s);
            if (!mentions(status, expected)) return fail(row.key + " accepted " + std::to_string(value));
            ++checked;
        }
        if (row.kind == ParameterKind::IntegerList) {
            Settings s;
            row.integers(s) = {};
            if (!mentions(validate(s), row.key + ": must list 1 to")) return fail(row.key + " accepted no value");
            row.integers(s) = std::vector<int>(row.maximumCount + 1, static_cast<int>(row.physical.lo));
            if (!mentions(validate(s), row.key + ": must list 1 to")) return fail(row.key + " accepted too many");
            checked += 2;
        }
    }
    return checked;
}

}  // namespace

class TestParameterTable : public QObject {
    Q_OBJECT
private slots:
    void keysAreUniqueAndDescribed() {
        std::set<std::string> keys;
        for (const auto& row : neuronParameterTable()) {
            QVERIFY2(keys.insert(row.key).second, row.key.c_str());
            QVERIFY2(row.key.find('.') != std::string::npos, row.key.c_str());
            QVERIFY2(!row.label.empty() && !row.name.empty() && row.tooltip.size() > 20, row.key.c_str());
        }
        // Every device row is in the neuron's table, under the same key.
        for (const auto& row : deviceParameterTable()) QVERIFY2(keys.count(row.key) == 1, row.key.c_str());
        QCOMPARE(keys.size(), deviceParameterTable().size() + 21);  // model and 20 drive, readout and derivative rows
    }

    void defaultsPassAndLieOnTheKnobs() {
        const NeuronSettings defaults;
        QVERIFY(validate(defaults).isOk());
        for (const auto& row : neuronParameterTable()) {
            QVERIFY2(row.check(defaults).isOk(), row.key.c_str());
            if (row.kind != ParameterKind::Number) continue;
            const double v = row.numberIn(defaults);
            QVERIFY2(v >= row.control.lo && v <= row.control.hi, row.key.c_str());
            QVERIFY2(row.control.lo < row.control.hi && row.control.step > 0.0, row.key.c_str());
            // A knob cannot set what validation refuses.
            QVERIFY2(row.physical.contains(row.control.lo) || row.control.lo == row.physical.lo, row.key.c_str());
            QVERIFY2(row.physical.contains(row.control.hi), row.key.c_str());
        }
    }

    void everyNumberRowRefusesValuesOutsideItsRange() {
        int checked = 0;
        for (const auto& row : neuronParameterTable()) {
            if (row.kind != ParameterKind::Number && row.kind != ParameterKind::NumberOrAuto) continue;
            const double span = row.physical.hi - row.physical.lo;
            const double outside[] = {row.physical.hi + 0.01 * span, row.physical.lo - 0.01 * span,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity()};
            for (double value : outside) {
                NeuronSettings s;
                if (row.automatic) row.automatic(s) = false;
                row.number(s) = value;
                const Status status = validate(s);
                QVERIFY2(mentions(status, row.key + " = "), (row.key + ": " + status.message()).c_str());
                QVERIFY2(mentions(status, std::isfinite(value) ? "must be in" : "must be a finite number"),
                         status.message().c_str());
                ++checked;
            }
            if (row.physical.loOpen) {  // the open end itself is refused too
                NeuronSettings s;
                if (row.automatic) row.automatic(s) = false;
                row.number(s) = row.physical.lo;
                QVERIFY2(mentions(validate(s), row.key), row.key.c_str());
            }
        }
        QVERIFY(checked >= 4 * 25);
    }

    void vectorAndChoiceRowsRefuseWhatTheyCannotHold() {
        for (const auto& row : neuronParameterTable()) {
            NeuronSettings s;
            if (row.kind == ParameterKind::Direction) {
                row.vector(s) = Vec3{0.0, 0.0, 0.0};
                QVERIFY2(mentions(validate(s), row.key + ": must be a non-zero direction"), row.key.c_str());
            } else if (row.kind == ParameterKind::Vector) {
                row.vector(s) = Vec3{0.0, 2.0 * row.physical.hi, 0.0};
                QVERIFY2(mentions(validate(s), row.key + "[1] = "), row.key.c_str());
            } else if (row.kind == ParameterKind::Choice) {
                QVERIFY2(!row.choices.empty(), row.key.c_str());
                for (int i = 0; i < static_cast<int>(row.choices.size()); ++i) {
                    row.setChoiceIndex(s, i);
                    QCOMPARE(row.choiceIndex(s), i);
                }
            }
        }
    }

    void rowsReachTheirMembers() {
        // A lifted device row writes the device inside the neuron; a drive row its own member.
        NeuronSettings s;
        findParameter(neuronParameterTable(), "device.alpha")->number(s) = 0.037;
        QCOMPARE(s.device.damping, 0.037);
        findParameter(neuronParameterTable(), "readout.settle_ns")->number(s) = 12.5;
        QCOMPARE(s.readout.settleNanoseconds, 12.5);
        findParameter(neuronParameterTable(), "derivative.scheme")->setChoiceIndex(s, 2);
        QVERIFY(s.derivative.scheme == DerivativeScheme::LockIn);
        findParameter(neuronParameterTable(), "device.model")->setChoiceIndex(s, 1);
        QCOMPARE(s.model, std::string("superparamagnetic"));
        QVERIFY(findParameter(neuronParameterTable(), "device.no_such_key") == nullptr);
    }

    void populationNetworkAndTrainingTablesRefuseOutOfRange() {
        const int population = walkTable(variabilityParameterTable(), "variability.");
        const int network = walkTable(networkParameterTable(), "network.");
        const int training = walkTable(trainingParameterTable(), "training.");
        QVERIFY(population >= 0 && network >= 0 && training >= 0);
        QCOMPARE(variabilityParameterTable().size(), std::size_t{7});
        QCOMPARE(networkParameterTable().size(), std::size_t{2});
        QCOMPARE(trainingParameterTable().size(), std::size_t{15});
        qInfo("refusals checked: population %d, network %d, training %d", population, network, training);
        // Rows reach their members.
        VariabilitySettings v;
        findParameter(variabilityParameterTable(), "variability.seed")->setInteger(v, 1234567890123LL);
        QCOMPARE(v.seed, std::uint64_t{1234567890123ULL});
        QVERIFY(findParameter(variabilityParameterTable(), "variability.Hk_sigma_mT")->automaticIn(v));
        NetworkSettings n;
        findParameter(networkParameterTable(), "network.hidden")->integers(n) = {8, 4};
        QCOMPARE(n.hidden, (std::vector<int>{8, 4}));
        TrainingSettings t;
        findParameter(trainingParameterTable(), "training.epochs")->setInteger(t, 77);
        QCOMPARE(t.epochs, 77);
        findParameter(trainingParameterTable(), "training.mode")->setChoiceIndex(t, 1);
        QVERIFY(t.mode == TrainingMode::ModelThenDeploy);
        // The rules across rows stay in validate().
        t = TrainingSettings{};
        t.folds = 1;
        QVERIFY(mentions(validate(t), "training.folds = 1"));
        t = TrainingSettings{};
        t.dataset = "imagenet";
        QVERIFY(mentions(validate(t), "training.dataset"));
    }

    void modelsListTheRowsTheyRead() {
        NeuronSettings macrospin;
        std::unique_ptr<DeviceModel> model;
        QVERIFY(makeDeviceModel(macrospin, model).isOk());
        QCOMPARE(model->parameters().size(), neuronParameterTable().size() - 1);  // all but device.model
    }
};

QTEST_APPLESS_MAIN(TestParameterTable)
#include "test_parameter_table.moc"
