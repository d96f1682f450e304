// SPDX-License-Identifier: GPL-3.0-or-later
// Runs that resume (docs/files.md, "Checkpoints"): `train --checkpoint FILE` and a sweep shard's current run write
// the engine's checkpoint (engine/network/checkpoint.hpp) after every epoch through the durable writer, and a run
// started again with the same preset continues from it and ends with the same results. Any thread.
#pragma once

#include <QString>
#include <atomic>
#include <string>

#include "common/status.hpp"
#include "network/checkpoint.hpp"
#include "preset.hpp"

namespace mtj::app {

/// Names a run: the SHA-256 of the preset as it will train (every key, after --set) and the program's version. A
/// checkpoint is continued only by a run with the same fingerprint.
std::string runFingerprint(const Preset& preset);

/// What a checkpointed run reports: whether it continued, and from where.
struct ResumeReport {
    bool resumed = false;
    int finishedFolds = 0;
    int epoch = 0;  // completed epochs of the fold it continued
};

/// What to do with a checkpoint of another run at the path.
enum class OtherRunCheckpoint {
    Refuse,   // `train --checkpoint`: the user named the file; another run's is an error, never overwritten
    Replace,  // a sweep shard's own file: the previous run's, left by a stop between its line and its removal
};

/// Runs `preset`'s experiment with a checkpoint at `path`: continued from it when it is there, written after every
/// epoch. A damaged file is refused with its reason. The checkpoint stays after the run ends: run again, the command
/// ends at once with the same results.
ExperimentResult runCheckpointed(const Preset& preset, const QString& path, const ExperimentProgress& progress,
                                 const std::atomic<bool>* stop, ResumeReport* report = nullptr,
                                 OtherRunCheckpoint otherRun = OtherRunCheckpoint::Refuse);

}  // namespace mtj::app
