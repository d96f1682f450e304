// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the sweep-file reader (app/sweep.cpp, parseSweep) on arbitrary bytes, its base preset found in
// presets/: an error or a sweep, never a crash, a hang or a sanitizer report. A sweep it accepts has runs that
// decompose back to their index.
#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    mtj::app::Sweep sweep;
    if (mtj::app::parseSweep(bytes, QStringLiteral("fuzz"), QStringLiteral(MTJ_SWEEP_DIR), sweep)) {
        const int runs = sweep.runCount();
        if (runs < 1) std::abort();
        for (int k : {0, runs / 2, runs - 1}) {
            const mtj::app::SweepRun run = mtj::app::sweepRun(sweep, k);
            if (run.at.size() != sweep.axes.size() || run.index != k) std::abort();
        }
    }
    return 0;
}
