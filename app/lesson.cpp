// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson.hpp"

#include "json_reading.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace mtj::app {
namespace {

using json::fail;

/// A string member `name` of `object` at `where`, trimmed; `required` refuses a missing or empty one.
void readText(const QJsonObject& object, const char* name, const QString& where, bool required, QString& out) {
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined()) {
        if (required) fail(json::key(where, name), QStringLiteral("missing"));
        return;
    }
    out = json::asString(value, json::key(where, name)).trimmed();
    if (required && out.isEmpty()) fail(json::key(where, name), QStringLiteral("must not be empty"));
}

/// The text of a --set value for a JSON value of a step.
QString overrideText(const QJsonValue& value) {
    if (value.isDouble()) return QString::number(value.toDouble(), 'g', 17);
    if (value.isString()) return value.toString();
    if (value.isBool()) return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray()) return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

void readStep(const QJsonValue& value, const QString& where, LessonStep& step) {
    const QJsonObject object = json::asObject(value, where);
    json::refuseUnknown(object, where,
                        {QStringLiteral("label"), QStringLiteral("set"), QStringLiteral("x"), QStringLiteral("show"),
                         QStringLiteral("run")});
    readText(object, "label", where, true, step.label);
    if (step.label.size() > 80) fail(json::key(where, "label"), QStringLiteral("is longer than 80 characters"));
    const QJsonValue set = object.value(QStringLiteral("set"));
    if (!set.isUndefined()) {
        const QJsonObject settings = json::asObject(set, json::key(where, "set"));
        for (auto it = settings.begin(); it != settings.end(); ++it) {
            const QString path = json::key(json::key(where, "set"), it.key());
            if (!presetKeys().contains(it.key())) fail(path, QStringLiteral("is not a preset key"));
            if (it.value().isObject() || it.value().isNull()) {
                fail(path, QStringLiteral("must be a number, text or an array"));
            }
            step.set << it.key() + QLatin1Char('=') + overrideText(it.value());
        }
    }
    const QJsonValue x = object.value(QStringLiteral("x"));
    if (!x.isUndefined()) step.x = json::asFiniteNumber(x, json::key(where, "x"));
    readText(object, "show", where, false, step.show);
    if (!step.show.isEmpty() && !lessonTargets().contains(step.show)) {
        fail(json::key(where, "show"),
             QStringLiteral("must be one of %1, not '%2'").arg(lessonTargets().join(QStringLiteral(", ")), step.show));
    }
    readText(object, "run", where, false, step.run);
    if (!step.run.isEmpty() && !lessonRuns().contains(step.run)) {
        fail(json::key(where, "run"),
             QStringLiteral("must be one of %1, not '%2'").arg(lessonRuns().join(QStringLiteral(", ")), step.run));
    }
    if (step.set.isEmpty() && !step.x && step.show.isEmpty() && step.run.isEmpty()) {
        fail(where, QStringLiteral("the step does nothing (give it 'set', 'x', 'show' or 'run')"));
    }
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
    const auto failed = [&path](const QString& what) {
        return Status::error((path + QStringLiteral(": ") + what).toStdString());
    };
    if (!QFileInfo(path).isFile()) return failed(QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly)) return failed(QStringLiteral("cannot read: ") + file.errorString());
    constexpr qint64 maximumBytes = 4 * 1024 * 1024;
    const QByteArray bytes = file.read(maximumBytes + 1);
    if (file.size() > maximumBytes || bytes.size() > maximumBytes)
        return failed(QStringLiteral("larger than 4 MiB, not a lesson"));
    // Paths as the file has them (app/json_reading.hpp), the steps counted from 1 as the lesson panel numbers them.
    Lesson candidate;
    candidate.path = path;
    const Status read = json::read(path, [&] {
        QJsonObject root = json::parseObject(bytes);
        const QJsonValue lessonValue = root.take(QStringLiteral("lesson"));
        if (!lessonValue.isObject()) {
            fail(QStringLiteral("lesson"),
                 QStringLiteral("a lesson needs a 'lesson' object (title, view, look, try, means)"));
        }
        json::check(parsePreset(QJsonDocument(root).toJson(), path, {}, candidate.preset));
        const QString where = QStringLiteral("lesson");
        const QJsonObject object = lessonValue.toObject();
        json::refuseUnknown(object, where,
                            {QStringLiteral("title"), QStringLiteral("view"), QStringLiteral("look"),
                             QStringLiteral("try"), QStringLiteral("means")});
        for (auto [key, out] : {std::pair{"title", &candidate.title}, std::pair{"view", &candidate.view},
                                std::pair{"look", &candidate.look}, std::pair{"means", &candidate.means}}) {
            readText(object, key, where, true, *out);
        }
        if (candidate.view != QLatin1String("device") && candidate.view != QLatin1String("training")) {
            fail(json::key(where, "view"),
                 QStringLiteral("must be \"device\" or \"training\", not '%1'").arg(candidate.view));
        }
        const QString tryWhere = json::key(where, "try");
        const QJsonObject tryObject = json::asObject(json::member(object, where, "try"), tryWhere);
        json::refuseUnknown(tryObject, tryWhere, {QStringLiteral("text"), QStringLiteral("steps")});
        readText(tryObject, "text", tryWhere, true, candidate.tryText);
        const QString stepsWhere = json::key(tryWhere, "steps");
        const QJsonArray steps = json::asArray(json::member(tryObject, tryWhere, "steps"), stepsWhere, 100);
        if (steps.isEmpty()) fail(stepsWhere, QStringLiteral("must not be empty"));
        Preset applied = candidate.preset;
        for (qsizetype i = 0; i < steps.size(); ++i) {
            LessonStep step;
            const QString stepWhere = json::index(stepsWhere, i + 1);
            readStep(steps.at(i), stepWhere, step);
            // Every step is checked by applying it after the ones before it, as a student clicking through would.
            if (Status s = applyLessonStep(step, applied); !s) fail(stepWhere, QString::fromStdString(s.message()));
            candidate.steps.push_back(step);
        }
    });
    if (!read) return read;
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
