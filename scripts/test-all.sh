#!/usr/bin/env bash
# The one test command (README, .ci/run): system packages, build, types, lint, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/debian-packages.sh
echo "== build";     npm run build --silent
echo "== typecheck"; npm run typecheck --silent
echo "== lint";      npm run lint --silent
echo "== changesets"; npx changeset status >/dev/null   # every .changeset/*.md parses
echo "== docs";      npm run docs --silent       # the API reference builds without a warning
echo "== tests";     npx vitest run "$@"
echo "== all tests passed in $(( $(date +%s) - start )) s"
