// SPDX-License-Identifier: GPL-3.0-or-later
#include "exports.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <unistd.h>

#include "common/durable_file.hpp"
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
    return writeFileDurably(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), bytes.size()));
}

Status writeStandardOutput(const QByteArray& bytes) {
    // Whatever printf put in stdio's buffer goes first, then the bytes, every write checked (durable_file.hpp).
    if (std::fflush(stdout) != 0)
        return Status::error(std::string("cannot write to standard output: ") + std::strerror(errno));
    return writeDescriptorDurably(STDOUT_FILENO, std::string_view(bytes.constData(), bytes.size()), "standard output");
}

QByteArray curveToCsv(const ActivationCurve& curve) {
    // docs/formats.md's columns first; the standard errors (thermal noise of y, and of the finite difference with its read
    // noise) after them.
    // A model whose y is a mean (ActivationCurve::readingsSampled) adds one sampled reading, y_sampled, last.
    QByteArray csv = curve.hasHysteresis() ? "x,y,dydx_fd,dydx_ref,state,branch,y_stderr,dydx_fd_stderr"
                                           : "x,y,dydx_fd,dydx_ref,state,y_stderr,dydx_fd_stderr";
    csv += curve.readingsSampled ? ",y_sampled\n" : "\n";
    auto appendBranch = [&](const std::vector<CurvePoint>& points, const char* branch) {
        for (const CurvePoint& p : points) {
            csv += formatNumber(p.x) + ',' + formatNumber(p.y) + ',' + formatNumber(p.derivativeFiniteDifference) +
                   ',' + formatNumber(p.derivativeReference) + ',' + toString(p.state);
            if (branch != nullptr) csv += QByteArray(",") + branch;
            csv += ',' + formatNumber(p.yStandardError) + ',' + formatNumber(p.derivativeFiniteDifferenceStandardError);
            if (curve.readingsSampled) csv += ',' + formatNumber(p.ySampled);
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
