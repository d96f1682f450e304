#include "chart_axes.hpp"

#include <QValueAxis>
#include <cmath>

namespace mtj::ui {

bool rangeStillFits(const QValueAxis* axis, double lo, double hi) {
    const double min = axis->min(), max = axis->max();
    return lo >= min && hi <= max && (hi - lo) >= 0.4 * (max - min);
}

void setRangeWithRoundTicks(QValueAxis* axis, double lo, double hi) {
    // Fixed ticks while the range changes: with the old interval against a much wider new range, dynamic ticks
    // would lay out thousands of labels for one frame.
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(lo, hi);
    const double span = hi - lo;
    if (!(span > 0.0) || !std::isfinite(span)) return;
    const double raw = span / 6.0;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double interval = power;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= raw) {
            interval = factor * power;
            break;
        }
    }
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(interval);
    axis->setLabelFormat(interval >= 1.0 ? QStringLiteral("%.0f") : interval >= 0.1 ? QStringLiteral("%.1f")
                                                           : interval >= 0.01 ? QStringLiteral("%.2f") : QStringLiteral("%.3g"));
}

}  // namespace mtj::ui
