// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/run_record.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <utility>

#include "data/dataset.hpp"
#include "network/device_network.hpp"

namespace mtj {

const TrainingRequest& RunRecord::begin(TrainingRequest request) {
    request.runId = ++lastRunId_;
    request_ = std::move(request);
    clear();
    return request_;
}

const TrainingRequest& RunRecord::restore(TrainingRequest request, std::vector<SourceRecord> sources,
                                          std::shared_ptr<const TrainingCheckpoint> checkpoint) {
    begin(std::move(request));
    sources_ = std::move(sources);
    checkpoint_ = std::move(checkpoint);
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        sources_[i].setup.runId = request_.runId;
        sources_[i].setup.source = static_cast<int>(i);
        sources_[i].last.runId = request_.runId;
        sources_[i].last.source = static_cast<int>(i);
    }
    collectResults();
    return request_;
}

bool RunRecord::add(const TrainingSetup& setup) {
    if (setup.runId != request_.runId || request_.runId == 0 || setup.source < 0) return false;
    if (!setup.error.empty()) return true;  // a run that could not be prepared records nothing
    const auto index = static_cast<std::size_t>(setup.source);
    if (index > sources_.size()) return false;  // sources begin in order: one that skips a source is not this run's
    if (sources_.size() <= index) sources_.resize(index + 1);
    sources_[index] = SourceRecord{setup, {}, {}};
    return true;
}

bool RunRecord::add(const TrainingSnapshot& s) {
    if (s.runId != request_.runId || request_.runId == 0) return false;
    if (s.source < 0 || static_cast<std::size_t>(s.source) >= sources_.size() || s.fold < 0) return false;
    SourceRecord& r = sources_[static_cast<std::size_t>(s.source)];
    if (s.finished && !s.result.folds.empty() && r.last.finished && !r.last.result.folds.empty()) return false;
    if (r.folds.size() <= static_cast<std::size_t>(s.fold)) r.folds.resize(static_cast<std::size_t>(s.fold) + 1);
    FoldRecord& f = r.folds[static_cast<std::size_t>(s.fold)];
    f.epochs.insert(f.epochs.end(), s.newEpochs.begin(), s.newEpochs.end());
    f.batchLosses.insert(f.batchLosses.end(), s.batchLosses.begin(), s.batchLosses.end());
    f.batchCosines.insert(f.batchCosines.end(), s.batchCosines.begin(), s.batchCosines.end());
    // The newest of every view; a snapshot without one (no derivatives, no epoch end yet) keeps the previous.
    TrainingSnapshot last = s;
    last.newEpochs.clear();
    last.batchLosses.clear();
    last.batchCosines.clear();
    if (last.finiteDifference.empty()) {
        last.finiteDifference = std::move(r.last.finiteDifference);
        last.exact = std::move(r.last.exact);
    }
    if (last.confusion.size() == 0) last.confusion = std::move(r.last.confusion);
    if (last.map.empty()) last.map = std::move(r.last.map);
    // Weights only from a resting run: a playing snapshot makes the last resting weights stale.
    if (last.parameters.weights.empty() && !s.playing) last.parameters = std::move(r.last.parameters);
    if (last.result.folds.empty())
        last.result = std::move(r.last.result);  // later snapshots of a finished run carry none
    r.last = std::move(last);
    r.last.checkpoint.reset();  // kept once, below
    if (s.checkpoint) checkpoint_ = s.checkpoint;
    // Nothing left to continue: the last source finished, or a source failed (a diverged run would only fail again).
    if ((s.finished && static_cast<std::size_t>(s.source) + 1 == request_.sources.size()) || !s.error.empty())
        checkpoint_.reset();
    if (s.finished && !s.result.folds.empty()) collectResults();
    return true;
}

Status checkpointFits(const TrainingCheckpoint& checkpoint, const std::vector<SourceRecord>& sources) {
    if (checkpoint.source < 0 || static_cast<std::size_t>(checkpoint.source) >= sources.size())
        return Status::error("the checkpoint's source " + std::to_string(checkpoint.source) + " is not in the run");
    const std::vector<int>& widths = sources[static_cast<std::size_t>(checkpoint.source)].setup.widths;
    if (widths.size() < 2) return Status::error("the run's setup has no layers");
    const auto fits = [&](const ParameterSet& p) {
        if (p.weights.size() != widths.size() - 1 || p.biases.size() != widths.size() - 1) return false;
        for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
            if (p.weights[l].rows() != widths[l + 1] || p.weights[l].cols() != widths[l] ||
                p.biases[l].size() != widths[l + 1])
                return false;
        }
        return true;
    };
    const auto& current = checkpoint.experiment.current;
    if (current) {
        if (!fits(current->network) || (current->model && !fits(*current->model)))
            return Status::error("the checkpoint's weights do not have the run's layer widths");
        const Eigen::Index classes = widths.back();
        if ((current->confusion.rows() != 0 || current->confusion.cols() != 0) &&
            (current->confusion.rows() != classes || current->confusion.cols() != classes))
            return Status::error("the checkpoint's confusion matrix does not fit the run's classes");
    }
    return Status::ok();
}

