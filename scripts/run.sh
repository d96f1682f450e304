#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command from a fresh Debian 12 machine to the running explorer: install what is missing, build, start.
# Arguments go to mtj-explorer (for example: scripts/run.sh --preset presets/default.json).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "${MTJ_BUILD_DIR:-$root/build}/bin/mtj-explorer" "$@"
