// SPDX-License-Identifier: GPL-3.0-or-later
#include "thread_handoff.hpp"

#include <QObject>
#include <QThread>

namespace mtj::ui {

std::mutex& threadHandoffFence() {
    static std::mutex fence;
    return fence;
}

void deleteWhenThreadFinishes(QObject* object, QThread* thread) {
    // finished is emitted on the finishing thread: the direct connection deletes the object there. The context is
    // the QThread object, which outlives the call.
    QObject::connect(
        thread, &QThread::finished, thread,
        [object] {
            passThreadHandoffFence();  // calls still queued for it were posted under the fence
            delete object;
            std::lock_guard<std::mutex> fence(threadHandoffFence());
        },
        Qt::DirectConnection);
}

}  // namespace mtj::ui
