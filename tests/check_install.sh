#!/usr/bin/env bash
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
         share/icons/hicolor/scalable/apps/io.github.mtj_explorer.MtjExplorer.svg share/metainfo/io.github.mtj_explorer.MtjExplorer.metainfo.xml; do
  [ -e "$prefix/$f" ] || { echo "check_install: $f was not installed"; exit 1; }
done
version="$(cd / && env -u MTJ_PRESET_DIR -u MTJ_RESOURCE_DIR "$prefix/bin/mtj-explorer" --version)"
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
