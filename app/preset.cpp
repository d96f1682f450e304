#include "preset.hpp"

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
    std::vector<const char*> choices;  // Kind::Choice
    std::function<Status(Preset&, const QJsonValue&)> read;
    std::function<QJsonValue(const Preset&)> write;
};

QJsonValue vectorToJson(const Vec3& v) { return QJsonArray{v.x, v.y, v.z}; }

Status typeError(const char* key, const char* expected) {
    return Status::error(std::string(key) + ": must be " + expected);
}

/// Reads a value of `kind` for `key` (types only; physical ranges are checked by the engine's validate()).
Status readNumber(const char* key, const QJsonValue& v, double& out) {
    if (!v.isDouble()) return typeError(key, "a number");
    out = v.toDouble();
    if (!std::isfinite(out)) return typeError(key, "a finite number");
    return Status::ok();
}

Status readInteger(const char* key, const QJsonValue& v, long long& out) {
    double d = 0.0;
    if (Status s = readNumber(key, v, d); !s) return s;
    if (d != std::floor(d) || std::abs(d) > 9.0e15) return typeError(key, "an integer");
    out = static_cast<long long>(d);
    return Status::ok();
}

Status readVector(const char* key, const QJsonValue& v, Vec3& out) {
    if (!v.isArray() || v.toArray().size() != 3) return typeError(key, "an array of 3 numbers");
    const QJsonArray a = v.toArray();
    double c[3];
    for (int i = 0; i < 3; ++i) {
        if (Status s = readNumber(key, a[i], c[i]); !s) return typeError(key, "an array of 3 finite numbers");
    }
    out = Vec3{c[0], c[1], c[2]};
    return Status::ok();
}

Status readText(const char* key, const QJsonValue& v, std::string& out) {
    if (!v.isString()) return typeError(key, "a string");
    out = v.toString().toStdString();
    return Status::ok();
}

#define NUMBER(path_, field_) \
    Key { \
        path_, Kind::Number, {}, [](Preset& p, const QJsonValue& v) { return readNumber(path_, v, p.field_); }, \
            [](const Preset& p) { return QJsonValue(p.field_); } \
    }
// A sigma in a parameter's units, or "auto" (NaN in the engine: relative_sigma times the nominal value).
#define SIGMA_OR_AUTO(path_, field_) \
    Key { \
        path_, Kind::NumberOrAuto, {}, \
            [](Preset& p, const QJsonValue& v) { \
                if (v.isString() && v.toString() == QLatin1String("auto")) { \
                    p.field_ = std::numeric_limits<double>::quiet_NaN(); \
                    return Status::ok(); \
                } \
                if (!v.isDouble()) return typeError(path_, "\"auto\" or a number"); \
                return readNumber(path_, v, p.field_); \
            }, \
            [](const Preset& p) { \
                return std::isnan(p.field_) ? QJsonValue(QLatin1String("auto")) : QJsonValue(p.field_); \
            } \
    }
#define INTEGER(path_, field_) \
    Key { \
        path_, Kind::Integer, {}, \
            [](Preset& p, const QJsonValue& v) { \
                long long n = 0; \
                if (Status s = readInteger(path_, v, n); !s) return s; \
                p.field_ = static_cast<int>(std::clamp<long long>(n, -1, 1 << 30)); \
                return Status::ok(); \
            }, \
            [](const Preset& p) { return QJsonValue(p.field_); } \
    }
/// A schema key from a row of the neuron's parameter table (device/neuron_settings.hpp): the row's kind says how
/// the value is read and written, the row's accessor where it goes.
Key keyFromParameter(const Parameter<NeuronSettings>& row) {
    const Parameter<NeuronSettings>* p = &row;  // the table is static: the row outlives the schema
    const char* path = p->key.c_str();
    switch (p->kind) {
        case ParameterKind::Number:
            return {path,
                    Kind::Number,
                    {},
                    [p, path](Preset& preset, const QJsonValue& v) {
                        return readNumber(path, v, p->number(preset.neuron));
                    },
                    [p](const Preset& preset) { return QJsonValue(p->numberIn(preset.neuron)); }};
        case ParameterKind::NumberOrAuto:
            return {path,
                    Kind::NumberOrAuto,
                    {},
                    [p, path](Preset& preset, const QJsonValue& v) {
                        if (v.isString() && v.toString() == QLatin1String("auto")) {
                            p->automatic(preset.neuron) = true;
                            return Status::ok();
                        }
                        double value = 0.0;
                        if (Status s = readNumber(path, v, value); !s) {
                            return Status::error(p->key + ": must be \"auto\" or a number of " + p->unit);
                        }
                        p->automatic(preset.neuron) = false;
                        p->number(preset.neuron) = value;
                        return Status::ok();
                    },
                    [p](const Preset& preset) {
                        return p->automaticIn(preset.neuron) ? QJsonValue(QLatin1String("auto"))
                                                             : QJsonValue(p->numberIn(preset.neuron));
                    }};
        case ParameterKind::Direction:
        case ParameterKind::Vector:
            return {path,
                    Kind::Vector3,
                    {},
                    [p, path](Preset& preset, const QJsonValue& v) {
                        return readVector(path, v, p->vector(preset.neuron));
                    },
                    [p](const Preset& preset) { return vectorToJson(p->vectorIn(preset.neuron)); }};
        case ParameterKind::Choice: {
            std::vector<const char*> choices;
            for (const std::string& c : p->choices) choices.push_back(c.c_str());
            return {path, Kind::Choice, choices,
                    [p](Preset& preset, const QJsonValue& v) {
                        const std::string text = v.isString() ? v.toString().toStdString() : std::string();
                        for (std::size_t i = 0; i < p->choices.size(); ++i) {
                            if (text == p->choices[i]) {
                                p->setChoiceIndex(preset.neuron, static_cast<int>(i));
                                return Status::ok();
                            }
                        }
                        return Status::error(p->key + ": " + p->choicesText());
                    },
                    [p](const Preset& preset) {
                        const int i = p->choiceIndex(preset.neuron);
                        return QJsonValue(
                            QString::fromStdString(i >= 0 ? p->choices[static_cast<std::size_t>(i)] : std::string()));
                    }};
        }
    }
    return {};
}

