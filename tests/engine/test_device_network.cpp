// SPDX-License-Identifier: GPL-3.0-or-later
// Backpropagation through MTJ neurons: oracle 10 of docs/physics.md section 7 (device-exact gradients match a numerical
// gradient of the loss to 1e-4 relative), the other gradient sources, the optimisers, and bit-for-bit reproducibility.
#include <QtTest>
#include <cmath>

#include "device/lookup_table.hpp"
#include "network/device_network.hpp"
#include "network/optimizer.hpp"
#include "neuron_presets.hpp"
#include "physics/random.hpp"
#include "device/macrospin/macrospin_reading.hpp"

using namespace mtj;
using namespace mtj::macrospin;  // the macrospin's own functions (device/macrospin/macrospin_reading.hpp)

namespace {

struct Fixture {
    std::vector<ActivationLookupTable> devices;
    ActivationLookupTable nominal;
    Eigen::MatrixXf inputs;
    std::vector<int> labels;
};

Fixture makeFixture(int neurons, int samples) {
    Fixture f;
    VariabilitySettings v;
    v.relativeSigma = 0.15;
    v.offsetFieldSigmaMilliTesla = 2.0;
    if (!buildPopulationTables(testing::defaultNeuron(), v, static_cast<std::size_t>(neurons), 129, f.devices).isOk())
        qFatal("tables");
    if (!buildLookupTable(testing::defaultNeuron(), 129, f.nominal).isOk()) qFatal("nominal");
    GaussianRandom random(4);
    f.inputs.resize(4, samples);
    for (int c = 0; c < samples; ++c) {
        for (int r = 0; r < 4; ++r) f.inputs(r, c) = static_cast<float>(random.normal());
        f.labels.push_back(c % 3);
    }
    return f;
}

DeviceNetwork makeNetwork(const Fixture& f, GradientSource source, std::vector<int> hidden, float noise, float step) {
    NetworkConfiguration config;
    config.inputs = 4;
    config.classes = 3;
    config.hidden = hidden;
    config.inputGain = 1.3f;
    config.gradient = source;
    config.readNoise = noise;
    config.step = step;
    std::vector<DeviceLayerTables> layers;
    std::size_t first = 0;
    for (int width : hidden) {
        layers.push_back(DeviceLayerTables::fromTables(f.devices, first, width));
        first += static_cast<std::size_t>(width);
    }
    DeviceNetwork network(config, layers, DeviceLayerTables::fromTables({f.nominal}, 0, 1));
    network.initialize(11);
    return network;
}

/// The loss of the network's parameters computed independently in double precision with the double lookup tables
/// (or tanh), no noise.
double referenceLoss(const DeviceNetwork& net, const Fixture& f, const std::vector<Eigen::MatrixXd>& w,
                     const std::vector<Eigen::VectorXd>& b) {
    const auto& config = net.configuration();
    Eigen::MatrixXd a = f.inputs.cast<double>();
    std::size_t first = 0;
    for (std::size_t l = 0; l < config.hidden.size(); ++l) {
        Eigen::MatrixXd x = ((w[l] * a).colwise() + b[l]) * static_cast<double>(config.inputGain);
        for (Eigen::Index j = 0; j < x.rows(); ++j) {
            for (Eigen::Index c = 0; c < x.cols(); ++c) {
                x(j, c) = config.gradient == GradientSource::Tanh
                              ? std::tanh(x(j, c))
                              : f.devices[first + static_cast<std::size_t>(j)].value(x(j, c));
            }
        }
        first += static_cast<std::size_t>(config.hidden[l]);
        a = x;
    }
    const Eigen::MatrixXd logits = (w.back() * a).colwise() + b.back();
    double loss = 0.0;
    for (Eigen::Index c = 0; c < logits.cols(); ++c) {
        const double m = logits.col(c).maxCoeff();
        const double logSum = m + std::log((logits.col(c).array() - m).exp().sum());
        loss += logSum - logits(f.labels[static_cast<std::size_t>(c)], c);
    }
    return loss / static_cast<double>(logits.cols());
}

}  // namespace

class TestDeviceNetwork : public QObject {
    Q_OBJECT
private slots:
    // Oracle 10.
    void exactGradientsMatchNumericalGradient_data() {
        QTest::addColumn<int>("source");
        QTest::newRow("device-exact, two hidden layers of devices") << static_cast<int>(GradientSource::DeviceExact);
        QTest::newRow("tanh") << static_cast<int>(GradientSource::Tanh);
    }
    void exactGradientsMatchNumericalGradient() {
        QFETCH(int, source);
        const Fixture f = makeFixture(9, 7);
        DeviceNetwork net = makeNetwork(f, static_cast<GradientSource>(source), {5, 4}, 0.0f, 0.05f);
        ParameterSet g;
        int correct = 0;
        net.trainingGradients(f.inputs, f.labels, 1, g, correct, nullptr);
        std::vector<Eigen::MatrixXd> w;
        std::vector<Eigen::VectorXd> b;
        for (const auto& m : net.parameters().weights) w.push_back(m.cast<double>());
        for (const auto& v : net.parameters().biases) b.push_back(v.cast<double>());
        const double h = 1e-5;
        double worst = 0.0;
        for (std::size_t l = 0; l < w.size(); ++l) {
            Eigen::MatrixXd numeric(w[l].rows(), w[l].cols());
            for (Eigen::Index i = 0; i < w[l].size(); ++i) {
                const double keep = w[l](i);
                w[l](i) = keep + h;
                const double up = referenceLoss(net, f, w, b);
                w[l](i) = keep - h;
                const double down = referenceLoss(net, f, w, b);
                w[l](i) = keep;
                numeric(i) = (up - down) / (2 * h);
            }
            const double error = (g.weights[l].cast<double>() - numeric).norm() / numeric.norm();
            worst = std::max(worst, error);
            QVERIFY2(error < 1e-4, qPrintable(QString("layer %1: relative error %2").arg(l).arg(error)));
        }
        qInfo("worst relative gradient error %.2e", worst);
    }

