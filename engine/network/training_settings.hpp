// The network and training sections of a preset (presets.md "network" and "training"; physics.md section 6).
// Plain values with validation; the trainer that uses them is engine/network (device-in-the-loop training).
// Any thread may use them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace mtj {

enum class GradientSource { DeviceFiniteDifference, DeviceExact, NominalModel, Tanh };
enum class OptimizerKind { Sgd, Momentum, Adam };

const char* toString(GradientSource source);  // "device-fd" | "device-exact" | "nominal-model" | "tanh"
const char* toString(OptimizerKind kind);     // "sgd" | "momentum" | "adam"
bool parseGradientSource(const std::string& text, GradientSource& out);
bool parseOptimizerKind(const std::string& text, OptimizerKind& out);

struct NetworkSettings {
    std::vector<int> hidden{16};   // widths of the hidden layers of MTJ neurons
    double inputGain = 1.0;        // x = input_gain * z
};

struct TrainingSettings {
    std::string dataset = "iris";  // "iris" | "mnist" | "csv:PATH" | "xor" | "circles" | "spirals" | "moons"
    GradientSource gradient = GradientSource::DeviceFiniteDifference;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 0.01;
    int batchSize = 16;
    int epochs = 200;
    int folds = 5;                 // k-fold cross-validation; 0 = the data set's own train/test split
    std::uint64_t seed = 1;
    double learningRateDecay = 1.0; // the learning rate is multiplied by this after every epoch
    int earlyStopPatience = 0;     // stop when validation accuracy has not improved for this many epochs; 0 = off
    int samples = 400;             // generated 2-D sets: number of points
    double noise = 0.1;            // generated 2-D sets: Gaussian noise on the coordinates
};

Status validate(const NetworkSettings& settings);
Status validate(const TrainingSettings& settings);

}  // namespace mtj
