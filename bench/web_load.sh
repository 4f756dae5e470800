#!/usr/bin/env bash
# Load benchmark of `adempauze serve`: the debtor team's dossier list of a 100,000-dossier
# batch, under concurrent requests from wrk on loopback, compared with the same page's SQL
# run directly by the sqlite3 shell. docs/benchmarks.md reports a run.
#
# Usage: bench/web_load.sh [--binary PATH] [--dossiers N] [--duration SECONDS]
#   --binary PATH     an adempauze executable of a Release build; default: build the release
#                     preset's adempauze target in build/release
#   --dossiers N      debtors in the generated batch (default 100000)
#   --duration S      seconds per wrk run (default 20; at most 120)
# Environment:
#   ADEMPAUZE_LOAD_DIR   work folder (default /tmp/adempauze-web-load). A database of the same
#                        size is reused; delete the folder to start over.
#   ADEMPAUZE_LOAD_PORT  loopback port of the server (default: the first free one of 18800-18899)
# Prints Markdown to stdout and writes it to results.md in the work folder. Needs bash, curl,
# wrk and sqlite3 (scripts/install-deps.sh installs them). Everything stays on 127.0.0.1, and
# the server this script starts is stopped when it ends.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
built_here=0
dossiers=100000
duration=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --binary) binary="$(realpath "$2")"; shift 2 ;;
    --dossiers) dossiers="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "usage: bench/web_load.sh [--binary PATH] [--dossiers N] [--duration SECONDS]" >&2; exit 2 ;;
  esac
done

work="${ADEMPAUZE_LOAD_DIR:-/tmp/adempauze-web-load}"
today=2026-06-01  # inside the sample protocol's period, so the protocol gate allows the exchange
user=bench-debiteuren
password="bench-wachtwoord-$(date +%s)"
threads=2
connections=16

fail() { echo "bench/web_load.sh: $*" >&2; exit 1; }
log() { echo "bench/web_load.sh: $*" >&2; }
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }

[[ "$dossiers" =~ ^[0-9]+$ && "$dossiers" -ge 1000 ]] || fail "--dossiers must be a whole number of at least 1000"
[[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 1 && "$duration" -le 120 ]] || fail "--duration must be 1 to 120 seconds"

# Step 1: the tools.
for tool in curl wrk sqlite3; do
  command -v "$tool" > /dev/null || fail "$tool not found; run scripts/install-deps.sh"
done

# Step 2: a release binary, because the timings of a Debug build are meaningless for a server.
if [[ -z "$binary" ]]; then
  build="$root/build/release"
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    log "configuring the release preset in $build"
    (cd "$root" && cmake --preset release > /dev/null)
  fi
  log "building adempauze in $build"
  cmake --build "$build" --target adempauze > /dev/null
  binary="$build/adempauze"
  built_here=1
fi
[[ -x "$binary" ]] || fail "$binary is not an executable"
cache="$(dirname "$binary")/CMakeCache.txt"
if [[ -f "$cache" ]] && ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$cache"; then
  fail "$binary is not a Release build; timings of another build type are meaningless"
fi

# Step 3: the database: the demo with a batch of $dossiers debtors, imported, matched and
# followed up, and one account of the debtor team. A demo of the same size is reused.
demo="$work/demo-$dossiers"
db="$demo/adempauze.db"
clients=$((dossiers * 3 / 4))
if [[ ! -f "$db" ]]; then
  mkdir -p "$work"
  log "generating and importing $dossiers debtors and $clients clients (a few minutes)"
  started=$(date +%s)
  "$binary" --today "$today" demo --dir "$demo" --debtors "$dossiers" --clients "$clients" > "$work/demo.log"
  log "demo database ready in $(( $(date +%s) - started )) s"
fi
# A rerun on the same database finds the account and gives it this run's password.
if ! printf '%s\n' "$password" |
    "$binary" --db "$db" user add "$user" --roles debtor_team --password-stdin > /dev/null 2>&1; then
  printf '%s\n' "$password" | "$binary" --db "$db" user reset-password "$user" --password-stdin > /dev/null ||
    fail "cannot create or reset the account $user"
fi
batch=$(sqlite3 "$db" "SELECT id FROM batches WHERE kind = 'debtors' ORDER BY id DESC LIMIT 1")
batch_size=$(sqlite3 "$db" "SELECT count(*) FROM debtors WHERE batch_id = $batch")
[[ "$batch_size" -ge 1000 ]] || fail "batch $batch has only $batch_size dossiers"

