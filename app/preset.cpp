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

#define NUMBER(path_, field_)                                                              \
    Key {                                                                                  \
        path_, Kind::Number, {},                                                           \
            [](Preset& p, const QJsonValue& v) { return readNumber(path_, v, p.field_); }, \
            [](const Preset& p) { return QJsonValue(p.field_); }                           \
    }
// A sigma in a parameter's units, or "auto" (NaN in the engine: relative_sigma times the nominal value).
#define SIGMA_OR_AUTO(path_, field_)                                                                  \
    Key {                                                                                             \
        path_, Kind::NumberOrAuto, {},                                                                \
            [](Preset& p, const QJsonValue& v) {                                                      \
                if (v.isString() && v.toString() == QLatin1String("auto")) {                         \
                    p.field_ = std::numeric_limits<double>::quiet_NaN();                              \
                    return Status::ok();                                                              \
                }                                                                                     \
                if (!v.isDouble()) return typeError(path_, "\"auto\" or a number");                   \
                return readNumber(path_, v, p.field_);                                                \
            },                                                                                        \
            [](const Preset& p) {                                                                     \
                return std::isnan(p.field_) ? QJsonValue(QLatin1String("auto")) : QJsonValue(p.field_); \
            }                                                                                         \
    }
#define INTEGER(path_, field_)                                                              \
    Key {                                                                                   \
        path_, Kind::Integer, {},                                                           \
            [](Preset& p, const QJsonValue& v) {                                            \
                long long n = 0;                                                            \
                if (Status s = readInteger(path_, v, n); !s) return s;                      \
                p.field_ = static_cast<int>(std::clamp<long long>(n, -1, 1 << 30));         \
                return Status::ok();                                                        \
            },                                                                              \
            [](const Preset& p) { return QJsonValue(p.field_); }                            \
    }
#define VECTOR(path_, field_)                                                              \
    Key {                                                                                  \
        path_, Kind::Vector3, {},                                                          \
            [](Preset& p, const QJsonValue& v) { return readVector(path_, v, p.field_); }, \
            [](const Preset& p) { return vectorToJson(p.field_); }                         \
    }