void trimToCheckpoint(std::vector<SourceRecord>& sources, const TrainingCheckpoint& checkpoint) {
    const auto source = static_cast<std::size_t>(std::max(0, checkpoint.source));
    if (sources.size() > source + 1) sources.resize(source + 1);
    if (sources.size() <= source) return;
    SourceRecord& r = sources[source];
    const auto fold = static_cast<std::size_t>(checkpoint.fold());
    const int epoch = checkpoint.epoch();
    if (r.folds.size() > fold + 1) r.folds.resize(fold + 1);
    if (r.folds.size() <= fold) r.folds.resize(fold + 1);
    FoldRecord& f = r.folds[fold];
    std::erase_if(f.epochs, [&](const EpochReport& e) { return e.epoch > epoch; });
    // A batch of epoch e sits at (e - 1) + b / batches, in (e - 1, e]: those of completed epochs are at most `epoch`.
    std::erase_if(f.batchLosses, [&](const auto& point) { return point.first > epoch + 1e-9; });
    std::erase_if(f.batchCosines, [&](const auto& point) { return point.first > epoch + 1e-9; });
    TrainingSnapshot& last = r.last;
    last.fold = static_cast<int>(fold);
    last.epoch = epoch;
    last.playing = false;
    last.finished = false;
    last.foldFinished = false;
    last.result = ExperimentResult{};
    last.elapsedSeconds = checkpoint.experiment.seconds;
    if (checkpoint.experiment.current) {
        const TrainerState& state = *checkpoint.experiment.current;
        last.step = checkpoint.stepsAtSourceStart + state.step;
        last.learningRate = state.optimizer.learningRate;
        last.deployment = state.deployment;
        last.parameters = state.onDevices || !state.model ? state.network : *state.model;
        last.confusion = state.confusion;
    }
}

void RunRecord::collectResults() {
    results_.clear();
    for (const SourceRecord& r : sources_) {
        if (r.last.finished && !r.last.result.folds.empty()) results_.push_back(r.last.result);
    }
}

DecisionMap computeDecisionMap(DeviceNetwork& network, const Dataset& train, const Dataset& shown, int resolution) {
    DecisionMap map;
    const int d = train.dimension();
    if (d < 2 || resolution <= 0) return map;
    Eigen::MatrixXf basis(d, 2);
    if (d == 2) {
        basis.setIdentity();
        map.xLabel = "x1 (standardised)";
        map.yLabel = "x2 (standardised)";
    } else {
        // The plane of the two leading principal components of the (standardised) training features.
        const Eigen::MatrixXf centred = train.features.colwise() - train.features.rowwise().mean();
        const Eigen::MatrixXf covariance =
            centred * centred.transpose() / static_cast<float>(std::max<std::size_t>(1, train.size()));
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXf> solver(covariance);
        basis.col(0) = solver.eigenvectors().col(d - 1);
        basis.col(1) = solver.eigenvectors().col(d - 2);
        map.xLabel = "principal component 1";
        map.yLabel = "principal component 2";
    }
    const Eigen::MatrixXf plane = basis.transpose() * shown.features;  // 2 x n
    const Eigen::MatrixXf trainPlane = basis.transpose() * train.features;
    map.xMin = std::min(plane.row(0).minCoeff(), trainPlane.row(0).minCoeff()) - 0.5;
    map.xMax = std::max(plane.row(0).maxCoeff(), trainPlane.row(0).maxCoeff()) + 0.5;
    map.yMin = std::min(plane.row(1).minCoeff(), trainPlane.row(1).minCoeff()) - 0.5;
    map.yMax = std::max(plane.row(1).maxCoeff(), trainPlane.row(1).maxCoeff()) + 0.5;
    Eigen::MatrixXf grid(d, resolution * resolution);
    for (int r = 0; r < resolution; ++r) {
        for (int c = 0; c < resolution; ++c) {
            const auto u = static_cast<float>(map.xMin + (map.xMax - map.xMin) * (c + 0.5) / resolution);
            const auto v = static_cast<float>(map.yMax - (map.yMax - map.yMin) * (r + 0.5) / resolution);
            grid.col(r * resolution + c) = basis.col(0) * u + basis.col(1) * v;
        }
    }
    const Eigen::MatrixXf p = network.probabilities(grid, 0xDEC15);
    map.resolution = resolution;
    map.classes.resize(static_cast<std::size_t>(resolution) * resolution);
    map.confidence.resize(map.classes.size());
    for (int i = 0; i < resolution * resolution; ++i) {
        Eigen::Index best = 0;
        const float confidence = p.col(i).maxCoeff(&best);
        // A diverged network's probabilities are not numbers: such a cell is class 0 with no confidence.
        if (!(confidence >= 0.0f && confidence <= 1.0f)) best = 0;
        map.confidence[static_cast<std::size_t>(i)] = confidence >= 0.0f && confidence <= 1.0f ? confidence : 0.0f;
        map.classes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(std::min<Eigen::Index>(best, 255));
    }
    for (Eigen::Index i = 0; i < plane.cols(); ++i) {
        map.points.push_back({plane(0, i), plane(1, i)});
        map.labels.push_back(shown.labels[static_cast<std::size_t>(i)]);
    }
    return map;
}

std::vector<TrainingSnapshot> replaySnapshots(const SourceRecord& source, std::uint64_t runId, int sourceIndex) {
    std::vector<TrainingSnapshot> out;
    for (std::size_t f = 0; f < source.folds.size(); ++f) {
        TrainingSnapshot s;
        s.runId = runId;
        s.source = sourceIndex;
        s.fold = static_cast<int>(f);
        s.folds = source.setup.folds;
        s.epochs = source.setup.epochs;
        s.playing = true;  // the series only; the last snapshot below draws everything
        s.newEpochs = source.folds[f].epochs;
        s.batchLosses = source.folds[f].batchLosses;
        s.batchCosines = source.folds[f].batchCosines;
        out.push_back(std::move(s));
    }
    TrainingSnapshot last = source.last;
    last.runId = runId;
    last.source = sourceIndex;
    last.playing = false;
    out.push_back(std::move(last));
    return out;
}

}  // namespace mtj
