// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/experiment.hpp"
#include "network/checkpoint.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include "data/loaders.hpp"
#include "device/device_model.hpp"

namespace mtj {

Status loadExperimentData(const ExperimentSpec& spec, DataSplit& data) {
    const std::string& name = spec.training.dataset;
    DataSplit split;
    if (name == "iris") {
        if (Status s = loadIris(spec.irisPath, split.train); !s) return s;
    } else if (name == "mnist") {
        if (Status s = loadMnist(spec.mnistDirectory, split); !s) return s;
    } else if (name.rfind("csv:", 0) == 0) {
        if (Status s = loadCsv(name.substr(4), split.train); !s) return s;
    } else {
        if (Status s = generateTeachingSet(name, static_cast<std::size_t>(spec.training.samples), spec.training.noise,
                                           spec.training.seed, split.train);
            !s)
            return s;
    }
    if (spec.maximumTrainingSamples > 0 && split.train.size() > static_cast<std::size_t>(spec.maximumTrainingSamples)) {
        std::vector<std::size_t> first(static_cast<std::size_t>(spec.maximumTrainingSamples));
        for (std::size_t i = 0; i < first.size(); ++i) first[i] = i;
        split.train = split.train.subset(first);
    }
    data = std::move(split);
    return Status::ok();
}

Status buildNetworkDevices(const ExperimentSpec& spec, std::vector<ActivationLookupTable>& devices,
                           ActivationLookupTable& nominal, const std::atomic<bool>* stop) {
    std::size_t count = 0;
    for (int width : spec.network.hidden) count += static_cast<std::size_t>(width);
    // Every model through the device-model seam (device/device_model.hpp).
    std::unique_ptr<DeviceModel> model;
    if (Status s = makeDeviceModel(spec.neuron, model); !s) return s;
    if (Status s = model->buildLookupTable(spec.lookupTableNodes, nominal, stop); !s) {
        return Status::error("nominal device: " + s.message());
    }
    return buildModelPopulationTables(*model, spec.variability, count, spec.lookupTableNodes, devices, stop);
}

ActivationLookupTable scaledTanhTable(const ActivationLookupTable& curve) {
    const std::vector<double>& y = curve.nodeValues();
    const std::size_t n = y.size();
    const double spacing = (curve.xMax() - curve.xMin()) / static_cast<double>(n - 1);
    double bestError = std::numeric_limits<double>::infinity(), bestA = 0, bestC = 0, bestG = 1, bestX0 = 0;
    std::vector<double> t(n);
    for (int gi = 0; gi <= 60; ++gi) {
        const double g = 0.05 * std::pow(1000.0, gi / 60.0);
        for (std::size_t k = 0; k < n; ++k) {
            const double x0 = curve.xMin() + spacing * static_cast<double>(k);
            // Least squares of y = A t + c with t = tanh(g (x - x0)).
            double st = 0, stt = 0, sy = 0, sty = 0;
            for (std::size_t i = 0; i < n; ++i) {
                t[i] = std::tanh(g * (curve.xMin() + spacing * static_cast<double>(i) - x0));
                st += t[i];
                stt += t[i] * t[i];
                sy += y[i];
                sty += t[i] * y[i];
            }
            const double m = static_cast<double>(n);
            const double det = m * stt - st * st;
            if (!(std::abs(det) > 1e-12)) continue;
            const double a = (m * sty - st * sy) / det;
            const double c = (sy - a * st) / m;
            double error = 0;
            for (std::size_t i = 0; i < n; ++i) error += (a * t[i] + c - y[i]) * (a * t[i] + c - y[i]);
            if (error < bestError) {
                bestError = error;
                bestA = a, bestC = c, bestG = g, bestX0 = x0;
            }
        }
    }
    std::vector<double> values(n), slopes(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double th = std::tanh(bestG * (curve.xMin() + spacing * static_cast<double>(i) - bestX0));
        values[i] = bestA * th + bestC;
        slopes[i] = bestA * bestG * (1.0 - th * th);
    }
    return ActivationLookupTable(curve.xMin(), curve.xMax(), std::move(values), std::move(slopes));
}

DeviceNetwork makeNetwork(const ExperimentSpec& spec, int inputs, int classes,
                          const std::vector<ActivationLookupTable>& devices, const ActivationLookupTable& nominal) {
    NetworkConfiguration config;
    config.inputs = inputs;
    config.classes = classes;
    config.hidden = spec.network.hidden;
    config.inputGain = static_cast<float>(spec.network.inputGain);
    config.gradient = spec.training.gradient;
    config.scheme = spec.neuron.derivative.scheme;
    config.step = static_cast<float>(spec.neuron.derivative.step);
    config.readNoise = static_cast<float>(spec.neuron.derivative.readNoise);
    std::vector<DeviceLayerTables> layers;
    DeviceLayerTables nominalTable;
    if (config.usesDevices()) {
        std::size_t first = 0;
        for (int width : config.hidden) {
            layers.push_back(DeviceLayerTables::fromTables(devices, first, width));
            first += static_cast<std::size_t>(width);
        }
        nominalTable = DeviceLayerTables::fromTables({nominal}, 0, 1);
    }
    return DeviceNetwork(config, std::move(layers), std::move(nominalTable));
}

Status prepareExperiment(const ExperimentSpec& spec, ExperimentPlan& plan, const std::atomic<bool>* stop) {
    if (Status s = validate(spec.neuron); !s) return s;
    if (Status s = validate(spec.network); !s) return s;
    if (Status s = validate(spec.training); !s) return s;
    if (Status s = validate(spec.variability); !s) return s;
    ExperimentPlan p;
    p.spec = spec;
    if (Status s = loadExperimentData(spec, p.data); !s) return s;
    if (spec.training.gradient != GradientSource::Tanh) {
        if (Status s = buildNetworkDevices(spec, p.devices, p.nominal, stop); !s) return s;
        if (spec.training.mode == TrainingMode::ModelThenDeploy) {
            p.model = spec.training.model == DeviceModelKind::Tanh ? scaledTanhTable(p.nominal) : p.nominal;
            p.model.setReadingNoise({});  // the model is a noiseless simulation (a telegraph neuron's noise too)
        }
    }
    const Dataset& all = p.data.train;
    p.classes = std::max(all.classes, p.data.hasTest() ? p.data.test.classes : 0);
    if (spec.training.folds >= 2) {
        const auto folds = stratifiedFolds(all.labels, all.classes, spec.training.folds, spec.training.seed);
        for (const auto& fold : folds) p.parts.push_back({complementIndices(fold, all.size()), fold});
    } else if (p.data.hasTest()) {
        ExperimentPlan::Part part;
        for (std::size_t i = 0; i < all.size(); ++i) part.train.push_back(i);
        p.parts.push_back(part);
    } else {
        // No split of its own: hold out a stratified 20 % as the test set.
        const auto folds = stratifiedFolds(all.labels, all.classes, 5, spec.training.seed);
        p.parts.push_back({complementIndices(folds[0], all.size()), {}});
        p.heldOutTest = all.subset(folds[0]);
    }
    // Standardised fold data, once. A part that is the whole training set in order (the data set's own split)
    // takes it over instead of copying it; the raw features are released afterwards.
    p.dimension = all.dimension();
    for (const ExperimentPlan::Part& part : p.parts) {
        ExperimentPlan::FoldData fold;
        bool wholeInOrder = part.train.size() == all.size() && p.parts.size() == 1;
        for (std::size_t i = 0; wholeInOrder && i < part.train.size(); ++i) wholeInOrder = part.train[i] == i;
        Dataset train = wholeInOrder ? std::move(p.data.train) : all.subset(part.train);
        if (wholeInOrder) {
            // Keep the metadata the views read.
            p.data.train.labels = train.labels;
            p.data.train.classes = train.classes;
            p.data.train.classNames = train.classNames;
            p.data.train.featureNames = train.featureNames;
        }
        Dataset validation = part.validation.empty()            ? Dataset{}
                             : p.data.train.features.size() > 0 ? all.subset(part.validation)
                                                                : Dataset{};
        Dataset test = p.data.hasTest() ? p.data.test : p.heldOutTest;
        const Standardizer standardizer = Standardizer::fit(train);
        standardizer.apply(train);
        if (validation.size() > 0) standardizer.apply(validation);
        if (test.size() > 0) standardizer.apply(test);
        fold.train = std::make_shared<const Dataset>(std::move(train));
        fold.validation = std::make_shared<const Dataset>(std::move(validation));
        fold.test = std::make_shared<const Dataset>(std::move(test));
        p.foldData.push_back(std::move(fold));
    }
    p.data.train.features.resize(0, 0);
    p.data.test.features.resize(0, 0);
    p.heldOutTest.features.resize(0, 0);
    p.trainer.optimizer = spec.training.optimizer;
    p.trainer.learningRate = spec.training.learningRate;
    p.trainer.batchSize = spec.training.batchSize;
    p.trainer.epochs = spec.training.epochs;
    p.trainer.seed = spec.training.seed;
    p.trainer.earlyStopPatience = spec.training.earlyStopPatience;
    p.trainer.learningRateDecay = spec.training.learningRateDecay;
    p.trainer.finetuneEpochs = spec.training.mode == TrainingMode::ModelThenDeploy ? spec.training.finetuneEpochs : 0;
    plan = std::move(p);
    return Status::ok();
}

Trainer makeFoldTrainer(const ExperimentPlan& plan, std::size_t fold) {
    const ExperimentPlan::FoldData& data = plan.foldData.at(fold);
    const int dimension = plan.dimension;
    std::optional<DeviceNetwork> model;
    if (!plan.model.empty()) {
        // The model: every hidden neuron the model curve, its exact derivative, no read noise (a simulation).
        ExperimentSpec modelSpec = plan.spec;
        modelSpec.training.gradient = GradientSource::DeviceExact;
        modelSpec.neuron.derivative.readNoise = 0.0;
        std::size_t count = 0;
        for (int width : plan.spec.network.hidden) count += static_cast<std::size_t>(width);
        const std::vector<ActivationLookupTable> copies(count, plan.model);
        model.emplace(makeNetwork(modelSpec, dimension, plan.classes, copies, plan.model));
    }
    return Trainer(makeNetwork(plan.spec, dimension, plan.classes, plan.devices, plan.nominal), data.train,
                   data.validation, data.test, plan.trainer, std::move(model));
}

ExperimentResult summarizeFolds(std::vector<FoldResult> folds, double seconds) {
    ExperimentResult result;
    result.folds = std::move(folds);
    result.seconds = seconds;
    if (result.folds.empty()) return result;
    const double n = static_cast<double>(result.folds.size());
    double train = 0, validation = 0, test = 0, cosine = 0;
    long cosineCount = 0;
    std::size_t epochs = result.folds.front().epochs.size();
    for (const FoldResult& fold : result.folds) {
        train += fold.trainAccuracy;
        validation += fold.validationAccuracy;
        test += fold.testAccuracy;
        epochs = std::min(epochs, fold.epochs.size());
        for (const EpochReport& e : fold.epochs) {
            if (std::isfinite(e.gradientCosine)) {
                cosine += e.gradientCosine;
                ++cosineCount;
            }
        }
    }
    if (result.folds.front().deployment.done) {
        result.modelValidationAccuracy = result.modelTestAccuracy = 0.0;
        result.deployedValidationAccuracy = result.deployedTestAccuracy = 0.0;
        result.deploymentEpoch = result.folds.front().deployment.epoch;
        for (const FoldResult& fold : result.folds) {
            result.modelValidationAccuracy += fold.modelValidationAccuracy / n;
            result.modelTestAccuracy += fold.modelTestAccuracy / n;
            result.deployedValidationAccuracy += fold.deployment.validationAccuracy / n;
            result.deployedTestAccuracy += fold.deployment.testAccuracy / n;
        }
    }
    result.trainAccuracy = train / n;
    result.validationAccuracy = validation / n;  // NaN when folds carry none
    result.testAccuracy = test / n;
    result.gradientCosine =
        cosineCount > 0 ? cosine / static_cast<double>(cosineCount) : std::numeric_limits<double>::quiet_NaN();
    for (std::size_t e = 0; e < epochs; ++e) {
        EpochReport mean;
        mean.epoch = static_cast<int>(e + 1);
        mean.validationAccuracy = mean.testAccuracy = mean.gradientCosine = 0.0;
        for (const FoldResult& fold : result.folds) {
            const EpochReport& r = fold.epochs[e];
            mean.loss += r.loss / n;
            mean.trainAccuracy += r.trainAccuracy / n;
            mean.validationAccuracy += r.validationAccuracy / n;
            mean.testAccuracy += r.testAccuracy / n;
            mean.gradientCosine += r.gradientCosine / n;
            mean.learningRate = r.learningRate;
            mean.onModel = r.onModel;
        }
        result.meanEpochs.push_back(mean);
    }
    return result;
}

FoldResult foldResultOf(const Trainer& trainer) {
    FoldResult fold;
    fold.epochs = trainer.history();
    fold.deployment = trainer.deployment();
    for (const EpochReport& e : fold.epochs) {
        if (!e.onModel) continue;
        fold.modelValidationAccuracy = e.validationAccuracy;
        fold.modelTestAccuracy = e.testAccuracy;
    }
    if (!fold.epochs.empty()) {
        const EpochReport& last = fold.epochs.back();
        fold.trainAccuracy = last.trainAccuracy;
        fold.validationAccuracy = last.validationAccuracy;
        fold.testAccuracy = last.testAccuracy;
    }
    if (fold.deployment.done && (fold.epochs.empty() || fold.epochs.back().onModel)) {
        // Deployed without fine-tuning: the final figures are the devices' at deployment.
        fold.trainAccuracy = fold.deployment.trainAccuracy;
        fold.validationAccuracy = fold.deployment.validationAccuracy;
        fold.testAccuracy = fold.deployment.testAccuracy;
    }
    return fold;
}

ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress,
                               const std::atomic<bool>* stop) {
    return runExperiment(spec, progress, stop, ExperimentCheckpointing{});  // network/checkpoint.cpp: one fold loop
}

}  // namespace mtj
