#!/bin/sh
# BlockHost ISO: a stock Proxmox VE ISO + Proxmox's automated installation.
#   image/build-iso.sh --pve-iso PATH [--testing] [--out DIR] [--packages DIR] [...]
# (--help lists every option). Runs the built tool in image/dist: after a
# clean clone, `npm ci && npm run build` first.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
tool="$here/dist/build-iso.js"
if [ ! -f "$tool" ]; then
  echo "build-iso.sh: $tool is missing: run \`npm ci && npm run build\` at the repository root first" >&2
  exit 2
fi
exec node "$tool" "$@"
