// Optimisers over a ParameterSet: SGD (w -= lr g), momentum (v = 0.9 v + g; w -= lr v) and Adam (Kingma and Ba
// 2015: beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected). The learning rate may change between steps.
// One thread drives an instance.
#pragma once

#include "network/device_network.hpp"
#include "network/training_settings.hpp"

namespace mtj {

class Optimizer {
public:
    Optimizer(OptimizerKind kind, double learningRate) : kind_(kind), learningRate_(learningRate) {}
    void setLearningRate(double learningRate) { learningRate_ = learningRate; }
    [[nodiscard]] double learningRate() const { return learningRate_; }
    void reset();
    /// Applies one update of `gradients` to `parameters`.
    void step(ParameterSet& parameters, const ParameterSet& gradients);

private:
    OptimizerKind kind_;
    double learningRate_;
    long steps_ = 0;
    ParameterSet first_, second_;  // momentum / Adam moments
};

}  // namespace mtj
