#!/bin/sh
# BlockHost Debian packages: blockhost (the host) and blockhost-vm-login (VM templates).
#   image/build-debs.sh [--out DIR] [--vm-out DIR] [--version X.Y.Z]
#   (default: blockhost_*.deb into build/packages, where build-iso.sh takes it; the VM
#   template package blockhost-vm-login_*.deb into build/vm-packages)
# Packs `npm run build` output with dpkg-deb, reproducibly (SOURCE_DATE_EPOCH, else
# the last commit's time). After a clean clone: `npm ci && npm run build` first.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
tool="$here/dist/build-debs.js"
if [ ! -f "$tool" ] || [ ! -f "$here/dist/host/blockhostd.mjs" ]; then
  echo "build-debs.sh: $tool or dist/host is missing: run \`npm ci && npm run build\` at the repository root first" >&2
  exit 2
fi
exec node "$tool" "$@"
