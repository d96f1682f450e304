#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary prefix (cmake --install) and checks what a user gets: the program, which finds
# its installed presets and lessons, the desktop entry, the icon and the AppStream metadata (validated where
# desktop-file-validate and appstreamcli are installed: scripts/install-deps.sh installs them).
set -euo pipefail
build="$1"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/mtj-explorer share/mtj-explorer/presets/default.json share/mtj-explorer/presets/lessons/01-junction-and-resistance.json \
         share/mtj-explorer/resources/iris.csv share/applications/io.github.mtj_explorer.MtjExplorer.desktop \
         share/icons/hicolor/scalable/apps/io.github.mtj_explorer.MtjExplorer.svg share/metainfo/io.github.mtj_explorer.MtjExplorer.metainfo.xml \
         share/doc/mtj-explorer/copyright share/doc/mtj-explorer/LICENSE; do
  [ -e "$prefix/$f" ] || { echo "check_install: $f was not installed"; exit 1; }
done
version="$(cd / && env -u MTJ_PRESET_DIR -u MTJ_RESOURCE_DIR "$prefix/bin/mtj-explorer" --version)"
grep -q "licence: GPL-3.0-or-later" <<<"$version" || { echo "check_install: --version does not state the licence"; exit 1; }
# The copyright file is DEP-5 (machine-readable) and names the licence; the metainfo names it too.
copyright="$prefix/share/doc/mtj-explorer/copyright"
head -n 1 "$copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
  { echo "check_install: the copyright file is not DEP-5"; exit 1; }
grep -q '^License: GPL-3.0-or-later' "$copyright" || { echo "check_install: the copyright file names no GPL-3.0-or-later"; exit 1; }
grep -q '<project_license>GPL-3.0-or-later</project_license>' "$prefix/share/metainfo/io.github.mtj_explorer.MtjExplorer.metainfo.xml" ||
  { echo "check_install: the metainfo names no project_license"; exit 1; }
echo "$version"
grep -q "presets: $prefix/share/mtj-explorer/presets" <<<"$version" || { echo "check_install: the installed program does not use its installed presets"; exit 1; }
(cd / && "$prefix/bin/mtj-explorer" curve --preset "$prefix/share/mtj-explorer/presets/default.json" --points 5 >/dev/null)
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$prefix/share/applications/io.github.mtj_explorer.MtjExplorer.desktop"
else
  echo "check_install: desktop-file-validate not installed, desktop entry not validated"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$prefix/share/metainfo/io.github.mtj_explorer.MtjExplorer.metainfo.xml"
else
  echo "check_install: appstreamcli not installed, metainfo not validated"
fi
echo "check_install: ok"
