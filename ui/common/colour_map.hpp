// SPDX-License-Identifier: GPL-3.0-or-later
// The one colour map of the window: viridis (perceptually uniform, dark to light), for the energy landscape and the
// robustness map. A polynomial fit to matplotlib's table (docs/user-guide.md shows both views).
#pragma once

#include <QColor>
#include <QRgb>

namespace mtj::ui {

/// Viridis at t in [0, 1] (clamped; NaN is 0): dark violet for low values, yellow for high.
QRgb viridis(double t);
/// The same as a QColor.
inline QColor viridisColour(double t) { return QColor::fromRgb(viridis(t)); }

}  // namespace mtj::ui
