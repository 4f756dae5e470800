#!/usr/bin/env bash
# Install the Debian packages, build the debug preset, and run every test with CTest.
# Extra arguments go to ctest, e.g. scripts/test.sh -L nn
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh debug
ctest --preset debug -j "$(nproc)" "$@"
