#!/usr/bin/env bash
# Runs the benchmarks that docs/benchmarks.md reports: adempauze against what users would
# otherwise use (pandas, openpyxl, the sqlite3 shell), side by side and interleaved, plus the
# Google Benchmark micro-benchmarks.
#
# Usage: bench/run.sh [--quick] [--runs N]
#   --quick   inputs 10 times smaller (100,000 CSV rows, 10,000 XLSX rows), for a smoke run
#   --runs N  timed runs of each command in every scenario (default 3)
# Environment:
#   ADEMPAUZE_BENCH_DIR     work folder for inputs and databases (default /tmp/adempauze-bench);
#                           the full run needs about 4 GB there
#   ADEMPAUZE_BENCH_BUILD   build folder (default build/release; configured with the release
#                           preset when it does not exist yet)
#   ADEMPAUZE_BENCH_PYTHON  Python with pandas and openpyxl (default /usr/bin/python3)
# Writes the Markdown to stdout and to results.md in the work folder. Needs bash, cmake,
# sqlite3, and Python 3 with pandas and openpyxl; everything else is built from this tree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
quick=0
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--quick] [--runs N]" >&2; exit 2 ;;
  esac
done

build="$(realpath -m "${ADEMPAUZE_BENCH_BUILD:-$root/build/release}")"
python="${ADEMPAUZE_BENCH_PYTHON:-/usr/bin/python3}"
seed=20261204
if [[ $quick == 1 ]]; then
  csv_rows=100000 xlsx_rows=10000 size_name=quick
else
  csv_rows=1000000 xlsx_rows=100000 size_name=full
fi
work="${ADEMPAUZE_BENCH_DIR:-/tmp/adempauze-bench}/$size_name"
baselines="$root/bench/baselines"

fail() { echo "bench/run.sh: $*" >&2; exit 1; }
log() { echo "bench/run.sh: $*" >&2; }
# Formats 1000000 as 1,000,000.
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }

# Step 1: the tools. Debian's python3 has pandas and openpyxl, but a python3 earlier on PATH may not.
command -v sqlite3 > /dev/null || fail "sqlite3 not found; install Debian's sqlite3 package"
command -v cmake > /dev/null || fail "cmake not found"
"$python" -c "import pandas, openpyxl" 2> /dev/null ||
  fail "$python cannot import pandas and openpyxl; install python3-pandas and python3-openpyxl or set ADEMPAUZE_BENCH_PYTHON"

# Step 2: a release build of the program and of the benchmark binaries.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  [[ "$build" == "$root/build/release" ]] || fail "$build is not a configured build folder"
  log "configuring the release preset in $build"
  (cd "$root" && cmake --preset release -DADEMPAUZE_BUILD_BENCH=ON > /dev/null)
fi
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt" ||
  fail "$build is not a Release build; timings of another build type are meaningless"
grep -q '^ADEMPAUZE_BUILD_BENCH:BOOL=ON$' "$build/CMakeCache.txt" ||
  fail "$build has ADEMPAUZE_BUILD_BENCH=OFF; reconfigure it with -DADEMPAUZE_BUILD_BENCH=ON"
log "building in $build"
mkdir -p "$work"
if ! cmake --build "$build" --target adempauze ingest_only shared_strings_xlsx national_number_bench \
  csv_reader_bench > "$work/build.log" 2>&1; then
  tail -n 30 "$work/build.log" >&2
  fail "the build failed; the whole output is in $work/build.log"
fi
adempauze="$build/adempauze"
ingest_only="$build/bench/ingest_only"

