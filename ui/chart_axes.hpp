// Axis helpers shared by the charts: round tick values without changing a range, and ranges that stay put while the
// data fit them (every re-layout of an axis costs milliseconds of the GUI thread). GUI thread only.
#pragma once

class QValueAxis;

namespace mtj::ui {

/// Range [lo, hi] with ticks at round values (1, 2 or 5 times a power of ten, about six of them), anchored at zero.
void setRangeWithRoundTicks(QValueAxis* axis, double lo, double hi);

/// True while [lo, hi] lies inside the axis range and fills at least 40 % of it.
bool rangeStillFits(const QValueAxis* axis, double lo, double hi);

}  // namespace mtj::ui
