// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer: a fixed seed reproduces a run bit for bit, a diverging run stops with a clear message, learning-rate
// changes and early stopping, and the experiment runner's folds (Iris).
#include <QtTest>
#include <cmath>

#include "data/loaders.hpp"
#include "network/experiment.hpp"
#include "neuron_presets.hpp"

using namespace mtj;

namespace {

ExperimentSpec irisSpec(GradientSource source) {
    ExperimentSpec spec;
    spec.neuron = testing::defaultNeuron();
    spec.neuron.derivative.step = 0.1;
    spec.network.hidden = {8};
    spec.training.dataset = "iris";
    spec.training.gradient = source;
    spec.training.epochs = 30;
    spec.training.folds = 3;
    spec.irisPath = MTJ_RESOURCE_DIR "/iris.csv";
    return spec;
}

Trainer irisTrainer(const ExperimentSpec& spec, TrainerSettings settings) {
    DataSplit data;
    if (!loadExperimentData(spec, data).isOk()) qFatal("iris");
    Standardizer::fit(data.train).apply(data.train);
    std::vector<ActivationLookupTable> devices;
    ActivationLookupTable nominal;
    if (!buildNetworkDevices(spec, devices, nominal).isOk()) qFatal("devices");
    return Trainer(makeNetwork(spec, 4, 3, devices, nominal), data.train, data.train, Dataset{}, settings);
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void fixedSeedReproducesARunBitForBit() {
        const ExperimentSpec spec = irisSpec(GradientSource::DeviceFiniteDifference);
        TrainerSettings settings;
        settings.epochs = 5;
        Trainer a = irisTrainer(spec, settings), b = irisTrainer(spec, settings);
        QVERIFY(a.run(nullptr, nullptr, nullptr).isOk());
        QVERIFY(b.run(nullptr, nullptr, nullptr).isOk());
        QVERIFY(a.network().parameters().weights[0] == b.network().parameters().weights[0]);
        QCOMPARE(a.history().back().loss, b.history().back().loss);
        settings.seed = 2;
        Trainer c = irisTrainer(spec, settings);
        QVERIFY(c.run(nullptr, nullptr, nullptr).isOk());
        QVERIFY(!(a.network().parameters().weights[0] == c.network().parameters().weights[0]));
    }

    void resetRestoresTheInitialWeights() {
        TrainerSettings settings;
        settings.epochs = 3;
        Trainer t = irisTrainer(irisSpec(GradientSource::DeviceFiniteDifference), settings);
        const Eigen::MatrixXf initial = t.network().parameters().weights[0];
        QVERIFY(t.stepBatch().isOk());
        QVERIFY(!(t.network().parameters().weights[0] == initial));
        t.reset();
        QVERIFY(t.network().parameters().weights[0] == initial);
        QCOMPARE(t.step(), 0L);
        QVERIFY(t.history().empty());
    }

    void stepAdvancesExactlyOneBatch() {
        TrainerSettings settings;
        settings.batchSize = 16;
        Trainer t = irisTrainer(irisSpec(GradientSource::DeviceExact), settings);
        QCOMPARE(t.batchesPerEpoch(), 10);  // 150 samples
        BatchReport batch;
        EpochReport epoch;
        for (int i = 1; i <= 10; ++i) {
            epoch.epoch = 0;
            QVERIFY(t.stepBatch(&batch, &epoch).isOk());
            QCOMPARE(batch.batch, i);
            QCOMPARE(t.step(), static_cast<long>(i));
            QCOMPARE(epoch.epoch != 0, i == 10);
        }
        QCOMPARE(t.epoch(), 1);
        QCOMPARE(t.history().size(), std::size_t{1});
    }

    void divergenceStopsWithAMessage() {
        TrainerSettings settings;
        settings.optimizer = OptimizerKind::Sgd;
        settings.learningRate = 1e38;
        Trainer t = irisTrainer(irisSpec(GradientSource::Tanh), settings);
        Status status;
        for (int i = 0; i < 50 && status.isOk(); ++i) status = t.stepBatch();
        QVERIFY(!status.isOk());
        const QString message = QString::fromStdString(status.message());
        QVERIFY2(message.contains("epoch 1") && message.contains("lower learning rate"), qPrintable(message));
        QVERIFY(t.finished());
    }

    void learningRateChangeTakesEffectAtTheNextBatch() {
        TrainerSettings settings;
        settings.optimizer = OptimizerKind::Sgd;
        settings.learningRate = 0.1;
        Trainer t = irisTrainer(irisSpec(GradientSource::DeviceExact), settings);
        QVERIFY(t.stepBatch().isOk());
        t.setLearningRate(0.0);
        const Eigen::MatrixXf frozen = t.network().parameters().weights[0];
        QVERIFY(t.stepBatch().isOk());
        QVERIFY(t.network().parameters().weights[0] == frozen);  // lr 0: no change
        t.setLearningRate(0.1);
        QVERIFY(t.stepBatch().isOk());
        QVERIFY(!(t.network().parameters().weights[0] == frozen));
    }

    void earlyStopOnAPlateau() {
        TrainerSettings settings;
        settings.epochs = 500;
        settings.earlyStopPatience = 5;
        Trainer t = irisTrainer(irisSpec(GradientSource::Tanh), settings);
        QVERIFY(t.run(nullptr, nullptr, nullptr).isOk());
        QVERIFY(t.finished());
        QVERIFY(t.epoch() < 500);
    }

    void stopFlagStopsPromptly() {
        TrainerSettings settings;
        settings.epochs = 1000;
        Trainer t = irisTrainer(irisSpec(GradientSource::Tanh), settings);
        std::atomic<bool> stop{false};
        long batches = 0;
        QVERIFY(t.run(
                     &stop,
                     [&](const BatchReport&) {
                         if (++batches == 3) stop = true;
                     },
                     nullptr)
                    .isOk());
        QCOMPARE(t.step(), 3L);
        QVERIFY(!t.finished());
    }

    void irisExperimentLearns() {
        // Three folds, 30 epochs: well above chance (1/3) and the per-fold figures are consistent with the mean.
        const ExperimentResult r = runExperiment(irisSpec(GradientSource::DeviceFiniteDifference));
        QVERIFY2(r.status.isOk(), r.status.message().c_str());
        QCOMPARE(r.folds.size(), std::size_t{3});
        double mean = 0.0;
        for (const FoldResult& f : r.folds) mean += f.validationAccuracy / 3.0;
        QVERIFY(std::abs(mean - r.validationAccuracy) < 1e-12);
        QVERIFY(r.validationAccuracy > 0.85);
        QVERIFY(r.gradientCosine > 0.98 && r.gradientCosine <= 1.0);
        QCOMPARE(r.meanEpochs.size(), std::size_t{30});
        QVERIFY(std::isnan(r.testAccuracy));
    }

    void modelThenDeployOnIdenticalDevicesLosesNothing() {
        // With no spread, no read noise and the nominal model, the devices are the model: the deployed weights
        // score what they scored on the model, and the epochs are marked as the model's.
        ExperimentSpec spec = irisSpec(GradientSource::DeviceFiniteDifference);
        spec.variability.relativeSigma = 0.0;
        spec.variability.offsetFieldSigmaMilliTesla = 0.0;
        spec.neuron.derivative.readNoise = 0.0;
        spec.training.mode = TrainingMode::ModelThenDeploy;
        const ExperimentResult r = runExperiment(spec);
        QVERIFY2(r.status.isOk(), r.status.message().c_str());
        QCOMPARE(r.deploymentEpoch, 30);
        QCOMPARE(r.meanEpochs.size(), std::size_t{30});
        for (const EpochReport& e : r.meanEpochs) QVERIFY(e.onModel);
        QVERIFY(r.modelValidationAccuracy > 0.85);
        QVERIFY2(
            std::abs(r.deployedValidationAccuracy - r.modelValidationAccuracy) < 1e-12,
            qPrintable(
                QString("model %1, deployed %2").arg(r.modelValidationAccuracy).arg(r.deployedValidationAccuracy)));
        QCOMPARE(r.validationAccuracy, r.deployedValidationAccuracy);  // no fine-tuning: final = deployed
    }

    void modelThenDeployFallsOnVariedCurrentInputDevicesAndFineTuningRecovers() {
        // The canted-state neuron with a fixed bridge reference and real spread: the model's weights fail on the
        // devices; the fine-tuning epochs run on the devices and recover.
        ExperimentSpec spec = irisSpec(GradientSource::DeviceFiniteDifference);
        spec.neuron = testing::currentInputNeuron();
        spec.neuron.derivative.readNoise = 0.01;
        spec.neuron.derivative.step = 0.1;
        spec.network.hidden = {16};
        spec.variability.anisotropySigmaMilliTesla = 1.0;
        spec.variability.resistanceAreaSigma = 0.4;
        spec.variability.tmrSigmaPercent = 10.0;
        spec.variability.thicknessSigmaNanometers = 0.05;
        spec.variability.offsetFieldSigmaMilliTesla = 2.0;
        spec.training.mode = TrainingMode::ModelThenDeploy;
        spec.training.finetuneEpochs = 10;
        const ExperimentResult r = runExperiment(spec);
        QVERIFY2(r.status.isOk(), r.status.message().c_str());
        QCOMPARE(r.meanEpochs.size(), std::size_t{40});
        QVERIFY(r.meanEpochs[29].onModel && !r.meanEpochs[30].onModel);
        QVERIFY2(
            r.modelValidationAccuracy - r.deployedValidationAccuracy > 0.2,
            qPrintable(
                QString("model %1, deployed %2").arg(r.modelValidationAccuracy).arg(r.deployedValidationAccuracy)));
        QVERIFY(r.validationAccuracy - r.deployedValidationAccuracy > 0.2);
        QVERIFY(std::isfinite(r.gradientCosine));  // measured while fine-tuning
    }

    void scaledTanhFitsASigmoid() {
        // The tanh model of the default (sigmoid) device reproduces it within 10 % of its span.
        ExperimentSpec spec = irisSpec(GradientSource::DeviceFiniteDifference);
        std::vector<ActivationLookupTable> devices;
        ActivationLookupTable nominal;
        spec.network.hidden = {1};
        QVERIFY(buildNetworkDevices(spec, devices, nominal).isOk());
        const ActivationLookupTable tanhModel = scaledTanhTable(nominal);
        QCOMPARE(tanhModel.nodes(), nominal.nodes());
        double worst = 0.0;
        for (std::size_t i = 0; i < nominal.nodes(); ++i)
            worst = std::max(worst, std::abs(tanhModel.nodeValues()[i] - nominal.nodeValues()[i]));
        QVERIFY2(worst < 0.1 * nominal.fullScale(), qPrintable(QString::number(worst)));
    }

    void badDatasetIsReported() {
        ExperimentSpec spec = irisSpec(GradientSource::Tanh);
        spec.training.dataset = "csv:/nonexistent/data.csv";
        const ExperimentResult r = runExperiment(spec);
        QVERIFY(!r.status.isOk());
        QVERIFY(QString::fromStdString(r.status.message()).contains("/nonexistent/data.csv"));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
