// SPDX-License-Identifier: GPL-3.0-or-later
// Trainer: mini-batch training of a DeviceNetwork, one batch at a time, so a window can play, pause and step it and
// the command line can run it to the end. Every epoch shuffles the training set with a seeded permutation; every
// batch's read noise has its own key; a fixed seed reproduces a run bit for bit.
//
// Reports: per batch (loss, accuracy, gradient agreement per hidden layer) and per epoch (mean loss, the running
// training accuracy of the epoch's batches, validation and test accuracy of a forward pass with read noise, mean
// gradient agreement). A NaN or infinite loss stops training with a message naming the epoch and suggesting a lower
// learning rate. Optional early stop when the validation accuracy has not improved for `earlyStopPatience` epochs.
// Model-then-deploy (TrainingMode::ModelThenDeploy): constructed with a model network too, the trainer first trains
// the model (every hidden neuron the same model device: the nominal curve or tanh scaled to it) for `epochs`
// epochs, then deploys: it writes the weights into the device network, evaluates them there (deployment()), and
// fine-tunes on the devices with the device network's gradient source for `finetuneEpochs` more epochs.
// Knows nothing of Qt; one thread drives an instance; `stop` may be set from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

#include "data/dataset.hpp"
#include "network/device_network.hpp"
#include "network/optimizer.hpp"

namespace mtj {

struct TrainerSettings {
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 0.01;
    int batchSize = 16;
    int epochs = 200;
    std::uint64_t seed = 1;
    int earlyStopPatience = 0;       // 0: off
    double learningRateDecay = 1.0;  // multiplies the learning rate after every epoch
    int finetuneEpochs = 0;          // model-then-deploy: epochs on the devices after deployment
};

struct BatchReport {
    int epoch = 0;  // 1-based epoch the batch belongs to
    int batch = 0;  // 1-based within the epoch
    int batchesPerEpoch = 0;
    long step = 0;  // batches since reset
    double loss = 0.0;
    double accuracy = 0.0;
    std::vector<float> layerCosines;  // empty when agreement does not apply
};

struct EpochReport {
    int epoch = 0;
    double loss = 0.0;
    double trainAccuracy = 0.0;
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double gradientCosine = std::numeric_limits<double>::quiet_NaN();  // mean over batches and hidden layers
    std::vector<double> layerCosines;                                  // mean over batches, per hidden layer
    double learningRate = 0.0;
    bool onModel = false;  // model-then-deploy: an epoch trained and evaluated on the model
};

/// The evaluation of the model's weights on the devices at deployment (model-then-deploy).
struct DeploymentReport {
    bool done = false;
    int epoch = 0;  // completed epochs when the weights were deployed
    double trainAccuracy = std::numeric_limits<double>::quiet_NaN();
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
};

/// What a trainer carries from one epoch to the next, taken at an epoch's end: with the same plan and seed, a trainer
/// restored from it trains the remaining epochs exactly as the trainer it was taken from (every random stream is
/// keyed by the seed, the epoch and the batch, so no generator state is needed). See docs/files.md, "Checkpoints".
struct TrainerState {
    int epoch = 0;
    long step = 0;
    bool onDevices = true;
    bool stoppedEarly = false;
    double bestValidation = -1.0;
    int epochsWithoutImprovement = 0;
    DeploymentReport deployment;
    std::vector<EpochReport> history;
    OptimizerState optimizer;
    ParameterSet network;               // the device network's weights
    std::optional<ParameterSet> model;  // model-then-deploy: the model's weights
    Eigen::MatrixXi confusion;
};

class Trainer {
public:
    /// With `model`, the run is model-then-deploy (see above); without, in the loop.
    Trainer(DeviceNetwork network, Dataset train, Dataset validation, Dataset test, TrainerSettings settings,
            std::optional<DeviceNetwork> model = std::nullopt);
    /// The same on data shared with others (the folds of an experiment plan): no copy of the data set.
    Trainer(DeviceNetwork network, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> validation,
            std::shared_ptr<const Dataset> test, TrainerSettings settings,
            std::optional<DeviceNetwork> model = std::nullopt);

