#!/usr/bin/env bash
# The main job on the embedded default: install the Debian packages, build, then generate demo
# lists, import them into a new SQLite database, match, and write the exports and a summary.
# Usage: scripts/demo.sh [DIR]   (default DIR: demo-out)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-demo-out}"
scripts/install-deps.sh
# The vendor files that `adempauze serve` serves, so the demo database can be browsed.
scripts/web-assets.sh
# Only the executable: the tests and benchmarks are not needed to run the demo.
cmake --preset release >/dev/null
cmake --build --preset release --target adempauze -j "$(nproc)"
./build/release/adempauze demo --dir "$out"
