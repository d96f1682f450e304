// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/loaders.hpp"
#include "common/random_streams.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "physics/random.hpp"

namespace mtj {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r\"");
    if (begin == std::string::npos) return {};
    const auto end = s.find_last_not_of(" \t\r\"");
    return s.substr(begin, end - begin + 1);
}

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            cells.push_back(trim(cell));
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.push_back(trim(cell));
    return cells;
}

bool parseNumber(const std::string& text, double& value) {
    if (text.empty()) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(value);
}

std::uint32_t bigEndian32(const std::string& bytes, std::size_t offset) {
    return (std::uint32_t(static_cast<unsigned char>(bytes[offset])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(bytes[offset + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(bytes[offset + 2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(bytes[offset + 3]));
}

}  // namespace

/// The whole file; ".gz" files are decompressed through zlib. Capped at 512 MiB.
Status readFileBytes(const std::string& path, std::string& bytes) {
    constexpr std::size_t limit = 512u << 20;
    bytes.clear();
    if (endsWith(path, ".gz")) {
        gzFile file = gzopen(path.c_str(), "rb");
        if (file == nullptr) return Status::error(path + ": cannot open");
        char buffer[1 << 16];
        int read = 0;
        while ((read = gzread(file, buffer, sizeof buffer)) > 0) {
            bytes.append(buffer, static_cast<std::size_t>(read));
            if (bytes.size() > limit) {
                gzclose(file);
                return Status::error(path + ": larger than 512 MiB uncompressed");
            }
        }
        int code = Z_OK;
        const char* message = gzerror(file, &code);
        const bool failed = read < 0 || (code != Z_OK && code != Z_STREAM_END);
        const std::string reason = message != nullptr ? message : "";  // gzclose frees the message: copy it first
        gzclose(file);
        if (failed) return Status::error(path + ": corrupt gzip data (" + reason + ")");
        return Status::ok();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(path + ": cannot open");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || static_cast<std::size_t>(size) > limit)
        return Status::error(path + ": unreadable or larger than 512 MiB");
    in.seekg(0);
    bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), size);
    if (!in) return Status::error(path + ": read error");
    return Status::ok();
}

Status loadCsv(const std::string& path, Dataset& data, const std::string& labelColumn) {
    std::string text;
    if (Status s = readFileBytes(path, text); !s) return s;
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> header;
    int lineNumber = 0;
    while (header.empty() && std::getline(in, line)) {
        ++lineNumber;
        if (!trim(line).empty()) header = splitCsvLine(line);
    }
    if (header.size() < 2)
        return Status::error(path + ": needs a header row with at least one feature and a label column");
    std::size_t labelIndex = header.size() - 1;
    if (!labelColumn.empty()) {
        const auto it = std::find(header.begin(), header.end(), labelColumn);
        if (it == header.end()) return Status::error(path + ": no column named '" + labelColumn + "' in the header");
        labelIndex = static_cast<std::size_t>(it - header.begin());
    }
    std::vector<std::vector<float>> rows;
    std::vector<std::string> rawLabels;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (trim(line).empty()) continue;
        const std::vector<std::string> cells = splitCsvLine(line);
        if (cells.size() != header.size()) {
            return Status::error(path + ":" + std::to_string(lineNumber) + ": " + std::to_string(cells.size()) +
                                 " fields, the header has " + std::to_string(header.size()));
        }
        std::vector<float> row;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c == labelIndex) continue;
            double value = 0.0;
            if (!parseNumber(cells[c], value)) {
                return Status::error(path + ":" + std::to_string(lineNumber) + ": column '" + header[c] + "': '" +
                                     cells[c] + "' is not a finite number");
            }
            // Features are stored as float: a value beyond its range would become infinity (found by fuzzing).
            if (std::abs(value) > 1e30) {
                return Status::error(path + ":" + std::to_string(lineNumber) + ": column '" + header[c] + "': '" +
                                     cells[c].substr(0, 40) + "' is beyond 1e30 in magnitude");
            }
            row.push_back(static_cast<float>(value));
        }
        if (cells[labelIndex].empty()) {
            return Status::error(path + ":" + std::to_string(lineNumber) + ": the label column '" + header[labelIndex] +
                                 "' is empty");
        }
        rows.push_back(std::move(row));
        rawLabels.push_back(cells[labelIndex]);
    }
    if (rows.empty()) return Status::error(path + ": no data rows after the header");
    // Classes: numeric labels in ascending order, otherwise names in order of first appearance.
    bool numeric = true;
    for (const std::string& l : rawLabels) {
        double v;
        numeric = numeric && parseNumber(l, v);
    }
    std::vector<std::string> names;
    if (numeric) {
        std::vector<double> values;
        for (const std::string& l : rawLabels) values.push_back(std::strtod(l.c_str(), nullptr));
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (double v : values) {
            std::ostringstream s;
            s << v;
            names.push_back(s.str());
        }
    } else {
        for (const std::string& l : rawLabels) {
            if (std::find(names.begin(), names.end(), l) == names.end()) names.push_back(l);
        }
    }
    if (names.size() < 2)
        return Status::error(path + ": the label column '" + header[labelIndex] + "' has fewer than two classes");
    if (names.size() > 1000) return Status::error(path + ": more than 1000 classes in '" + header[labelIndex] + "'");
    Dataset d;
    d.classes = static_cast<int>(names.size());
    d.classNames = names;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (c != labelIndex) d.featureNames.push_back(header[c]);
    }
    d.features.resize(static_cast<Eigen::Index>(header.size() - 1), static_cast<Eigen::Index>(rows.size()));
    d.labels.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t f = 0; f < rows[i].size(); ++f)
            d.features(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(i)) = rows[i][f];
        if (numeric) {
            std::ostringstream s;
            s << std::strtod(rawLabels[i].c_str(), nullptr);
            d.labels[i] = static_cast<int>(std::find(names.begin(), names.end(), s.str()) - names.begin());
        } else {
            d.labels[i] = static_cast<int>(std::find(names.begin(), names.end(), rawLabels[i]) - names.begin());
        }
    }
    data = std::move(d);
    return Status::ok();
}

