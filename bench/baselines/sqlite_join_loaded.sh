#!/usr/bin/env bash
# Baseline: the join alone, on tables already loaded by sqlite_join.sh (copied fresh for
# each run by the caller): index the client numbers, mark matching debtors, count them.
# Usage: sqlite_join_loaded.sh WORK.db
set -euo pipefail
sqlite3 "$1" <<SQL
DROP INDEX IF EXISTS clients_nn;
CREATE INDEX clients_nn ON clients(nn);
ALTER TABLE debtors ADD COLUMN status TEXT;
UPDATE debtors SET status = CASE WHEN nn IN (SELECT nn FROM clients) THEN 'client_paused' ELSE 'not_client' END;
SELECT count(*) FROM debtors WHERE status = 'client_paused';
SQL
