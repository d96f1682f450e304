// `mtj-explorer screenshot`: renders the real main window off screen with a preset, waits until every chart of the
// view shows the preset's results, and saves a PNG. Needs a QApplication (the offscreen platform). GUI thread.
#pragma once

#include <QSize>
#include <QString>

#include "common/status.hpp"

namespace mtj::app {

/// compare: for the training view, run the view's comparison of gradient sources instead of the preset's run.
/// presentation: the window in presentation mode (larger text) at a projector's 1280 x 720.
/// size: the window's size (invalid: 1280 x 800, or 1280 x 720 in presentation mode).
/// Every text the window shows cut short is listed on standard error (ui::clippedTexts).
Status saveScreenshot(const QString& presetPath, const QString& view, const QString& outPath, int epochs,
                      bool compare = false, bool presentation = false, QSize size = {});

}  // namespace mtj::app
