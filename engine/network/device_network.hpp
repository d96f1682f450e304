// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceNetwork: a multilayer perceptron whose hidden neurons are MTJ devices (docs/physics.md section 6).
//
// Hidden neuron j of layer l is its own sampled device, read through its lookup table: with z = W a_prev + b and
// x = input_gain z, the forward reading is a_j = y_j(x_j) + N(0, sigma_read). The output layer is a digital softmax
// with cross-entropy (mean over the batch). A neuron whose table carries a reading noise (a superparamagnetic
// neuron: the window average of a telegraph signal) reads a_j = y_j(x_j) + N(0, sqrt(sigma_read^2 + s_j(x_j)^2)),
// every extra reading of the finite difference likewise at its own input. Backward pass:
//     delta_l = (W_{l+1}^T delta_{l+1}) o input_gain D_l(x)
// with D from the gradient source:
//   device-fd     the device's analog finite difference: extra noisy readings of the same device (central:
//                 [y(x+d) + n1 - y(x-d) - n2] / 2d; forward: [y(x+d) + n1 - a] / d reusing the forward reading a;
//                 lock-in: 16 dithered readings), the paper's method;
//   device-exact  the exact slope of device j (an oracle no hardware has);
//   nominal-model the slope of the nominal device, blind to variability;
//   tanh          a digital network with tanh and 1 - tanh^2 (no devices, no read noise).
// For device networks trained with device-fd or nominal-model, every batch also back-propagates device-exact
// slopes and records, per hidden layer, the cosine similarity of the two weight gradients (gradient agreement).
//
// float32 throughout; matrix products by Eigen (parallel over both cores with OpenMP); the per-neuron readings are
// parallel over the samples of a batch, each sample drawing its noise from its own seeded stream, so a seed
// reproduces a run bit for bit whatever the thread count. One thread drives an instance.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "device/activation_curve.hpp"
#include "device/lookup_table.hpp"
#include "device/neuron_settings.hpp"
#include "network/training_settings.hpp"
#include "physics/vec3.hpp"

namespace mtj {

/// The lookup tables of one hidden layer's devices in float32, neuron-major, for the training hot loop.
struct DeviceLayerTables {
    int neurons = 0;
    int nodes = 0;
    float xMin = 0.0f, xMax = 1.0f, spacing = 1.0f, inverseSpacing = 1.0f;
    std::vector<float> values;  // neurons x nodes
    std::vector<float> slopes;  // neurons x nodes (the tables' interpolation tangents)
    /// neurons x nodes, or empty: the standard deviation of each reading's own noise (a superparamagnetic neuron's
    /// telegraph window noise, ActivationLookupTable::readingNoise), added in quadrature to the read noise.
    std::vector<float> readingNoise;

    /// All tables must share range and node count.
    static DeviceLayerTables fromTables(const std::vector<ActivationLookupTable>& tables, std::size_t first, int count);

    MTJ_ALWAYS_INLINE void evaluate(int neuron, float x, float& y, float& dydx) const {
        const float* v = values.data() + static_cast<std::size_t>(neuron) * nodes;
        const float* s = slopes.data() + static_cast<std::size_t>(neuron) * nodes;
        if (!(x > xMin)) {
            y = v[0];
            dydx = 0.0f;
            return;
        }
        if (!(x < xMax)) {
            y = v[nodes - 1];
            dydx = 0.0f;
            return;
        }
        const float position = (x - xMin) * inverseSpacing;
        int i = static_cast<int>(position);
        if (i > nodes - 2) i = nodes - 2;
        const float t = position - static_cast<float>(i);
        const float t2 = t * t, t3 = t2 * t;
        const float m0 = s[i] * spacing, m1 = s[i + 1] * spacing;
        y = (2 * t3 - 3 * t2 + 1) * v[i] + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * v[i + 1] + (t3 - t2) * m1;
        dydx = ((6 * t2 - 6 * t) * v[i] + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * v[i + 1] +
                (3 * t2 - 2 * t) * m1) *
               inverseSpacing;
    }
    /// The reading's own noise at x (linear between nodes, end values outside); 0 when the layer has none.
    MTJ_ALWAYS_INLINE float readingNoiseAt(int neuron, float x) const {
        if (readingNoise.empty()) return 0.0f;
        const float* n = readingNoise.data() + static_cast<std::size_t>(neuron) * nodes;
        if (!(x > xMin)) return n[0];
        if (!(x < xMax)) return n[nodes - 1];
        const float position = (x - xMin) * inverseSpacing;
        int i = static_cast<int>(position);
        if (i > nodes - 2) i = nodes - 2;
        const float t = position - static_cast<float>(i);
        return (1.0f - t) * n[i] + t * n[i + 1];
    }
    MTJ_ALWAYS_INLINE float value(int neuron, float x) const {
        float y, d;
        evaluate(neuron, x, y, d);
        return y;
    }
};

struct NetworkConfiguration {
    int inputs = 4;
    int classes = 3;
    std::vector<int> hidden{16};
    float inputGain = 1.0f;
    GradientSource gradient = GradientSource::DeviceFiniteDifference;
    DerivativeScheme scheme = DerivativeScheme::Central;
    float step = 0.05f;        // delta of the analog finite difference
    float readNoise = 0.005f;  // sigma_read per reading, activation units
    [[nodiscard]] bool usesDevices() const { return gradient != GradientSource::Tanh; }
};

/// Weight gradients (or any per-parameter quantity) with the shapes of the network's parameters.
struct ParameterSet {
    std::vector<Eigen::MatrixXf> weights;  // layer l: out x in
    std::vector<Eigen::VectorXf> biases;
};

class DeviceNetwork {
public:
    /// `devices`: one table set per hidden layer (ignored for tanh); `nominal`: one neuron, the nominal device.
    DeviceNetwork(NetworkConfiguration configuration, std::vector<DeviceLayerTables> devices,
                  DeviceLayerTables nominal);

