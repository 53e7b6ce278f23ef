#!/usr/bin/env bash
# Every test: installs what is missing, builds with warnings as errors, runs CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
(cd web && npm ci --no-audit --no-fund)
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
