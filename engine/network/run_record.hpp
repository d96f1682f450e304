// SPDX-License-Identifier: GPL-3.0-or-later
// The record of a training run, Qt-free: what a run asks for (TrainingRequest), what it sends while it trains
// (TrainingSetup once per gradient source, TrainingSnapshot at most every frame) and what is kept of it to show it
// again or save it (SourceRecord per gradient source, RunRecord for the run). The training worker writes these, the
// application's run document keeps them, the session file stores them, the views draw them. Plain values.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "network/checkpoint.hpp"
#include "network/experiment.hpp"

namespace mtj {

/// What the training view asks for: the experiment, and the gradient sources to run one after the other (the first
/// is the main run; more than one is a comparison on the same data, devices and seed). `runId` 0: not yet begun.
struct TrainingRequest {
    std::uint64_t runId = 0;
    ExperimentSpec spec;
    std::vector<GradientSource> sources;
};

/// Sent once a gradient source's run is prepared: what does not change while it trains.
struct TrainingSetup {
    std::uint64_t runId = 0;
    int source = 0;  // index into the request's sources
    std::string sourceName;
    std::vector<int> widths;  // inputs, hidden..., classes
    std::vector<std::string> classNames;
    double xMin = -2.0, xMax = 2.0;  // the devices' input range
    /// Device curves of the first neurons of every hidden layer (layer, neuron) -> y at `curveInputs`.
    std::vector<std::vector<std::vector<double>>> deviceCurves;
    std::vector<double> curveInputs;
    int folds = 1;
    int epochs = 0;
    int batchesPerEpoch = 0;
    bool twoDimensional = false;  // a generated 2-D set: decision map in the input plane
    bool projected = false;       // Iris and other sets: decision map in the plane of two principal components
    std::string error;            // preparation failed
};

/// The network's decision over a plane of inputs: per cell of a square grid the most probable class and its
/// probability. The view colours it (its palette is the view's business); the session stores the cells.
struct DecisionMap {
    int resolution = 0;                 // cells per side; 0: no map
    std::vector<std::uint8_t> classes;  // resolution^2, row by row, the top row (y = yMax) first
    std::vector<float> confidence;      // the winning class's probability, same order
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
    std::vector<std::array<double, 2>> points;  // samples in the plane (validation or test set)
    std::vector<int> labels;
    std::string xLabel, yLabel;
    [[nodiscard]] bool empty() const { return resolution <= 0; }
};

/// Neurons per layer whose weights and last inputs a snapshot carries (TrainingSnapshot::weights is sampled to them
/// by the training worker, and a session stores the same): the network view draws these and summarises the rest.
inline constexpr int kSnapshotNeuronsPerLayer = 12;

struct TrainingSnapshot {
    std::uint64_t runId = 0;
    int source = 0;
    int fold = 0, folds = 1;
    int epoch = 0, epochs = 0;
    long step = 0, totalSteps = 0;  // over every fold of this source
    double elapsedSeconds = 0.0, remainingSeconds = 0.0;
    double learningRate = 0.0;
    bool playing = false, finished = false, foldFinished = false;
    std::vector<EpochReport> newEpochs;                  // completed since the last snapshot (this fold)
    std::vector<std::pair<double, double>> batchLosses;  // (fractional epoch, loss) since the last snapshot
    std::vector<std::pair<double, std::vector<float>>> batchCosines;  // (fractional epoch, cosine per hidden layer)
    std::vector<float> finiteDifference, exact;                       // neuron derivatives of the last batch (a sample)
    std::vector<Eigen::MatrixXf> weights;                             // all layers (the network view draws a subset)
    std::vector<std::vector<float>> neuronInputs;  // x of the first neurons of each hidden layer, last batch
    Eigen::MatrixXi confusion;                     // at the last epoch end (validation, else test, else train)
    DecisionMap map;                               // at the last epoch end, when the set has one
    DeploymentReport deployment;                   // model-then-deploy: this fold's deployment, once done
    ExperimentResult result;                       // when finished
    ParameterSet parameters;                       // every weight and bias, when paused or finished (sessions)
    std::string error;
    /// At an epoch's end: the run as it then stood, enough to continue it (autosave; shared, never copied).
    std::shared_ptr<const TrainingCheckpoint> checkpoint;
};

/// What one fold of one gradient source produced for the charts.
struct FoldRecord {
    std::vector<EpochReport> epochs;
    std::vector<std::pair<double, double>> batchLosses;
    std::vector<std::pair<double, std::vector<float>>> batchCosines;
};

/// Everything one gradient source of a run produced, enough to show it again (a session file keeps it).
struct SourceRecord {
    TrainingSetup setup;
    std::vector<FoldRecord> folds;
    /// The newest views, progress and (when finished) result; its series (newEpochs, batchLosses, batchCosines)
    /// are empty: they are in `folds`.
    TrainingSnapshot last;
};

class DeviceNetwork;
struct Dataset;

/// The network's decision map on a resolution x resolution grid: over the input plane for 2-D data, else over the
/// plane of the two leading principal components of the training features; with the samples of `shown` on it.
DecisionMap computeDecisionMap(DeviceNetwork& network, const Dataset& train, const Dataset& shown, int resolution = 90);

/// A run: its request and the record of each gradient source so far. Messages of another run (an older runId) are
/// refused, so a run that was replaced cannot write into its successor.
class RunRecord {
public:
    /// Starts a new run of `request` (its runId set here, one above the previous run's); the record empties.
    const TrainingRequest& begin(TrainingRequest request);
    /// A saved run, shown again under a new runId: the record holds `sources`, every setup and snapshot re-labelled.
    /// `checkpoint`: where the saved run stood (an autosave's), kept as the record's newest from the start.
    const TrainingRequest& restore(TrainingRequest request, std::vector<SourceRecord> sources,
                                   std::shared_ptr<const TrainingCheckpoint> checkpoint = nullptr);
    /// The record empties (begin and restore call it; a Reset begins the same request again, under a new id).
    void clear() {
        sources_.clear();
        results_.clear();
        checkpoint_.reset();
    }
    /// False (and nothing kept) for a message of another run, a setup that skips a source, a snapshot of a source
    /// without its setup, or a second end (with a result) of a finished source.
    bool add(const TrainingSetup& setup);
    bool add(const TrainingSnapshot& snapshot);

