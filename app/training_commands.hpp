// SPDX-License-Identifier: GPL-3.0-or-later
// `mtj-explorer train` and `mtj-explorer reproduce` (docs/formats.md): training runs from presets, with a progress bar
// on a terminal, and the paper's table. Main thread.
#pragma once

#include <QStringList>

namespace mtj::app {

int runTrain(const QStringList& args);
int runReproduce(const QStringList& args);

}  // namespace mtj::app
