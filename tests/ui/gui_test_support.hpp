// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the GUI tests: run the event loop until a condition holds; count what is drawn in a colour.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QImage>
#include <QtTest>
#include <cstdlib>
#include <functional>

namespace mtj::testing {

/// Processes events in 5 ms slices until `done` or the timeout; false on timeout.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 60000) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QTest::qWait(5);
    }
    return true;
}

/// Pixels of `image` within `tolerance` (sum of the absolute channel differences) of `colour`: what a chart drew in it.
inline int pixelsNear(const QImage& image, const QColor& colour, int tolerance = 40) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                    std::abs(c.blue() - colour.blue()) <
                tolerance) {
                ++count;
            }
        }
    }
    return count;
}

}  // namespace mtj::testing
