// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the IDX readers (engine/data/loaders.cpp, loadIdxImages and loadIdxLabels) on arbitrary bytes,
// written to a per-process file: an error or images and labels of the sizes the header promised; never a crash,
// an allocation the file cannot back, or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "data/loaders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/mtj-fuzz-idx-" + std::to_string(getpid());
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    Eigen::MatrixXf images;
    int rows = 0, columns = 0;
    if (mtj::loadIdxImages(path, images, rows, columns)) {
        const long pixels = static_cast<long>(rows) * columns;
        if (pixels <= 0 || images.size() % pixels != 0) std::abort();
    }
    std::vector<int> labels;
    (void)mtj::loadIdxLabels(path, labels);
    return 0;
}