const std::vector<Key>& schema() {
    static const std::vector<Key> keys = {
        {"schema", Kind::Text, {},
         [](Preset&, const QJsonValue& v) {
             if (!v.isString() || v.toString() != QLatin1String(presetSchema)) {
                 return Status::error(std::string("schema: must be \"") + presetSchema + "\"");
             }
             return Status::ok();
         },
         [](const Preset&) { return QJsonValue(QLatin1String(presetSchema)); }},
        {"name", Kind::Text, {}, [](Preset& p, const QJsonValue& v) { return readText("name", v, p.name); },
         [](const Preset& p) { return QJsonValue(QString::fromStdString(p.name)); }},
        {"description", Kind::Text, {},
         [](Preset& p, const QJsonValue& v) { return readText("description", v, p.description); },
         [](const Preset& p) { return QJsonValue(QString::fromStdString(p.description)); }},
        {"device.model", Kind::Choice, {"macrospin", "superparamagnetic"},
         [](Preset& p, const QJsonValue& v) {
             const std::string text = v.isString() ? v.toString().toStdString() : std::string();
             if (text != macrospinModelKind && text != superparamagneticModelKind) {
                 return typeError("device.model", "one of \"macrospin\", \"superparamagnetic\"");
             }
             p.neuron.model = text;
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QString::fromStdString(p.neuron.model)); }},
        NUMBER("device.diameter_nm", neuron.device.diameterNanometers),
        NUMBER("device.thickness_nm", neuron.device.thicknessNanometers),
        NUMBER("device.Ms_kA_per_m", neuron.device.saturationMagnetizationKiloAmperePerMeter),
        NUMBER("device.alpha", neuron.device.damping),
        NUMBER("device.Hk_mT", neuron.device.anisotropyFieldMilliTesla),
        VECTOR("device.easy_axis", neuron.device.easyAxis),
        NUMBER("device.Meff_T", neuron.device.effectiveDemagFieldTesla),
        VECTOR("device.reference_axis", neuron.device.referenceAxis),
        NUMBER("device.polarization", neuron.device.polarization),
        NUMBER("device.field_like_ratio", neuron.device.fieldLikeRatio),
        NUMBER("device.RA_ohm_um2", neuron.device.resistanceAreaOhmSquareMicrometer),
        NUMBER("device.tmr_percent", neuron.device.tmrPercent),
        NUMBER("device.Vh_V", neuron.device.tmrHalfVoltageVolts),
        VECTOR("device.offset_field_mT", neuron.device.offsetFieldMilliTesla),
        NUMBER("device.temperature_K", neuron.device.temperatureKelvin),
        {"drive.input", Kind::Choice, {"field", "current", "rf"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseInputChannel(v.toString().toStdString(), p.neuron.drive.input)) {
                 return typeError("drive.input", "one of \"field\", \"current\", \"rf\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.neuron.drive.input))); }},
        NUMBER("drive.input_scale", neuron.drive.inputScale),
        VECTOR("drive.input_axis", neuron.drive.inputAxis),
        NUMBER("drive.bias_current_uA", neuron.drive.biasCurrentMicroampere),
        NUMBER("drive.field_mT", neuron.drive.fieldMilliTesla),
        NUMBER("drive.field_theta_deg", neuron.drive.fieldThetaDegrees),
        NUMBER("drive.field_phi_deg", neuron.drive.fieldPhiDegrees),
        NUMBER("drive.rf_frequency_GHz", neuron.drive.rfFrequencyGigahertz),
        NUMBER("drive.x_min", neuron.drive.inputMinimum),
        NUMBER("drive.x_max", neuron.drive.inputMaximum),
        {"readout.reference_ohm", Kind::NumberOrAuto, {},
         [](Preset& p, const QJsonValue& v) {
             if (v.isString() && v.toString() == QLatin1String("auto")) {
                 p.neuron.readout.referenceAuto = true;
                 return Status::ok();
             }
             double value = 0.0;
             if (Status s = readNumber("readout.reference_ohm", v, value); !s) {
                 return typeError("readout.reference_ohm", "\"auto\" or a number of ohms");
             }
             p.neuron.readout.referenceAuto = false;
             p.neuron.readout.referenceOhm = value;
             return Status::ok();
         },
         [](const Preset& p) {
             return p.neuron.readout.referenceAuto ? QJsonValue(QLatin1String("auto"))
                                                   : QJsonValue(p.neuron.readout.referenceOhm);
         }},
        NUMBER("readout.gain_per_V", neuron.readout.gainPerVolt),
        NUMBER("readout.settle_ns", neuron.readout.settleNanoseconds),
        NUMBER("readout.average_ns", neuron.readout.averageNanoseconds),
        NUMBER("readout.input_rise_ns", neuron.readout.inputRiseNanoseconds),
        {"readout.reset", Kind::Choice, {"easy+", "easy-", "previous"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseResetState(v.toString().toStdString(), p.neuron.readout.reset)) {
                 return typeError("readout.reset", "one of \"easy+\", \"easy-\", \"previous\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.neuron.readout.reset))); }},
        {"derivative.scheme", Kind::Choice, {"central", "forward", "lockin"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseDerivativeScheme(v.toString().toStdString(), p.neuron.derivative.scheme)) {
                 return typeError("derivative.scheme", "one of \"central\", \"forward\", \"lockin\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.neuron.derivative.scheme))); }},
        NUMBER("derivative.step", neuron.derivative.step),
        NUMBER("derivative.read_noise", neuron.derivative.readNoise),
        NUMBER("variability.relative_sigma", variability.relativeSigma),
        NUMBER("variability.offset_field_sigma_mT", variability.offsetFieldSigmaMilliTesla),
        SIGMA_OR_AUTO("variability.Hk_sigma_mT", variability.anisotropySigmaMilliTesla),
        SIGMA_OR_AUTO("variability.tmr_sigma_percent", variability.tmrSigmaPercent),
        SIGMA_OR_AUTO("variability.RA_sigma_ohm_um2", variability.resistanceAreaSigma),
        NUMBER("variability.thickness_sigma_nm", variability.thicknessSigmaNanometers),
        {"variability.seed", Kind::Integer, {},
         [](Preset& p, const QJsonValue& v) {
             long long seed = 0;
             if (Status s = readInteger("variability.seed", v, seed); !s) return s;
             if (seed < 0) return typeError("variability.seed", "a non-negative integer");
             p.variability.seed = static_cast<std::uint64_t>(seed);
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(static_cast<double>(p.variability.seed)); }},
        {"network.hidden", Kind::IntegerList, {},
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
        {"training.dataset", Kind::Text, {},
         [](Preset& p, const QJsonValue& v) { return readText("training.dataset", v, p.training.dataset); },
         [](const Preset& p) { return QJsonValue(QString::fromStdString(p.training.dataset)); }},
        {"training.gradient", Kind::Choice, {"device-fd", "device-exact", "nominal-model", "tanh"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseGradientSource(v.toString().toStdString(), p.training.gradient)) {
                 return typeError("training.gradient", "one of \"device-fd\", \"device-exact\", \"nominal-model\", \"tanh\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.gradient))); }},
        {"training.optimizer", Kind::Choice, {"sgd", "momentum", "adam"},
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
        {"training.seed", Kind::Integer, {},
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
        {"training.mode", Kind::Choice, {"in-the-loop", "model-then-deploy"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseTrainingMode(v.toString().toStdString(), p.training.mode)) {
                 return typeError("training.mode", "one of \"in-the-loop\", \"model-then-deploy\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.mode))); }},
        {"training.model", Kind::Choice, {"nominal", "tanh"},
         [](Preset& p, const QJsonValue& v) {
             if (!v.isString() || !parseDeviceModelKind(v.toString().toStdString(), p.training.model)) {
                 return typeError("training.model", "one of \"nominal\", \"tanh\"");
             }
             return Status::ok();
         },
         [](const Preset& p) { return QJsonValue(QLatin1String(toString(p.training.model))); }},
        INTEGER("training.finetune_epochs", training.finetuneEpochs),
    };
    return keys;
}

#undef NUMBER
#undef INTEGER
#undef SIGMA_OR_AUTO
#undef VECTOR

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
        default:
            out = QJsonValue(text);
            return Status::ok();
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
            for (const QString& key : presetKeys()) knownSection = knownSection || key.startsWith(it.key() + QLatin1Char('.'));
            if (!knownSection) {
                return Status::error(origin.toStdString() + ": unknown section '" + it.key().toStdString() +
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
            return Status::error("--set " + assignment.toStdString() + ": expected KEY=VALUE, e.g. device.temperature_K=0");
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
    if (!QFileInfo(path).isFile()) return Status::error(path.toStdString() + ": not a regular file (a folder, a device or a pipe)");
    if (!file.open(QIODevice::ReadOnly)) {
        return Status::error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    }
    constexpr qint64 maximumBytes = 4 * 1024 * 1024;
    const QByteArray bytes = file.read(maximumBytes + 1);  // bounded, whatever the file claims its size is
    if (file.size() > maximumBytes || bytes.size() > maximumBytes) return Status::error(path.toStdString() + ": larger than 4 MiB, not a preset");
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
