#!/usr/bin/env bash
# Runs the benchmarks in bench/ (all, or those whose name contains $1).
# Benchmarks report medians and ratios; they are not tests and assert nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
for f in bench/*.ts; do
  name=$(basename "$f" .ts)
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  echo "### $name"
  node --conditions=@blockhost/source --import tsx "$f"
done
