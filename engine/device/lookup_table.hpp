// SPDX-License-Identifier: GPL-3.0-or-later
// ActivationLookupTable: one device's activation y(x) on a uniform grid, read back by piecewise cubic Hermite
// interpolation with the reference derivative at the nodes as tangents, limited by the Fritsch-Carlson condition
// wherever the data are monotone (so a monotone curve stays monotone between nodes). Error O(h^4) on smooth curves;
// docs/physics.md asks below 1e-3 of full scale with at least 129 nodes. Outside [xMin, xMax] the table holds the end
// values (the device saturates) with zero slope.
//
// Training reads every hidden neuron through its table (docs/physics.md section 6): the physics engine builds each
// table once per device; read noise is added per reading by the caller, never baked in.
// Immutable after construction; any thread may read it.
#pragma once

#include <atomic>
#include <vector>

#include "common/status.hpp"
#include "device/neuron_settings.hpp"
#include "device/variability.hpp"

namespace mtj {

class ActivationLookupTable {
public:
    ActivationLookupTable() = default;
    /// From values and slopes at count = y.size() uniform nodes over [xMin, xMax].
    ActivationLookupTable(double xMin, double xMax, std::vector<double> y, std::vector<double> slope);

    [[nodiscard]] double value(double x) const;
    [[nodiscard]] double slope(double x) const;
    /// Value and slope in one lookup.
    void evaluate(double x, double& y, double& dydx) const;

    [[nodiscard]] double xMin() const { return xMin_; }
    [[nodiscard]] double xMax() const { return xMax_; }
    [[nodiscard]] std::size_t nodes() const { return y_.size(); }
    [[nodiscard]] const std::vector<double>& nodeValues() const { return y_; }
    [[nodiscard]] const std::vector<double>& nodeSlopes() const { return slope_; }
    [[nodiscard]] double fullScale() const;  // max - min of the node values
    [[nodiscard]] bool empty() const { return y_.empty(); }

    /// Optional: the standard deviation of a reading's own noise at the nodes, beyond read noise (activation units):
    /// the window noise of a superparamagnetic neuron's telegraph signal (device/device_model.hpp). Empty (the
    /// default) for a device whose reading is deterministic. Read back by linear interpolation, end values outside.
    void setReadingNoise(std::vector<double> standardDeviation);
    [[nodiscard]] const std::vector<double>& nodeReadingNoise() const { return readingNoise_; }
    [[nodiscard]] bool hasReadingNoise() const { return !readingNoise_.empty(); }
    [[nodiscard]] double readingNoise(double x) const;

private:
    double xMin_ = 0.0, xMax_ = 1.0, spacing_ = 1.0, inverseSpacing_ = 1.0;
    std::vector<double> y_, slope_;     // slope_ holds the limited tangents used for interpolation
    std::vector<double> readingNoise_;  // empty, or one standard deviation per node
};

}  // namespace mtj
