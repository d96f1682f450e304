// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/optimizer.hpp"

#include <cmath>

namespace mtj {

void Optimizer::reset() {
    steps_ = 0;
    first_ = ParameterSet{};
    second_ = ParameterSet{};
}

void Optimizer::step(ParameterSet& parameters, const ParameterSet& gradients) {
    ++steps_;
    const float lr = static_cast<float>(learningRate_);
    const std::size_t layers = parameters.weights.size();
    auto zerosLike = [](const ParameterSet& p) {
        ParameterSet z;
        for (const auto& w : p.weights) z.weights.push_back(Eigen::MatrixXf::Zero(w.rows(), w.cols()));
        for (const auto& b : p.biases) z.biases.push_back(Eigen::VectorXf::Zero(b.size()));
        return z;
    };
    switch (kind_) {
        case OptimizerKind::Sgd:
            for (std::size_t l = 0; l < layers; ++l) {
                parameters.weights[l] -= lr * gradients.weights[l];
                parameters.biases[l] -= lr * gradients.biases[l];
            }
            break;
        case OptimizerKind::Momentum:
            if (first_.weights.empty()) first_ = zerosLike(parameters);
            for (std::size_t l = 0; l < layers; ++l) {
                first_.weights[l] = 0.9f * first_.weights[l] + gradients.weights[l];
                first_.biases[l] = 0.9f * first_.biases[l] + gradients.biases[l];
                parameters.weights[l] -= lr * first_.weights[l];
                parameters.biases[l] -= lr * first_.biases[l];
            }
            break;
        case OptimizerKind::Adam:
        default: {
            if (first_.weights.empty()) {
                first_ = zerosLike(parameters);
                second_ = zerosLike(parameters);
            }
            constexpr float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
            const float correction1 = 1.0f - std::pow(beta1, static_cast<float>(steps_));
            const float correction2 = 1.0f - std::pow(beta2, static_cast<float>(steps_));
            const float stepSize = lr * std::sqrt(correction2) / correction1;
            auto update = [&](auto& w, auto& m, auto& v, const auto& g) {
                m = beta1 * m + (1.0f - beta1) * g;
                v = beta2 * v + (1.0f - beta2) * g.cwiseProduct(g);
                w.array() -= stepSize * m.array() / (v.array().sqrt() + epsilon * std::sqrt(correction2));
            };
            for (std::size_t l = 0; l < layers; ++l) {
                update(parameters.weights[l], first_.weights[l], second_.weights[l], gradients.weights[l]);
                update(parameters.biases[l], first_.biases[l], second_.biases[l], gradients.biases[l]);
            }
            break;
        }
    }
}

}  // namespace mtj
