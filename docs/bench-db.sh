#!/usr/bin/env bash
# The relational benchmark of docs/BENCHMARKS.md: Chinook scaled to about a million rows, then fitted, sampled and
# evaluated by whole `doppel db` commands (cold JVM each), wall time and peak RSS from GNU time.
# Usage: docs/bench-db.sh [SCALE] [REPEAT]   (default 63 -> ~1.0M rows; 3 runs per step, the median is printed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-63}"
repeat="${2:-3}"
chinook="$(cd "$here/.." && pwd)/shared/datasets/chinook"
work="$(mktemp -d /tmp/doppel-bench-db.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$here/doppel" --version >/dev/null   # builds the jar when the sources are newer
jar="$here/doppel-cli/target/doppel.jar"

# Runs a command under GNU time; appends "seconds kilobytes" to $work/times.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" \
    || { cat "$work/err.txt" >&2; exit 1; }
  cat "$work/time.txt" >>"$work/times"
}

# Median wall seconds and median peak RSS (MB) of the runs recorded in $work/times, then clears it.
median() {
  sort -n "$work/times" | awk '{ t[NR] = $1 } END { printf "%.2f s", t[int((NR + 1) / 2)] }'
  printf " | "
  sort -n -k2 "$work/times" | awk '{ m[NR] = $2 } END { printf "%d MB", m[int((NR + 1) / 2)] / 1024 }'
  rm -f "$work/times"
}

java -jar "$jar" db fit --from "$chinook" --schema "$chinook/metadata.json" -o "$work/chinook.doppel" \
  --save-schema "$work/schema.json" >/dev/null
java -jar "$jar" db sample "$work/chinook.doppel" --to "$work/big" --scale "$scale" --seed 7 >/dev/null
rows=$(awk -F'"rows" *: *' 'NF > 1 { split($2, a, /[,}]/); s += a[1] } END { print s }' "$work/big/manifest.json")
echo "Chinook at scale $scale: $rows rows in $(ls "$work/big"/*.csv | wc -l) tables, $(du -sh "$work/big" | cut -f1)"
awk -F' : ' '/"name"/ { gsub(/[",]/, "", $2); n = $2 } /"rows"/ { gsub(/[",]/, "", $2); print "  " n, $2 }' \
  "$work/big/manifest.json"

echo
echo "| step | median wall | median peak RSS |"
echo "|---|---|---|"
for i in $(seq "$repeat"); do
  rm -f "$work/big.doppel"
  timed java -jar "$jar" db fit --from "$work/big" --schema "$work/schema.json" -o "$work/big.doppel"
done
echo "| db fit, $rows rows | $(median) |"
for i in $(seq "$repeat"); do
  rm -rf "$work/synthetic"
  timed java -jar "$jar" db sample "$work/big.doppel" --to "$work/synthetic" --seed 1
done
synthetic=$(awk -F'"rows" *: *' 'NF > 1 { split($2, a, /[,}]/); s += a[1] } END { print s }' \
  "$work/synthetic/manifest.json")
echo "| db sample, scale 1 ($synthetic rows, CSV) | $(median) |"
for i in $(seq "$repeat"); do
  rm -f "$work/synthetic.duckdb"
  timed java -jar "$jar" db sample "$work/big.doppel" --to "jdbc:duckdb:$work/synthetic.duckdb" --seed 1
done
echo "| db sample, scale 1, into DuckDB | $(median) |"
timed java -jar "$jar" db evaluate --real "$work/big" --synthetic "$work/synthetic" --schema "$work/schema.json" \
  -o "$work/report.json" --html "$work/report.html"
echo "| db evaluate (one run) | $(median) |"
echo
grep -E '^  database\.' "$work/out.txt"
