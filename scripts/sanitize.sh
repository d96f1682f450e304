#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer builds, each in its own build tree:
#   scripts/sanitize.sh address     AddressSanitizer + UndefinedBehaviorSanitizer, the whole test suite (build-asan/)
#   scripts/sanitize.sh address ci  the same build, all tests but those labelled slow_under_sanitizers (CI's pass)
#   scripts/sanitize.sh thread      ThreadSanitizer, the worker and GUI tests (build-tsan/)
# Any report fails the run (halt_on_error; UBSan is not recoverable).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-address}"
scope="${2:-full}"
bash scripts/install-deps.sh
bash scripts/fetch-mnist.sh
case "$kind" in
  address)
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    dir=build-asan
    tests=""
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    ;;
  thread)
    flags="-fsanitize=thread -fno-omit-frame-pointer"
    dir=build-tsan
    tests="test_device_explorer|test_training_view|test_classroom|test_main_window"
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp"
    # Debian's libgomp is not built with ThreadSanitizer: its barriers are invisible, so every OpenMP loop would be
    # reported. One OpenMP thread here; the engine's own threads (common/parallel.hpp) and Qt's are still checked.
    export OMP_NUM_THREADS=1
    export QTEST_FUNCTION_TIMEOUT=1800000  # a training test under ThreadSanitizer takes minutes
    ;;
  *) echo "sanitize: address or thread"; exit 2 ;;
esac
# -O1 with line tables only (-g1): the reports keep function, file and line; compiling is much faster than -O2 -g.
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMTJ_NATIVE=OFF \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
      -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
if [ "$kind" = thread ]; then
  cmake --build "$dir" --target ${tests//|/ }  # only what the thread pass runs
else
  cmake --build "$dir"
fi
cd "$dir"
if [ -n "$tests" ]; then
  ctest --output-on-failure -R "$tests" --timeout 1800
elif [ "$scope" = ci ]; then
  ctest --output-on-failure -LE slow_under_sanitizers --timeout 1800
else
  ctest --output-on-failure --timeout 1800
fi
