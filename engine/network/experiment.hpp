// An experiment: everything a preset asks for, from the data set to the final accuracies (presets.md "train").
// It loads the data, samples the devices (one population per run: the same hardware for every fold), builds their
// lookup tables and the nominal device's, then trains one network per fold: k-fold stratified cross-validation, or
// the data set's own train/test split when folds = 0 (sets without one are split 80/20, stratified).
// Features are standardised on each training part. Any one thread; uses worker threads; polls `stop`.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "data/dataset.hpp"
#include "device/lookup_table.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"
#include "network/trainer.hpp"
#include "network/training_settings.hpp"

namespace mtj {

struct ExperimentSpec {
    NeuronSettings neuron;            // the nominal device, its drive and readout, the derivative scheme and read noise
    VariabilitySettings variability;
    NetworkSettings network;
    TrainingSettings training;
    std::string irisPath;             // resources/iris.csv
    std::string mnistDirectory;       // the verified IDX cache
    int lookupTableNodes = 129;
    int maximumTrainingSamples = 0;   // 0: all; else the first n of the training set (quick runs)
};

struct FoldResult {
    double trainAccuracy = 0.0;
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    std::vector<EpochReport> epochs;
};

struct ExperimentResult {
    Status status;
    std::vector<FoldResult> folds;
    double trainAccuracy = 0.0;        // mean over folds
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double gradientCosine = std::numeric_limits<double>::quiet_NaN();  // mean over folds, epochs and layers
    std::vector<EpochReport> meanEpochs;  // epoch by epoch, averaged over folds
    double seconds = 0.0;
};

/// Progress: fold (0-based), folds, completed epochs of this fold, epochs.
using ExperimentProgress = std::function<void(int fold, int folds, int epoch, int epochs)>;

/// Loads the data set a training spec names (iris, mnist, csv:PATH, a generated set).
Status loadExperimentData(const ExperimentSpec& spec, DataSplit& data);

/// The devices of a network: population tables for every hidden neuron (flattened layer by layer) and the nominal
/// device's table.
Status buildNetworkDevices(const ExperimentSpec& spec, std::vector<ActivationLookupTable>& devices,
                           ActivationLookupTable& nominal, const std::atomic<bool>* stop = nullptr);

/// A network for `inputs` features and `classes` classes on those devices.
DeviceNetwork makeNetwork(const ExperimentSpec& spec, int inputs, int classes,
                          const std::vector<ActivationLookupTable>& devices, const ActivationLookupTable& nominal);

ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress = {},
                               const std::atomic<bool>* stop = nullptr);

}  // namespace mtj
