#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: runs per minute of the Iris robustness sweep (presets/sweeps/iris-robustness.json) with 1 and with 2
# workers (GNU parallel, scripts/sweep-parallel.sh; each training gets cores / workers threads), and the scaling
# ratio. Prints JSON figures; asserts nothing.
#   tests/bench/sweep_bench.sh [PROGRAM]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
program=$(realpath "${1:-$here/build/bin/mtj-explorer}")
sweep=$here/presets/sweeps/iris-robustness.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=$("$program" sweep plan "$sweep" 2>/dev/null)
measure() {  # workers -> seconds for the whole sweep
  local workers=$1 out=$work/w$1
  local start end
  start=$(date +%s.%N)
  "$here/scripts/sweep-parallel.sh" "$sweep" "$out" --shards $((2 * workers)) --jobs "$workers" --program "$program" \
    >"$work/log-$workers" 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
one=$(measure 1)
two=$(measure 2)
rate1=$(awk -v n="$total" -v t="$one" 'BEGIN { print 60 * n / t }')
rate2=$(awk -v n="$total" -v t="$two" 'BEGIN { print 60 * n / t }')
printf '{\n  "sweep": "iris-robustness (%d runs)",\n  "cores": %d,\n' "$total" "$(nproc)"
printf '  "sweep_runs_per_min_1_worker": %.1f,\n  "sweep_runs_per_min_2_workers": %.1f,\n' "$rate1" "$rate2"
printf '  "sweep_scaling_2_over_1": %.2f\n}\n' "$(awk -v a="$rate1" -v b="$rate2" 'BEGIN { print b / a }')"
