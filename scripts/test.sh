#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command from a fresh Debian 12 machine to the whole test suite: install what is missing, build, run CTest.
# GUI tests use the offscreen Qt platform, so no display is needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MTJ_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/check-format.sh"
"$root/scripts/build.sh"
"$root/scripts/fetch-mnist.sh"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure --timeout 1200
# The sanitizer pass CI runs: AddressSanitizer and UndefinedBehaviorSanitizer over every test but the few that take
# minutes under them (label slow_under_sanitizers; `scripts/sanitize.sh address` runs those too). MTJ_SKIP_SANITIZERS=1
# leaves it out (a quick local check).
if [ "${MTJ_SKIP_SANITIZERS:-0}" != 1 ]; then
  "$root/scripts/sanitize.sh" address ci
fi
