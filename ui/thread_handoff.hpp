// SPDX-License-Identifier: GPL-3.0-or-later
// Results cross from the engine workers' threads to the window through queued signals, and requests the other way.
// Qt orders the two threads with its own event-queue lock, which ThreadSanitizer cannot see in Debian's Qt (not built
// with it), so every such handoff looked like a race. The sender emits while holding this fence and the receiver
// passes through it before touching what it received: a std::mutex both threads take, so the order Qt already
// guarantees is visible to ThreadSanitizer as well. Uncontended, it costs a few nanoseconds per result.
// Never emit under the fence to a receiver on the same thread that passes it (a direct connection would deadlock):
// the receivers that pass it are the device view and the run document (window thread: app/run_document.hpp) and the
// training worker's commands (its own thread).
#pragma once
#include <QObject>
#include <mutex>
#include <utility>

class QThread;

namespace mtj::ui {

std::mutex& threadHandoffFence();

/// Called first by a slot that receives a result or a request from another thread.
inline void passThreadHandoffFence() { std::lock_guard<std::mutex> fence(threadHandoffFence()); }

/// Runs `call` on `context`'s thread, queued: posted under the fence and run after passing it, so what `call`
/// captured here is ordered before its use there (and its destruction after).
template <class Call>
void invokeAcrossThreads(QObject* context, Call call) {
    std::lock_guard<std::mutex> fence(threadHandoffFence());
    QMetaObject::invokeMethod(
        context,
        [call = std::move(call)] {
            passThreadHandoffFence();
            call();
        },
        Qt::QueuedConnection);
}

/// Deletes `object` (which lives in `thread`) on that thread as it finishes, and then passes the fence there: its
/// deletion, ~QObject's disconnection from the window's objects included, is ordered before what the thread that
/// waited for `thread` does after passing the fence itself (deleting those objects). deleteLater on finished would
/// delete it after the last point where the thread could pass the fence.
void deleteWhenThreadFinishes(QObject* object, QThread* thread);

}  // namespace mtj::ui
