#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The sweep's acceptance tests (CTest): a 12-run sweep split into 3 shards through GNU parallel merges to exactly the
# runs of one unsharded run (every metric byte for byte; only the seconds differ); a shard killed mid-way and started
# again finishes without repeating a finished run; merge refuses a missing, a duplicated or a cut-short run with a
# clear message; a bad sweep file is refused naming the key.
#   sweep_parallel_test.sh PROGRAM SOURCE_DIR WORK_DIR      exit 0 pass, 1 fail, 77 skipped (no GNU parallel)
set -uo pipefail
program=$(realpath "$1") source=$(realpath "$2") work=$3
sweep=$source/tests/sweep/twelve-runs.json
rm -rf "$work" && mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
metrics() { grep -v '"seconds"' "$1"; }  # the map without the wall-clock times

if ! command -v parallel >/dev/null; then
  echo "SKIP: GNU parallel is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi

runs=$("$program" sweep plan "$sweep" --shards 3 2>/dev/null)
[ "$runs" = 12 ] && pass "plan: 12 runs" || fail "plan printed '$runs', not 12"

# One unsharded run, the reference.
"$program" sweep run "$sweep" --out "$work/one" 2>"$work/one.log" || fail "unsharded run failed: $(tail -3 "$work/one.log")"
"$program" sweep merge "$work/one" --out "$work/one.json" 2>>"$work/one.log" || fail "merge of the unsharded run failed"

# Three shards through GNU parallel, two at a time.
"$source/scripts/sweep-parallel.sh" "$sweep" "$work/three" --shards 3 --jobs 2 --merge "$work/three.json" \
  --program "$program" >"$work/three.log" 2>&1 || fail "sweep-parallel.sh failed: $(tail -5 "$work/three.log")"
[ "$(ls "$work/three"/shard-*-of-3.jsonl 2>/dev/null | wc -l)" = 3 ] && pass "three shard files" || fail "not three shard files"
if [ -f "$work/three.json" ] && diff <(metrics "$work/one.json") <(metrics "$work/three.json") >"$work/diff.txt"; then
  pass "3 shards through GNU parallel merge to the unsharded map, every metric byte for byte ($(grep -c '"validation_accuracy"' "$work/three.json") accuracy figures)"
else
  fail "the sharded map differs from the unsharded one: $(head -20 "$work/diff.txt")"
