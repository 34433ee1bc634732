#!/usr/bin/env bash
# Benchmarks (not part of the test command): parse and check time per seed document on one core.
#   bash scripts/bench.sh corpus   the corpus instead: ingest with 1 and 2 workers, storage share, size
#                                  per document, queries on 10,000 disclosures (YUSUAN_BENCH_DOCS=2000)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = corpus ]; then
  shift
  set -- benchmarks/test_bench_corpus.py "$@"
else
  set -- benchmarks --ignore=benchmarks/test_bench_corpus.py "$@"
fi
.venv/bin/pytest "$@" --benchmark-only --benchmark-columns=min,median,max,rounds \
  --benchmark-sort=name -p no:randomly
