// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "data/loaders.hpp"
#include "network/experiment.hpp"

namespace mtj::bench {

std::string mnistCacheDirectory() {
    if (const char* d = std::getenv("MTJ_MNIST_DIR")) return d;
    if (const char* x = std::getenv("XDG_CACHE_HOME")) return std::string(x) + "/mtj-explorer/mnist";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.cache/mtj-explorer/mnist";
}

std::vector<BenchFigure> runTrainingBenchmarks(const BenchProgress& progress) {
    std::vector<BenchFigure> figures;
    DataSplit mnist;
    const Status loaded = loadMnist(mnistCacheDirectory(), mnist, false);
    const double missing = std::numeric_limits<double>::quiet_NaN();
    if (!loaded) {
        std::fprintf(stderr, "bench: MNIST not available (%s); run scripts/fetch-mnist.sh\n", loaded.message().c_str());
        figures.push_back({"mnist_epoch_s_tanh_128", missing, "s", "MNIST missing"});
        figures.push_back({"mnist_epoch_s_fd_128", missing, "s", "MNIST missing"});
        return figures;
    }
    Standardizer::fit(mnist.train).apply(mnist.train);

    ExperimentSpec spec;  // the default field-input neuron of presets/default.json, step 0.1 as the paper presets
    spec.neuron.device.referenceAxis = {0, 1, 0};
    spec.neuron.device.temperatureKelvin = 0;
    spec.neuron.drive.inputAxis = {0, -1, 0};
    spec.neuron.drive.inputScale = 20;
    spec.neuron.drive.biasCurrentMicroampere = 100;
    spec.neuron.drive.fieldMilliTesla = 5;
    spec.neuron.readout.gainPerVolt = 20;
    spec.neuron.derivative.step = 0.1;
    spec.network.hidden = {128};
    spec.training.batchSize = 128;
    spec.training.learningRate = 1e-3;
    std::vector<ActivationLookupTable> devices;
    ActivationLookupTable nominal;
    if (Status s = buildNetworkDevices(spec, devices, nominal); !s) throw std::runtime_error("bench: " + s.message());

    auto epochSeconds = [&](GradientSource source) {
        spec.training.gradient = source;
        TrainerSettings settings;
        settings.batchSize = 128;
        settings.learningRate = 1e-3;
        settings.epochs = 3;
        Trainer trainer(makeNetwork(spec, 784, 10, devices, nominal), mnist.train, Dataset{}, Dataset{}, settings);
        std::vector<double> times;
        for (int e = 0; e < 3; ++e) {
            const auto start = std::chrono::steady_clock::now();
            EpochReport report;
            do {
                report.epoch = 0;
                if (Status s = trainer.stepBatch(nullptr, &report); !s)
                    throw std::runtime_error("bench: " + s.message());
            } while (report.epoch == 0);
            times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(times.begin(), times.end());
        return times[1];
    };
    if (progress) progress("mnist_epoch_s_tanh_128");
    figures.push_back({"mnist_epoch_s_tanh_128", epochSeconds(GradientSource::Tanh), "s",
                       "one MNIST epoch, 784-128-10 tanh, batch 128, Adam"});
    if (progress) progress("mnist_epoch_s_fd_128");
    figures.push_back({"mnist_epoch_s_fd_128", epochSeconds(GradientSource::DeviceFiniteDifference), "s",
                       "one MNIST epoch, 784-128-10 MTJ neurons, device-fd (3 noisy readings each), batch 128, Adam"});
    return figures;
}

}  // namespace mtj::bench