# Step 4: the server on a free loopback port. The EXIT trap stops it if a later step fails.
port="${ADEMPAUZE_LOAD_PORT:-}"
if [[ -z "$port" ]]; then
  for candidate in $(seq 18800 18899); do
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then port=$candidate; break; fi
  done
  [[ -n "$port" ]] || fail "no free port in 18800-18899; set ADEMPAUZE_LOAD_PORT"
fi
base="http://127.0.0.1:$port"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$binary" --today "$today" --db "$db" serve --host 127.0.0.1 --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "$base/health" > /dev/null && break
  kill -0 "$server" 2> /dev/null || fail "the server stopped; see $work/serve.log"
  sleep 0.1
done
curl -sf "$base/health" > /dev/null || fail "the server does not answer on $base"

# Step 5: a session of the debtor team, as a browser gets it: the login form's token, then
# the form post. The session cookie is all wrk needs.
jar="$work/cookies.txt"
rm -f "$jar"
form_token=$(curl -sf -c "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[[ -n "$form_token" ]] || fail "the login page has no form token"
curl -sf -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$form_token" --data-urlencode "username=$user" \
  --data-urlencode "password=$password" --data-urlencode "next=/" "$base/login" || fail "login failed"
session=$(awk '$6 == "adempauze_session" { print $7 }' "$jar")
[[ -n "$session" ]] || fail "login gave no session cookie"
cookie="Cookie: adempauze_session=$session"

# The pages: the first page, and a page in the middle of the batch (SQL OFFSET grows with it).
middle_page=$(( batch_size / 50 / 2 ))
first_url="$base/debtors/batches/$batch"
middle_url="$base/debtors/batches/$batch?page=$middle_page"
for url in "$first_url" "$middle_url"; do
  status=$(curl -s -o "$work/page.html" -w '%{http_code}' -H "$cookie" "$url")
  [[ "$status" == 200 ]] || fail "GET $url answered $status"
done
grep -q "$(thousands "$batch_size")\|$batch_size" "$work/page.html" ||
  log "warning: the page does not show the batch's total $batch_size; check $work/page.html"

# Step 6: wrk against each page, bounded by --duration. The server's CPU time (user +
# system, in clock ticks from /proc) is read around each run, because on a shared machine
# CPU time per request compares better than wall time.
ticks_per_second=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
run_wrk() {
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "$cookie" "$1" 2>&1
}
log "wrk on the first page for ${duration} s"
ticks_start=$(server_ticks)
first=$(run_wrk "$first_url")
first_ticks=$(( $(server_ticks) - ticks_start ))
log "wrk on page $middle_page for ${duration} s"
ticks_start=$(server_ticks)
middle=$(run_wrk "$middle_url")
middle_ticks=$(( $(server_ticks) - ticks_start ))
kill "$server" 2> /dev/null || true
wait "$server" 2> /dev/null || true
trap - EXIT

# Returns "requests/s|p50|p99|requests|non-2xx" from wrk's output.
summarise() {
  local rps p50 p99 total errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$1")
  p50=$(awk '$1 == "50%" { print $2 }' <<< "$1")
  p99=$(awk '$1 == "99%" { print $2 }' <<< "$1")
  total=$(awk '/requests in/ { print $1 }' <<< "$1")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<< "$1")
  echo "$rps|$p50|$p99|$total|${errors:-0}"
}
IFS='|' read -r first_rps first_p50 first_p99 first_total first_errors <<< "$(summarise "$first")"
IFS='|' read -r middle_rps middle_p50 middle_p99 middle_total middle_errors <<< "$(summarise "$middle")"
# Milliseconds of server CPU time per request.
cpu_per_request() { awk -v t="$1" -v hz="$ticks_per_second" -v n="$2" 'BEGIN { printf "%.2f", t * 1000 / hz / n }'; }
first_cpu=$(cpu_per_request "$first_ticks" "$first_total")
middle_cpu=$(cpu_per_request "$middle_ticks" "$middle_total")

