// SPDX-License-Identifier: GPL-3.0-or-later
#include "preset.hpp"

#include "json_reading.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>
#include <limits>
#include <functional>
#include <memory>
#include <vector>

#include "device/device_model.hpp"

namespace mtj::app {
namespace {

enum class Kind { Text, Number, Integer, Vector3, Choice, NumberOrAuto, IntegerList };

/// One key of the schema: its dotted path, its kind, how to read it into a Preset and how to write it back.
struct Key {
    const char* path;
    Kind kind;
    std::vector<const char*> choices;                      // Kind::Choice
    std::function<void(Preset&, const QJsonValue&)> read;  // throws json::Invalid (app/json_reading.hpp)
    std::function<QJsonValue(const Preset&)> write;
};

QJsonValue vectorToJson(const Vec3& v) { return QJsonArray{v.x, v.y, v.z}; }

/// A schema key from a row of a parameter table, for the settings `part` selects in a Preset (the neuron, the
/// population, the network, the training): the row's kind says how the value is read (app/json_reading.hpp) and
/// written, the row's accessor where it goes.
template <class Settings>
Key keyFromParameter(const Parameter<Settings>& row, Settings& (*part)(Preset&)) {
    const Parameter<Settings>* p = &row;  // the tables are static: the row outlives the schema
    const char* path = p->key.c_str();
    const QString where = QString::fromStdString(p->key);
    const auto in = [part](const Preset& preset) -> const Settings& { return part(const_cast<Preset&>(preset)); };
    switch (p->kind) {
        case ParameterKind::Number:
            return {path,
                    Kind::Number,
                    {},
                    [p, where, part](Preset& preset, const QJsonValue& v) {
                        p->number(part(preset)) = json::asFiniteNumber(v, where);
                    },
                    [p, in](const Preset& preset) { return QJsonValue(p->numberIn(in(preset))); }};
        case ParameterKind::NumberOrAuto:
            return {path,
                    Kind::NumberOrAuto,
                    {},
                    [p, where, part](Preset& preset, const QJsonValue& v) {
                        if (v.isString() && v.toString() == QLatin1String("auto")) {
                            p->setAutomatic(part(preset), true);
                            return;
                        }
                        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
                            json::failValue(
                                where, v,
                                QStringLiteral("must be \"auto\" or a number of ") + QString::fromStdString(p->unit));
                        }
                        p->setAutomatic(part(preset), false);
                        p->number(part(preset)) = v.toDouble();
                    },
                    [p, in](const Preset& preset) {
                        return p->automaticIn(in(preset)) ? QJsonValue(QLatin1String("auto"))
                                                          : QJsonValue(p->numberIn(in(preset)));
                    }};
        case ParameterKind::Direction:
        case ParameterKind::Vector:
            return {path,
                    Kind::Vector3,
                    {},
                    [p, where, part](Preset& preset, const QJsonValue& v) {
                        p->vector(part(preset)) = json::asVector3(v, where);
                    },
                    [p, in](const Preset& preset) { return vectorToJson(p->vectorIn(in(preset))); }};
        case ParameterKind::Choice: {
            std::vector<const char*> choices;
            for (const std::string& c : p->choices) choices.push_back(c.c_str());
            return {path, Kind::Choice, choices,
                    [p, where, part](Preset& preset, const QJsonValue& v) {
                        const std::string text = v.isString() ? v.toString().toStdString() : std::string();
                        for (std::size_t i = 0; i < p->choices.size(); ++i) {
                            if (text == p->choices[i]) {
                                p->setChoiceIndex(part(preset), static_cast<int>(i));
                                return;
                            }
                        }
                        json::failValue(where, v, QString::fromStdString(p->choicesText()));
                    },
                    [p, in](const Preset& preset) {
                        const int i = p->choiceIndex(in(preset));
                        return QJsonValue(
                            QString::fromStdString(i >= 0 ? p->choices[static_cast<std::size_t>(i)] : std::string()));
                    }};
        }
        case ParameterKind::Integer:
            return {
                path,
                Kind::Integer,
                {},
                [p, where, part](Preset& preset, const QJsonValue& v) {
                    // The row's range is checked here, before the member's type could wrap the value.
                    p->setInteger(part(preset), json::asInteger(v, where, static_cast<long long>(p->physical.lo),
                                                                static_cast<long long>(p->physical.hi)));
                },
                [p, in](const Preset& preset) { return QJsonValue(static_cast<double>(p->integerValue(in(preset)))); }};
        case ParameterKind::IntegerList:
            return {path,
                    Kind::IntegerList,
                    {},
                    [p, where, part](Preset& preset, const QJsonValue& v) {
                        const QJsonArray items = json::asArray(v, where, static_cast<qsizetype>(p->maximumCount));
                        std::vector<int> values;
                        for (qsizetype i = 0; i < items.size(); ++i) {
                            values.push_back(static_cast<int>(json::asInteger(items[i], json::index(where, i),
                                                                              static_cast<long long>(p->physical.lo),
                                                                              static_cast<long long>(p->physical.hi))));
                        }
                        p->integers(part(preset)) = std::move(values);
                    },
                    [p, in](const Preset& preset) {
                        QJsonArray a;
                        for (int n : p->integersIn(in(preset))) a.append(n);
                        return QJsonValue(a);
                    }};
        case ParameterKind::Text:
            return {
                path,
                Kind::Text,
                {},
                [p, where, part](Preset& preset, const QJsonValue& v) {
                    p->text(part(preset)) = json::asString(v, where).toStdString();
                },
                [p, in](const Preset& preset) { return QJsonValue(QString::fromStdString(p->textIn(in(preset)))); }};
    }
    return {};
}

NeuronSettings& neuronOf(Preset& p) { return p.neuron; }
VariabilitySettings& variabilityOf(Preset& p) { return p.variability; }
NetworkSettings& networkOf(Preset& p) { return p.network; }
TrainingSettings& trainingOf(Preset& p) { return p.training; }

const std::vector<Key>& schema() {
    static const std::vector<Key> keys = [] {
        std::vector<Key> head = {
            {"schema",
             Kind::Text,
             {},
             [](Preset&, const QJsonValue& v) {
                 if (!v.isString() || v.toString() != QLatin1String(presetSchema)) {
                     json::failValue(QStringLiteral("schema"), v,
                                     QStringLiteral("must be \"%1\"").arg(QLatin1String(presetSchema)));
                 }
             },
             [](const Preset&) { return QJsonValue(QLatin1String(presetSchema)); }},
            {"name",
             Kind::Text,
             {},
             [](Preset& p, const QJsonValue& v) { p.name = json::asString(v, QStringLiteral("name")).toStdString(); },
             [](const Preset& p) { return QJsonValue(QString::fromStdString(p.name)); }},
            {"description",
             Kind::Text,
             {},
             [](Preset& p, const QJsonValue& v) {
                 p.description = json::asString(v, QStringLiteral("description")).toStdString();
             },
             [](const Preset& p) { return QJsonValue(QString::fromStdString(p.description)); }},
        };
        // Every other key comes from a parameter table; the neuron's section by section (the writer groups keys by
        // section), then the population's, the network's and the training's, in table order.
        std::vector<Key> all = std::move(head);
        for (const char* section : {"device.", "drive.", "readout.", "derivative."}) {
            for (const Parameter<NeuronSettings>& row : neuronParameterTable()) {
                if (row.key.rfind(section, 0) == 0) all.push_back(keyFromParameter(row, &neuronOf));
            }
        }
        for (const Parameter<VariabilitySettings>& row : variabilityParameterTable()) {
            all.push_back(keyFromParameter(row, &variabilityOf));
        }
        for (const Parameter<NetworkSettings>& row : networkParameterTable()) {
            all.push_back(keyFromParameter(row, &networkOf));
        }
        for (const Parameter<TrainingSettings>& row : trainingParameterTable()) {
            all.push_back(keyFromParameter(row, &trainingOf));
        }
        return all;
    }();
    return keys;
}

const Key* findKey(const QString& path) {
    for (const Key& k : schema()) {
        if (path == QLatin1String(k.path)) return &k;
    }
    return nullptr;
}

/// The JSON value of a --set override: numbers accept anything QString::toDouble reads (so "nan" is reported
/// as non-finite rather than as text), vectors are JSON arrays, the rest strings.
Status overrideValue(const Key& key, const QString& text, QJsonValue& out) {
    switch (key.kind) {
        case Kind::Number:
        case Kind::Integer: {
            bool ok = false;
            const double value = text.trimmed().toDouble(&ok);
            if (!ok) return Status::error(std::string(key.path) + ": '" + text.toStdString() + "' is not a number");
            if (!std::isfinite(value)) {
                return Status::error(std::string(key.path) + ": '" + text.toStdString() + "' is not a finite number");
            }
            out = QJsonValue(value);
            return Status::ok();
        }
        case Kind::NumberOrAuto: {
            bool ok = false;
            const double value = text.trimmed().toDouble(&ok);
            if (ok && !std::isfinite(value)) {
                return Status::error(std::string(key.path) + ": '" + text.toStdString() + "' is not a finite number");
            }
            out = ok ? QJsonValue(value) : QJsonValue(text.trimmed());
            return Status::ok();
        }
        case Kind::Vector3:
        case Kind::IntegerList: {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
            if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
                return Status::error(std::string(key.path) + ": '" + text.toStdString() +
                                     "' is not a JSON array (write it like [0,1,0])");
            }
            out = doc.array().at(0);
            return Status::ok();
        }
        case Kind::Text:
        case Kind::Choice:
        default: out = QJsonValue(text); return Status::ok();
    }
}

}  // namespace

