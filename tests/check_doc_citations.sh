#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every document a comment cites is in this repository: each page of docs/ named in a source, script or CMake file
# exists, and no comment cites a design document by a bare name (physics.md, presets.md, architecture.md) that a
# clone does not hold.
set -euo pipefail
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.sh' '*.cmake' 'CMakeLists.txt' '*/CMakeLists.txt' 2>/dev/null ||
                     find app engine ui tests scripts -name '*.cpp' -o -name '*.hpp' -o -name '*.sh')
status=0
cited=0
while IFS= read -r citation; do
  file="${citation%%:*}"
  document="${citation##*:}"
  cited=$((cited + 1))
  if [ ! -f "$document" ]; then
    echo "check_doc_citations: $file cites $document, which is not in the repository"
    status=1
  fi
done < <(grep -oE 'docs/[A-Za-z0-9_.-]+\.md' "${files[@]}" | grep -v '^tests/check_doc_citations.sh:' | sort -u)
if bare="$(grep -nE '(^|[^A-Za-z0-9_/.-])(physics|presets|architecture)\.md' "${files[@]}" | grep -v 'check_doc_citations.sh')"; then
  echo "check_doc_citations: design documents cited without docs/ (a clone does not hold them):"
  echo "$bare"
  status=1
fi
[ "$status" -eq 0 ] && echo "check_doc_citations: $cited citations, every one in docs/"
exit "$status"
