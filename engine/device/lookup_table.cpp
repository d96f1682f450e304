// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/lookup_table.hpp"

#include <algorithm>
#include <cmath>

#include "common/parallel.hpp"
#include "device/activation_curve.hpp"

namespace mtj {

ActivationLookupTable::ActivationLookupTable(double xMin, double xMax, std::vector<double> y, std::vector<double> slope)
    : xMin_(xMin), xMax_(xMax), y_(std::move(y)), slope_(std::move(slope)) {
    const std::size_t n = y_.size();
    spacing_ = (xMax_ - xMin_) / static_cast<double>(n - 1);
    inverseSpacing_ = 1.0 / spacing_;
    // Fritsch-Carlson: in an interval where the data are monotone (both tangents agree in sign with the secant),
    // (alpha, beta) = (m_i, m_{i+1}) / secant is pulled inside the circle of radius 3, which keeps the cubic
    // monotone. An interval whose tangents disagree holds an extremum of the curve: its exact tangents are kept.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double secant = (y_[i + 1] - y_[i]) * inverseSpacing_;
        if (secant == 0.0 || slope_[i] * secant < 0.0 || slope_[i + 1] * secant < 0.0) continue;
        const double a = slope_[i] / secant;
        const double b = slope_[i + 1] / secant;
        const double r = a * a + b * b;
        if (r > 9.0) {
            const double tau = 3.0 / std::sqrt(r);
            slope_[i] = tau * a * secant;
            slope_[i + 1] = tau * b * secant;
        }
    }
}

void ActivationLookupTable::evaluate(double x, double& y, double& dydx) const {
    if (!(x > xMin_)) {
        y = y_.front();
        dydx = 0.0;
        return;
    }
    if (!(x < xMax_)) {
        y = y_.back();
        dydx = 0.0;
        return;
    }
    const double position = (x - xMin_) * inverseSpacing_;
    const std::size_t i = std::min(static_cast<std::size_t>(position), y_.size() - 2);
    const double t = position - static_cast<double>(i);
    const double t2 = t * t, t3 = t2 * t;
    // Cubic Hermite basis on [0, 1].
    const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
    const double m0 = slope_[i] * spacing_, m1 = slope_[i + 1] * spacing_;
    y = h00 * y_[i] + h10 * m0 + h01 * y_[i + 1] + h11 * m1;
    const double d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1, d01 = -6 * t2 + 6 * t, d11 = 3 * t2 - 2 * t;
    dydx = (d00 * y_[i] + d10 * m0 + d01 * y_[i + 1] + d11 * m1) * inverseSpacing_;
}

double ActivationLookupTable::value(double x) const {
    double y, d;
    evaluate(x, y, d);
    return y;
}

double ActivationLookupTable::slope(double x) const {
    double y, d;
    evaluate(x, y, d);
    return d;
}

double ActivationLookupTable::fullScale() const {
    const auto [lo, hi] = std::minmax_element(y_.begin(), y_.end());
    return *hi - *lo;
}

void ActivationLookupTable::setReadingNoise(std::vector<double> standardDeviation) {
    readingNoise_ = standardDeviation.size() == y_.size() ? std::move(standardDeviation) : std::vector<double>{};
}

double ActivationLookupTable::readingNoise(double x) const {
    if (readingNoise_.empty()) return 0.0;
    if (!(x > xMin_)) return readingNoise_.front();
    if (!(x < xMax_)) return readingNoise_.back();
    const double position = (x - xMin_) * inverseSpacing_;
    const std::size_t i = std::min(static_cast<std::size_t>(position), readingNoise_.size() - 2);
    const double t = position - static_cast<double>(i);
    return (1.0 - t) * readingNoise_[i] + t * readingNoise_[i + 1];
}

}  // namespace mtj