QStringList presetKeys() {
    QStringList keys;
    for (const Key& k : schema()) keys << QLatin1String(k.path);
    return keys;
}

Status parsePreset(const QByteArray& json, const QString& origin, const QStringList& overrides, Preset& preset) {
    // The file's values, flattened to dotted keys; unknown sections and keys refused.
    std::vector<std::pair<QString, QJsonValue>> values;
    if (Status read = json::read(origin,
                                 [&] {
                                     const QJsonObject root = json::parseObject(json);
                                     for (auto it = root.begin(); it != root.end(); ++it) {
                                         if (!it.value().isObject()) {
                                             if (findKey(it.key()) == nullptr)
                                                 json::fail(QString(),
                                                            QStringLiteral("unknown key '%1'").arg(it.key()));
                                             values.emplace_back(it.key(), it.value());
                                             continue;
                                         }
                                         // A section must be one the schema knows, even empty: {"devise": {}} is a
                                         // misspelt section, not nothing.
                                         bool knownSection = false;
                                         for (const QString& key : presetKeys())
                                             knownSection = knownSection || key.startsWith(it.key() + QLatin1Char('.'));
                                         if (!knownSection) {
                                             json::fail(QString(), QStringLiteral("unknown section '%1' (sections: "
                                                                                  "device, drive, readout, derivative, "
                                                                                  "variability, network, training)")
                                                                       .arg(it.key()));
                                         }
                                         const QJsonObject section = it.value().toObject();
                                         for (auto inner = section.begin(); inner != section.end(); ++inner) {
                                             const QString path = json::key(it.key(), inner.key());
                                             if (findKey(path) == nullptr)
                                                 json::fail(QString(), QStringLiteral("unknown key '%1'").arg(path));
                                             values.emplace_back(path, inner.value());
                                         }
                                     }
                                 });
        !read) {
        return read;
    }
    // --set KEY=VALUE: the command line's, named by the assignment rather than by the file.
    for (const QString& assignment : overrides) {
        const int equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return Status::error("--set " + assignment.toStdString() +
                                 ": expected KEY=VALUE, e.g. device.temperature_K=0");
        }
        const QString path = assignment.left(equals).trimmed();
        const Key* key = findKey(path);
        if (key == nullptr) {
            return Status::error("--set " + assignment.toStdString() + ": unknown key '" + path.toStdString() + "'");
        }
        QJsonValue value;
        if (Status s = overrideValue(*key, assignment.mid(equals + 1), value); !s) {
            return Status::error("--set " + assignment.toStdString() + ": " + s.message());
        }
        values.emplace_back(path, value);
    }
    // Every value read into a candidate, then the settings' own checks and the device model's.
    Preset candidate;
    const Status read = json::read(origin, [&] {
        for (const auto& [path, value] : values) findKey(path)->read(candidate, value);
        const Status checks[] = {validate(candidate.neuron), validate(candidate.variability),
                                 validate(candidate.network), validate(candidate.training)};
        for (const Status& s : checks) {
            if (!s) json::fail(QString(), QString::fromStdString(s.message()));
        }
        // The device model's own checks (a superparamagnetic junction must be axially symmetric, ...).
        std::unique_ptr<DeviceModel> model;
        if (Status s = makeDeviceModel(candidate.neuron, model); !s) {
            json::fail(QString(), QString::fromStdString(s.message()));
        }
    });
    if (!read) return read;
    preset = candidate;
    return Status::ok();
}

