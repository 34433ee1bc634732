#!/usr/bin/env bash
# Set up yusuan on a fresh machine: a virtual environment with the package and its tools.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[dev]"
