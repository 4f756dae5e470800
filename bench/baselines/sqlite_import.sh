#!/usr/bin/env bash
# Baseline: load a debtor list CSV into a new plain-text table with the sqlite3 shell's
# .import, in one transaction, without any validation or encryption.
# Usage: sqlite_import.sh FILE.csv DATABASE.db   (the database is replaced)
set -euo pipefail
source_file="$1" database="$2"
rm -f "$database"
sqlite3 "$database" <<SQL
.mode csv
.separator ;
.import '$source_file' debtors
SELECT count(*) FROM debtors;
SQL
