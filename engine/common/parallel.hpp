// SPDX-License-Identifier: GPL-3.0-or-later
// parallelFor: runs body(begin, end) over [0, count) split into contiguous blocks on up to `threads` worker
// threads (0 = all hardware threads), the calling thread taking the first block. Blocks are deterministic
// for a given count and thread count; results must not depend on the split (each index owns its output).
// Any thread may call it; body must be safe to run concurrently on disjoint ranges.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace mtj {

inline unsigned hardwareThreads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1u : n;
}

template <class Body>
void parallelFor(std::size_t count, unsigned threads, std::size_t grain, Body&& body) {
    if (threads == 0) {
        threads = hardwareThreads();
    }
    grain = std::max<std::size_t>(grain, 1);
    const std::size_t maxBlocks = (count + grain - 1) / grain;
    const std::size_t blocks = std::min<std::size_t>(threads, maxBlocks);
    if (blocks <= 1) {
        if (count > 0) {
            body(std::size_t{0}, count);
        }
        return;
    }
    const std::size_t perBlock = (count + blocks - 1) / blocks;
    std::vector<std::thread> workers;
    workers.reserve(blocks - 1);
    for (std::size_t b = 1; b < blocks; ++b) {
        const std::size_t begin = b * perBlock;
        const std::size_t end = std::min(count, begin + perBlock);
        if (begin < end) {
            workers.emplace_back([&body, begin, end] { body(begin, end); });
        }
    }
    body(std::size_t{0}, std::min(count, perBlock));
    for (auto& w : workers) {
        w.join();
    }
}

}  // namespace mtj