const std::vector<Key>& schema() {
    static const std::vector<Key> keys = [] {
        std::vector<Key> head = {
            {"schema",
             Kind::Text,
             {},
             [](Preset&, const QJsonValue& v) {
                 if (!v.isString() || v.toString() != QLatin1String(presetSchema)) {
                     return Status::error(std::string("schema: must be \"") + presetSchema + "\"");
                 }
                 return Status::ok();
             },
             [](const Preset&) { return QJsonValue(QLatin1String(presetSchema)); }},
            {"name",
             Kind::Text,
             {},
             [](Preset& p, const QJsonValue& v) { return readText("name", v, p.name); },
             [](const Preset& p) { return QJsonValue(QString::fromStdString(p.name)); }},
            {"description",
             Kind::Text,
             {},
             [](Preset& p, const QJsonValue& v) { return readText("description", v, p.description); },
             [](const Preset& p) { return QJsonValue(QString::fromStdString(p.description)); }},
        };
        std::vector<Key> tail = {
            NUMBER("variability.relative_sigma", variability.relativeSigma),
            NUMBER("variability.offset_field_sigma_mT", variability.offsetFieldSigmaMilliTesla),
            SIGMA_OR_AUTO("variability.Hk_sigma_mT", variability.anisotropySigmaMilliTesla),
            SIGMA_OR_AUTO("variability.tmr_sigma_percent", variability.tmrSigmaPercent),
            SIGMA_OR_AUTO("variability.RA_sigma_ohm_um2", variability.resistanceAreaSigma),
            NUMBER("variability.thickness_sigma_nm", variability.thicknessSigmaNanometers),
            {"variability.seed",
             Kind::Integer,
             {},
             [](Preset& p, const QJsonValue& v) {
                 long long seed = 0;
                 if (Status s = readInteger("variability.seed", v, seed); !s) return s;
                 if (seed < 0) return typeError("variability.seed", "a non-negative integer");
                 p.variability.seed = static_cast<std::uint64_t>(seed);
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(static_cast<double>(p.variability.seed)); }},
            {"network.hidden",
             Kind::IntegerList,
             {},
             [](Preset& p, const QJsonValue& v) {
                 if (!v.isArray()) return typeError("network.hidden", "an array of layer widths, e.g. [16]");
                 std::vector<int> widths;
                 for (const QJsonValue& w : v.toArray()) {
                     long long width = 0;
                     if (Status s = readInteger("network.hidden", w, width); !s || width < 1 || width > 4096) {
                         return typeError("network.hidden", "an array of integer widths in [1, 4096]");
                     }
                     widths.push_back(static_cast<int>(width));
                 }
                 p.network.hidden = widths;
                 return Status::ok();
             },
             [](const Preset& p) {
                 QJsonArray a;
                 for (int w : p.network.hidden) a.append(w);
                 return QJsonValue(a);
             }},
            NUMBER("network.input_gain", network.inputGain),
            {"training.dataset",
             Kind::Text,
             {},
             [](Preset& p, const QJsonValue& v) { return readText("training.dataset", v, p.training.dataset); },
             [](const Preset& p) { return QJsonValue(QString::fromStdString(p.training.dataset)); }},
            {"training.gradient",
             Kind::Choice,
             {"device-fd", "device-exact", "nominal-model", "tanh"},
             [](Preset& p, const QJsonValue& v) {
                 if (!v.isString() || !parseGradientSource(v.toString().toStdString(), p.training.gradient)) {
                     return typeError("training.gradient",
                                      "one of \"device-fd\", \"device-exact\", \"nominal-model\", \"tanh\"");
                 }
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.gradient))); }},
            {"training.optimizer",
             Kind::Choice,
             {"sgd", "momentum", "adam"},
             [](Preset& p, const QJsonValue& v) {
                 if (!v.isString() || !parseOptimizerKind(v.toString().toStdString(), p.training.optimizer)) {
                     return typeError("training.optimizer", "one of \"sgd\", \"momentum\", \"adam\"");
                 }
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.optimizer))); }},
            NUMBER("training.learning_rate", training.learningRate),
            NUMBER("training.learning_rate_decay", training.learningRateDecay),
            INTEGER("training.batch_size", training.batchSize),
            INTEGER("training.epochs", training.epochs),
            INTEGER("training.folds", training.folds),
            {"training.seed",
             Kind::Integer,
             {},
             [](Preset& p, const QJsonValue& v) {
                 long long seed = 0;
                 if (Status s = readInteger("training.seed", v, seed); !s) return s;
                 if (seed < 0) return typeError("training.seed", "a non-negative integer");
                 p.training.seed = static_cast<std::uint64_t>(seed);
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(static_cast<double>(p.training.seed)); }},
            INTEGER("training.early_stop_patience", training.earlyStopPatience),
            INTEGER("training.samples", training.samples),
            NUMBER("training.noise", training.noise),
            {"training.mode",
             Kind::Choice,
             {"in-the-loop", "model-then-deploy"},
             [](Preset& p, const QJsonValue& v) {
                 if (!v.isString() || !parseTrainingMode(v.toString().toStdString(), p.training.mode)) {
                     return typeError("training.mode", "one of \"in-the-loop\", \"model-then-deploy\"");
                 }
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.mode))); }},
            {"training.model",
             Kind::Choice,
             {"nominal", "tanh"},
             [](Preset& p, const QJsonValue& v) {
                 if (!v.isString() || !parseDeviceModelKind(v.toString().toStdString(), p.training.model)) {
                     return typeError("training.model", "one of \"nominal\", \"tanh\"");
                 }
                 return Status::ok();
             },
             [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.model))); }},
            INTEGER("training.finetune_epochs", training.finetuneEpochs),
        };
        // The neuron's keys come from its parameter table, section by section (the writer groups keys by section).
        std::vector<Key> all = std::move(head);
        for (const char* section : {"device.", "drive.", "readout.", "derivative."}) {
            for (const Parameter<NeuronSettings>& row : neuronParameterTable()) {
                if (row.key.rfind(section, 0) == 0) all.push_back(keyFromParameter(row));
            }
        }
        for (Key& k : tail) all.push_back(std::move(k));
        return all;
    }();
    return keys;
}

