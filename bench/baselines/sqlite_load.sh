#!/usr/bin/env bash
# Baseline, first half: load both lists with the sqlite3 shell into plain-text tables that
# keep only what the join needs: debtors(dossier, nn) and clients(client, nn), with the
# national number reduced to its digits. The sqlite3 shell strips the UTF-8 byte order mark.
# Usage: sqlite_load.sh DEBTORS.csv CLIENTS.csv DATABASE.db   (the database is replaced)
set -euo pipefail
debtors="$1" clients="$2" database="$3"
rm -f "$database"
sqlite3 "$database" <<SQL
.mode csv
.separator ;
.import '$debtors' debtors_raw
.import '$clients' clients_raw
CREATE TABLE debtors AS SELECT Dossiernummer AS dossier,
  replace(replace(replace(Rijksregisternummer, '.', ''), '-', ''), ' ', '') AS nn FROM debtors_raw;
CREATE TABLE clients AS SELECT "Cliëntnummer" AS client,
  replace(replace(replace(INSZ, '.', ''), '-', ''), ' ', '') AS nn FROM clients_raw;
DROP TABLE debtors_raw;
DROP TABLE clients_raw;
SELECT (SELECT count(*) FROM debtors) || ' ' || (SELECT count(*) FROM clients);
SQL
