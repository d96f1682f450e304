// SPDX-License-Identifier: GPL-3.0-or-later
// Engine threads that share the cores with a window: lowerThisThreadsPriority() raises the calling thread's nice
// value, so that the threads it starts afterwards (parallelFor's helpers, OpenMP's team) inherit it and the window's
// thread, woken by a timer or an input event, runs at once instead of waiting for a time slice (docs/architecture.md,
// "Threads"). Linux keeps a nice value per thread; raising it needs no privilege. POSIX only, no Qt.
#pragma once

namespace mtj {

/// Raises the calling thread's nice value by `steps` (capped at 19); false when the system refused.
bool lowerThisThreadsPriority(int steps = 10);

}  // namespace mtj
