// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints of an experiment (docs/files.md, "Checkpoints"): the folds already finished and the state of the
// current fold's trainer at the end of its last completed epoch. With the same preset (the fingerprint says so) a
// run continued from a checkpoint ends with the same results as one that was never interrupted, bit for bit: every
// random stream is keyed by the seed, the epoch and the batch, so the weights, the optimiser's moments and the
// counters are all there is to keep. The file is binary: a magic line, the format version, the fingerprint, the
// payload (doubles and floats as their IEEE bits, little-endian) and its SHA-256, so a damaged or foreign file is
// refused, never half read. Plain values; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "network/experiment.hpp"
#include "network/trainer.hpp"

namespace mtj {

struct ExperimentCheckpoint {
    /// Names the run the checkpoint belongs to (the preset as the command line read it, the program's version): a
    /// checkpoint of another run is refused rather than continued.
    std::string fingerprint;
    std::vector<FoldResult> finishedFolds;
    std::optional<TrainerState> current;  // the fold being trained (fold index = finishedFolds.size())
    double seconds = 0.0;                 // training time before this checkpoint (the result's seconds add it)
};

/// The window's run at the end of an epoch (docs/files.md, "Autosave"): the gradient source it is on, that source's
/// checkpoint, the batches of its earlier folds and the learning rate the user set while it trained (-1: none).
struct TrainingCheckpoint {
    int source = 0;
    ExperimentCheckpoint experiment;
    long stepsAtSourceStart = 0;
    double liveLearningRate = -1.0;
    /// The fold it is in (its finished folds) and the epochs completed in it.
    [[nodiscard]] int fold() const { return static_cast<int>(experiment.finishedFolds.size()); }
    [[nodiscard]] int epoch() const { return experiment.current ? experiment.current->epoch : 0; }
};

std::string encodeCheckpoint(const ExperimentCheckpoint& checkpoint);
/// Reads a checkpoint; `origin` (the file) starts every error, which says what is wrong with it.
Status decodeCheckpoint(std::string_view bytes, const std::string& origin, ExperimentCheckpoint& checkpoint);

/// What runExperiment does with checkpoints: continues from `resume` (if any) and gives `save` one after every
/// completed epoch. An error from `save` ends the run with that error (a checkpoint that cannot be written is not
/// ignored: a run the user believes is protected must be).
struct ExperimentCheckpointing {
    const ExperimentCheckpoint* resume = nullptr;
    std::function<Status(const ExperimentCheckpoint&)> save;
};

/// runExperiment with checkpoints: the same results as runExperiment(spec, progress, stop), continued from
/// `checkpointing.resume` (refused with a message when it does not fit the plan).
ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress,
                               const std::atomic<bool>* stop, const ExperimentCheckpointing& checkpointing);

}  // namespace mtj
