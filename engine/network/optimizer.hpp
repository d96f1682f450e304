// SPDX-License-Identifier: GPL-3.0-or-later
// Optimisers over a ParameterSet: SGD (w -= lr g), momentum (v = 0.9 v + g; w -= lr v) and Adam (Kingma and Ba
// 2015: beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected). The learning rate may change between steps.
// One thread drives an instance.
#pragma once

#include "network/device_network.hpp"
#include "network/training_settings.hpp"

namespace mtj {

/// Everything an optimiser carries from one step to the next (a checkpoint holds it: docs/files.md).
struct OptimizerState {
    double learningRate = 0.0;
    long steps = 0;
    ParameterSet first, second;
};

class Optimizer {
public:
    Optimizer(OptimizerKind kind, double learningRate) : kind_(kind), learningRate_(learningRate) {}
    void setLearningRate(double learningRate) { learningRate_ = learningRate; }
    [[nodiscard]] double learningRate() const { return learningRate_; }
    void reset();
    /// Applies one update of `gradients` to `parameters`.
    void step(ParameterSet& parameters, const ParameterSet& gradients);
    [[nodiscard]] OptimizerState state() const { return {learningRate_, steps_, first_, second_}; }
    void restore(const OptimizerState& state) {
        learningRate_ = state.learningRate;
        steps_ = state.steps;
        first_ = state.first;
        second_ = state.second;
    }

private:
    OptimizerKind kind_;
    double learningRate_;
    long steps_ = 0;
    ParameterSet first_, second_;  // momentum / Adam moments
};

}  // namespace mtj
