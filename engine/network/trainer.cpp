// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/trainer.hpp"
#include "common/random_streams.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "physics/random.hpp"

namespace mtj {
namespace {
std::uint64_t mix(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    std::uint64_t x =
        a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xD1B54A32D192ED03ULL ^ c * 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 31;
    return x * 0x94D049BB133111EBULL;
}
}  // namespace

Trainer::Trainer(DeviceNetwork network, Dataset train, Dataset validation, Dataset test, TrainerSettings settings,
                 std::optional<DeviceNetwork> model)
    : Trainer(std::move(network), std::make_shared<const Dataset>(std::move(train)),
              std::make_shared<const Dataset>(std::move(validation)), std::make_shared<const Dataset>(std::move(test)),
              settings, std::move(model)) {}

Trainer::Trainer(DeviceNetwork network, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> validation,
                 std::shared_ptr<const Dataset> test, TrainerSettings settings, std::optional<DeviceNetwork> model)
    : network_(std::move(network)),
      model_(std::move(model)),
      train_(train ? std::move(train) : std::make_shared<const Dataset>()),
      validation_(validation ? std::move(validation) : std::make_shared<const Dataset>()),
      test_(test ? std::move(test) : std::make_shared<const Dataset>()),
      settings_(settings),
      optimizer_(settings.optimizer, settings.learningRate) {
    reset();
}

void Trainer::reset() {
    network_.initialize(settings_.seed);
    if (model_) model_->initialize(settings_.seed);
    onDevices_ = !model_.has_value();
    deployment_ = DeploymentReport{};
    optimizer_ = Optimizer(settings_.optimizer, settings_.learningRate);
    epoch_ = 0;
    batchInEpoch_ = 0;
    step_ = 0;
    stoppedEarly_ = false;
    bestValidation_ = -1.0;
    epochsWithoutImprovement_ = 0;
    history_.clear();
    beginEpoch();
}

int Trainer::batchesPerEpoch() const {
    const auto n = static_cast<int>(train_->size());
    return (n + settings_.batchSize - 1) / settings_.batchSize;
}

bool Trainer::finished() const {
    if (!onDevices_) return false;  // the deployment is still to come
    if (stoppedEarly_) return true;
    return model_ ? epoch_ >= deployment_.epoch + settings_.finetuneEpochs : epoch_ >= settings_.epochs;
}

int Trainer::plannedEpochs() const { return settings_.epochs + (model_ ? settings_.finetuneEpochs : 0); }

void Trainer::deploy() {
    // The model's weights, written into the devices; the optimiser starts afresh at the current learning rate.
    network_.parameters() = model_->parameters();
    onDevices_ = true;
    optimizer_ = Optimizer(settings_.optimizer, learningRate());
    stoppedEarly_ = false;
    bestValidation_ = -1.0;
    epochsWithoutImprovement_ = 0;
    deployment_.done = true;
    deployment_.epoch = epoch_;
    const std::uint64_t key = mix(settings_.seed, static_cast<std::uint64_t>(epoch_), random_streams::trainingReadings);
    deployment_.trainAccuracy = accuracy(*train_, key + 2);
    if (validation_->size() > 0) deployment_.validationAccuracy = accuracy(*validation_, key, &confusion_);
    if (test_->size() > 0)
        deployment_.testAccuracy = accuracy(*test_, key + 1, validation_->size() > 0 ? nullptr : &confusion_);
}

void Trainer::setLearningRate(double learningRate) { optimizer_.setLearningRate(learningRate); }

void Trainer::beginEpoch() {
    order_.resize(train_->size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    GaussianRandom random(settings_.seed, random_streams::epochOrder +
                                              static_cast<std::uint64_t>(epoch_) * random_streams::epochOrderStride);
    for (std::size_t i = order_.size(); i > 1; --i) {
        const std::size_t j = std::min(static_cast<std::size_t>(random.uniform() * static_cast<double>(i)), i - 1);
        std::swap(order_[i - 1], order_[j]);
    }
    batchInEpoch_ = 0;
    lossSum_ = 0.0;
    correct_ = seen_ = 0;
    cosineSums_.assign(network().configuration().hidden.size(), 0.0);
    cosineBatches_ = 0;
}

Status Trainer::stepBatch(BatchReport* batchReport, EpochReport* epochEnded) {
    if (finished()) return Status::ok();
    const std::size_t begin = static_cast<std::size_t>(batchInEpoch_) * settings_.batchSize;
    const std::size_t end = std::min(train_->size(), begin + static_cast<std::size_t>(settings_.batchSize));
    const auto count = static_cast<Eigen::Index>(end - begin);
    batchInputs_.resize(train_->features.rows(), count);
    batchLabels_.resize(static_cast<std::size_t>(count));
    for (Eigen::Index i = 0; i < count; ++i) {
        const std::size_t sample = order_[begin + static_cast<std::size_t>(i)];
        batchInputs_.col(i) = train_->features.col(static_cast<Eigen::Index>(sample));
        batchLabels_[static_cast<std::size_t>(i)] = train_->labels[sample];
    }
    int correct = 0;
    std::vector<float> cosines;
    const float loss = network().trainingGradients(
        batchInputs_, batchLabels_,
        mix(settings_.seed, static_cast<std::uint64_t>(epoch_), static_cast<std::uint64_t>(batchInEpoch_)), gradients_,
        correct, &cosines);
    if (!std::isfinite(loss)) {
        std::ostringstream message;
        message << "epoch " << epoch_ + 1 << ", batch " << batchInEpoch_ + 1
                << ": the loss is not finite (training diverged); try a lower learning rate than " << learningRate();
        stoppedEarly_ = true;
        return Status::error(message.str());
    }
    optimizer_.step(network().parameters(), gradients_);
    ++step_;
    ++batchInEpoch_;
    lossSum_ += static_cast<double>(loss) * static_cast<double>(count);
    correct_ += correct;
    seen_ += count;
    if (!cosines.empty()) {
        for (std::size_t l = 0; l < cosines.size(); ++l) cosineSums_[l] += cosines[l];
        ++cosineBatches_;
    }
    if (batchReport != nullptr) {
        batchReport->epoch = epoch_ + 1;
        batchReport->batch = batchInEpoch_;
        batchReport->batchesPerEpoch = batchesPerEpoch();
        batchReport->step = step_;
        batchReport->loss = loss;
        batchReport->accuracy = static_cast<double>(correct) / static_cast<double>(count);
        batchReport->layerCosines = cosines;
    }
    if (batchInEpoch_ < batchesPerEpoch()) return Status::ok();

    // End of the epoch: evaluate and report.
    EpochReport report;
    report.epoch = epoch_ + 1;
    report.loss = lossSum_ / static_cast<double>(seen_);
    report.trainAccuracy = static_cast<double>(correct_) / static_cast<double>(seen_);
    report.learningRate = learningRate();
    report.onModel = !onDevices_;
    const std::uint64_t evaluationKey =
        mix(settings_.seed, static_cast<std::uint64_t>(epoch_), random_streams::evaluationReadings);
    if (validation_->size() > 0) report.validationAccuracy = accuracy(*validation_, evaluationKey, &confusion_);
    if (test_->size() > 0)
        report.testAccuracy = accuracy(*test_, evaluationKey + 1, validation_->size() > 0 ? nullptr : &confusion_);
    if (cosineBatches_ > 0) {
        double sum = 0.0;
        for (double s : cosineSums_) {
            report.layerCosines.push_back(s / static_cast<double>(cosineBatches_));
            sum += report.layerCosines.back();
        }
        report.gradientCosine = sum / static_cast<double>(report.layerCosines.size());
    }
    history_.push_back(report);
    ++epoch_;
    if (settings_.learningRateDecay != 1.0) setLearningRate(learningRate() * settings_.learningRateDecay);
    if (settings_.earlyStopPatience > 0 && validation_->size() > 0) {
        if (report.validationAccuracy > bestValidation_) {
            bestValidation_ = report.validationAccuracy;
            epochsWithoutImprovement_ = 0;
        } else if (++epochsWithoutImprovement_ >= settings_.earlyStopPatience) {
            stoppedEarly_ = true;
        }
    }
    if (!onDevices_ && (epoch_ >= settings_.epochs || stoppedEarly_)) deploy();
    if (epochEnded != nullptr) *epochEnded = report;
    beginEpoch();
    return Status::ok();
}

TrainerState Trainer::state() const {
    TrainerState s;
    s.epoch = epoch_;
    s.step = step_;
    s.onDevices = onDevices_;
    s.stoppedEarly = stoppedEarly_;
    s.bestValidation = bestValidation_;
    s.epochsWithoutImprovement = epochsWithoutImprovement_;
    s.deployment = deployment_;
    s.history = history_;
    s.optimizer = optimizer_.state();
    s.network = network_.parameters();
    if (model_) s.model = model_->parameters();
    s.confusion = confusion_;
    return s;
}

namespace {
bool sameShape(const ParameterSet& a, const ParameterSet& b) {
    if (a.weights.size() != b.weights.size() || a.biases.size() != b.biases.size()) return false;
    for (std::size_t l = 0; l < a.weights.size(); ++l)
        if (a.weights[l].rows() != b.weights[l].rows() || a.weights[l].cols() != b.weights[l].cols()) return false;
    for (std::size_t l = 0; l < a.biases.size(); ++l)
        if (a.biases[l].size() != b.biases[l].size()) return false;
    return true;
}
}  // namespace

Status Trainer::restore(const TrainerState& state) {
    if (!sameShape(state.network, network_.parameters()))
        return Status::error("the checkpoint's network has another shape than this run's");
    if (state.model.has_value() != model_.has_value())
        return Status::error(model_ ? "the checkpoint has no model network, and this run deploys one"
                                    : "the checkpoint has a model network, and this run trains in the loop");
    if (model_ && !sameShape(*state.model, model_->parameters()))
        return Status::error("the checkpoint's model network has another shape than this run's");
    if (!state.onDevices && !state.model)
        return Status::error("the checkpoint trains a model network it does not hold");
    const ParameterSet& trained = state.onDevices ? state.network : *state.model;
    // The moments the optimiser keeps: none before its first step (and none for SGD), the first for momentum, both
    // for Adam; each with the network's shape.
    const bool noMoments = state.optimizer.first.weights.empty() && state.optimizer.first.biases.empty() &&
                           state.optimizer.second.weights.empty() && state.optimizer.second.biases.empty();
    bool momentsOk = noMoments;
    if (!noMoments && settings_.optimizer == OptimizerKind::Momentum)
        momentsOk = sameShape(state.optimizer.first, trained) && state.optimizer.second.weights.empty() &&
                    state.optimizer.second.biases.empty();
    if (!noMoments && settings_.optimizer == OptimizerKind::Adam)
        momentsOk = sameShape(state.optimizer.first, trained) && sameShape(state.optimizer.second, trained);
    if (!momentsOk) return Status::error("the checkpoint's optimiser moments do not fit the network and its optimiser");
    if (state.epoch < 0 || state.epoch != static_cast<int>(state.history.size()) || state.step < 0)
        return Status::error("the checkpoint's epoch count does not match its history");
    if (state.epochsWithoutImprovement < 0 || state.deployment.epoch < 0 || state.optimizer.steps < 0 ||
        !std::isfinite(state.optimizer.learningRate))
        return Status::error("the checkpoint's counters are out of range");
    const Eigen::Index classes = network_.parameters().biases.empty() ? 0 : network_.parameters().biases.back().size();
    if ((state.confusion.rows() != 0 || state.confusion.cols() != 0) &&
        (state.confusion.rows() != classes || state.confusion.cols() != classes))
        return Status::error("the checkpoint's confusion matrix does not fit the classes");
    network_.parameters() = state.network;
    if (model_) model_->parameters() = *state.model;
    onDevices_ = state.onDevices;
    deployment_ = state.deployment;
    optimizer_.restore(state.optimizer);
    epoch_ = state.epoch;
    step_ = state.step;
    stoppedEarly_ = state.stoppedEarly;
    bestValidation_ = state.bestValidation;
    epochsWithoutImprovement_ = state.epochsWithoutImprovement;
    history_ = state.history;
    confusion_ = state.confusion;
    beginEpoch();  // the next epoch's order: keyed by the epoch, as the uninterrupted run drew it
    return Status::ok();
}

Status Trainer::run(const std::atomic<bool>* stop, const std::function<void(const BatchReport&)>& onBatch,
                    const std::function<void(const EpochReport&)>& onEpoch) {
    BatchReport batch;
    EpochReport epoch;
    while (!finished()) {
        if (stop != nullptr && stop->load(std::memory_order_relaxed)) return Status::ok();
        epoch.epoch = 0;
        if (Status s = stepBatch(&batch, &epoch); !s) return s;
        if (onBatch) onBatch(batch);
        if (epoch.epoch != 0 && onEpoch) onEpoch(epoch);
    }
    return Status::ok();
}

double Trainer::accuracy(const Dataset& data, std::uint64_t noiseKey, Eigen::MatrixXi* confusion) {
    if (data.size() == 0) return std::numeric_limits<double>::quiet_NaN();
    const int classes = data.classes;
    if (confusion != nullptr) *confusion = Eigen::MatrixXi::Zero(classes, classes);
    long correct = 0;
    constexpr Eigen::Index chunk = 2048;
    for (Eigen::Index start = 0; start < static_cast<Eigen::Index>(data.size()); start += chunk) {
        const Eigen::Index count = std::min<Eigen::Index>(chunk, static_cast<Eigen::Index>(data.size()) - start);
        const Eigen::MatrixXf p = network().probabilities(data.features.middleCols(start, count),
                                                          noiseKey + static_cast<std::uint64_t>(start));
        for (Eigen::Index c = 0; c < count; ++c) {
            Eigen::Index predicted = 0;
            p.col(c).maxCoeff(&predicted);
            const int truth = data.labels[static_cast<std::size_t>(start + c)];
            if (predicted == truth) ++correct;
            if (confusion != nullptr && predicted < classes) (*confusion)(truth, static_cast<int>(predicted)) += 1;
        }
    }
    return static_cast<double>(correct) / static_cast<double>(data.size());
}

}  // namespace mtj