Status loadIris(const std::string& path, Dataset& data) {
    Dataset d;
    if (Status s = loadCsv(path, d, "species"); !s) return s;
    if (d.size() != 150 || d.dimension() != 4 || d.classes != 3) {
        return Status::error(path + ": expected the 150-sample, 4-feature, 3-species Iris table");
    }
    data = std::move(d);
    return Status::ok();
}

Status loadIdxImages(const std::string& path, Eigen::MatrixXf& images, int& rows, int& columns) {
    std::string bytes;
    if (Status s = readFileBytes(path, bytes); !s) return s;
    if (bytes.size() < 16)
        return Status::error(path + ": truncated IDX header (" + std::to_string(bytes.size()) + " bytes)");
    const std::uint32_t magic = bigEndian32(bytes, 0);
    if (magic != 0x00000803) {
        return Status::error(path + ": not an IDX image file (magic 0x" + [&] {
            char b[16];
            std::snprintf(b, sizeof b, "%08x", magic);
            return std::string(b);
        }() + ", expected 0x00000803)");
    }
    const std::uint32_t count = bigEndian32(bytes, 4);
    rows = static_cast<int>(bigEndian32(bytes, 8));
    columns = static_cast<int>(bigEndian32(bytes, 12));
    if (rows <= 0 || columns <= 0 || rows > 4096 || columns > 4096 || count == 0) {
        return Status::error(path + ": implausible IDX dimensions");
    }
    const std::size_t expected = 16 + std::size_t(count) * std::size_t(rows) * std::size_t(columns);
    if (bytes.size() != expected) {
        return Status::error(path + ": " + std::to_string(bytes.size()) + " bytes, the header promises " +
                             std::to_string(expected) +
                             (bytes.size() < expected ? " (truncated)" : " (trailing data)"));
    }
    const Eigen::Index pixels = static_cast<Eigen::Index>(rows) * columns;
    images.resize(pixels, count);
    const unsigned char* raw = reinterpret_cast<const unsigned char*>(bytes.data()) + 16;
    for (std::uint32_t i = 0; i < count; ++i) {
        for (Eigen::Index p = 0; p < pixels; ++p)
            images(p, i) = static_cast<float>(raw[i * pixels + p]) * (1.0f / 255.0f);
    }
    return Status::ok();
}

Status loadIdxLabels(const std::string& path, std::vector<int>& labels) {
    std::string bytes;
    if (Status s = readFileBytes(path, bytes); !s) return s;
    if (bytes.size() < 8) return Status::error(path + ": truncated IDX header");
    if (bigEndian32(bytes, 0) != 0x00000801)
        return Status::error(path + ": not an IDX label file (expected magic 0x00000801)");
    const std::uint32_t count = bigEndian32(bytes, 4);
    if (bytes.size() != 8 + std::size_t(count)) {
        return Status::error(path + ": " + std::to_string(bytes.size()) + " bytes, the header promises " +
                             std::to_string(8 + std::size_t(count)) +
                             (bytes.size() < 8 + std::size_t(count) ? " (truncated)" : " (trailing data)"));
    }
    labels.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) labels[i] = static_cast<unsigned char>(bytes[8 + i]);
    return Status::ok();
}

