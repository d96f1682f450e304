// SPDX-License-Identifier: GPL-3.0-or-later
#include "network/robustness_map.hpp"

#include <cmath>
#include <limits>

namespace mtj {

const char* metricName(RobustnessMetric metric) {
    switch (metric) {
        case RobustnessMetric::HeldOut: return "held-out accuracy";
        case RobustnessMetric::Train: return "training accuracy";
        case RobustnessMetric::GradientCosine: return "gradient cosine";
        case RobustnessMetric::DeploymentDrop: return "deployment drop (model - devices)";
        case RobustnessMetric::Deployed: return "deployed accuracy (before fine-tuning)";
    }
    return "";
}

double metricOf(const RobustnessRun& run, RobustnessMetric metric) {
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    if (!run.error.empty()) return none;
    switch (metric) {
        case RobustnessMetric::HeldOut: return run.heldOut;
        case RobustnessMetric::Train: return run.train;
        case RobustnessMetric::GradientCosine: return run.gradientCosine;
        case RobustnessMetric::DeploymentDrop: return run.model - run.deployed;
        case RobustnessMetric::Deployed: return run.deployed;
    }
    return none;
}

std::vector<RobustnessCell> robustnessCells(const RobustnessMap& map, int x, int y, const std::vector<int>& fixed,
                                            RobustnessMetric metric) {
    const int axes = static_cast<int>(map.axes.size());
    if (x < 0 || x >= axes || y >= axes || y == x) return {};
    const int columns = static_cast<int>(map.axes[static_cast<std::size_t>(x)].values.size());
    const int rows = y < 0 ? 1 : static_cast<int>(map.axes[static_cast<std::size_t>(y)].values.size());
    std::vector<RobustnessCell> cells(static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns));
    for (std::size_t r = 0; r < map.runs.size(); ++r) {
        const RobustnessRun& run = map.runs[r];
        if (static_cast<int>(run.at.size()) != axes) continue;
        bool held = true;
        for (int a = 0; a < axes && held; ++a) {
            if (a == x || a == y) continue;
            held = a < static_cast<int>(fixed.size()) &&
                   run.at[static_cast<std::size_t>(a)] == fixed[static_cast<std::size_t>(a)];
        }
        if (!held) continue;
        const int column = run.at[static_cast<std::size_t>(x)];
        const int row = y < 0 ? 0 : run.at[static_cast<std::size_t>(y)];
        cells[static_cast<std::size_t>(row * columns + column)].runs.push_back(static_cast<int>(r));
    }
    for (RobustnessCell& cell : cells) {
        double sum = 0.0;
        for (int r : cell.runs) {
            const double v = metricOf(map.runs[static_cast<std::size_t>(r)], metric);
            if (!std::isfinite(v)) continue;
            sum += v;
            ++cell.count;
        }
        if (cell.count == 0) {
            cell.mean = cell.deviation = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        cell.mean = sum / cell.count;
        double squares = 0.0;
        for (int r : cell.runs) {
            const double v = metricOf(map.runs[static_cast<std::size_t>(r)], metric);
            if (std::isfinite(v)) squares += (v - cell.mean) * (v - cell.mean);
        }
        cell.deviation = cell.count > 1 ? std::sqrt(squares / (cell.count - 1)) : 0.0;
    }
    return cells;
}

}  // namespace mtj
