#!/usr/bin/env bash
# The main job on embedded defaults (README, first command).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --conditions=@blockhost/source --import tsx scripts/demo.ts "$@"
