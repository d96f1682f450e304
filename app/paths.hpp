// SPDX-License-Identifier: GPL-3.0-or-later
// Where MTJ Explorer finds its files: the shipped resources and presets (the source tree it was built from, or
// $MTJ_RESOURCE_DIR / $MTJ_PRESET_DIR) and the MNIST cache ($MTJ_MNIST_DIR, else $XDG_CACHE_HOME/mtj-explorer/mnist,
// else ~/.cache/mtj-explorer/mnist, where scripts/fetch-mnist.sh puts the verified files). Any thread.
#pragma once

#include <QString>

namespace mtj::app {

QString resourceDirectory();
QString presetDirectory();
QString mnistCacheDirectory();

}  // namespace mtj::app