Status loadPreset(const QString& path, const QStringList& overrides, Preset& preset) {
    QFile file(path);
    if (!file.exists()) return Status::error(path.toStdString() + ": no such file");
    // Only a regular file: a folder, a device such as /dev/zero or a pipe would never end or never be a preset.
    if (!QFileInfo(path).isFile())
        return Status::error(path.toStdString() + ": not a regular file (a folder, a device or a pipe)");
    if (!file.open(QIODevice::ReadOnly)) {
        return Status::error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    }
    constexpr qint64 maximumBytes = 4 * 1024 * 1024;
    const QByteArray bytes = file.read(maximumBytes + 1);  // bounded, whatever the file claims its size is
    if (file.size() > maximumBytes || bytes.size() > maximumBytes)
        return Status::error(path.toStdString() + ": larger than 4 MiB, not a preset");
    return parsePreset(bytes, path, overrides, preset);
}

QByteArray presetToJson(const Preset& preset) {
    // QJsonObject sorts keys, so the text is assembled section by section in schema order.
    QByteArray out = "{\n";
    QString currentSection;
    bool firstInSection = true;
    const auto& keys = schema();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const QString path = QLatin1String(keys[i].path);
        const int dot = path.indexOf(QLatin1Char('.'));
        const QString section = dot < 0 ? QString() : path.left(dot);
        const QString name = dot < 0 ? path : path.mid(dot + 1);
        QByteArray value = QJsonDocument(QJsonArray{keys[i].write(preset)}).toJson(QJsonDocument::Compact);
        value = value.mid(1, value.size() - 2);  // strip the wrapping array
        if (section != currentSection) {
            if (!currentSection.isEmpty()) out += "\n  },\n";
            if (!section.isEmpty()) out += "  \"" + section.toUtf8() + "\": {\n";
            currentSection = section;
            firstInSection = true;
        }
        if (!firstInSection) out += section.isEmpty() ? "" : ",\n";
        if (section.isEmpty()) {
            out += "  \"" + name.toUtf8() + "\": " + value + ",\n";
        } else {
            out += "    \"" + name.toUtf8() + "\": " + value;
        }
        firstInSection = false;
    }
    if (!currentSection.isEmpty()) out += "\n  }\n";
    out += "}\n";
    return out;
}

}  // namespace mtj::app
