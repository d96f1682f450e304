// SPDX-License-Identifier: GPL-3.0-or-later
#include "json_reading.hpp"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>
#include <limits>

namespace mtj::app::json {

void fail(const QString& path, const QString& reason) { throw Invalid{path, reason, false}; }

QString shown(const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::Null: return QStringLiteral("null");
        case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double: {
            // JSON's own text of the number (what the user wrote, up to the shortest exact form).
            const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
            return QString::fromUtf8(text.mid(1, text.size() - 2));
        }
        case QJsonValue::String: {
            QString text = value.toString();
            if (text.size() > 60) text = text.left(57) + QStringLiteral("...");
            return QLatin1Char('"') + text + QLatin1Char('"');
        }
        case QJsonValue::Array: return QStringLiteral("an array of %1").arg(value.toArray().size());
        case QJsonValue::Object: return QStringLiteral("an object");
        case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

void failValue(const QString& path, const QJsonValue& given, const QString& reason) {
    fail(path + QStringLiteral(" = ") + shown(given), reason);
}

void failWith(const Status& status) { throw Invalid{QString(), QString::fromStdString(status.message()), true}; }

void check(const Status& status) {
    if (!status) failWith(status);
}

QString key(const QString& path, const QString& name) { return path.isEmpty() ? name : path + QLatin1Char('.') + name; }
QString key(const QString& path, const char* name) { return key(path, QLatin1String(name)); }
QString index(const QString& path, qsizetype i) { return path + QStringLiteral("[%1]").arg(i); }

QJsonObject parseObject(const QByteArray& bytes) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        fail(QString(), QStringLiteral("not valid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    }
    if (!document.isObject()) fail(QString(), QStringLiteral("the top level must be a JSON object"));
    return document.object();
}

QJsonValue member(const QJsonObject& o, const QString& path, const char* name) {
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined()) fail(key(path, name), QStringLiteral("missing"));
    return v;
}

void refuseUnknown(const QJsonObject& o, const QString& path, const QStringList& known) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            fail(path, QStringLiteral("unknown key '%1' (known: %2)").arg(it.key(), known.join(QStringLiteral(", "))));
        }
    }
}

QJsonObject asObject(const QJsonValue& v, const QString& path) {
    if (!v.isObject()) failValue(path, v, QStringLiteral("must be an object"));
    return v.toObject();
}

QJsonArray asArray(const QJsonValue& v, const QString& path, qsizetype maximumSize) {
    if (!v.isArray()) failValue(path, v, QStringLiteral("must be an array"));
    if (v.toArray().size() > maximumSize) fail(path, QStringLiteral("has more than %1 entries").arg(maximumSize));
    return v.toArray();
}

double asNumber(const QJsonValue& v, const QString& path, bool nullable) {
    if (v.isNull() && nullable) return std::numeric_limits<double>::quiet_NaN();
    if (!v.isDouble()) {
        failValue(path, v, nullable ? QStringLiteral("must be a number or null") : QStringLiteral("must be a number"));
    }
    return v.toDouble();
}

double asFiniteNumber(const QJsonValue& v, const QString& path) {
    const double value = asNumber(v, path, false);
    if (!std::isfinite(value)) failValue(path, v, QStringLiteral("must be a finite number"));
    return value;
}

long long asInteger(const QJsonValue& v, const QString& path, long long lo, long long hi) {
    const double d = v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
        failValue(path, v, QStringLiteral("must be an integer in [%1, %2]").arg(lo).arg(hi));
    }
    return static_cast<long long>(d);
}

bool asBool(const QJsonValue& v, const QString& path) {
    if (!v.isBool()) failValue(path, v, QStringLiteral("must be true or false"));
    return v.toBool();
}

QString asString(const QJsonValue& v, const QString& path) {
    if (!v.isString()) failValue(path, v, QStringLiteral("must be a string"));
    return v.toString();
}

Vec3 asVector3(const QJsonValue& v, const QString& path) {
    if (!v.isArray() || v.toArray().size() != 3) failValue(path, v, QStringLiteral("must be an array of 3 numbers"));
    const QJsonArray a = v.toArray();
    double c[3];
    for (int i = 0; i < 3; ++i) {
        if (!a[i].isDouble() || !std::isfinite(a[i].toDouble())) {
            failValue(index(path, i), a[i], QStringLiteral("must be a finite number (of an array of 3)"));
        }
        c[i] = a[i].toDouble();
    }
    return Vec3{c[0], c[1], c[2]};
}

double numberAt(const QJsonObject& o, const QString& path, const char* name, bool nullable) {
    return asNumber(member(o, path, name), key(path, name), nullable);
}
long long integerAt(const QJsonObject& o, const QString& path, const char* name, long long lo, long long hi) {
    return asInteger(member(o, path, name), key(path, name), lo, hi);
}
bool boolAt(const QJsonObject& o, const QString& path, const char* name) {
    return asBool(member(o, path, name), key(path, name));
}
QString stringAt(const QJsonObject& o, const QString& path, const char* name) {
    return asString(member(o, path, name), key(path, name));
}

}  // namespace mtj::app::json
