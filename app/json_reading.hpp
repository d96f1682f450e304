// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a JSON file a user gave (a preset, a session, a lesson): the one toolkit the readers share, and the one
// error shape of every file the program reads: "origin: path: what it must be", the path naming the value as it sits
// in the file ("device.alpha", "runs[0].setup.widths[1]", "lesson.try.steps[2]").
//
// Inside a reading, every accessor checks one value and, on the first problem, ends the reading by throwing
// json::Invalid; json::read() runs a reading and turns that into a Status (the engine's error value), so nothing
// thrown crosses a function that returns one. Main thread or any one thread; plain functions.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <new>
#include <utility>

#include "common/status.hpp"
#include "physics/vec3.hpp"

namespace mtj::app::json {

/// The first problem of a reading: the path of the value and what it must be. `complete`: the reason is a whole
/// message already (the error of a nested file, which names its own origin).
struct Invalid {
    QString path;
    QString reason;
    bool complete = false;
};

[[noreturn]] void fail(const QString& path, const QString& reason);
/// The same, quoting the value given: "training.epochs = -3: must be an integer in [1, 100000]".
[[noreturn]] void failValue(const QString& path, const QJsonValue& given, const QString& reason);
/// A value as a message quotes it: a number as JSON writes it, a string in quotes, an object or array in short.
QString shown(const QJsonValue& value);
/// Ends the reading with a Status that already says where (a nested file's error, a table row's check).
[[noreturn]] void failWith(const Status& status);
/// failWith(status) unless it is ok.
void check(const Status& status);

/// "path.name" ("name" at the top level) and "path[i]".
QString key(const QString& path, const char* name);
QString key(const QString& path, const QString& name);
QString index(const QString& path, qsizetype i);

/// The document's top-level object: "not valid JSON at offset N: reason" or "the top level must be a JSON object".
QJsonObject parseObject(const QByteArray& bytes);

/// The member `name` of `o` at `path`; "missing" when absent.
QJsonValue member(const QJsonObject& o, const QString& path, const char* name);
/// Every member of `o` is one of `known`: "unknown key 'k' (known: a, b)".
void refuseUnknown(const QJsonObject& o, const QString& path, const QStringList& known);

QJsonObject asObject(const QJsonValue& v, const QString& path);
QJsonArray asArray(const QJsonValue& v, const QString& path, qsizetype maximumSize = 100000000);
/// A number; null reads as NaN where `nullable` (a figure that does not apply).
double asNumber(const QJsonValue& v, const QString& path, bool nullable = false);
/// A finite number: "must be a number", "must be a finite number".
double asFiniteNumber(const QJsonValue& v, const QString& path);
/// A whole number in [lo, hi]: "must be an integer in [lo, hi]".
long long asInteger(const QJsonValue& v, const QString& path, long long lo, long long hi);
bool asBool(const QJsonValue& v, const QString& path);
QString asString(const QJsonValue& v, const QString& path);
/// Three finite numbers: "must be an array of 3 numbers", "must be an array of 3 finite numbers".
Vec3 asVector3(const QJsonValue& v, const QString& path);

// The same for the member `name` of an object at `path`.
double numberAt(const QJsonObject& o, const QString& path, const char* name, bool nullable = false);
long long integerAt(const QJsonObject& o, const QString& path, const char* name, long long lo, long long hi);
bool boolAt(const QJsonObject& o, const QString& path, const char* name);
QString stringAt(const QJsonObject& o, const QString& path, const char* name);

/// Runs a reading; its first problem becomes the Status "origin: path: reason" ("origin: reason" at the top level),
/// and running out of memory "origin: too large to read (out of memory)".
template <class Reading>
Status read(const QString& origin, Reading&& reading) {
    try {
        std::forward<Reading>(reading)();
    } catch (const std::bad_alloc&) {
        return Status::error(origin.toStdString() + ": too large to read (out of memory)");
    } catch (const Invalid& bad) {
        if (bad.complete) return Status::error(bad.reason.toStdString());
        const QString where = bad.path.isEmpty() ? origin : origin + QStringLiteral(": ") + bad.path;
        return Status::error((where + QStringLiteral(": ") + bad.reason).toStdString());
    }
    return Status::ok();
}

}  // namespace mtj::app::json