fi
[ "$(grep -c '"id": "r0' "$work/three.json")" = 12 ] && pass "12 runs in the map" || fail "the map does not hold 12 runs"

# Run again with another number of shards, the finished runs are skipped wherever they are: nothing runs twice.
message=$("$program" sweep run "$sweep" --shard 1/2 --out "$work/three" 2>&1); code=$?
[ $code = 0 ] && grep -q "6 runs, 6 finished before (skipped)" <<<"$message" && ! grep -q "started" <<<"$message" \
  && pass "a different split of the same folder skips every finished run" || fail "re-split: exit $code, '$message'"
"$program" sweep merge "$work/three" --out "$work/three-again.json" 2>/dev/null && pass "and the folder still merges" \
  || fail "the re-split folder no longer merges"

# A second process on a shard that is running is refused (the shard's lock is held).
if command -v flock >/dev/null; then
  flock "$work/three/shard-1-of-3.lock" sleep 3 &
  holder=$!
  sleep 0.3
  message=$("$program" sweep run "$sweep" --shard 1/3 --out "$work/three" 2>&1); code=$?
  [ $code = 2 ] && grep -q "shard 1/3 is running in another process" <<<"$message" \
    && pass "a shard already running is refused: $message" || fail "a shard running twice: exit $code, '$message'"
  wait $holder
fi

# A shard killed mid-way (SIGKILL, as a preemption) and started again.
"$program" sweep run "$sweep" --out "$work/killed" 2>"$work/killed-1.log" &
pid=$!
for _ in $(seq 1 1200); do
  lines=$(cat "$work/killed/shard-1-of-1.jsonl" 2>/dev/null | wc -l)
  [ "$lines" -ge 4 ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(grep -c . "$work/killed/shard-1-of-1.jsonl")
if [ "$before" -ge 12 ]; then
  fail "the shard finished before it could be killed"
else
  pass "killed after $before finished runs"
fi
finishedIds=$(grep -o '"id":"r[0-9]*"' "$work/killed/shard-1-of-1.jsonl" | sort)
"$program" sweep run "$sweep" --out "$work/killed" 2>"$work/killed-2.log" || fail "the restarted shard failed"
grep -q "$before finished before (skipped)" "$work/killed-2.log" && pass "the restart skipped the $before finished runs" \
  || fail "the restart did not report $before skipped runs: $(head -2 "$work/killed-2.log")"
repeated=0
for id in $finishedIds; do
  id=${id#\"id\":\"}; id=${id%\"}
  if grep -q "started $id " "$work/killed-2.log"; then repeated=$((repeated + 1)); fi
done
[ $repeated = 0 ] && pass "no finished run started again" || fail "$repeated finished runs were started again"
started=$(grep -c "^sweep: started" "$work/killed-2.log")
[ "$started" = $((12 - before)) ] && pass "the restart ran the $started missing runs" || fail "the restart started $started runs, not $((12 - before))"
"$program" sweep merge "$work/killed" --out "$work/killed.json" 2>/dev/null || fail "merge after the restart failed"
diff <(metrics "$work/one.json") <(metrics "$work/killed.json") >/dev/null && pass "the resumed sweep merges to the same map" \
  || fail "the resumed sweep's map differs"

# A line cut short (a crash while writing): merge refuses it, a restart drops it and finishes.
cp -r "$work/one" "$work/cut"
printf '{"sweep":"%s","run":3' "cut" >>"$work/cut/shard-1-of-1.jsonl"
message=$("$program" sweep merge "$work/cut" --out "$work/cut.json" 2>&1); code=$?
[ $code = 2 ] && grep -q "ends inside a line" <<<"$message" && pass "merge refuses a cut line: $message" \
  || fail "merge of a cut line: exit $code, '$message'"
"$program" sweep run "$sweep" --out "$work/cut" 2>"$work/cut.log" || fail "the run after a cut line failed"
grep -q "12 finished before" "$work/cut.log" && ! grep -q "^sweep: started" "$work/cut.log" \
  && pass "a cut line is dropped and nothing finished runs again" || fail "after a cut line: $(cat "$work/cut.log")"

# Merge refuses a missing run and a duplicated one, naming them.
cp -r "$work/three" "$work/missing"
sed -i '2d' "$work/missing/shard-2-of-3.jsonl"
message=$("$program" sweep merge "$work/missing" --out "$work/missing.json" 2>&1); code=$?
[ $code = 2 ] && grep -q "1 of 12 runs are missing: r004" <<<"$message" && pass "merge refuses a missing run: $message" \
  || fail "merge with a missing run: exit $code, '$message'"
[ ! -e "$work/missing.json" ] && pass "no map is written for an incomplete sweep" || fail "a map was written for an incomplete sweep"
cp -r "$work/three" "$work/twice"
head -1 "$work/twice/shard-1-of-3.jsonl" >>"$work/twice/shard-3-of-3.jsonl"
message=$("$program" sweep merge "$work/twice" --out "$work/twice.json" 2>&1); code=$?
[ $code = 2 ] && grep -q "run r000 is there twice: shard-1-of-3.jsonl:1 and shard-3-of-3.jsonl:5" <<<"$message" \
  && pass "merge refuses a duplicated run: $message" || fail "merge with a duplicated run: exit $code, '$message'"

# A shard of another sweep in the same folder is refused.
sed 's/"seeds": \[1, 2\]/"seeds": [1, 3]/' "$sweep" >"$work/other.json"
sed -i "s#\"../../presets/paper-iris.json\"#\"$source/presets/paper-iris.json\"#" "$work/other.json"
message=$("$program" sweep run "$work/other.json" --out "$work/one" 2>&1); code=$?
[ $code = 2 ] && grep -q "holds the plan of another sweep" <<<"$message" && pass "another sweep's folder is refused" \
  || fail "another sweep in the same folder: exit $code, '$message'"

# Bad sweep files and arguments: exit 2, the key named.
check_bad() {  # name, sed expression on the sweep, expected text
  sed "$2" "$sweep" | sed "s#\"../../presets/paper-iris.json\"#\"$source/presets/paper-iris.json\"#" >"$work/bad.json"
  message=$("$program" sweep plan "$work/bad.json" 2>&1); code=$?
  [ $code = 2 ] && grep -qF "$3" <<<"$message" && pass "$1: $message" || fail "$1: exit $code, '$message'"
}
check_bad "unknown key" 's/variability.relative_sigma/variability.relative_sigmaa/' "axes[0].key: 'variability.relative_sigmaa' is not a preset key"
check_bad "value out of range" 's/\[0, 0.2\]/[0, 7]/' "axes[0].values[1]"
check_bad "unknown source" 's/"tanh"/"tahn"/' "axes[1].values[2]"
check_bad "no seeds" 's/"seeds": \[1, 2\]/"seeds": []/' "seeds: needs at least one seed"
check_bad "seed as an axis" 's/training.gradient/training.seed/' "seeds are set with"
check_bad "unknown member" 's/"keep"/"kept"/' "kept"
check_bad "a value twice" 's/\[0, 0.2\]/[0, 0.0]/' "axes[0].values[1]: repeats values[0] (0)"
check_bad "a seed twice" 's/"seeds": \[1, 2\]/"seeds": [2, 2]/' "seeds[1]: repeats seeds[0]"
check_bad "seeds past the largest" 's/"seeds": \[1, 2\]/"seeds": {"from": 9000000000000000, "count": 2}/' "ends past 9000000000000000"
message=$("$program" sweep run "$sweep" --shard 4/3 --out "$work/x" 2>&1); code=$?
[ $code = 2 ] && grep -q "must be I/N" <<<"$message" && pass "--shard 4/3 refused" || fail "--shard 4/3: exit $code, '$message'"
message=$("$program" sweep merge "$work/nowhere" --out "$work/x.json" 2>&1); code=$?
[ $code = 2 ] && grep -q "plan.json" <<<"$message" && pass "merge of a folder without a plan refused" || fail "merge nowhere: exit $code, '$message'"

if [ $failures -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all sweep checks passed"
