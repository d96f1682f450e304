// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/background_thread.hpp"

#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mtj {

bool lowerThisThreadsPriority(int steps) {
#if defined(__linux__)
    // On Linux, PRIO_PROCESS with a thread id addresses that one thread (setpriority(2), "BUGS").
    const auto thread = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, thread);
    if (current == -1 && errno != 0) return false;
    const int wanted = current + steps > 19 ? 19 : current + steps;
    return ::setpriority(PRIO_PROCESS, thread, wanted) == 0;
#else
    (void)steps;
    return false;
#endif
}

}  // namespace mtj
