#include "lesson.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace mtj::app {
namespace {

Status fail(const QString& where, const QString& what) {
    return Status::error((where + QStringLiteral(": ") + what).toStdString());
}

/// A string member; `required` refuses a missing or empty one.
Status readText(const QJsonObject& object, const char* key, const QString& where, bool required, QString& out) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined()) {
        if (required) return fail(where, QStringLiteral("'%1' is missing").arg(QLatin1String(key)));
        return Status::ok();
    }
    if (!value.isString()) return fail(where, QStringLiteral("'%1' must be text").arg(QLatin1String(key)));
    out = value.toString().trimmed();
    if (required && out.isEmpty()) return fail(where, QStringLiteral("'%1' is empty").arg(QLatin1String(key)));
    return Status::ok();
}

Status refuseUnknown(const QJsonObject& object, const QStringList& known, const QString& where) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            return fail(where,
                        QStringLiteral("unknown key '%1' (known: %2)").arg(it.key(), known.join(QStringLiteral(", "))));
        }
    }
    return Status::ok();
}

/// The text of a --set value for a JSON value of a step.
QString overrideText(const QJsonValue& value) {
    if (value.isDouble()) return QString::number(value.toDouble(), 'g', 17);
    if (value.isString()) return value.toString();
    if (value.isBool()) return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray()) return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

Status readStep(const QJsonValue& value, const QString& where, LessonStep& step) {
    if (!value.isObject()) return fail(where, QStringLiteral("a step must be an object with a label"));
    const QJsonObject object = value.toObject();
    if (Status s = refuseUnknown(object,
                                 {QStringLiteral("label"), QStringLiteral("set"), QStringLiteral("x"),
                                  QStringLiteral("show"), QStringLiteral("run")},
                                 where);
        !s)
        return s;
    if (Status s = readText(object, "label", where, true, step.label); !s) return s;
    if (step.label.size() > 80) return fail(where, QStringLiteral("the label is longer than 80 characters"));
    const QJsonValue set = object.value(QStringLiteral("set"));
    if (!set.isUndefined()) {
        if (!set.isObject()) return fail(where, QStringLiteral("'set' must be an object of preset keys"));
        const QJsonObject settings = set.toObject();
        for (auto it = settings.begin(); it != settings.end(); ++it) {
            if (!presetKeys().contains(it.key()))
                return fail(where, QStringLiteral("unknown preset key '%1' in 'set'").arg(it.key()));
            if (it.value().isObject() || it.value().isNull()) {
                return fail(where, QStringLiteral("'set.%1' must be a number, text or an array").arg(it.key()));
            }
            step.set << it.key() + QLatin1Char('=') + overrideText(it.value());
        }
    }
    const QJsonValue x = object.value(QStringLiteral("x"));
    if (!x.isUndefined()) {
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return fail(where, QStringLiteral("'x' must be a finite number"));
        step.x = x.toDouble();
    }
    if (Status s = readText(object, "show", where, false, step.show); !s) return s;
    if (!step.show.isEmpty() && !lessonTargets().contains(step.show)) {
        return fail(where, QStringLiteral("'show' must be one of %1, not '%2'")
                               .arg(lessonTargets().join(QStringLiteral(", ")), step.show));
    }
    if (Status s = readText(object, "run", where, false, step.run); !s) return s;
    if (!step.run.isEmpty() && !lessonRuns().contains(step.run)) {
        return fail(
            where,
            QStringLiteral("'run' must be one of %1, not '%2'").arg(lessonRuns().join(QStringLiteral(", ")), step.run));
    }
    if (step.set.isEmpty() && !step.x && step.show.isEmpty() && step.run.isEmpty()) {
        return fail(where, QStringLiteral("the step does nothing (give it 'set', 'x', 'show' or 'run')"));
    }
    return Status::ok();
}

}  // namespace

const QStringList& lessonTargets() {
    static const QStringList targets = {QStringLiteral("device"),    QStringLiteral("training"),
                                        QStringLiteral("m(t)"),      QStringLiteral("in-plane"),
                                        QStringLiteral("sphere"),    QStringLiteral("energy"),
                                        QStringLiteral("network"),   QStringLiteral("decision-map"),
                                        QStringLiteral("confusion"), QStringLiteral("comparison")};
    return targets;
}

