#include "exports.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cmath>
#include <cstdio>

#include "training_run.hpp"

namespace mtj::app {
namespace {

QByteArray formatNumber(double value) {
    if (std::isnan(value)) return QByteArrayLiteral("nan");
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return QByteArray(buffer);
}

}  // namespace

Status writeFileAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return Status::error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }
    return Status::ok();
}

QByteArray curveToCsv(const ActivationCurve& curve) {
    // presets.md's columns first; the standard errors (thermal noise of y, and of the finite difference with its read
    // noise) after them.
    QByteArray csv = curve.hasHysteresis() ? "x,y,dydx_fd,dydx_ref,state,branch,y_stderr,dydx_fd_stderr\n"
                                           : "x,y,dydx_fd,dydx_ref,state,y_stderr,dydx_fd_stderr\n";
    auto appendBranch = [&](const std::vector<CurvePoint>& points, const char* branch) {
        for (const CurvePoint& p : points) {
            csv += formatNumber(p.x) + ',' + formatNumber(p.y) + ',' + formatNumber(p.derivativeFiniteDifference) + ',' +
                   formatNumber(p.derivativeReference) + ',' + toString(p.state);
            if (branch != nullptr) csv += QByteArray(",") + branch;
            csv += ',' + formatNumber(p.yStandardError) + ',' + formatNumber(p.derivativeFiniteDifferenceStandardError);
            csv += '\n';
        }
    };
    appendBranch(curve.up, curve.hasHysteresis() ? "up" : nullptr);
    if (curve.hasHysteresis()) appendBranch(curve.down, "down");
    return csv;
}

QByteArray trainingResultsToJson(const Preset& preset, const std::vector<GradientSource>& sources,
                                 const std::vector<ExperimentResult>& results) {
    QJsonArray runs;
    for (std::size_t i = 0; i < results.size(); ++i) {
        Preset run = preset;
        if (i < sources.size()) run.training.gradient = sources[i];
        if (results.size() == 1) return experimentToJson(run, results[i]);
        runs.append(QJsonDocument::fromJson(experimentToJson(run, results[i])).object());
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("runs"), runs}}).toJson(QJsonDocument::Indented);
}

}  // namespace mtj::app
