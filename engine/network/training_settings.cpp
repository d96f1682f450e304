#include "network/training_settings.hpp"

#include <cmath>

namespace mtj {

const char* toString(GradientSource source) {
    switch (source) {
        case GradientSource::DeviceFiniteDifference: return "device-fd";
        case GradientSource::DeviceExact: return "device-exact";
        case GradientSource::NominalModel: return "nominal-model";
        case GradientSource::Tanh: return "tanh";
    }
    return "device-fd";
}
const char* toString(OptimizerKind kind) {
    switch (kind) {
        case OptimizerKind::Sgd: return "sgd";
        case OptimizerKind::Momentum: return "momentum";
        case OptimizerKind::Adam: return "adam";
    }
    return "adam";
}
bool parseGradientSource(const std::string& text, GradientSource& out) {
    if (text == "device-fd")
        out = GradientSource::DeviceFiniteDifference;
    else if (text == "device-exact")
        out = GradientSource::DeviceExact;
    else if (text == "nominal-model")
        out = GradientSource::NominalModel;
    else if (text == "tanh")
        out = GradientSource::Tanh;
    else
        return false;
    return true;
}
bool parseOptimizerKind(const std::string& text, OptimizerKind& out) {
    if (text == "sgd")
        out = OptimizerKind::Sgd;
    else if (text == "momentum")
        out = OptimizerKind::Momentum;
    else if (text == "adam")
        out = OptimizerKind::Adam;
    else
        return false;
    return true;
}

const char* toString(TrainingMode mode) {
    return mode == TrainingMode::ModelThenDeploy ? "model-then-deploy" : "in-the-loop";
}
const char* toString(DeviceModelKind model) { return model == DeviceModelKind::Tanh ? "tanh" : "nominal"; }
bool parseTrainingMode(const std::string& text, TrainingMode& out) {
    if (text == "in-the-loop")
        out = TrainingMode::InTheLoop;
    else if (text == "model-then-deploy")
        out = TrainingMode::ModelThenDeploy;
    else
        return false;
    return true;
}
bool parseDeviceModelKind(const std::string& text, DeviceModelKind& out) {
    if (text == "nominal")
        out = DeviceModelKind::Nominal;
    else if (text == "tanh")
        out = DeviceModelKind::Tanh;
    else
        return false;
    return true;
}

Status validate(const NetworkSettings& s) {
    if (s.hidden.empty() || s.hidden.size() > 16) {
        return Status::error("network.hidden: must list 1 to 16 hidden-layer widths");
    }
    for (int width : s.hidden) {
        if (width < 1 || width > 4096) {
            return Status::error("network.hidden: width " + std::to_string(width) + " must be in [1, 4096]");
        }
    }
    if (!std::isfinite(s.inputGain) || s.inputGain <= 0.0 || s.inputGain > 1e3) {
        return Status::error("network.input_gain = " + std::to_string(s.inputGain) + ": must be in (0, 1000]");
    }
    return Status::ok();
}

Status validate(const TrainingSettings& s) {
    const std::string& d = s.dataset;
    const bool known = d == "iris" || d == "mnist" || d == "xor" || d == "circles" || d == "spirals" || d == "moons" ||
                       (d.rfind("csv:", 0) == 0 && d.size() > 4);
    if (!known) {
        return Status::error("training.dataset = \"" + d +
                             "\": must be iris, mnist, xor, circles, spirals, moons or csv:PATH");
    }
    if (!std::isfinite(s.learningRate) || s.learningRate <= 0.0 || s.learningRate > 10.0) {
        return Status::error("training.learning_rate = " + std::to_string(s.learningRate) + ": must be in (0, 10]");
    }
    if (s.batchSize < 1 || s.batchSize > 65536) {
        return Status::error("training.batch_size = " + std::to_string(s.batchSize) + ": must be in [1, 65536]");
    }
    if (s.epochs < 1 || s.epochs > 100000) {
        return Status::error("training.epochs = " + std::to_string(s.epochs) + ": must be in [1, 100000]");
    }
    if (!std::isfinite(s.learningRateDecay) || s.learningRateDecay <= 0.0 || s.learningRateDecay > 1.0) {
        return Status::error("training.learning_rate_decay = " + std::to_string(s.learningRateDecay) +
                             ": must be in (0, 1]");
    }
    if (s.earlyStopPatience < 0 || s.earlyStopPatience > 100000) {
        return Status::error("training.early_stop_patience = " + std::to_string(s.earlyStopPatience) +
                             ": must be in [0, 100000]");
    }
    if (s.samples < 4 || s.samples > 1000000) {
        return Status::error("training.samples = " + std::to_string(s.samples) + ": must be in [4, 1000000]");
    }
    if (!std::isfinite(s.noise) || s.noise < 0.0 || s.noise > 10.0) {
        return Status::error("training.noise = " + std::to_string(s.noise) + ": must be in [0, 10]");
    }
    if (s.finetuneEpochs < 0 || s.finetuneEpochs > 100000) {
        return Status::error("training.finetune_epochs = " + std::to_string(s.finetuneEpochs) +
                             ": must be in [0, 100000]");
    }
    if (s.mode == TrainingMode::ModelThenDeploy && s.gradient == GradientSource::Tanh) {
        return Status::error(
            "training.gradient = \"tanh\" with training.mode = \"model-then-deploy\": a tanh network has no "
            "devices to deploy to (use training.model = \"tanh\" to train on tanh and deploy to the devices)");
    }
    if (s.folds < 0 || s.folds == 1 || s.folds > 50) {
        return Status::error("training.folds = " + std::to_string(s.folds) + ": must be 0 or in [2, 50]");
    }
    return Status::ok();
}

}  // namespace mtj