    [[nodiscard]] const TrainingRequest& request() const { return request_; }
    [[nodiscard]] const std::vector<SourceRecord>& sources() const { return sources_; }
    /// The results of the sources that finished, in the order of the request's sources.
    [[nodiscard]] const std::vector<ExperimentResult>& finishedResults() const { return results_; }
    [[nodiscard]] bool begun() const { return request_.runId != 0; }
    /// The newest checkpoint of the run (none before its first epoch ends, nor after it finished).
    [[nodiscard]] const std::shared_ptr<const TrainingCheckpoint>& checkpoint() const { return checkpoint_; }

private:
    std::shared_ptr<const TrainingCheckpoint> checkpoint_;
    std::uint64_t lastRunId_ = 0;
    TrainingRequest request_;
    std::vector<SourceRecord> sources_;
    std::vector<ExperimentResult> results_;  // of the finished sources, kept with `sources_`
    void collectResults();
};

/// The record as it stood at `checkpoint` (a run continued from it trains the rest again): the sources after its
/// source and the folds after its fold dropped, the current fold's series cut at its epoch, and that source's last
/// snapshot at rest at that point with the checkpoint's weights and no result.
void trimToCheckpoint(std::vector<SourceRecord>& sources, const TrainingCheckpoint& checkpoint);
/// Whether `checkpoint` belongs to these records: its source is one of them, and its weights and confusion matrix have
/// the shapes of that source's layers (a file put together by hand must not reach the views); the error says what.
Status checkpointFits(const TrainingCheckpoint& checkpoint, const std::vector<SourceRecord>& sources);

/// The snapshots that draw a saved source again: one per fold with its series (playing, so a view draws only the
/// series), then the source's last snapshot at rest.
std::vector<TrainingSnapshot> replaySnapshots(const SourceRecord& source, std::uint64_t runId, int sourceIndex);

}  // namespace mtj
