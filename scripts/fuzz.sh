#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the readers of user files with libFuzzer (clang), each for SECONDS (default 60), starting from the seed
# corpus in tests/fuzz/corpus/<reader>/ (new inputs found go to build-fuzz/corpus/, not into the repository).
# Prints each reader's executions per second and corpus size; exits non-zero if any reader crashes, leaks or trips
# AddressSanitizer or UndefinedBehaviorSanitizer (the crashing input is kept as build-fuzz/crash-*).
#   scripts/fuzz.sh            one minute each
#   scripts/fuzz.sh 600        ten minutes each (the acceptance run)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
bash scripts/install-deps.sh
for tool in clang++ ; do
  if ! command -v "$tool" >/dev/null 2>&1 || ! dpkg-query -W -f='${Status}' libomp-dev 2>/dev/null | grep -q "install ok installed"; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get install -y -qq --no-install-recommends clang libomp-dev libclang-rt-dev
  fi
done
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMTJ_FUZZ=ON -DMTJ_BUILD_TESTS=OFF -DMTJ_NATIVE=OFF >/dev/null
cmake --build build-fuzz --target fuzz_preset fuzz_session fuzz_csv fuzz_idx fuzz_sweep fuzz_map
status=0
for reader in preset session csv idx sweep map; do
  mkdir -p "build-fuzz/corpus/$reader"
  log="build-fuzz/fuzz_$reader.log"
  if (cd build-fuzz && ASAN_OPTIONS=detect_leaks=1 ./bin/fuzz_$reader -max_total_time="$seconds" -rss_limit_mb=4096 \
        -max_len=65536 "corpus/$reader" "../tests/fuzz/corpus/$reader" >"fuzz_$reader.log" 2>&1); then
    result="ok"
  else
    result="FAILED (see $log)"
    status=1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | awk '{print $2}' | tail -1 || true)
  corpus=$(ls "build-fuzz/corpus/$reader" | wc -l)
  echo "fuzz $reader: ${runs:-?} runs in ${seconds} s ($(( ${runs:-0} / seconds )) per second), corpus $corpus inputs: $result"
done
exit $status