    void finiteDifferenceWithoutNoiseApproachesExact() {
        const Fixture f = makeFixture(9, 32);
        DeviceNetwork fd = makeNetwork(f, GradientSource::DeviceFiniteDifference, {5, 4}, 0.0f, 0.01f);
        ParameterSet g;
        int correct = 0;
        std::vector<float> agreement;
        fd.trainingGradients(f.inputs, f.labels, 1, g, correct, &agreement);
        QCOMPARE(agreement.size(), std::size_t{2});
        for (float c : agreement) QVERIFY2(c > 0.9999f, qPrintable(QString("cosine %1").arg(c)));
    }

    void noisyFiniteDifferenceAndNominalAgreeLess() {
        const Fixture f = makeFixture(9, 64);
        ParameterSet g;
        int correct = 0;
        std::vector<float> noisy, nominal;
        makeNetwork(f, GradientSource::DeviceFiniteDifference, {5, 4}, 0.01f, 0.05f)
            .trainingGradients(f.inputs, f.labels, 3, g, correct, &noisy);
        makeNetwork(f, GradientSource::NominalModel, {5, 4}, 0.0f, 0.05f)
            .trainingGradients(f.inputs, f.labels, 3, g, correct, &nominal);
        qInfo("cosine to device-exact: device-fd (sigma 0.01) %.4f %.4f, nominal-model %.4f %.4f", noisy[0], noisy[1],
              nominal[0], nominal[1]);
        for (std::size_t l = 0; l < 2; ++l) {
            QVERIFY(noisy[l] < 0.9999f && noisy[l] > 0.5f);
            QVERIFY(nominal[l] < 0.9999f && nominal[l] > 0.5f);  // blind to the spread, but still roughly right
        }
        // device-exact and tanh record no agreement (it would be trivially 1 or undefined).
        std::vector<float> none;
        makeNetwork(f, GradientSource::DeviceExact, {5}, 0.0f, 0.05f)
            .trainingGradients(f.inputs, f.labels, 3, g, correct, &none);
        QVERIFY(none.empty());
    }

    void readNoiseIsSeededPerBatch() {
        const Fixture f = makeFixture(5, 16);
        DeviceNetwork a = makeNetwork(f, GradientSource::DeviceFiniteDifference, {5}, 0.01f, 0.05f);
        DeviceNetwork b = makeNetwork(f, GradientSource::DeviceFiniteDifference, {5}, 0.01f, 0.05f);
        ParameterSet ga, gb, gc;
        int correct = 0;
        a.trainingGradients(f.inputs, f.labels, 42, ga, correct, nullptr);
        b.trainingGradients(f.inputs, f.labels, 42, gb, correct, nullptr);
        QVERIFY(ga.weights[0] == gb.weights[0]);  // bit for bit
        b.trainingGradients(f.inputs, f.labels, 43, gc, correct, nullptr);
        QVERIFY(!(ga.weights[0] == gc.weights[0]));
    }

    void optimisersDescend_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("sgd") << static_cast<int>(OptimizerKind::Sgd);
        QTest::newRow("momentum") << static_cast<int>(OptimizerKind::Momentum);
        QTest::newRow("adam") << static_cast<int>(OptimizerKind::Adam);
    }
    void optimisersDescend() {
        QFETCH(int, kind);
        const Fixture f = makeFixture(5, 30);
        DeviceNetwork net = makeNetwork(f, GradientSource::DeviceExact, {5}, 0.0f, 0.05f);
        Optimizer optimizer(static_cast<OptimizerKind>(kind),
                            kind == static_cast<int>(OptimizerKind::Adam) ? 0.01 : 0.1);
        ParameterSet g;
        int correct = 0;
        const float first = net.trainingGradients(f.inputs, f.labels, 1, g, correct, nullptr);
        float last = first;
        for (int i = 0; i < 100; ++i) {
            optimizer.step(net.parameters(), g);
            last = net.trainingGradients(f.inputs, f.labels, 1, g, correct, nullptr);
        }
        QVERIFY2(last < 0.7f * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    }

    void sgdStepIsLearningRateTimesGradient() {
        const Fixture f = makeFixture(5, 10);
        DeviceNetwork net = makeNetwork(f, GradientSource::DeviceExact, {5}, 0.0f, 0.05f);
        ParameterSet g;
        int correct = 0;
        net.trainingGradients(f.inputs, f.labels, 1, g, correct, nullptr);
        const Eigen::MatrixXf before = net.parameters().weights[0];
        Optimizer sgd(OptimizerKind::Sgd, 0.5);
        sgd.setLearningRate(0.25);  // takes effect at the next step
        sgd.step(net.parameters(), g);
        QVERIFY(((before - net.parameters().weights[0]) - 0.25f * g.weights[0]).cwiseAbs().maxCoeff() < 1e-6f);
    }
};

QTEST_APPLESS_MAIN(TestDeviceNetwork)
#include "test_device_network.moc"