# Step 7: the comparison: the page's two statements (the count and the page with each row's
# flag date, as store::ListDossierPage runs them) in one sqlite3 process, repeated. This is
# the floor under the page: no session, no access-log entry, no HTML.
page_sql() {
  local offset=$1
  cat << SQL
SELECT count(*) FROM debtors d WHERE d.batch_id = $batch AND (NULL IS NULL OR instr(d.dossier_number, NULL) > 0);
SELECT d.id, d.dossier_number, d.status, CASE WHEN d.status IN ('client_paused', 'solution_in_progress', 'solution_reached') THEN COALESCE((SELECT max(e.at) FROM dossier_events e WHERE e.debtor_id = d.id AND e.to_status = 'client_paused'), d.status_changed_at) ELSE d.status_changed_at END FROM debtors d WHERE d.batch_id = $batch AND (NULL IS NULL OR instr(d.dossier_number, NULL) > 0) ORDER BY d.dossier_number LIMIT 50 OFFSET $offset;
SQL
}
# Sets cpu_seconds to the CPU time (user + system) of this shell's finished children, from
# `times`. It must run in this shell, not in a command substitution, whose subshell has
# children of its own.
children_cpu() {
  { times; } > "$work/times.txt"
  cpu_seconds=$(tail -1 "$work/times.txt" | awk '{ total = 0
    for (i = 1; i <= 2; ++i) { split($i, part, /[ms]/); total += part[1] * 60 + part[2] }
    printf "%.3f", total }')
}
# Returns "pages/s (wall)|ms per page (wall)|CPU ms per page".
sqlite_rate() {
  local offset=$1 repeats=200 script="$work/page-$1.sql" started ended cpu_start cpu_end cpu_seconds
  # The server's connection has a page cache of 256 MiB (StoreOptions::cache_kib); the shell
  # gets the same, so both read the database from memory.
  echo "PRAGMA cache_size = -262144;" > "$script"
  for _ in $(seq 1 "$repeats"); do page_sql "$offset" >> "$script"; done
  sqlite3 "$db" < "$script" > /dev/null  # warm the operating system's file cache
  children_cpu
  cpu_start=$cpu_seconds
  started=$(date +%s%N)
  sqlite3 "$db" < "$script" > /dev/null
  ended=$(date +%s%N)
  children_cpu
  cpu_end=$cpu_seconds
  awk -v n="$repeats" -v ns="$((ended - started))" -v a="$cpu_start" -v b="$cpu_end" \
    'BEGIN { printf "%.1f|%.2f|%.2f\n", n / (ns / 1e9), ns / 1e6 / n, (b - a) * 1000 / n }'
}
sqlite_rate 0 > "$work/sqlite-first.txt"
sqlite_rate $(( (middle_page - 1) * 50 )) > "$work/sqlite-middle.txt"
IFS='|' read -r sqlite_first_rate sqlite_first_ms sqlite_first_cpu < "$work/sqlite-first.txt"
IFS='|' read -r sqlite_middle_rate sqlite_middle_ms sqlite_middle_cpu < "$work/sqlite-middle.txt"

# Step 8: the report.
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
db_size=$(du -h "$db" | cut -f1)
total_debtors=$(sqlite3 "$db" "SELECT count(*) FROM debtors")
log_entries=$(sqlite3 "$db" "SELECT count(*) FROM access_log")
if [[ $built_here == 1 ]]; then
  source_state="built from commit $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  [[ -z "$(git -C "$root" status --porcelain --untracked-files=no 2> /dev/null)" ]] ||
    source_state+=" with uncommitted changes"
else
  source_state="binary $binary, built before the run"
fi
{
  echo "## Web load: the debtor team's dossier list"
  echo
  echo "Produced by \`bench/web_load.sh --dossiers $dossiers --duration $duration\` on $(date -u +%F) ($source_state)."
  echo
  echo "Machine: $cpu, $(nproc) cores; load average (1, 5, 15 min) before: $load_before, after: $load_after  "
  echo "Input: batch $batch with $(thousands "$batch_size") dossiers ($(thousands "$total_debtors") debtors in the database), database $db_size, access log $(thousands "$log_entries") entries after the run  "
  echo "Load: wrk -t$threads -c$connections -d${duration}s --latency on 127.0.0.1, one signed-in debtor-team session"
  echo
  echo "| page | requests/s | p50 | p99 | requests | non-2xx | server CPU ms per request |"
  echo "|---|---|---|---|---|---|---|"
  echo "| first page (\`/debtors/batches/$batch\`) | $first_rps | $first_p50 | $first_p99 | $first_total | $first_errors | $first_cpu |"
  echo "| page $middle_page (OFFSET $(( (middle_page - 1) * 50 ))) | $middle_rps | $middle_p50 | $middle_p99 | $middle_total | $middle_errors | $middle_cpu |"
  echo
  echo "The same page's SQL in the sqlite3 shell, 200 times in one process with the server's 256 MiB page cache:"
  echo
  echo "| page | pages/s | wall ms per page | CPU ms per page |"
  echo "|---|---|---|---|"
  echo "| first page | $sqlite_first_rate | $sqlite_first_ms | $sqlite_first_cpu |"
  echo "| page $middle_page | $sqlite_middle_rate | $sqlite_middle_ms | $sqlite_middle_cpu |"
} | tee "$work/results.md"
