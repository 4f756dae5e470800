#!/usr/bin/env bash
# The main job on the embedded default: install the Debian packages, build, then generate demo
# lists, import them into a new SQLite database, match, write the exports and a summary, and
# start the web application on that database with one demo account per role.
# Usage: scripts/demo.sh [DIR] [PORT]   (defaults: demo-out, 8080; ADEMPAUZE_DEMO_NO_SERVE=1
# stops after the summary)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-demo-out}"
port="${2:-8080}"
scripts/install-deps.sh
# The vendor files that `adempauze serve` serves, so the demo database can be browsed.
scripts/web-assets.sh
# Only the executable: the tests and benchmarks are not needed to run the demo.
cmake --preset release >/dev/null
cmake --build --preset release --target adempauze -j "$(nproc)"
# A folder that an earlier demo made is replaced; any other existing folder is left alone.
if [ -f "$out/samenvatting.txt" ] && [ -f "$out/adempauze.db" ]; then rm -rf "$out"; fi
./build/release/adempauze demo --dir "$out"
if [ "${ADEMPAUZE_DEMO_NO_SERVE:-0}" = "1" ]; then exit 0; fi
exec ./build/release/adempauze --db "$out/adempauze.db" serve --port "$port"
