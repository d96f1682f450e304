#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package: a separate build for any x86-64 machine (no -march=native, no tests), installed into a
# staging folder by CPack, with dependencies from dpkg-shlibdeps. The .deb lands in build-package/.
#   sudo apt-get install ./build-package/mtj-explorer_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends dpkg-dev
fi
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DMTJ_NATIVE=OFF -DMTJ_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
cmake --build build-package --target mtj-explorer
(cd build-package && cpack -G DEB)
ls -l build-package/*.deb
