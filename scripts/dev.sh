#!/usr/bin/env bash
# A local BlockHost with the customer site, for a person with a browser wallet (README).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --conditions=@blockhost/source --import tsx scripts/dev.ts "$@"
