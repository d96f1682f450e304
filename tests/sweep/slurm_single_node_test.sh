#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Slurm on this machine, loopback only: starts munged, slurmctld and slurmd with a one-node configuration of its own
# (a temporary folder, ports 16817/16818 on 127.0.0.1), submits the 12-run test sweep with scripts/sweep-slurm.sh (a
# job array of 3 shards and a merge job that depends on it), waits for the merge and compares the map with an
# unsharded run of the same sweep (every metric byte for byte). Stops what it started.
#   slurm_single_node_test.sh PROGRAM SOURCE_DIR WORK_DIR     exit 0 pass, 1 fail, 77 skipped (Slurm cannot start here)
set -uo pipefail
program=$(realpath "$1") source=$(realpath "$2") work=$3
sweep=$source/tests/sweep/twelve-runs.json
# Daemons a killed earlier run left behind, found by their pid files before the folder goes.
for pidfile in "$work/slurmctld.pid" "$work/slurmd.pid" "$work/munge/munged.pid"; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
done
rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
started=()
array="" merge=""
cleanup() {
  trap - EXIT INT TERM HUP
  if [ -n "$array$merge" ] && command -v scancel >/dev/null; then
    scancel $array $merge 2>/dev/null
    for _ in $(seq 1 30); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 1; done
  fi
  for p in "${started[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${started[@]}"; do wait "$p" 2>/dev/null; done
  [ -n "${mungepid:-}" ] && kill "$mungepid" 2>/dev/null
  return 0
}
skip() { echo "SKIP: $*"; cleanup; exit 77; }
# Stopped by ctest's timeout or Ctrl-C, it still cancels its jobs and stops its daemons.
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/install-deps.sh installs munge, slurmd, slurmctld and slurm-client)"
done
[ "$(id -u)" = 0 ] || skip "slurmd must run as root here (it launches jobs as their user), and this is not root"

# munge: the credentials daemon, with its own key and socket in the work folder.
mkdir -p "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
socket=$work/munge/munge.socket
munged --force --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" 2>"$work/munge/start.log" \
  || skip "munged did not start: $(cat "$work/munge/start.log")"
for _ in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done
mungepid=$(cat "$work/munge/munged.pid" 2>/dev/null)
[ -S "$socket" ] || skip "munged did not open its socket"

# Slurm: one node, this machine, loopback.
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=mtjtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
started+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost >"$work/slurmd.out" 2>&1 &
started+=($!)
ready=0
for _ in $(seq 1 120); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then ready=1; break; fi
  for p in "${started[@]}"; do kill -0 "$p" 2>/dev/null || skip "a Slurm daemon exited: $(tail -3 "$work/slurmctld.out" "$work/slurmd.out" "$work/slurmd.log" 2>/dev/null | tr '\n' ' ')"; done
  sleep 0.5
done
[ $ready = 1 ] || skip "the node did not become idle within 60 s: $(sinfo 2>&1 | tail -2 | tr '\n' ' ')"
echo "ok: Slurm up on one node ($cpus CPUs): $(sinfo -h -o '%P %D %T')"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
metrics() { grep -v '"seconds"' "$1"; }

# The job array and the merge job.
ids=$("$source/scripts/sweep-slurm.sh" "$sweep" "$work/sweep" --merge "$work/map.json" --shards 3 --cpus 1 \
  --program "$program" 2>&1) || fail "sweep-slurm.sh failed: $ids"
echo "$ids"
array=$(awk '/^array/ {print $2}' <<<"$ids")
merge=$(awk '/^merge/ {print $2}' <<<"$ids")
[ -n "$array" ] && [ -n "$merge" ] || fail "no job ids from sweep-slurm.sh"
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h 2>/dev/null)" ] || fail "jobs still queued after 10 minutes: $(squeue 2>&1 | tr '\n' ' ')"
[ "$(ls "$work/sweep"/shard-*-of-3.jsonl 2>/dev/null | wc -l)" = 3 ] && echo "ok: the array's 3 tasks wrote their shards" \
  || fail "the array did not write 3 shards: $(ls "$work/sweep"; cat "$work/sweep/slurm/"*.log 2>/dev/null | tail -5)"
[ -f "$work/map.json" ] && echo "ok: the merge job (afterok on the array) wrote the map" \
  || fail "no map from the merge job: $(cat "$work/sweep/slurm/merge.log" 2>/dev/null)"

# The reference: the same sweep unsharded, here.
"$program" sweep run "$sweep" --out "$work/one" 2>/dev/null && "$program" sweep merge "$work/one" --out "$work/one.json" 2>/dev/null \
  || fail "the unsharded run failed"
if [ -f "$work/map.json" ] && diff <(metrics "$work/one.json") <(metrics "$work/map.json") >/dev/null; then
  echo "ok: the Slurm map equals the unsharded run, every metric byte for byte"
else
  fail "the Slurm map differs from the unsharded run"
fi
[ $failures = 0 ] || exit 1
echo "all Slurm checks passed"
