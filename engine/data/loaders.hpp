// SPDX-License-Identifier: GPL-3.0-or-later
// Loaders of the data sets of docs/formats.md: CSV tables (numeric feature columns and one label column, a header row
// naming them), the Iris table shipped in resources/, the original MNIST IDX files (plain or gzip-compressed),
// SHA-256 verification, and the generated two-dimensional teaching sets.
// Every failure is a Status naming the file and the line, record or byte offset. Any thread may call them.
#pragma once

#include <cstdint>
#include <string>

#include "data/dataset.hpp"

namespace mtj {

/// CSV with a header row. The label column is `labelColumn` (by name; empty means the last column); its values may
/// be numbers or names and are mapped to classes in order of first appearance (numbers sorted ascending).
/// Every other cell must be a finite number.
Status loadCsv(const std::string& path, Dataset& data, const std::string& labelColumn = {});

/// The 150-sample Iris table (resources/iris.csv): 4 features in cm, 3 species.
Status loadIris(const std::string& path, Dataset& data);

/// IDX files (LeCun's format): images (magic 0x00000803, unsigned bytes, n x rows x cols) scaled to [0, 1] and
/// labels (magic 0x00000801). A ".gz" name is read through zlib. Sizes and magic numbers are checked against the
/// file length: a truncated or mismatched file is an error naming it.
Status loadIdxImages(const std::string& path, Eigen::MatrixXf& images, int& rows, int& columns);
Status loadIdxLabels(const std::string& path, std::vector<int>& labels);
/// Images and labels of one IDX pair, checked against each other (same count).
Status loadIdxPair(const std::string& imagesPath, const std::string& labelsPath, Dataset& data);

/// SHA-256 of a file as 64 lowercase hex digits (the whole file, or the decompressed stream for ".gz").
Status sha256File(const std::string& path, std::string& hexDigest);
/// SHA-256 of a byte string.
std::string sha256Hex(const std::uint8_t* bytes, std::size_t length);

/// The four MNIST files of docs/formats.md in `directory`, each verified against its SHA-256 before use.
Status loadMnist(const std::string& directory, DataSplit& split, bool verify = true);

/// The generated teaching sets: "xor", "circles", "spirals", "moons": `samples` points in 2-D with Gaussian noise of
/// standard deviation `noise` (in units of the set's scale, about 1), two classes, from `seed`.
Status generateTeachingSet(const std::string& name, std::size_t samples, double noise, std::uint64_t seed,
                           Dataset& data);

}  // namespace mtj
