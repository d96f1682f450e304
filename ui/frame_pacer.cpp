// SPDX-License-Identifier: GPL-3.0-or-later
#include "frame_pacer.hpp"

#include <QEvent>
#include <QWidget>

#include "frame_rate.hpp"

namespace mtj::ui {

FramePacer::FramePacer(QWidget* view, std::function<void()> applyNext)
    : QObject(view), view_(view), applyNext_(std::move(applyNext)) {
    fallback_.setSingleShot(true);
    connect(&fallback_, &QTimer::timeout, this, &FramePacer::frameEnded);
}

void FramePacer::frameStarted() {
    inFlight_ = true;
    // The window (not the view) receives the update request that paints every dirty widget in it; the view may have
    // been moved to another window since the last frame.
    QWidget* window = view_->window();
    if (window != watchedWindow_) {
        if (watchedWindow_ != nullptr) watchedWindow_->removeEventFilter(this);
        window->installEventFilter(this);
        watchedWindow_ = window;
    }
    fallback_.start(frameIntervalMilliseconds(view_));
}

bool FramePacer::eventFilter(QObject* watched, QEvent* event) {
    if (inFlight_ && !endQueued_ && watched == watchedWindow_ && event->type() == QEvent::UpdateRequest) {
        // The paint runs when this filter returns; a zero timer fires after it and after the input events already
        // queued, so a slider being dragged keeps its turn between frames.
        endQueued_ = true;
        QTimer::singleShot(0, this, &FramePacer::frameEnded);
    }
    return QObject::eventFilter(watched, event);
}

void FramePacer::frameEnded() {
    endQueued_ = false;
    if (!inFlight_) return;
    inFlight_ = false;
    fallback_.stop();
    applyNext_();
}

}  // namespace mtj::ui