#undef NUMBER
#undef INTEGER
#undef SIGMA_OR_AUTO

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

Status prefixed(const QString& origin, const Status& s) {
    return Status::error(origin.toStdString() + ": " + s.message());
}

}  // namespace

QStringList presetKeys() {
    QStringList keys;
    for (const Key& k : schema()) keys << QLatin1String(k.path);
    return keys;
}

Status parsePreset(const QByteArray& json, const QString& origin, const QStringList& overrides, Preset& preset) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return Status::error(origin.toStdString() + ": not valid JSON at offset " + std::to_string(error.offset) +
                             ": " + error.errorString().toStdString());
    }
    if (!doc.isObject()) return Status::error(origin.toStdString() + ": the top level must be a JSON object");

    // Flatten to dotted keys, rejecting unknown ones.
    std::vector<std::pair<QString, QJsonValue>> values;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.value().isObject()) {
            const QJsonObject section = it.value().toObject();
            // A section must be one the schema knows, even empty: {"devise": {}} is a misspelt section, not nothing.
            bool knownSection = false;
            for (const QString& key : presetKeys())
                knownSection = knownSection || key.startsWith(it.key() + QLatin1Char('.'));
            if (!knownSection) {
                return Status::error(
                    origin.toStdString() + ": unknown section '" + it.key().toStdString() +
                    "' (sections: device, drive, readout, derivative, variability, network, training)");
            }
            for (auto inner = section.begin(); inner != section.end(); ++inner) {
                const QString path = it.key() + QLatin1Char('.') + inner.key();
                if (findKey(path) == nullptr) {
                    return Status::error(origin.toStdString() + ": unknown key '" + path.toStdString() + "'");
                }
                values.emplace_back(path, inner.value());
            }
        } else {
            if (findKey(it.key()) == nullptr) {
                return Status::error(origin.toStdString() + ": unknown key '" + it.key().toStdString() + "'");
            }
            values.emplace_back(it.key(), it.value());
        }
    }
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

    Preset candidate;
    for (const auto& [path, value] : values) {
        if (Status s = findKey(path)->read(candidate, value); !s) return prefixed(origin, s);
    }
    const Status checks[] = {validate(candidate.neuron), validate(candidate.variability), validate(candidate.network),
                             validate(candidate.training)};
    for (const Status& s : checks) {
        if (!s) return prefixed(origin, s);
    }
    // The device model's own checks (a superparamagnetic junction must be axially symmetric, ...).
    std::unique_ptr<DeviceModel> model;
    if (Status s = makeDeviceModel(candidate.neuron, model); !s) return prefixed(origin, s);
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
