#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its markdown results (copy them into docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(.venv/bin/python --version)"
for bench in bench/bench_*.py; do
  echo "== $bench"
  .venv/bin/python "$bench"
done
