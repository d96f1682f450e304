// SPDX-License-Identifier: GPL-3.0-or-later
// `mtj-explorer screenshot`: renders the real main window off screen with a preset, waits until every chart of the
// view shows the preset's results, and saves a PNG. Needs a QApplication (the offscreen platform). GUI thread.
#pragma once

#include <QSize>
#include <QString>
#include <limits>

#include "common/status.hpp"

namespace mtj::app {

/// compare: for the training view, run the view's comparison of gradient sources instead of the preset's run.
/// presentation: the window in presentation mode (larger text) at a projector's 1280 x 720.
/// size: the window's size (invalid: 1280 x 800, or 1280 x 720 in presentation mode).
/// Every text the window shows cut short is listed on standard error (ui::clippedTexts).
/// Options for teaching figures: lesson (1-based, 0 = none) opens that lesson of presets/lessons/ instead of the
/// preset; tab shows a reading tab ("m(t)", "in-plane", "sphere", "energy") or a training tab ("network",
/// "decision-map", "confusion", "comparison"); map opens a merged sweep in the robustness-map view; focus fills the window with the chart of that tab (or the first chart).
struct ScreenshotExtras {
    int lesson = 0;
    QString tab;
    bool focus = false;
    double x = std::numeric_limits<double>::quiet_NaN();  ///< the input to follow, if finite
    QString map;  ///< a merged sweep to show in the robustness-map view (view "map")
};
Status saveScreenshot(const QString& presetPath, const QString& view, const QString& outPath, int epochs,
                      bool compare = false, bool presentation = false, QSize size = {},
                      const ScreenshotExtras& extras = {});

}  // namespace mtj::app
