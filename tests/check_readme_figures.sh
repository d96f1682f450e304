#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's figures that can be counted match the tree: the tests CTest registers, the lessons shipped in
# presets/lessons/, and the views (the main window's tabs). A figure that goes stale fails here.
set -euo pipefail
root="$1"
build="$2"
readme="$root/README.md"
words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
       seventeen eighteen nineteen twenty)
number_of() {  # a number written as digits or as an English word (any case)
  local word="${1,,}"
  if [[ "$word" =~ ^[0-9]+$ ]]; then echo "$word"; return; fi
  for i in "${!words[@]}"; do [ "${words[$i]}" = "$word" ] && { echo "$i"; return; }; done
  echo -1
}
status=0
check() {  # what, stated, counted
  if [ "$2" != "$3" ]; then
    echo "check_readme_figures: the README says $2 $1, the tree has $3"
    status=1
  else
    echo "check_readme_figures: $1: $3"
  fi
}
stated_tests="$(grep -oE '\(([0-9]+) tests,' "$readme" | head -n 1 | grep -oE '[0-9]+')"
counted_tests="$(ctest --test-dir "$build" -N | sed -n 's/^Total Tests: //p')"
check tests "${stated_tests:-none}" "$counted_tests"
stated_lessons="$(number_of "$(grep -oiE '\b([a-z]+|[0-9]+) lessons\b' "$readme" | head -n 1 | cut -d' ' -f1)")"
counted_lessons="$(find "$root/presets/lessons" -name '*.json' | wc -l)"
check lessons "$stated_lessons" "$counted_lessons"
stated_views="$(number_of "$(grep -oiE '\b([a-z]+|[0-9]+) views\b' "$readme" | head -n 1 | cut -d' ' -f1)")"
counted_views="$(grep -cE 'tabs_->addTab\([a-zA-Z_]+, tr\(' "$root/ui/main_window.cpp")"
check views "$stated_views" "$counted_views"
exit "$status"
