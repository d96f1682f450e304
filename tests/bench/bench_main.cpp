// SPDX-License-Identifier: GPL-3.0-or-later
// mtj-bench: prints the performance figures as JSON (the same as `mtj-explorer bench`, without the GUI).
#include <cstdio>
#include <exception>
#include <iostream>

#include "integrator_bench.hpp"
#include "neuron_bench.hpp"
#include "training_bench.hpp"

int main() {
    const auto progress = [](const std::string& name) { std::fprintf(stderr, "measuring %s ...\n", name.c_str()); };
    try {
        auto figures = mtj::bench::runIntegratorBenchmarks(progress);
        const auto neuron = mtj::bench::runNeuronBenchmarks(progress);
        figures.insert(figures.end(), neuron.begin(), neuron.end());
        const auto training = mtj::bench::runTrainingBenchmarks(progress);
        figures.insert(figures.end(), training.begin(), training.end());
        std::cout << mtj::bench::figuresToJson(figures);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
