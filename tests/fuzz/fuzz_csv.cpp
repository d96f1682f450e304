// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the CSV training-data reader (engine/data/loaders.cpp, loadCsv). The reader takes a path, so each
// input is written to a per-process file first. An error or a data set whose every feature is finite and whose
// labels are in range; never a crash or a sanitizer report.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "data/loaders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/mtj-fuzz-csv-" + std::to_string(getpid()) + ".csv";
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    mtj::Dataset dataset;
    if (mtj::loadCsv(path, dataset)) {
        if (!dataset.features.allFinite()) std::abort();
        for (int label : dataset.labels) {
            if (label < 0 || label >= dataset.classes) std::abort();
        }
    }
    return 0;
}