    /// Xavier (Glorot) uniform weights U(-sqrt(6/(in+out)), +sqrt(6/(in+out))), zero biases, from `seed`.
    void initialize(std::uint64_t seed);

    /// One mini-batch: forward with read noise drawn from streams keyed by `noiseKey`, backward with the configured
    /// gradient source. Fills `gradients`, returns the mean cross-entropy; `correct` counts right predictions.
    /// `agreement` (per hidden layer) receives the cosine between this gradient and the device-exact one when the
    /// source is device-fd or nominal-model (else it is left empty).
    float trainingGradients(const Eigen::MatrixXf& inputs, const std::vector<int>& labels, std::uint64_t noiseKey,
                            ParameterSet& gradients, int& correct, std::vector<float>* agreement);

    /// Class probabilities (classes x n) of a forward pass with read noise keyed by noiseKey.
    Eigen::MatrixXf probabilities(const Eigen::MatrixXf& inputs, std::uint64_t noiseKey);

    /// Hidden-layer pre-activations x = input_gain z of the last forward pass (neurons x batch), for the views.
    [[nodiscard]] const std::vector<Eigen::MatrixXf>& lastInputs() const { return inputs_; }
    /// The derivative the chosen source gave (D) and the device-exact one (E) in the last training batch.
    [[nodiscard]] const std::vector<Eigen::MatrixXf>& lastSourceDerivatives() const { return derivatives_; }
    [[nodiscard]] const std::vector<Eigen::MatrixXf>& lastExactDerivatives() const { return exact_; }

    ParameterSet& parameters() { return parameters_; }
    [[nodiscard]] const ParameterSet& parameters() const { return parameters_; }
    [[nodiscard]] const NetworkConfiguration& configuration() const { return configuration_; }
    [[nodiscard]] const std::vector<DeviceLayerTables>& devices() const { return devices_; }

private:
    void forward(const Eigen::MatrixXf& inputs, std::uint64_t noiseKey, bool training, bool wantExact);

    NetworkConfiguration configuration_;
    std::vector<DeviceLayerTables> devices_;
    DeviceLayerTables nominal_;
    FiniteDifferenceStencil lockInStencil_;  // offsets and weights of the lock-in scheme at this step
    ParameterSet parameters_;
    // Per hidden layer, for the last forward pass (neurons x batch):
    std::vector<Eigen::MatrixXf> inputs_;       // x = gain z
    std::vector<Eigen::MatrixXf> activations_;  // a (noisy readings)
    std::vector<Eigen::MatrixXf> derivatives_;  // D of the gradient source
    std::vector<Eigen::MatrixXf> exact_;        // device-exact slopes (when agreement is measured)
    Eigen::MatrixXf logits_;
    Eigen::MatrixXf exactGradient_;  // reused buffer of the agreement measurement
};

/// The cosine similarity of two matrices seen as vectors (0 when either is zero).
float cosineSimilarity(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b);

}  // namespace mtj
