#!/usr/bin/env bash
# Baseline: exact matching with the sqlite3 shell, as a user with SQL skills would do it.
# Loads both CSV lists into plain-text tables, indexes the client numbers, and counts the
# debtors whose digits-only number appears in the client list.
# Usage: sqlite_join.sh DEBTORS.csv CLIENTS.csv WORK.db
set -euo pipefail
debtors="$1" clients="$2" database="$3"
rm -f "$database"
sqlite3 "$database" <<SQL
.mode csv
.separator ;
.import $debtors debtors_raw
.import $clients clients_raw
CREATE TABLE debtors AS SELECT Dossiernummer AS dossier,
  replace(replace(replace(replace(Rijksregisternummer, '.', ''), '-', ''), ' ', ''), char(239,187,191), '') AS nn FROM debtors_raw;
CREATE TABLE clients AS SELECT replace(replace(replace(INSZ, '.', ''), '-', ''), ' ', '') AS nn FROM clients_raw;
CREATE INDEX clients_nn ON clients(nn);
SELECT count(*) FROM debtors WHERE nn IN (SELECT nn FROM clients);
SQL