Status loadIdxPair(const std::string& imagesPath, const std::string& labelsPath, Dataset& data) {
    Dataset d;
    int rows = 0, columns = 0;
    if (Status s = loadIdxImages(imagesPath, d.features, rows, columns); !s) return s;
    if (Status s = loadIdxLabels(labelsPath, d.labels); !s) return s;
    if (static_cast<std::size_t>(d.features.cols()) != d.labels.size()) {
        return Status::error(labelsPath + ": " + std::to_string(d.labels.size()) + " labels for " +
                             std::to_string(d.features.cols()) + " images in " + imagesPath);
    }
    d.classes = 1 + *std::max_element(d.labels.begin(), d.labels.end());
    d.sharedFeatureScale = true;  // pixels
    for (int c = 0; c < d.classes; ++c) d.classNames.push_back(std::to_string(c));
    if (Status s = d.check(labelsPath); !s) return s;
    data = std::move(d);
    return Status::ok();
}

Status loadMnist(const std::string& directory, DataSplit& split, bool verify) {
    struct File {
        const char* name;
        const char* sha256;
    };
    const File files[4] = {
        {"train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {"train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {"t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {"t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };
    std::string paths[4];
    for (int i = 0; i < 4; ++i) {
        const std::string plain = directory + "/" + files[i].name;
        std::ifstream probe(plain, std::ios::binary);
        paths[i] = probe ? plain : plain + ".gz";
        if (!probe && !std::ifstream(paths[i], std::ios::binary)) {
            return Status::error(plain + ": missing (fetch MNIST with scripts/fetch-mnist.sh)");
        }
        if (verify) {
            std::string digest;
            if (Status s = sha256File(paths[i], digest); !s) return s;
            if (digest != files[i].sha256) {
                return Status::error(paths[i] + ": SHA-256 " + digest + " differs from the expected " +
                                     files[i].sha256 + " (corrupt or not the original MNIST file)");
            }
        }
    }
    DataSplit s;
    if (Status st = loadIdxPair(paths[0], paths[1], s.train); !st) return st;
    if (Status st = loadIdxPair(paths[2], paths[3], s.test); !st) return st;
    split = std::move(s);
    return Status::ok();
}

Status generateTeachingSet(const std::string& name, std::size_t samples, double noise, std::uint64_t seed,
                           Dataset& data) {
    if (samples < 4 || samples > 1000000) return Status::error("training.samples: must be in [4, 1000000]");
    if (!std::isfinite(noise) || noise < 0.0 || noise > 10.0)
        return Status::error("training.noise: must be in [0, 10]");
    GaussianRandom random(seed, random_streams::teachingSet);
    Dataset d;
    d.classes = 2;
    d.classNames = {"0", "1"};
    d.featureNames = {"x1", "x2"};
    d.features.resize(2, static_cast<Eigen::Index>(samples));
    d.labels.resize(samples);
    constexpr double pi = 3.14159265358979323846;
    for (std::size_t i = 0; i < samples; ++i) {
        const int label = static_cast<int>(i % 2);
        double x = 0.0, y = 0.0;
        if (name == "xor") {
            x = 2.0 * random.uniform() - 1.0;
            y = 2.0 * random.uniform() - 1.0;
            const bool positive = x * y > 0.0;
            if ((positive ? 1 : 0) != label) y = -y;  // put the point in a quadrant of its class
        } else if (name == "circles") {
            const double angle = 2.0 * pi * random.uniform();
            const double radius = label == 1 ? 0.5 : 1.0;
            x = radius * std::cos(angle);
            y = radius * std::sin(angle);
        } else if (name == "moons") {
            const double t = pi * random.uniform();
            if (label == 0) {
                x = std::cos(t);
                y = std::sin(t);
            } else {
                x = 1.0 - std::cos(t);
                y = 0.5 - std::sin(t);
            }
            x -= 0.5;
            y -= 0.25;
        } else if (name == "spirals") {
            const double t = random.uniform();
            const double angle = 3.0 * pi * t + (label == 1 ? pi : 0.0);
            const double radius = 0.1 + 0.9 * t;
            x = radius * std::cos(angle);
            y = radius * std::sin(angle);
        } else {
            return Status::error("training.dataset = \"" + name +
                                 "\": not a generated set (xor, circles, spirals, moons)");
        }
        d.features(0, static_cast<Eigen::Index>(i)) = static_cast<float>(x + noise * random.normal());
        d.features(1, static_cast<Eigen::Index>(i)) = static_cast<float>(y + noise * random.normal());
        d.labels[i] = label;
    }
    data = std::move(d);
    return Status::ok();
}

}  // namespace mtj
