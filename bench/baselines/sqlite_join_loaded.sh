#!/usr/bin/env bash
# Baseline, second half: the join on tables that sqlite_load.sh made (the caller copies
# them fresh for each run). Indexes the client numbers, then gives every debtor a status,
# as `adempauze match` gives every dossier one, and counts the debtors who are clients.
# Usage: sqlite_join_loaded.sh DATABASE.db
set -euo pipefail
sqlite3 "$1" <<SQL
DROP INDEX IF EXISTS clients_nn;
CREATE INDEX clients_nn ON clients(nn);
ALTER TABLE debtors ADD COLUMN status TEXT;
UPDATE debtors SET status = CASE WHEN nn IN (SELECT nn FROM clients) THEN 'client_paused' ELSE 'not_client' END;
SELECT count(*) FROM debtors WHERE status = 'client_paused';
SQL
