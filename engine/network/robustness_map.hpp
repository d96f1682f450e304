// SPDX-License-Identifier: GPL-3.0-or-later
// A robustness map: the runs of a merged sweep (mtj-explorer sweep merge) as a table over the sweep's axes, and its
// cells: for two chosen axes, with every other axis held at one value, the mean and the spread over the seeds of one
// metric (held-out accuracy, the deployment drop, ...). The window's robustness-map view draws it; Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mtj {

struct RobustnessAxis {
    std::string key;                  // the dotted preset key ("variability.relative_sigma")
    std::vector<std::string> values;  // each value as the sweep file wrote it ("0.1", "device-fd", "[16,16]")
};

struct RobustnessRun {
    int index = 0;
    std::string id;
    std::uint64_t seed = 0;
    std::vector<int> at;  // per axis, the index of its value
    /// The metrics, NaN where one does not apply: held-out accuracy (validation, else test), training accuracy, the
    /// mean gradient cosine, and for model-then-deploy the model's and the deployed devices' held-out accuracy.
    double heldOut = 0, train = 0, gradientCosine = 0, model = 0, deployed = 0;
    std::string error;  // a run whose training failed (diverged): no metrics
};

enum class RobustnessMetric { HeldOut, Train, GradientCosine, DeploymentDrop, Deployed };

/// The metric's name for menus and legends, and its unit ("%" for accuracies, "" for a cosine).
const char* metricName(RobustnessMetric metric);
/// The metric of one run (NaN where it does not apply). Accuracies in [0, 1]; the deployment drop is model - deployed.
double metricOf(const RobustnessRun& run, RobustnessMetric metric);

struct RobustnessMap {
    std::string name, description;
    std::vector<RobustnessAxis> axes;
    std::vector<RobustnessRun> runs;
};

struct RobustnessCell {
    double mean = 0, deviation = 0;  // over the runs with the metric (sample standard deviation; 0 for one run)
    int count = 0;                   // runs with the metric
    std::vector<int> runs;           // indices into RobustnessMap::runs, every run behind the cell
};

/// The cells of the map over axes `x` (columns) and `y` (rows; -1: one row), the other axes held at `fixed` (one
/// value index per axis; the entries of x and y are ignored): row-major, rows.size() = values of y (or 1).
std::vector<RobustnessCell> robustnessCells(const RobustnessMap& map, int x, int y, const std::vector<int>& fixed,
                                            RobustnessMetric metric);

}  // namespace mtj
