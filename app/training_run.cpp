// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_run.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "paths.hpp"

namespace mtj::app {
namespace {
QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
}  // namespace

ExperimentSpec experimentFromPreset(const Preset& preset) {
    ExperimentSpec spec;
    spec.neuron = preset.neuron;
    spec.variability = preset.variability;
    spec.network = preset.network;
    spec.training = preset.training;
    spec.irisPath = (resourceDirectory() + QStringLiteral("/iris.csv")).toStdString();
    spec.mnistDirectory = mnistCacheDirectory().toStdString();
    return spec;
}

QByteArray experimentToJson(const Preset& preset, const ExperimentResult& result) {
    QJsonObject root;
    root.insert(QStringLiteral("preset"), QString::fromStdString(preset.name));
    root.insert(QStringLiteral("gradient"), QLatin1String(toString(preset.training.gradient)));
    QJsonObject final;
    final.insert(QStringLiteral("train_accuracy"), number(result.trainAccuracy));
    final.insert(QStringLiteral("validation_accuracy"), number(result.validationAccuracy));
    final.insert(QStringLiteral("test_accuracy"), number(result.testAccuracy));
    const bool deployed = preset.training.mode == TrainingMode::ModelThenDeploy;
    root.insert(QStringLiteral("mode"), QLatin1String(toString(preset.training.mode)));
    if (deployed) {
        // docs/formats.md: on the model, on the devices before fine-tuning; validation_accuracy is after fine-tuning.
        root.insert(QStringLiteral("model"), QLatin1String(toString(preset.training.model)));
        root.insert(QStringLiteral("finetune_epochs"), preset.training.finetuneEpochs);
        final.insert(QStringLiteral("model_validation_accuracy"), number(result.modelValidationAccuracy));
        final.insert(QStringLiteral("deployed_validation_accuracy"), number(result.deployedValidationAccuracy));
        final.insert(QStringLiteral("model_test_accuracy"), number(result.modelTestAccuracy));
        final.insert(QStringLiteral("deployed_test_accuracy"), number(result.deployedTestAccuracy));
        final.insert(QStringLiteral("deployment_epoch"), result.deploymentEpoch);
    }
    root.insert(QStringLiteral("final"), final);
    QJsonArray folds;
    for (const FoldResult& f : result.folds) {
        QJsonObject fold;
        fold.insert(QStringLiteral("train_accuracy"), number(f.trainAccuracy));
        fold.insert(QStringLiteral("validation_accuracy"), number(f.validationAccuracy));
        fold.insert(QStringLiteral("test_accuracy"), number(f.testAccuracy));
        if (deployed) {
            fold.insert(QStringLiteral("model_validation_accuracy"), number(f.modelValidationAccuracy));
            fold.insert(QStringLiteral("deployed_validation_accuracy"), number(f.deployment.validationAccuracy));
        }
        folds.append(fold);
    }
    root.insert(QStringLiteral("folds"), folds);
    QJsonArray epochs;
    for (const EpochReport& e : result.meanEpochs) {
        QJsonObject epoch;
        epoch.insert(QStringLiteral("epoch"), e.epoch);
        epoch.insert(QStringLiteral("loss"), number(e.loss));
        epoch.insert(QStringLiteral("train_accuracy"), number(e.trainAccuracy));
        epoch.insert(QStringLiteral("validation_accuracy"), number(e.validationAccuracy));
        epoch.insert(QStringLiteral("test_accuracy"), number(e.testAccuracy));
        epoch.insert(QStringLiteral("gradient_cosine"), number(e.gradientCosine));
        epoch.insert(QStringLiteral("learning_rate"), number(e.learningRate));
        if (deployed)
            epoch.insert(QStringLiteral("on"), e.onModel ? QStringLiteral("model") : QStringLiteral("devices"));
        epochs.append(epoch);
    }
    root.insert(QStringLiteral("epochs"), epochs);
    root.insert(QStringLiteral("gradient_cosine"), number(result.gradientCosine));
    root.insert(QStringLiteral("seconds"), number(result.seconds));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace mtj::app
