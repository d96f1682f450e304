#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a sweep's shards with GNU parallel, on this machine or over ssh hosts, then merges them into a map.
#
#   scripts/sweep-parallel.sh SWEEP.json OUTDIR [--shards N] [--jobs J] [--hosts HOST,HOST...] [--merge MAP.json]
#                             [--program PATH]
#
# N shards (default: twice the jobs) run J at a time (default: this machine's cores); each training uses
# cores / J threads (OMP_NUM_THREADS). With --hosts, parallel runs the shards over ssh on those hosts ("8/host" caps a
# host at 8 jobs): OUTDIR and the sweep file must be on a file system every host sees at the same path, and the
# program must be installed at the same path. Every shard resumes: run the script again after a crash or a lost
# host and only the runs that did not finish run. Exit status: parallel's (the number of failed shards), or the
# merge's.
set -euo pipefail

usage() { sed -n '4,5p' "$0" | sed 's/^# *//' >&2; exit 2; }
[ $# -ge 2 ] || usage
sweep=$1 out=$2
shift 2
cores=$(nproc)
jobs=$cores shards="" hosts="" map="" program=""
while [ $# -gt 0 ]; do
  case $1 in --shards|--jobs|--hosts|--merge|--program)
    [ $# -ge 2 ] || { echo "sweep-parallel: $1 needs a value" >&2; usage; } ;;
  esac
  case $1 in
    --shards) shards=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --merge) map=$2; shift 2 ;;
    --program) program=$2; shift 2 ;;
    *) echo "sweep-parallel: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "sweep-parallel: --jobs '$jobs': must be a whole number from 1" >&2; exit 2; }
[ -n "$shards" ] || shards=$((2 * jobs))
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "sweep-parallel: --shards '$shards': must be a whole number from 1" >&2; exit 2; }
if [ -z "$program" ]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [ -x "$here/build/bin/mtj-explorer" ]; then program=$here/build/bin/mtj-explorer; else program=$(command -v mtj-explorer || true); fi
fi
[ -x "$program" ] || { echo "sweep-parallel: mtj-explorer not found (build it, or give --program PATH)" >&2; exit 2; }
command -v parallel >/dev/null || { echo "sweep-parallel: GNU parallel is not installed (apt install parallel)" >&2; exit 2; }
sweep=$(realpath "$sweep")
mkdir -p "$out"
out=$(realpath "$out")

# The plan first: a bad sweep file fails here, once, not in every shard.
"$program" sweep plan "$sweep" --shards "$shards" >/dev/null
threads=$(( cores / jobs > 0 ? cores / jobs : 1 ))
remote=()
[ -z "$hosts" ] || remote=(--sshlogin "$hosts" --env OMP_NUM_THREADS)
export OMP_NUM_THREADS=$threads
status=0
# -q: every word is passed as it is (a folder with spaces or a ';' in its name is a name, not a command); the shard
# numbers come on standard input, so any number of shards fits.
seq 1 "$shards" | parallel --will-cite -q --jobs "$jobs" --line-buffer --tagstring "shard {}/$shards" "${remote[@]}" \
  "$program" sweep run "$sweep" --shard "{}/$shards" --out "$out" || status=$?
if [ $status -ge 1 ] && [ $status -le 100 ]; then
  echo "sweep-parallel: $status shard(s) failed; run the same command again to finish them (finished runs are skipped)" >&2
  exit $status
elif [ $status -ne 0 ]; then
  echo "sweep-parallel: GNU parallel itself failed (exit $status)" >&2
  exit $status
fi
if [ -n "$map" ]; then
  "$program" sweep merge "$out" --out "$map"
fi