    /// Back to the initial weights of the seed, epoch 0, empty history.
    void reset();
    /// Trains one batch. `epochEnded` (optional) is filled when this batch completed an epoch. Returns an error on a
    /// non-finite loss; does nothing when finished().
    Status stepBatch(BatchReport* batch = nullptr, EpochReport* epochEnded = nullptr);
    /// The state at the end of the last completed epoch (only between epochs: batchInEpoch() == 0).
    [[nodiscard]] TrainerState state() const;
    /// Continues from `state` (taken from a trainer of the same plan, fold and settings); an error names what does
    /// not fit (the network's shape, a model where there is none) and leaves the trainer as it was.
    Status restore(const TrainerState& state);
    /// Runs until finished, stopped (stop set; returns ok with finished() false) or failed.
    Status run(const std::atomic<bool>* stop, const std::function<void(const BatchReport&)>& onBatch,
               const std::function<void(const EpochReport&)>& onEpoch);

    [[nodiscard]] bool finished() const;
    void setLearningRate(double learningRate);
    [[nodiscard]] double learningRate() const { return optimizer_.learningRate(); }
    [[nodiscard]] int epoch() const { return epoch_; }                // completed epochs
    [[nodiscard]] int batchInEpoch() const { return batchInEpoch_; }  // batches done in the current epoch
    [[nodiscard]] int batchesPerEpoch() const;
    [[nodiscard]] long step() const { return step_; }
    [[nodiscard]] const std::vector<EpochReport>& history() const { return history_; }
    /// The network being trained: the model before deployment, the devices after (and always without a model).
    [[nodiscard]] DeviceNetwork& network() { return onDevices_ ? network_ : *model_; }
    [[nodiscard]] const DeviceNetwork& network() const { return onDevices_ ? network_ : *model_; }
    /// The device network (the sampled hardware), whatever the phase.
    [[nodiscard]] const DeviceNetwork& deviceNetwork() const { return network_; }
    [[nodiscard]] bool deploysAModel() const { return model_.has_value(); }
    [[nodiscard]] bool onDevices() const { return onDevices_; }
    [[nodiscard]] const DeploymentReport& deployment() const { return deployment_; }
    /// Epochs the whole run takes: epochs, plus finetuneEpochs after a deployment.
    [[nodiscard]] int plannedEpochs() const;
    [[nodiscard]] const TrainerSettings& settings() const { return settings_; }
    [[nodiscard]] const Dataset& trainingSet() const { return *train_; }
    [[nodiscard]] const Dataset& validationSet() const { return *validation_; }
    [[nodiscard]] const Dataset& testSet() const { return *test_; }
    /// Confusion matrix (true x predicted) of the last epoch-end evaluation: the validation set, else the test set.
    [[nodiscard]] const Eigen::MatrixXi& lastConfusion() const { return confusion_; }

    /// Accuracy of a forward pass with read noise over `data`; fills the confusion matrix (true x predicted).
    double accuracy(const Dataset& data, std::uint64_t noiseKey, Eigen::MatrixXi* confusion = nullptr);

private:
    void beginEpoch();
    void deploy();

    DeviceNetwork network_;
    std::optional<DeviceNetwork> model_;
    bool onDevices_ = true;
    DeploymentReport deployment_;
    std::shared_ptr<const Dataset> train_, validation_, test_;
    TrainerSettings settings_;
    Optimizer optimizer_;
    std::vector<std::size_t> order_;
    int epoch_ = 0;
    int batchInEpoch_ = 0;
    long step_ = 0;
    bool stoppedEarly_ = false;
    double bestValidation_ = -1.0;
    int epochsWithoutImprovement_ = 0;
    // Running sums of the current epoch.
    double lossSum_ = 0.0;
    long correct_ = 0, seen_ = 0;
    std::vector<double> cosineSums_;
    long cosineBatches_ = 0;
    std::vector<EpochReport> history_;
    Eigen::MatrixXi confusion_;
    ParameterSet gradients_;
    Eigen::MatrixXf batchInputs_;
    std::vector<int> batchLabels_;
};

}  // namespace mtj
