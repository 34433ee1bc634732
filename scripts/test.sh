#!/usr/bin/env bash
# The project's test command: set up, lint, run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup.sh
.venv/bin/ruff check src tests benchmarks
.venv/bin/pytest
