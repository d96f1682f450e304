// SPDX-License-Identifier: GPL-3.0-or-later
// The network and training sections of a preset (docs/formats.md "network" and "training"; docs/physics.md section 6).
// Plain values with validation; the trainer that uses them is engine/network (device-in-the-loop training).
// Any thread may use them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/parameter_table.hpp"
#include "common/status.hpp"

namespace mtj {

enum class GradientSource { DeviceFiniteDifference, DeviceExact, NominalModel, Tanh };
enum class OptimizerKind { Sgd, Momentum, Adam };
/// in-the-loop: forward and backward on the devices (the paper's method, with any gradient source);
/// model-then-deploy: train forward and backward on a model of the device, write the weights into the sampled
/// devices, evaluate there, then optionally fine-tune on the devices (the usual practice the paper argues against).
enum class TrainingMode { InTheLoop, ModelThenDeploy };
/// The model of model-then-deploy: the nominal device's curve, or tanh scaled to it.
enum class DeviceModelKind { Nominal, Tanh };

const char* toString(GradientSource source);  // "device-fd" | "device-exact" | "nominal-model" | "tanh"
const char* toString(OptimizerKind kind);     // "sgd" | "momentum" | "adam"
bool parseGradientSource(const std::string& text, GradientSource& out);
bool parseOptimizerKind(const std::string& text, OptimizerKind& out);
const char* toString(TrainingMode mode);      // "in-the-loop" | "model-then-deploy"
const char* toString(DeviceModelKind model);  // "nominal" | "tanh"
bool parseTrainingMode(const std::string& text, TrainingMode& out);
bool parseDeviceModelKind(const std::string& text, DeviceModelKind& out);

struct NetworkSettings {
    std::vector<int> hidden{16};  // widths of the hidden layers of MTJ neurons
    double inputGain = 1.0;       // x = input_gain * z
};

struct TrainingSettings {
    std::string dataset = "iris";  // "iris" | "mnist" | "csv:PATH" | "xor" | "circles" | "spirals" | "moons"
    GradientSource gradient = GradientSource::DeviceFiniteDifference;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 0.01;
    int batchSize = 16;
    int epochs = 200;
    int folds = 5;  // k-fold cross-validation; 0 = the data set's own train/test split
    std::uint64_t seed = 1;
    double learningRateDecay = 1.0;  // the learning rate is multiplied by this after every epoch
    int earlyStopPatience = 0;       // stop when validation accuracy has not improved for this many epochs; 0 = off
    int samples = 400;               // generated 2-D sets: number of points
    double noise = 0.1;              // generated 2-D sets: Gaussian noise on the coordinates
    TrainingMode mode = TrainingMode::InTheLoop;
    DeviceModelKind model = DeviceModelKind::Nominal;  // model-then-deploy only
    int finetuneEpochs = 0;                            // model-then-deploy only: epochs on the devices after deployment
};

/// The parameter tables of the network and training sections (common/parameter_table.hpp), keyed as in the preset.
const ParameterTable<NetworkSettings>& networkParameterTable();
const ParameterTable<TrainingSettings>& trainingParameterTable();

/// Every row's check (the message names the preset key, the value and the range), then the rules across rows.
Status validate(const NetworkSettings& settings);
Status validate(const TrainingSettings& settings);

}  // namespace mtj
