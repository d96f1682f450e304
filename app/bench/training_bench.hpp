// SPDX-License-Identifier: GPL-3.0-or-later
// Performance figures of training (issue: device-in-the-loop training): one epoch of MNIST (60 000 samples,
// 784-128-10, batch 128, Adam) with tanh and with device-fd MTJ neurons (three readings of every hidden neuron,
// gradient agreement recorded every batch). Median of 3 epochs, data loading and lookup tables excluded.
#pragma once

#include <vector>

#include "integrator_bench.hpp"

namespace mtj::bench {

/// mnist_epoch_s_tanh_128, mnist_epoch_s_fd_128 (null when the MNIST cache is missing: scripts/fetch-mnist.sh).
std::vector<BenchFigure> runTrainingBenchmarks(const BenchProgress& progress = {});

/// The MNIST cache folder: $MTJ_MNIST_DIR, else $XDG_CACHE_HOME/mtj-explorer/mnist, else ~/.cache/mtj-explorer/mnist.
std::string mnistCacheDirectory();

}  // namespace mtj::bench
