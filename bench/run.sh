#!/usr/bin/env bash
# The benchmark: generates data folders, then times `report survey` and `report monthly`
# with hyperfine against the bare-parse floor (and DuckDB where Python has it), and
# measures peak memory. Prints Markdown tables for docs/performance.md.
#
# Most runs pass --quiet, as a script would: looking for warnings is skipped then. One run
# per size shows them (on standard error, which hyperfine discards).
#
#   bench/run.sh            all sizes (1,000 / 10,000 / 100,000 institutions, CSV; 10,000 TOML)
#   RUNS=5 bench/run.sh     fewer timed runs per command (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
RUNS=${RUNS:-10}
DATA=${DATA:-target/bench-data}

cargo build --release --quiet --bin report --example gen_bench --example parse_floor
report=target/release/report

for n in 1000 10000 100000; do
  [ -f "$DATA/csv-$n/members.csv" ] || target/release/examples/gen_bench "$DATA/csv-$n" "$n" 1
done
[ -f "$DATA/toml-10000/members.toml" ] || target/release/examples/gen_bench "$DATA/toml-10000" 10000 1 --toml

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo

time_of() { # name, command...: mean and standard deviation in ms, from hyperfine's JSON
  local name=$1; shift
  hyperfine --warmup 1 --runs "$RUNS" -N --export-json /tmp/bench.json "$*" >/dev/null 2>&1
  python3 -c "import json; r=json.load(open('/tmp/bench.json'))['results'][0]; print('| $name | %.0f ± %.0f | %.0f–%.0f |' % (r['mean']*1e3, r['stddev']*1e3, r['min']*1e3, r['max']*1e3))"
}

peak_of() { # command...: peak resident memory in MB
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "| run | mean ± σ (ms) | min–max (ms) |"
echo "| --- | ---: | ---: |"
for n in 1000 10000 100000; do
  d=$DATA/csv-$n
  time_of "survey, $n institutions (CSV)" $report survey --data $d --as-of 2021-04-30 --format csv --quiet
  time_of "monthly, $n institutions (CSV)" $report monthly --data $d --month 2021-04 --format csv --quiet
  time_of "survey with warnings shown, $n institutions (CSV)" $report survey --data $d --as-of 2021-04-30 --format csv
  time_of "bare csv parse, $n institutions" target/release/examples/parse_floor $d
  if python3 -c 'import duckdb' 2>/dev/null; then
    time_of "DuckDB survey counts, $n institutions" python3 bench/duckdb_survey.py $d
  fi
done
time_of "survey, 10000 institutions (TOML)" $report survey --data $DATA/toml-10000 --as-of 2021-04-30 --format csv --quiet
time_of "survey, example city folder" $report survey --data data-examples/jiujiang --as-of 2021-04-30 --format csv --quiet
echo
echo "| run | peak memory (MB) |"
echo "| --- | ---: |"
for n in 10000 100000; do
  echo "| survey, $n institutions (CSV) | $(peak_of $report survey --data $DATA/csv-$n --as-of 2021-04-30 --format csv --quiet) |"
  echo "| monthly, $n institutions (CSV) | $(peak_of $report monthly --data $DATA/csv-$n --month 2021-04 --format csv --quiet) |"
done
echo "| survey, 10000 institutions (TOML) | $(peak_of $report survey --data $DATA/toml-10000 --as-of 2021-04-30 --format csv --quiet) |"