const QStringList& trainingChartTabs() {
    static const QStringList tabs = {QStringLiteral("network"), QStringLiteral("decision-map"),
                                     QStringLiteral("confusion"), QStringLiteral("comparison")};
    return tabs;
}

const QStringList& lessonRuns() {
    static const QStringList runs = {QStringLiteral("play"), QStringLiteral("pause"), QStringLiteral("epoch"),
                                     QStringLiteral("reset")};
    return runs;
}

Status applyLessonStep(const LessonStep& step, Preset& preset) {
    if (step.set.isEmpty()) return Status::ok();
    return parsePreset(presetToJson(preset), QStringLiteral("lesson step '%1'").arg(step.label), step.set, preset);
}

Status loadLesson(const QString& path, Lesson& lesson) {
    QFile file(path);
    if (!QFileInfo(path).isFile()) return fail(path, QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly)) return fail(path, QStringLiteral("cannot read: ") + file.errorString());
    constexpr qint64 maximumBytes = 4 * 1024 * 1024;
    const QByteArray bytes = file.read(maximumBytes + 1);
    if (file.size() > maximumBytes || bytes.size() > maximumBytes)
        return fail(path, QStringLiteral("larger than 4 MiB, not a lesson"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(path, QStringLiteral("not valid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    }
    if (!doc.isObject()) return fail(path, QStringLiteral("the top level must be a JSON object"));
    QJsonObject root = doc.object();
    const QJsonValue lessonValue = root.take(QStringLiteral("lesson"));
    if (!lessonValue.isObject())
        return fail(path, QStringLiteral("a lesson needs a 'lesson' object (title, view, look, try, means)"));
    Lesson candidate;
    candidate.path = path;
    if (Status s = parsePreset(QJsonDocument(root).toJson(), path, {}, candidate.preset); !s) return s;
    const QJsonObject object = lessonValue.toObject();
    const QString where = path + QStringLiteral(": lesson");
    if (Status s = refuseUnknown(object,
                                 {QStringLiteral("title"), QStringLiteral("view"), QStringLiteral("look"),
                                  QStringLiteral("try"), QStringLiteral("means")},
                                 where);
        !s)
        return s;
    for (auto [key, out] : {std::pair{"title", &candidate.title}, std::pair{"view", &candidate.view},
                            std::pair{"look", &candidate.look}, std::pair{"means", &candidate.means}}) {
        if (Status s = readText(object, key, where, true, *out); !s) return s;
    }
    if (candidate.view != QLatin1String("device") && candidate.view != QLatin1String("training")) {
        return fail(where, QStringLiteral("'view' must be \"device\" or \"training\", not '%1'").arg(candidate.view));
    }
    const QJsonValue tryValue = object.value(QStringLiteral("try"));
    if (!tryValue.isObject()) return fail(where, QStringLiteral("'try' must be an object with 'text' and 'steps'"));
    const QJsonObject tryObject = tryValue.toObject();
    if (Status s =
            refuseUnknown(tryObject, {QStringLiteral("text"), QStringLiteral("steps")}, where + QStringLiteral(".try"));
        !s)
        return s;
    if (Status s = readText(tryObject, "text", where + QStringLiteral(".try"), true, candidate.tryText); !s) return s;
    const QJsonValue steps = tryObject.value(QStringLiteral("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty())
        return fail(where + QStringLiteral(".try"), QStringLiteral("'steps' must be a non-empty array"));
    Preset applied = candidate.preset;
    const QJsonArray stepArray = steps.toArray();
    for (qsizetype i = 0; i < stepArray.size(); ++i) {
        LessonStep step;
        const QString stepWhere = where + QStringLiteral(".try.steps[%1]").arg(i + 1);
        if (Status s = readStep(stepArray.at(i), stepWhere, step); !s) return s;
        // Every step is checked by applying it after the ones before it, as a student clicking through would.
        if (Status s = applyLessonStep(step, applied); !s) return fail(stepWhere, QString::fromStdString(s.message()));
        candidate.steps.push_back(step);
    }
    lesson = candidate;
    return Status::ok();
}

QStringList lessonFiles(const QString& folder) {
    QStringList files;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

}  // namespace mtj::app
