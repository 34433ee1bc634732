#!/usr/bin/env bash
# Benchmarks (not part of the test command): parse time per seed document on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip install --quiet -e ".[dev,bench]"  # the PDF benchmark's rivals (pdfplumber, Camelot)
.venv/bin/pytest benchmarks --benchmark-only --benchmark-columns=min,median,max,rounds \
  --benchmark-sort=name -p no:randomly "$@"
