#!/usr/bin/env bash
# Baseline: exact matching with the sqlite3 shell from the two CSV files, as a user with SQL
# skills would do it: sqlite_load.sh, then sqlite_join_loaded.sh.
# Usage: sqlite_join.sh DEBTORS.csv CLIENTS.csv DATABASE.db   (the database is replaced)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/sqlite_load.sh" "$1" "$2" "$3" > /dev/null
"$here/sqlite_join_loaded.sh" "$3"
