// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the robustness-map reader (app/sweep.cpp, parseRobustnessMap) on arbitrary bytes: an error or a
// map, never a crash, a hang or a sanitizer report. A map it accepts has one run per place of its plan, each with an
// index for every axis inside that axis's values, and its cells can be computed.
#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    mtj::RobustnessMap map;
    if (mtj::app::parseRobustnessMap(bytes, QStringLiteral("fuzz"), map)) {
        for (const mtj::RobustnessRun& run : map.runs) {
            if (run.at.size() != map.axes.size()) std::abort();
            for (std::size_t a = 0; a < run.at.size(); ++a)
                if (run.at[a] < 0 || run.at[a] >= static_cast<int>(map.axes[a].values.size())) std::abort();
        }
        const std::vector<int> held(map.axes.size(), 0);
        (void)mtj::robustnessCells(map, 0, map.axes.size() > 1 ? 1 : -1, held, mtj::RobustnessMetric::HeldOut);
    }
    return 0;
}
