#!/usr/bin/env bash
# Run every sandbox benchmark in sequence; each prints its table and writes benchmarks/results/NAME.json.
#
#   bash benchmarks/run_all.sh                    # defaults (about 5-8 minutes on 2 busy cores)
#   WAIT_QUIET=300 bash benchmarks/run_all.sh     # before each measurement, wait up to 300 s for a quiet machine
#   PYTHON=python3 bash benchmarks/run_all.sh --no-progress
#
# Extra arguments are passed to every script (the common ones: --wait-quiet, --no-progress, --no-write).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
args=("$@")
if [[ -n "${WAIT_QUIET:-}" ]]; then
    args+=(--wait-quiet "$WAIT_QUIET")
fi
for bench in throughput vs_humaneval noise fidelity; do
    echo "=== $bench ($(uptime | sed 's/.*load average/load average/'))"
    "$PYTHON" "benchmarks/$bench.py" "${args[@]}"
    echo
done
