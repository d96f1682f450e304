// SPDX-License-Identifier: GPL-3.0-or-later
// An experiment: everything a preset asks for, from the data set to the final accuracies (docs/formats.md "train").
// It loads the data, samples the devices (one population per run: the same hardware for every fold), builds their
// lookup tables and the nominal device's, then trains one network per fold: k-fold stratified cross-validation, or
// the data set's own train/test split when folds = 0 (sets without one are split 80/20, stratified).
// Features are standardised on each training part. Any one thread; uses worker threads; polls `stop`.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "data/dataset.hpp"
#include "device/lookup_table.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/trainer.hpp"
#include "network/training_settings.hpp"

namespace mtj {

struct ExperimentSpec {
    NeuronSettings neuron;  // the nominal device, its drive and readout, the derivative scheme and read noise
    VariabilitySettings variability;
    NetworkSettings network;
    TrainingSettings training;
    std::string irisPath;        // resources/iris.csv
    std::string mnistDirectory;  // the verified IDX cache
    int lookupTableNodes = 129;
    int maximumTrainingSamples = 0;  // 0: all; else the first n of the training set (quick runs)
};

struct FoldResult {
    double trainAccuracy = 0.0;
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    std::vector<EpochReport> epochs;
    // Model-then-deploy: on the model at the end of its training, and on the devices right after deployment.
    double modelValidationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double modelTestAccuracy = std::numeric_limits<double>::quiet_NaN();
    DeploymentReport deployment;
};

struct ExperimentResult {
    Status status;
    std::vector<FoldResult> folds;
    double trainAccuracy = 0.0;  // mean over folds
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double gradientCosine = std::numeric_limits<double>::quiet_NaN();  // mean over folds, epochs and layers
    std::vector<EpochReport> meanEpochs;                               // epoch by epoch, averaged over folds
    double seconds = 0.0;
    // Model-then-deploy (NaN otherwise): means over folds.
    double modelValidationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double modelTestAccuracy = std::numeric_limits<double>::quiet_NaN();
    double deployedValidationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double deployedTestAccuracy = std::numeric_limits<double>::quiet_NaN();
    int deploymentEpoch = 0;  // epochs on the model before deployment (0: no deployment)
};

/// Progress: fold (0-based), folds, completed epochs of this fold, epochs.
using ExperimentProgress = std::function<void(int fold, int folds, int epoch, int epochs)>;

/// Loads the data set a training spec names (iris, mnist, csv:PATH, a generated set).
Status loadExperimentData(const ExperimentSpec& spec, DataSplit& data);

/// The devices of a network: population tables for every hidden neuron (flattened layer by layer) and the nominal
/// device's table.
Status buildNetworkDevices(const ExperimentSpec& spec, std::vector<ActivationLookupTable>& devices,
                           ActivationLookupTable& nominal, const std::atomic<bool>* stop = nullptr);

/// tanh scaled to a curve: A tanh(g (x - x0)) + c with (A, c) by least squares for each (g, x0) of a grid (x0 at the
/// nodes, g log-spaced over 0.05 to 50 per unit x) and the best pair kept; same range and nodes as `curve`.
ActivationLookupTable scaledTanhTable(const ActivationLookupTable& curve);

/// A network for `inputs` features and `classes` classes on those devices.
DeviceNetwork makeNetwork(const ExperimentSpec& spec, int inputs, int classes,
                          const std::vector<ActivationLookupTable>& devices, const ActivationLookupTable& nominal);

/// Everything prepared before training: the data, the devices and the folds. runExperiment and the training view
/// both train from a plan, so a run in the window and `mtj-explorer train` with the same seed are the same run.
struct ExperimentPlan {
    ExperimentSpec spec;
    DataSplit data;
    int classes = 0;
    std::vector<ActivationLookupTable> devices;  // every hidden neuron's device, layer by layer
    ActivationLookupTable nominal;
    ActivationLookupTable model;  // model-then-deploy: the curve every model neuron has
    struct Part {
        std::vector<std::size_t> train, validation;
    };
    std::vector<Part> parts;  // one per fold (one when folds = 0)
    Dataset heldOutTest;      // the 80/20 split of sets without their own test set
    /// Each fold's data, standardised on its training part, built once and shared by every trainer of the fold (the
    /// sources of a comparison, a reset): one copy of the data set in memory. The raw `data` keeps only its labels,
    /// class names and shape once these are built.
    struct FoldData {
        std::shared_ptr<const Dataset> train, validation, test;
    };
    std::vector<FoldData> foldData;
    int dimension = 0;
    TrainerSettings trainer;
};

Status prepareExperiment(const ExperimentSpec& spec, ExperimentPlan& plan, const std::atomic<bool>* stop = nullptr);

/// The trainer of fold `fold` of a plan (features standardised on its training part).
Trainer makeFoldTrainer(const ExperimentPlan& plan, std::size_t fold);

/// The result of one finished fold.
FoldResult foldResultOf(const Trainer& trainer);

/// The fold-averaged result of finished folds.
ExperimentResult summarizeFolds(std::vector<FoldResult> folds, double seconds);

ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress = {},
                               const std::atomic<bool>* stop = nullptr);

}  // namespace mtj
