// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ticks.hpp"

#include <cmath>

namespace mtj::ui {

double roundTickStep(double span, int count) {
    if (!(span > 0.0) || !std::isfinite(span) || count < 1) return 0.0;
    const double raw = span / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0}) {
        if (factor * power >= raw) return factor * power;
    }
    return 10.0 * power;
}

std::vector<double> roundTicks(double lo, double hi, int count) {
    std::vector<double> ticks;
    const double step = roundTickStep(hi - lo, count);
    if (step <= 0.0) return ticks;
    for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
        ticks.push_back(std::abs(v) < 1e-9 * step ? 0.0 : v);
    }
    return ticks;
}

}  // namespace mtj::ui
