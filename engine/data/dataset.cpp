// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/dataset.hpp"
#include "common/random_streams.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "physics/random.hpp"

namespace mtj {

Dataset Dataset::subset(const std::vector<std::size_t>& indices) const {
    Dataset out;
    out.classes = classes;
    out.classNames = classNames;
    out.featureNames = featureNames;
    out.sharedFeatureScale = sharedFeatureScale;
    out.features.resize(features.rows(), static_cast<Eigen::Index>(indices.size()));
    out.labels.resize(indices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        out.features.col(static_cast<Eigen::Index>(i)) = features.col(static_cast<Eigen::Index>(indices[i]));
        out.labels[i] = labels[indices[i]];
    }
    return out;
}

Status Dataset::check(const std::string& origin) const {
    if (labels.empty()) return Status::error(origin + ": the data set is empty");
    if (static_cast<std::size_t>(features.cols()) != labels.size()) {
        return Status::error(origin + ": " + std::to_string(features.cols()) + " feature columns but " +
                             std::to_string(labels.size()) + " labels");
    }
    if (classes < 2) return Status::error(origin + ": needs at least two classes");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] >= classes) {
            return Status::error(origin + ": sample " + std::to_string(i) + " has label " + std::to_string(labels[i]) +
                                 " outside [0, " + std::to_string(classes) + ")");
        }
    }
    if (!features.allFinite()) return Status::error(origin + ": a feature value is not finite");
    return Status::ok();
}

Standardizer Standardizer::fit(const Dataset& data) {
    Standardizer s;
    const Eigen::Index n = data.features.cols();
    if (data.sharedFeatureScale) {
        const double mean = static_cast<double>(data.features.mean());
        const double variance = (data.features.array() - static_cast<float>(mean)).square().cast<double>().mean();
        const double deviation = std::sqrt(variance);
        s.mean = Eigen::VectorXf::Constant(data.features.rows(), static_cast<float>(mean));
        s.scale = Eigen::VectorXf::Constant(data.features.rows(),
                                            deviation > 1e-8 ? static_cast<float>(1.0 / deviation) : 1.0f);
        return s;
    }
    s.mean = data.features.rowwise().mean();
    s.scale = Eigen::VectorXf::Ones(data.features.rows());
    for (Eigen::Index r = 0; r < data.features.rows(); ++r) {
        const double variance =
            (data.features.row(r).array() - s.mean(r)).square().sum() / std::max<Eigen::Index>(1, n);
        const double deviation = std::sqrt(variance);
        s.scale(r) = deviation > 1e-8 ? static_cast<float>(1.0 / deviation) : 1.0f;
    }
    return s;
}

void Standardizer::apply(Dataset& data) const {
    data.features = (data.features.colwise() - mean).array().colwise() * scale.array();
}

std::vector<std::vector<std::size_t>> stratifiedFolds(const std::vector<int>& labels, int classes, int folds,
                                                      std::uint64_t seed) {
    std::vector<std::vector<std::size_t>> result(static_cast<std::size_t>(std::max(folds, 1)));
    GaussianRandom random(seed, random_streams::folds);
    std::size_t next = 0;  // continue the round-robin across classes so fold sizes stay balanced
    for (int c = 0; c < classes; ++c) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i] == c) members.push_back(i);
        }
        // Fisher-Yates with the seeded stream.
        for (std::size_t i = members.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(random.uniform() * static_cast<double>(i));
            std::swap(members[i - 1], members[std::min(j, i - 1)]);
        }
        for (std::size_t index : members) {
            result[next % result.size()].push_back(index);
            ++next;
        }
    }
    for (auto& fold : result) std::sort(fold.begin(), fold.end());
    return result;
}

std::vector<std::size_t> complementIndices(const std::vector<std::size_t>& validation, std::size_t n) {
    std::vector<bool> taken(n, false);
    for (std::size_t i : validation) taken[i] = true;
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < n; ++i) {
        if (!taken[i]) rest.push_back(i);
    }
    return rest;
}

}  // namespace mtj
