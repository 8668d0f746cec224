#!/usr/bin/env bash
# `make bench`: the benchmarks of issue 9 (this collection against the per-task and template
# baselines on srxsim, and how cost grows), written to docs/benchmarks.md and docs/img/.
# Called after `make collection` (PATH has .venv/bin, ANSIBLE_COLLECTIONS_PATH the installed collection).
# Extra arguments go to the harness: tools/bench.sh --quick for a smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python bench/harness.py "$@"
