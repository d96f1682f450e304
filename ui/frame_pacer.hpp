// SPDX-License-Identifier: GPL-3.0-or-later
// FramePacer: lets a view apply what its engine worker sent once per frame its window paints, instead of on a fixed
// clock. A result that arrives while no frame is in flight is applied at once (the slider's curve reaches the chart
// in the time the engine takes); one that arrives while the window is still painting the previous one waits for that
// paint, and the newest waiting result is applied just after it. When no paint comes (the view is hidden, nothing
// changed on screen), the frame ends after one refresh interval of the screen. docs/architecture.md, "Threads".
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QWidget;

namespace mtj::ui {

class FramePacer : public QObject {
    Q_OBJECT
public:
    /// `applyNext` is called on the GUI thread when a frame has ended and the view may apply what is waiting.
    FramePacer(QWidget* view, std::function<void()> applyNext);

    /// True from frameStarted() until the window has painted that frame (or one refresh interval has passed).
    [[nodiscard]] bool frameInFlight() const { return inFlight_; }
    /// The view has just changed what it shows: a frame is in flight.
    void frameStarted();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void frameEnded();

    QWidget* view_;
    std::function<void()> applyNext_;
    QPointer<QWidget> watchedWindow_;
    QTimer fallback_;
    bool inFlight_ = false;
    bool endQueued_ = false;
};

}  // namespace mtj::ui
