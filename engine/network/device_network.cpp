// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/device_network.hpp"
#include "common/random_streams.hpp"

#include <cmath>

#include "device/activation_curve.hpp"
#include "physics/fast_normal.hpp"
#include "physics/random.hpp"

namespace mtj {
namespace {

/// A per-sample noise stream: key (per batch and layer) and column.
std::uint64_t layerKey(std::uint64_t noiseKey, std::size_t layer) {
    return noiseKey * 0x9E3779B97F4A7C15ULL + layer * 0xD1B54A32D192ED03ULL;
}

}  // namespace

DeviceLayerTables DeviceLayerTables::fromTables(const std::vector<ActivationLookupTable>& tables, std::size_t first,
                                                int count) {
    DeviceLayerTables t;
    t.neurons = count;
    const ActivationLookupTable& reference = tables.at(first);
    t.nodes = static_cast<int>(reference.nodes());
    t.xMin = static_cast<float>(reference.xMin());
    t.xMax = static_cast<float>(reference.xMax());
    t.spacing = (t.xMax - t.xMin) / static_cast<float>(t.nodes - 1);
    t.inverseSpacing = 1.0f / t.spacing;
    t.values.reserve(static_cast<std::size_t>(count) * t.nodes);
    t.slopes.reserve(static_cast<std::size_t>(count) * t.nodes);
    for (int j = 0; j < count; ++j) {
        const ActivationLookupTable& table = tables.at(first + static_cast<std::size_t>(j));
        for (double v : table.nodeValues()) t.values.push_back(static_cast<float>(v));
        for (double s : table.nodeSlopes()) t.slopes.push_back(static_cast<float>(s));
    }
    if (reference.hasReadingNoise()) {
        t.readingNoise.reserve(static_cast<std::size_t>(count) * t.nodes);
        for (int j = 0; j < count; ++j) {
            const ActivationLookupTable& table = tables.at(first + static_cast<std::size_t>(j));
            for (int k = 0; k < t.nodes; ++k) {
                t.readingNoise.push_back(table.hasReadingNoise()
                                             ? static_cast<float>(table.nodeReadingNoise()[static_cast<std::size_t>(k)])
                                             : 0.0f);
            }
        }
    }
    return t;
}

DeviceNetwork::DeviceNetwork(NetworkConfiguration configuration, std::vector<DeviceLayerTables> devices,
                             DeviceLayerTables nominal)
    : configuration_(std::move(configuration)),
      devices_(std::move(devices)),
      nominal_(std::move(nominal)),
      lockInStencil_(finiteDifferenceStencil(DerivativeScheme::LockIn, configuration_.step)) {
    initialize(1);
}

void DeviceNetwork::initialize(std::uint64_t seed) {
    GaussianRandom random(seed, random_streams::initialWeights);
    parameters_.weights.clear();
    parameters_.biases.clear();
    int previous = configuration_.inputs;
    std::vector<int> widths = configuration_.hidden;
    widths.push_back(configuration_.classes);
    for (int width : widths) {
        const double limit = std::sqrt(6.0 / (previous + width));
        Eigen::MatrixXf w(width, previous);
        for (Eigen::Index c = 0; c < w.cols(); ++c) {
            for (Eigen::Index r = 0; r < w.rows(); ++r)
                w(r, c) = static_cast<float>((2.0 * random.uniform() - 1.0) * limit);
        }
        parameters_.weights.push_back(std::move(w));
        parameters_.biases.push_back(Eigen::VectorXf::Zero(width));
        previous = width;
    }
}

void DeviceNetwork::forward(const Eigen::MatrixXf& inputs, std::uint64_t noiseKey, bool training, bool wantExact) {
    const std::size_t hiddenLayers = configuration_.hidden.size();
    inputs_.resize(hiddenLayers);
    activations_.resize(hiddenLayers);
    derivatives_.resize(hiddenLayers);
    exact_.resize(hiddenLayers);
    const Eigen::Index batch = inputs.cols();
    const float gain = configuration_.inputGain;
    const float sigma = configuration_.readNoise;
    const float step = configuration_.step;
    const GradientSource source = configuration_.gradient;
    const FiniteDifferenceStencil& lockIn = lockInStencil_;
    const Eigen::MatrixXf* previous = &inputs;
    for (std::size_t l = 0; l < hiddenLayers; ++l) {
        Eigen::MatrixXf& x = inputs_[l];
        x.noalias() = parameters_.weights[l] * (*previous);
        x.colwise() += parameters_.biases[l];
        x *= gain;
        Eigen::MatrixXf& a = activations_[l];
        a.resize(x.rows(), batch);
        Eigen::MatrixXf& d = derivatives_[l];
        if (training) d.resize(x.rows(), batch);
        Eigen::MatrixXf& e = exact_[l];
        if (wantExact) e.resize(x.rows(), batch);
        const int neurons = static_cast<int>(x.rows());
        if (source == GradientSource::Tanh) {
            a = x.array().tanh();
            if (training) d = 1.0f - a.array().square();
        } else {
            const DeviceLayerTables& tables = devices_[l];
            const std::uint64_t key = layerKey(noiseKey, l);
            // The standard deviation of one reading at input xr: sigma_read, and for a layer whose readings carry
            // their own noise (telegraph window noise) sqrt(sigma_read^2 + s(xr)^2). Without it: sigma exactly.
            const bool ownNoise = !tables.readingNoise.empty();
            const auto sigmaAt = [&tables, sigma, ownNoise](int j, float xr) -> float {
                if (!ownNoise) return sigma;
                const float s = tables.readingNoiseAt(j, xr);
                return std::sqrt(sigma * sigma + s * s);
            };
#pragma omp parallel for schedule(static)
            for (Eigen::Index c = 0; c < batch; ++c) {
                FastNormal noise(key, static_cast<std::uint64_t>(c));
                for (int j = 0; j < neurons; ++j) {
                    const float xj = x(j, c);
                    float y, slope;
                    tables.evaluate(j, xj, y, slope);
                    const float reading = y + sigmaAt(j, xj) * noise();
                    a(j, c) = reading;
                    if (wantExact) e(j, c) = slope;
                    if (!training) continue;
                    switch (source) {
                        case GradientSource::DeviceExact: d(j, c) = slope; break;
                        case GradientSource::NominalModel: {
                            float ny, nslope;
                            nominal_.evaluate(0, xj, ny, nslope);
                            d(j, c) = nslope;
                            break;
                        }
                        case GradientSource::DeviceFiniteDifference:
                        default:
                            if (configuration_.scheme == DerivativeScheme::Forward) {
                                d(j, c) =
                                    (tables.value(j, xj + step) + sigmaAt(j, xj + step) * noise() - reading) / step;
                            } else if (configuration_.scheme == DerivativeScheme::LockIn) {
                                float sum = 0.0f;
                                for (std::size_t k = 0; k < lockIn.offsets.size(); ++k) {
                                    sum += static_cast<float>(lockIn.weights[k]) *
                                           (tables.value(j, xj + static_cast<float>(lockIn.offsets[k])) +
                                            sigmaAt(j, xj + static_cast<float>(lockIn.offsets[k])) * noise());
                                }
                                d(j, c) = sum;
                            } else {
                                // Two extra readings; their noise difference n1 - n2 ~ N(0, 2 sigma^2) in one draw.
                                const float plus = tables.value(j, xj + step);
                                const float minus = tables.value(j, xj - step);
                                float pairSigma = 1.41421356f * sigma;
                                if (ownNoise) {
                                    const float sp = sigmaAt(j, xj + step), sm = sigmaAt(j, xj - step);
                                    pairSigma = std::sqrt(sp * sp + sm * sm);
                                }
                                d(j, c) = (plus - minus + pairSigma * noise()) / (2.0f * step);
                            }
                            break;
                    }
                }
            }
        }
        previous = &a;
    }
    logits_.noalias() = parameters_.weights.back() * (*previous);
    logits_.colwise() += parameters_.biases.back();
}

float DeviceNetwork::trainingGradients(const Eigen::MatrixXf& inputs, const std::vector<int>& labels,
                                       std::uint64_t noiseKey, ParameterSet& gradients, int& correct,
                                       std::vector<float>* agreement) {
    const GradientSource source = configuration_.gradient;
    const bool measureAgreement = agreement != nullptr && (source == GradientSource::DeviceFiniteDifference ||
                                                           source == GradientSource::NominalModel);
    forward(inputs, noiseKey, true, measureAgreement);
    const Eigen::Index batch = inputs.cols();
    const std::size_t layers = parameters_.weights.size();
    // Softmax, loss, accuracy and the output delta (P - Y) / B.
    Eigen::MatrixXf delta(logits_.rows(), batch);
    double loss = 0.0;
    correct = 0;
    for (Eigen::Index c = 0; c < batch; ++c) {
        const float maximum = logits_.col(c).maxCoeff();
        Eigen::VectorXf p = (logits_.col(c).array() - maximum).exp();
        const float sum = p.sum();
        p /= sum;
        const int label = labels[static_cast<std::size_t>(c)];
        loss += -(logits_(label, c) - maximum - std::log(sum));
        Eigen::Index predicted = 0;
        logits_.col(c).maxCoeff(&predicted);
        if (predicted == label) ++correct;
        p(label) -= 1.0f;
        delta.col(c) = p / static_cast<float>(batch);
    }
    gradients.weights.resize(layers);
    gradients.biases.resize(layers);
    const float gain = configuration_.inputGain;
    Eigen::MatrixXf exactDelta;
    if (measureAgreement) {
        agreement->assign(configuration_.hidden.size(), 1.0f);
        exactDelta = delta;
    }
    for (std::size_t l = layers; l-- > 0;) {
        const Eigen::MatrixXf& below = l == 0 ? inputs : activations_[l - 1];
        gradients.weights[l].noalias() = delta * below.transpose();
        gradients.biases[l] = delta.rowwise().sum();
        if (measureAgreement && l + 1 < layers) {
            exactGradient_.noalias() = exactDelta * below.transpose();
            (*agreement)[l] = cosineSimilarity(gradients.weights[l], exactGradient_);
        }
        if (l == 0) break;
        Eigen::MatrixXf next = parameters_.weights[l].transpose() * delta;
        delta = next.cwiseProduct(derivatives_[l - 1]) * gain;
        if (measureAgreement) {
            Eigen::MatrixXf exactNext = parameters_.weights[l].transpose() * exactDelta;
            exactDelta = exactNext.cwiseProduct(exact_[l - 1]) * gain;
        }
    }
    return static_cast<float>(loss / static_cast<double>(batch));
}

Eigen::MatrixXf DeviceNetwork::probabilities(const Eigen::MatrixXf& inputs, std::uint64_t noiseKey) {
    forward(inputs, noiseKey, false, false);
    Eigen::MatrixXf p(logits_.rows(), logits_.cols());
    for (Eigen::Index c = 0; c < logits_.cols(); ++c) {
        Eigen::VectorXf e = (logits_.col(c).array() - logits_.col(c).maxCoeff()).exp();
        p.col(c) = e / e.sum();
    }
    return p;
}

float cosineSimilarity(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b) {
    const double dotProduct = static_cast<double>((a.array() * b.array()).sum());
    const double norms = std::sqrt(static_cast<double>(a.squaredNorm()) * static_cast<double>(b.squaredNorm()));
    return norms > 0.0 ? static_cast<float>(dotProduct / norms) : 0.0f;
}

}  // namespace mtj
