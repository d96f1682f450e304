// SPDX-License-Identifier: GPL-3.0-or-later
// `mtj-explorer sweep plan|run|merge` (app/sweep.hpp): how many runs a sweep makes, running one shard of it
// (resumable), and merging the shards into a robustness map. Main thread.
#pragma once

#include <QStringList>

namespace mtj::app {

int runSweep(const QStringList& args);

}  // namespace mtj::app
