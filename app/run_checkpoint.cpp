// SPDX-License-Identifier: GPL-3.0-or-later
// Runs that resume (docs/files.md, "Checkpoints").
#include "run_checkpoint.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "exports.hpp"
#include "training_run.hpp"

namespace mtj::app {
namespace {

constexpr qint64 maximumCheckpointBytes = qint64(2) << 30;  // 2 GiB: far above an MNIST network with its moments

}  // namespace

std::string runFingerprint(const Preset& preset) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(presetToJson(preset));
    hash.addData(QByteArrayLiteral("\nmtj-explorer " MTJ_VERSION));
    return hash.result().toHex().toStdString();
}

ExperimentResult runCheckpointed(const Preset& preset, const QString& path, const ExperimentProgress& progress,
                                 const std::atomic<bool>* stop, ResumeReport* report, OtherRunCheckpoint otherRun) {
    const auto failedWith = [](const std::string& message) {
        ExperimentResult failed;
        failed.status = Status::error(message);
        return failed;
    };
    const std::string origin = path.toStdString();
    const std::string fingerprint = runFingerprint(preset);
    std::optional<ExperimentCheckpoint> resume;
    const QFileInfo info(path);
    // Where the checkpoint goes must be there before the first epoch is trained, not found missing after it.
    if (!info.absoluteDir().exists())
        return failedWith(origin + ": cannot write the checkpoint: the folder " + info.absolutePath().toStdString() +
                          " does not exist");
    if (info.exists()) {
        if (!info.isFile()) return failedWith(origin + ": not a regular file (the checkpoint must be one)");
        if (info.size() > maximumCheckpointBytes)
            return failedWith(origin + ": " + std::to_string(info.size()) + " bytes, more than any checkpoint holds");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return failedWith(origin + ": cannot read the checkpoint: " + file.errorString().toStdString());
        const QByteArray bytes = file.readAll();
        ExperimentCheckpoint checkpoint;
        if (Status s = decodeCheckpoint(std::string_view(bytes.constData(), bytes.size()), origin, checkpoint); !s) {
            // The user's own file is refused and kept; a sweep shard's own file that does not read (a damaged disk,
            // another version's format) is replaced by the first epoch, or the run could never pass it.
            if (otherRun == OtherRunCheckpoint::Refuse) return failedWith(s.message());
            checkpoint.fingerprint.clear();
        }
        if (checkpoint.fingerprint != fingerprint && otherRun == OtherRunCheckpoint::Replace) {
            // Not this run's: it starts afresh, and its first epoch replaces the file.
        } else if (checkpoint.fingerprint != fingerprint) {
            return failedWith(origin +
                              ": the checkpoint of another run (another preset, other --set values or another "
                              "version of the program): give another --checkpoint file, or remove this one");
        } else
            resume = std::move(checkpoint);
        if (resume && report != nullptr) {
            report->resumed = true;
            report->finishedFolds = static_cast<int>(resume->finishedFolds.size());
            report->epoch = resume->current ? resume->current->epoch : 0;
        }
    }
    ExperimentCheckpointing checkpointing;
    checkpointing.resume = resume ? &*resume : nullptr;
    checkpointing.save = [&](const ExperimentCheckpoint& checkpoint) {
        ExperimentCheckpoint named = checkpoint;
        named.fingerprint = fingerprint;
        const std::string bytes = encodeCheckpoint(named);
        return writeFileAtomically(path, QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())));
    };
    return runExperiment(experimentFromPreset(preset), progress, stop, checkpointing);
}

}  // namespace mtj::app
