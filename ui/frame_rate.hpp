// SPDX-License-Identifier: GPL-3.0-or-later
// How often the window redraws. kFrameMilliseconds (about 30 a second) paces what does not follow the display: the
// training worker's snapshots. frameIntervalMilliseconds() is one frame of the screen a widget is on (16.7 ms at
// 60 Hz), for animations; the device explorer's charts follow the frames the window actually paints (FramePacer,
// ui/frame_pacer.hpp). docs/architecture.md, "Threads".
#pragma once

#include <QScreen>
#include <QWidget>
#include <algorithm>
#include <cmath>

namespace mtj::ui {

inline constexpr int kFrameMilliseconds = 33;

/// One refresh of the screen `widget` is on, in whole milliseconds, from 4 (240 Hz) to 33 (30 Hz); 16 when the
/// screen does not say.
inline int frameIntervalMilliseconds(const QWidget* widget) {
    const QScreen* screen = widget != nullptr ? widget->screen() : nullptr;
    const double hertz = screen != nullptr ? screen->refreshRate() : 0.0;
    if (!(hertz > 0.0) || !std::isfinite(hertz)) return 16;
    return std::clamp(static_cast<int>(std::floor(1000.0 / hertz)), 4, 33);
}

}  // namespace mtj::ui
