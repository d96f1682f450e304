#include "exports.hpp"

#include <QDir>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>

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
    if (path.isEmpty()) return Status::error("cannot write: the output path is empty");
    // A symbolic link keeps pointing where it points: the file it names is replaced, not the link.
    QString target = path;
    const QFileInfo info(path);
    if (info.isSymLink()) {
        target = info.symLinkTarget();
        if (target.isEmpty())
            return Status::error("cannot write " + path.toStdString() +
                                 ": a symbolic link whose target cannot be read");
    }
    const QFileInfo targetInfo(target);
    if (targetInfo.isDir()) return Status::error("cannot write " + path.toStdString() + ": it is a folder");
    if (!targetInfo.absoluteDir().exists()) {
        return Status::error("cannot write " + path.toStdString() + ": the folder " +
                             targetInfo.absolutePath().toStdString() + " does not exist");
    }
    if (targetInfo.exists() && !targetInfo.isFile()) {
        return Status::error("cannot write " + path.toStdString() + ": not a regular file (a device or a pipe)");
    }
    // Written to a temporary file beside it and renamed over it only when every byte is on disk: a full disk, a
    // file-size limit or a read-only folder leaves the previous file as it was.
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        return Status::error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }
    // Qt reports a file-size limit (EFBIG) as "Unknown error": the system's reason is clearer where there is one.
    const auto reasonFor = [&file](int error) {
        const QString qt = file.errorString();
        return error != 0 && (qt.isEmpty() || qt == QLatin1String("Unknown error")) ? std::string(std::strerror(error))
                                                                                    : qt.toStdString();
    };
    errno = 0;
    if (file.write(bytes) != bytes.size()) {
        const std::string reason = reasonFor(errno);
        file.cancelWriting();
        return Status::error("cannot write " + path.toStdString() + ": " + reason +
                             " (the previous file, if any, is unchanged)");
    }
    errno = 0;
    if (!file.commit()) {
        return Status::error("cannot write " + path.toStdString() + ": " + reasonFor(errno) +
                             " (the previous file, if any, is unchanged)");
    }
    return Status::ok();
}

Status writeStandardOutput(const QByteArray& bytes) {
    const std::size_t written = std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    const bool flushed = std::fflush(stdout) == 0;
    if (written != static_cast<std::size_t>(bytes.size()) || !flushed || std::ferror(stdout) != 0) {
        const int error = errno;
        return Status::error(std::string("cannot write to standard output: ") +
                             (error != 0 ? std::strerror(error) : "write failed"));
    }
    return Status::ok();
}

QByteArray curveToCsv(const ActivationCurve& curve) {
    // presets.md's columns first; the standard errors (thermal noise of y, and of the finite difference with its read
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
