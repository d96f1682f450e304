// SPDX-License-Identifier: GPL-3.0-or-later
// The robustness map's cells (engine/network/robustness_map.hpp): per cell of two chosen axes, with the other axes
// held at one value, the mean and sample standard deviation of a metric over the cell's runs; failed runs and runs
// without the metric are listed but not counted; the deployment drop is the model's accuracy minus the devices'.
#include <QtTest>
#include <cmath>
#include <limits>

#include "network/robustness_map.hpp"

using namespace mtj;

namespace {

/// 3 spreads x 2 modes x 2 sources, 2 seeds each: run k's held-out accuracy is a known function of its place.
RobustnessMap threeAxes() {
    RobustnessMap map;
    map.axes = {{"variability.relative_sigma", {"0", "0.1", "0.2"}},
                {"training.mode", {"model-then-deploy", "in-the-loop"}},
                {"training.gradient", {"device-fd", "tanh"}}};
    int index = 0;
    for (int s = 0; s < 3; ++s)
        for (int m = 0; m < 2; ++m)
            for (int g = 0; g < 2; ++g)
                for (int seed = 1; seed <= 2; ++seed) {
                    RobustnessRun r;
                    r.index = index;
                    r.id = std::string("r").append(std::to_string(index));
                    ++index;
                    r.seed = static_cast<std::uint64_t>(seed);
                    r.at = {s, m, g};
                    r.heldOut = 0.9 - 0.1 * s - 0.01 * g + (seed == 1 ? 0.02 : -0.02);
                    r.train = 1.0;
                    r.gradientCosine = std::numeric_limits<double>::quiet_NaN();
                    r.model = m == 0 ? 0.95 : std::numeric_limits<double>::quiet_NaN();
                    r.deployed = m == 0 ? 0.95 - 0.2 * s : std::numeric_limits<double>::quiet_NaN();
                    map.runs.push_back(r);
                }
    return map;
}

}  // namespace

class TestRobustnessMap : public QObject {
    Q_OBJECT
private slots:
    void cellsAverageTheSeedsOfEachPlace() {
        const RobustnessMap map = threeAxes();
        // Across: the spread; down: the mode; the source held at tanh.
        const std::vector<RobustnessCell> cells = robustnessCells(map, 0, 1, {0, 0, 1}, RobustnessMetric::HeldOut);
        QCOMPARE(cells.size(), std::size_t{6});
        for (int m = 0; m < 2; ++m) {
            for (int s = 0; s < 3; ++s) {
                const RobustnessCell& c = cells[static_cast<std::size_t>(m * 3 + s)];
                QCOMPARE(c.count, 2);
                QCOMPARE(c.runs.size(), std::size_t{2});
                QVERIFY(std::abs(c.mean - (0.9 - 0.1 * s - 0.01)) < 1e-12);
                QVERIFY(std::abs(c.deviation - 0.04 / std::sqrt(2.0)) < 1e-12);  // sample sd of +-0.02
                for (int r : c.runs) {
                    QCOMPARE(map.runs[static_cast<std::size_t>(r)].at[0], s);
                    QCOMPARE(map.runs[static_cast<std::size_t>(r)].at[1], m);
                    QCOMPARE(map.runs[static_cast<std::size_t>(r)].at[2], 1);  // only the held source
                }
            }
        }
    }

    void oneRowAndTheDeploymentDrop() {
        const RobustnessMap map = threeAxes();
        const std::vector<RobustnessCell> drop =
            robustnessCells(map, 0, -1, {0, 0, 0}, RobustnessMetric::DeploymentDrop);
        QCOMPARE(drop.size(), std::size_t{3});
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(drop[static_cast<std::size_t>(s)].count, 2);
            QVERIFY(std::abs(drop[static_cast<std::size_t>(s)].mean - 0.2 * s) < 1e-12);
            QCOMPARE(drop[static_cast<std::size_t>(s)].deviation, 0.0);
        }
        // In the loop there is no deployment: the cells list their runs but have no value.
        const std::vector<RobustnessCell> none =
            robustnessCells(map, 0, -1, {0, 1, 0}, RobustnessMetric::DeploymentDrop);
        QCOMPARE(none[0].count, 0);
        QCOMPARE(none[0].runs.size(), std::size_t{2});
        QVERIFY(std::isnan(none[0].mean));
    }

    void failedRunsAreListedNotCounted() {
        RobustnessMap map = threeAxes();
        map.runs[0].error = "diverged";
        const std::vector<RobustnessCell> cells = robustnessCells(map, 0, 1, {0, 0, 0}, RobustnessMetric::HeldOut);
        QCOMPARE(cells[0].runs.size(), std::size_t{2});
        QCOMPARE(cells[0].count, 1);
        QCOMPARE(cells[0].mean, map.runs[1].heldOut);
        QCOMPARE(cells[0].deviation, 0.0);
    }

    void badAxesGiveNoCells() {
        const RobustnessMap map = threeAxes();
        QVERIFY(robustnessCells(map, 3, -1, {0, 0, 0}, RobustnessMetric::HeldOut).empty());
        QVERIFY(robustnessCells(map, 1, 1, {0, 0, 0}, RobustnessMetric::HeldOut).empty());
        QVERIFY(robustnessCells(map, -1, 0, {0, 0, 0}, RobustnessMetric::HeldOut).empty());
    }
};

QTEST_APPLESS_MAIN(TestRobustnessMap)
#include "test_robustness_map.moc"
