// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset: a labelled classification data set held as float32 features, one sample per column (d x n), so that a
// mini-batch is a contiguous block of columns for the network's matrix products.
// Loaders return Status values naming the file, the line or record, and what is wrong.
// Plain values; any thread may read a Dataset, one thread may build it.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace mtj {

struct Dataset {
    Eigen::MatrixXf features;  // d x n
    std::vector<int> labels;   // n, in [0, classes)
    int classes = 0;
    std::vector<std::string> classNames;    // size classes (may be empty names)
    std::vector<std::string> featureNames;  // size d (may be empty)
    /// Features share one scale (pixels of an image): standardise with one mean and deviation for all of them,
    /// so that rarely-lit border pixels are not blown up into noise.
    bool sharedFeatureScale = false;

    [[nodiscard]] std::size_t size() const { return labels.size(); }
    [[nodiscard]] int dimension() const { return static_cast<int>(features.rows()); }
    /// The samples at `indices`, in that order.
    [[nodiscard]] Dataset subset(const std::vector<std::size_t>& indices) const;
    /// Checks shape, label range and finiteness.
    [[nodiscard]] Status check(const std::string& origin) const;
};

/// A data set's own split (MNIST: 60 000 / 10 000); `test` is empty when the set has none.
struct DataSplit {
    Dataset train;
    Dataset test;
    [[nodiscard]] bool hasTest() const { return test.size() > 0; }
};

/// Standardisation fitted on one set: per feature (mean and standard deviation; constant features keep scale 1), or
/// one mean and deviation for all features when the set says sharedFeatureScale.
struct Standardizer {
    Eigen::VectorXf mean;
    Eigen::VectorXf scale;
    static Standardizer fit(const Dataset& data);
    void apply(Dataset& data) const;
};

/// Stratified k-fold split: every class is dealt round-robin into the folds after a seeded shuffle, so the folds
/// are disjoint, cover the set and hold each class in proportion. Returns the validation indices of each fold.
std::vector<std::vector<std::size_t>> stratifiedFolds(const std::vector<int>& labels, int classes, int folds,
                                                      std::uint64_t seed);

/// The complement of `validation` in [0, n).
std::vector<std::size_t> complementIndices(const std::vector<std::size_t>& validation, std::size_t n);

}  // namespace mtj
