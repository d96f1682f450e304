#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command from a fresh Debian 12 machine to the test suite: install what is missing, build (Release, with
# precompiled headers), run CTest's quick tier, two tests at a time. GUI tests use the offscreen Qt platform, so no
# display is needed. About 8 minutes on 2 cores from a fresh clone (docs/developing.md).
#   scripts/test.sh          the quick tier: every test but those labelled long
#   scripts/test.sh --all    the quick tier, then the long tier (label long: minutes of reruns of reproduce and bench)
# CI (.ci/run) runs --all and then the ASan/UBSan pass (scripts/sanitize.sh address ci).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MTJ_BUILD_DIR:-$root/build}"
tier="${1:-quick}"
case "$tier" in
  quick | --all) ;;
  *) echo "test.sh: the argument is --all or nothing (got '$tier')" >&2; exit 2 ;;
esac
"$root/scripts/install-deps.sh"
"$root/scripts/check-format.sh"
"$root/scripts/build.sh"
"$root/scripts/fetch-mnist.sh"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure --timeout 1200 --parallel "$(nproc)" --label-exclude long
if [ "$tier" = --all ]; then
  ctest --test-dir "$build" --output-on-failure --timeout 1200 --label-regex long
fi