# Step 3: the inputs, the same for every run: clean lists (no damage, no extra columns) so that
# the baselines, which validate nothing, read the same rows adempauze accepts.
cd "$work"
rm -f ./*.db ./*.db-wal ./*.db-shm ./*.keys ./*.pkl ./*.csv ./*.xlsx results.md
log "generating $(thousands $csv_rows) debtors and clients (CSV) and $(thousands $xlsx_rows) debtors (XLSX) in $work"
"$adempauze" generate --debtor-file debtors.csv --client-file clients.csv --debtors "$csv_rows" \
  --clients "$csv_rows" --overlap 0.1 --seed "$seed" --clean > /dev/null
"$adempauze" generate --debtor-file debtors-inline.xlsx --debtors "$xlsx_rows" --clients "$xlsx_rows" \
  --seed "$seed" --clean > /dev/null
"$build/bench/shared_strings_xlsx" debtors-shared.xlsx "$xlsx_rows" "$seed" > /dev/null

# An empty database and its key file (mode 0600: the key loader rejects a key file that group
# or others can read, and cp -p keeps the mode). Runs copy it, so every import starts empty.
"$adempauze" --db empty.db init > /dev/null
reset_run_db='rm -f run.db run.db-wal run.db-shm run.db.keys && cp -p empty.db.keys run.db.keys'
fresh_db="$reset_run_db && cp -p empty.db run.db"

log "preparing the loaded databases and frames for the matching scenario"
"$adempauze" --db loaded.db init > /dev/null
"$adempauze" --db loaded.db import debtors debtors.csv > /dev/null
"$adempauze" --db loaded.db import clients clients.csv > /dev/null
"$baselines/sqlite_load.sh" debtors.csv clients.csv plain.db > /dev/null
"$python" "$baselines/pandas_merge.py" to-pickle debtors.csv clients.csv debtors.pkl clients.pkl > /dev/null
loaded_db='rm -f run.db run.db-wal run.db-shm run.db.keys && cp -p loaded.db run.db && cp -p loaded.db.keys run.db.keys'

compare() { "$python" "$root/bench/compare.py" --runs "$runs" --setup sync "$@"; }

# The commit of the sources the binaries were built from, which is not this script's tree
# when ADEMPAUZE_BENCH_BUILD points elsewhere.
source_dir="$(sed -n 's/^adempauze_SOURCE_DIR:STATIC=//p' "$build/CMakeCache.txt")"
source_commit="$(git -C "$source_dir" rev-parse --short HEAD 2> /dev/null || echo unknown)"
if ! git -C "$source_dir" diff --quiet HEAD 2> /dev/null; then
  source_commit="$source_commit with uncommitted changes"
fi
csv_size="$(thousands $csv_rows) rows; debtors.csv $(du -h debtors.csv | cut -f1), clients.csv $(du -h clients.csv | cut -f1)"

# Step 4: the scenarios. The first command of each is the reference for the ratios.
{
  echo "# adempauze benchmark results"
  echo
  echo "Produced by \`bench/run.sh$([[ $quick == 1 ]] && echo ' --quick')\` on $(date -u +%Y-%m-%d) from the sources at commit $source_commit."
  echo "Baselines: $("$python" -c 'import platform, pandas, openpyxl; print(f"Python {platform.python_version()}, pandas {pandas.__version__}, openpyxl {openpyxl.__version__}")'), sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)."
  echo
} | tee results.md

log "scenario a: CSV import"
compare --title "a. CSV import of $(thousands $csv_rows) debtor rows" \
  --input "debtors.csv, $(thousands $csv_rows) rows of 6 columns, $(du -h debtors.csv | cut -f1)" \
  --setup-for "adempauze import=$fresh_db" \
  "adempauze import=$adempauze --db run.db import debtors debtors.csv" \
  "adempauze read+check only=$ingest_only debtors debtors.csv" \
  "pandas read_csv=$python $baselines/pandas_read_csv.py debtors.csv" \
  "pandas read_csv+to_sql=$python $baselines/pandas_csv_to_sqlite.py debtors.csv pandas.db" \
  "sqlite3 .import=$baselines/sqlite_import.sh debtors.csv shell.db" | tee -a results.md

for layout in inline shared; do
  log "scenario b: XLSX read ($layout strings)"
  compare --title "b. XLSX read of $(thousands $xlsx_rows) debtor rows ($layout strings)" \
    --input "debtors-$layout.xlsx, $(thousands $xlsx_rows) rows of 6 columns, $(du -h debtors-$layout.xlsx | cut -f1)" \
    --setup-for "adempauze import=$fresh_db" \
    "adempauze import=$adempauze --db run.db import debtors debtors-$layout.xlsx" \
    "adempauze read+check only=$ingest_only debtors debtors-$layout.xlsx" \
    "openpyxl read-only=$python $baselines/openpyxl_read.py debtors-$layout.xlsx" \
    "pandas read_excel=$python $baselines/pandas_read_excel.py debtors-$layout.xlsx" | tee -a results.md
done

log "scenario c: matching on loaded data"
compare --title "c. Exact matching of $(thousands $csv_rows) debtors against $(thousands $csv_rows) clients, data already loaded" \
  --input "$csv_size; 10% of the debtors are clients" \
  --setup-for "adempauze match=$loaded_db" \
  --setup-for "sqlite3 join (loaded tables)=rm -f plain-run.db && cp plain.db plain-run.db" \
  "adempauze match=$adempauze --db run.db match" \
  "sqlite3 join (loaded tables)=$baselines/sqlite_join_loaded.sh plain-run.db" \
  "pandas merge (pickled frames)=$python $baselines/pandas_merge.py pickle debtors.pkl clients.pkl" \
  "pandas merge (from CSV)=$python $baselines/pandas_merge.py csv debtors.csv clients.csv" | tee -a results.md

log "scenario c: the whole pipeline"
compare --title "c. Whole pipeline: import $(thousands $csv_rows) debtors and $(thousands $csv_rows) clients, then match" \
  --input "$csv_size; 10% of the debtors are clients" \
  --setup-for "adempauze import+match=$fresh_db" \
  "adempauze import+match=$adempauze --db run.db import debtors debtors.csv > /dev/null && $adempauze --db run.db import clients clients.csv > /dev/null && $adempauze --db run.db match" \
  "sqlite3 import+join=$baselines/sqlite_join.sh debtors.csv clients.csv shell.db" \
  "pandas read+merge=$python $baselines/pandas_merge.py csv debtors.csv clients.csv" | tee -a results.md

# Step 5: the micro-benchmarks, each repeated 5 times. The tables give medians.
log "micro-benchmarks"
micro() {
  local name="$1"; shift
  "$build/bench/$name" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$name.json" --benchmark_out_format=json > /dev/null 2>&1
  "$python" "$root/bench/gbench_table.py" "$name.json" "$@"
}
{
  echo "### d. Micro-benchmarks (Google Benchmark)"
  echo
  echo "nn::Check on 100,000 values per iteration (\`$build/bench/national_number_bench\`):"
  echo
  micro national_number_bench
  echo "CsvReader against libcsv on the same 1,000,000-row text in memory (\`$build/bench/csv_reader_bench\`):"
  echo
  micro csv_reader_bench --reference BM_Libcsv
} | tee -a results.md

rm -f run.db run.db-wal run.db-shm run.db.keys plain-run.db shell.db pandas.db
log "results written to $work/results.md"
