#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The code style check CI runs (scripts/test.sh): every C++ file tracked by git is as clang-format (.clang-format,
# Debian's clang-format 14) writes it. `scripts/check-format.sh fix` rewrites them in place.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find app engine ui tests -name '*.cpp' -o -name '*.hpp')
if [ "${1:-}" = fix ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "check-format: the files above differ from clang-format's layout; run scripts/check-format.sh fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files as clang-format writes them"
# Every source, script and CMake file names its licence (LICENSE: GPL-3.0-or-later) in its first lines.
mapfile -t licensed < <(git ls-files '*.cpp' '*.hpp' '*.sh' '*.cmake' 'CMakeLists.txt' '*/CMakeLists.txt' .ci/run 2>/dev/null)
missing=()
for file in "${licensed[@]}"; do
  head -n 3 "$file" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' || missing+=("$file")
done
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'check-format: no SPDX-License-Identifier line in the first 3 lines of %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "check-format: ${#licensed[@]} files carry their SPDX line"
