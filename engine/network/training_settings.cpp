// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/training_settings.hpp"

#include <cmath>

namespace mtj {

const char* toString(GradientSource value) {
    return choiceName(trainingParameterTable(), "training.gradient", static_cast<int>(value), "device-fd");
}
bool parseGradientSource(const std::string& text, GradientSource& out) {
    return parseChoice(trainingParameterTable(), "training.gradient", text, out);
}

const char* toString(OptimizerKind value) {
    return choiceName(trainingParameterTable(), "training.optimizer", static_cast<int>(value), "adam");
}
bool parseOptimizerKind(const std::string& text, OptimizerKind& out) {
    return parseChoice(trainingParameterTable(), "training.optimizer", text, out);
}

const char* toString(TrainingMode value) {
    return choiceName(trainingParameterTable(), "training.mode", static_cast<int>(value), "in-the-loop");
}
bool parseTrainingMode(const std::string& text, TrainingMode& out) {
    return parseChoice(trainingParameterTable(), "training.mode", text, out);
}

const char* toString(DeviceModelKind value) {
    return choiceName(trainingParameterTable(), "training.model", static_cast<int>(value), "nominal");
}
bool parseDeviceModelKind(const std::string& text, DeviceModelKind& out) {
    return parseChoice(trainingParameterTable(), "training.model", text, out);
}

const ParameterTable<NetworkSettings>& networkParameterTable() {
    using S = NetworkSettings;
    using enum ParameterPlace;
    static const ParameterTable<S> table = [] {
        ParameterTable<S> t;
        t.push_back(integerListParameter<S>(
            "network.hidden", MTJ_MEMBER(S, hidden), 16, closedRange(1, 4096), Elsewhere, "Hidden layers",
            "hidden layers", "The widths of the hidden layers of MTJ neurons, input side first (1 to 16 layers)."));
        t.push_back(numberParameter<S>("network.input_gain", MTJ_MEMBER(S, inputGain), "", positiveUpTo(1e3),
                                       {0.01, 100.0, 0.1, 2}, Elsewhere, "Input gain", "input gain",
                                       "x = input_gain * z: how far a weighted sum moves along the device's x axis."));
        return t;
    }();
    return table;
}

const ParameterTable<TrainingSettings>& trainingParameterTable() {
    using S = TrainingSettings;
    using enum ParameterPlace;
    static const ParameterTable<S> table = [] {
        ParameterTable<S> t;
        // In the preset's order (the writer keeps it).
        t.push_back(textParameter<S>(
            "training.dataset", MTJ_MEMBER(S, dataset), Elsewhere, "Data set", "data set",
            "Iris (150 flowers, 4 features), MNIST (handwritten digits, fetched by scripts/fetch-mnist.sh), a generated two-dimensional set (xor, circles, spirals, moons), or your own CSV (csv:PATH: numeric columns and a label column)."));
        t.push_back(choiceParameter<S, GradientSource>(
            "training.gradient", MTJ_MEMBER(S, gradient), {"device-fd", "device-exact", "nominal-model", "tanh"},
            Elsewhere, "Gradient source", "gradient source",
            "device-fd: the analog finite difference each junction measures (the paper's method); device-exact: each junction's exact slope (an oracle); nominal-model: the slope of the nominal junction, blind to variability; tanh: a digital network."));
        t.push_back(choiceParameter<S, OptimizerKind>("training.optimizer", MTJ_MEMBER(S, optimizer),
                                                      {"sgd", "momentum", "adam"}, Elsewhere, "Optimizer", "optimizer",
                                                      "The update rule of the weights."));
        t.push_back(numberParameter<S>("training.learning_rate", MTJ_MEMBER(S, learningRate), "", positiveUpTo(10.0),
                                       {1e-4, 1.0, 0.001, 4}, Elsewhere, "Learning rate", "learning rate",
                                       "The step of the optimizer."));
        t.push_back(numberParameter<S>(
            "training.learning_rate_decay", MTJ_MEMBER(S, learningRateDecay), "", positiveUpTo(1.0),
            {0.9, 1.0, 0.001, 3}, Elsewhere, "Learning-rate decay", "learning-rate decay",
            "After every epoch the learning rate is multiplied by this factor (1: a constant rate)."));
        t.push_back(integerParameter<S, int>("training.batch_size", MTJ_MEMBER(S, batchSize), "", closedRange(1, 65536),
                                             Elsewhere, "Batch size", "batch size", "Samples per weight update."));
        t.push_back(integerParameter<S, int>("training.epochs", MTJ_MEMBER(S, epochs), "", closedRange(1, 100000),
                                             Elsewhere, "Epochs", "epochs", "Passes over the training set."));
        t.push_back(integerParameter<S, int>(
            "training.folds", MTJ_MEMBER(S, folds), "", closedRange(0, 50), Elsewhere, "Folds", "folds",
            "k-fold stratified cross-validation (2 to 50 folds); 0 uses the data set's own train/test split."));
        t.push_back(integerParameter<S, std::uint64_t>(
            "training.seed", MTJ_MEMBER(S, seed), "", closedRange(0.0, 9.0e15), Elsewhere, "Seed", "training seed",
            "Seeds the initial weights, the folds, the shuffling and the read noise: the same seed repeats a run exactly."));
        t.push_back(
            integerParameter<S, int>("training.early_stop_patience", MTJ_MEMBER(S, earlyStopPatience), "",
                                     closedRange(0, 100000), Elsewhere, "Early-stop patience", "early-stop patience",
                                     "Stop when validation accuracy has not improved for this many epochs; 0: off."));
        t.push_back(integerParameter<S, int>("training.samples", MTJ_MEMBER(S, samples), "", closedRange(4, 1000000),
                                             Elsewhere, "Samples", "samples", "Generated 2-D sets: number of points."));
        t.push_back(numberParameter<S>("training.noise", MTJ_MEMBER(S, noise), "", closedRange(0.0, 10.0),
                                       {0.0, 1.0, 0.01, 2}, Elsewhere, "Noise", "data noise",
                                       "Generated 2-D sets: Gaussian noise on the coordinates."));
        t.push_back(choiceParameter<S, TrainingMode>(
            "training.mode", MTJ_MEMBER(S, mode), {"in-the-loop", "model-then-deploy"}, Elsewhere, "Training mode",
            "training mode",
            "in-the-loop: forward and backward on the devices; model-then-deploy: train on a model, deploy the weights to the devices."));
        t.push_back(choiceParameter<S, DeviceModelKind>(
            "training.model", MTJ_MEMBER(S, model), {"nominal", "tanh"}, Elsewhere, "Model trained on",
            "model trained on", "model-then-deploy: the nominal device's curve, or tanh scaled to it."));
        t.push_back(integerParameter<S, int>("training.finetune_epochs", MTJ_MEMBER(S, finetuneEpochs), "",
                                             closedRange(0, 100000), Elsewhere, "Fine-tune epochs", "fine-tune epochs",
                                             "model-then-deploy: epochs on the devices after deployment."));
        return t;
    }();
    return table;
}

Status validate(const NetworkSettings& s) { return checkParameters(networkParameterTable(), s); }

Status validate(const TrainingSettings& s) {
    if (Status rows = checkParameters(trainingParameterTable(), s); !rows) return rows;
    // What one row cannot say: which texts name a data set, the one forbidden fold count, and a pairing.
    const std::string& d = s.dataset;
    const bool known = d == "iris" || d == "mnist" || d == "xor" || d == "circles" || d == "spirals" || d == "moons" ||
                       (d.rfind("csv:", 0) == 0 && d.size() > 4);
    if (!known) {
        return Status::error("training.dataset = \"" + d +
                             "\": must be iris, mnist, xor, circles, spirals, moons or csv:PATH");
    }
    if (s.folds == 1) return Status::error("training.folds = 1: must be 0 or in [2, 50]");
    if (s.mode == TrainingMode::ModelThenDeploy && s.gradient == GradientSource::Tanh) {
        return Status::error(
            "training.gradient = \"tanh\" with training.mode = \"model-then-deploy\": a tanh network has no "
            "devices to deploy to (use training.model = \"tanh\" to train on tanh and deploy to the devices)");
    }
    return Status::ok();
}

}  // namespace mtj
