#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes and submits a Slurm job array for a sweep (one shard per array task) and a merge job that runs when every
# task has succeeded.
#
#   scripts/sweep-slurm.sh SWEEP.json OUTDIR --merge MAP.json [--shards N] [--cpus C] [--time HH:MM:SS]
#                          [--partition P] [--program PATH] [--dry-run]
#
# OUTDIR must be on a file system the compute nodes share. The job scripts go to OUTDIR/slurm/ with the tasks' logs
# (a '%' in OUTDIR would be read by Slurm as a file-name pattern in the logs' paths).
# A preempted or requeued task resumes its shard (finished runs are skipped); resubmitting after a failure reruns
# only what is missing. Prints the array's and the merge's job ids. --dry-run writes the scripts and submits nothing.
set -euo pipefail

usage() { sed -n '5,6p' "$0" | sed 's/^# *//' >&2; exit 2; }
[ $# -ge 2 ] || usage
sweep=$1 out=$2
shift 2
shards="" cpus=1 time_limit="" partition="" map="" program="" dry=0
while [ $# -gt 0 ]; do
  case $1 in --shards|--cpus|--time|--partition|--merge|--program)
    [ $# -ge 2 ] || { echo "sweep-slurm: $1 needs a value" >&2; usage; } ;;
  esac
  case $1 in
    --shards) shards=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --time) time_limit=$2; shift 2 ;;
    --partition) partition=$2; shift 2 ;;
    --merge) map=$2; shift 2 ;;
    --program) program=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    *) echo "sweep-slurm: unknown argument '$1'" >&2; usage ;;
  esac
done
[ -n "$map" ] || { echo "sweep-slurm: --merge MAP.json is required" >&2; usage; }
[[ $cpus =~ ^[1-9][0-9]*$ ]] || { echo "sweep-slurm: --cpus '$cpus': must be a whole number from 1" >&2; exit 2; }
if [ -z "$program" ]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [ -x "$here/build/bin/mtj-explorer" ]; then program=$here/build/bin/mtj-explorer; else program=$(command -v mtj-explorer || true); fi
fi
[ -x "$program" ] || { echo "sweep-slurm: mtj-explorer not found (build it, or give --program PATH)" >&2; exit 2; }
program=$(realpath "$program")
sweep=$(realpath "$sweep")
mkdir -p "$out/slurm"
out=$(realpath "$out")
case $map in /*) ;; *) map=$PWD/$map ;; esac

runs=$("$program" sweep plan "$sweep" 2>"$out/slurm/plan.log") || { cat "$out/slurm/plan.log" >&2; exit 2; }  # checks the file
[ -n "$shards" ] || shards=$(( runs < 100 ? runs : 100 ))
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "sweep-slurm: --shards '$shards': must be a whole number from 1" >&2; exit 2; }
echo "sweep-slurm: $runs runs in $shards array tasks of at most $(( (runs + shards - 1) / shards )) runs" >&2

options=""
[ -z "$time_limit" ] || options+="#SBATCH --time=$time_limit"$'\n'
[ -z "$partition" ] || options+="#SBATCH --partition=$partition"$'\n'
q() { printf '%q' "$1"; }

cat >"$out/slurm/array.sbatch" <<SCRIPT
#!/bin/bash
#SBATCH --job-name=mtj-sweep
#SBATCH --array=1-$shards
#SBATCH --cpus-per-task=$cpus
#SBATCH --requeue
$options
export OMP_NUM_THREADS=\${SLURM_CPUS_PER_TASK:-$cpus}
exec $(q "$program") sweep run $(q "$sweep") --shard "\${SLURM_ARRAY_TASK_ID}/$shards" --out $(q "$out")
SCRIPT
cat >"$out/slurm/merge.sbatch" <<SCRIPT
#!/bin/bash
#SBATCH --job-name=mtj-sweep-merge
#SBATCH --cpus-per-task=1
$options
exec $(q "$program") sweep merge $(q "$out") --out $(q "$map")
SCRIPT

if [ $dry -eq 1 ]; then
  echo "sweep-slurm: wrote $out/slurm/array.sbatch ($shards tasks) and $out/slurm/merge.sbatch (dry run)"
  exit 0
fi
command -v sbatch >/dev/null || { echo "sweep-slurm: sbatch not found (is this a Slurm login node?)" >&2; exit 2; }
# The logs' paths on the command line, as arguments (a folder with spaces in its name stays one path).
array=$(sbatch --parsable --output="$out/slurm/shard-%a.log" "$out/slurm/array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --output="$out/slurm/merge.log" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  "$out/slurm/merge.sbatch")
merge=${merge%%;*}
echo "array $array"
echo "merge $merge"
