// Helpers of the GUI tests: run the event loop until a condition holds.
#pragma once

#include <QElapsedTimer>
#include <QtTest>
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

}  // namespace mtj::testing
