#!/usr/bin/env bash
# Configure and build one CMake preset (default: release). Usage: scripts/build.sh [PRESET]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
# The npm packages and vendor files first: the browser tests and `adempauze serve` need them.
scripts/web-assets.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
