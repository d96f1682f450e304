// SPDX-License-Identifier: GPL-3.0-or-later
// Round tick steps (1, 2 or 5 times a power of ten), one rule for every axis the window draws: the Qt Charts axes
// (setRangeWithRoundTicks, ui/chart_style.hpp) and the energy landscape's own (ui/energy_landscape_view.cpp).
#pragma once

#include <vector>

namespace mtj::ui {

/// The smallest round step (1, 2, 5 or 10 times a power of ten) that cuts `span` into at most `count` intervals;
/// 0 when span is not a positive finite number or count < 1.
double roundTickStep(double span, int count);

/// The round tick values inside [lo, hi], about `count` intervals apart (roundTickStep), -0 written as 0.
std::vector<double> roundTicks(double lo, double hi, int count);

}  // namespace mtj::ui
