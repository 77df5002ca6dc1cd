#!/usr/bin/env bash
# bench-compare: times parks against DuckDB and Miller on the same generated
# facility files, in one run, and the built-in summary's start-up. Not part of `make test` (it installs tools and
# takes minutes). Usage: make bench-compare [RUNS=5] [SIZES="10000 100000 1000000 5000000"]
#
# For each size it generates facilities.csv with cmd/parksgen (seed 1), then
# runs each tool RUNS times, round-robin, and prints the median wall time
# and the largest peak RSS (/usr/bin/time), and the ratios parks/DuckDB and
# Miller/parks.
#   parks summary  : bin/parks summary -o json FILE (whole process)
#   parks validate : bin/parks validate FILE (whole process)
#   DuckDB         : @duckdb/node-api, 2 threads, read_csv + GROUP BY district
#                    sums of jobs and investment; the time is the query's,
#                    measured inside the process (RSS is the whole process)
#   Miller         : mlr --icsv --ojson stats1 -a sum -f ... -g district FILE
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000 1000000 5000000"}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/parks-bench}
mkdir -p "$WORK"

need_apt() { # command package
	command -v "$1" >/dev/null 2>&1 && return
	echo "installing $2 (apt)" >&2
	if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
	else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
[ -x /usr/bin/time ] || need_apt /usr/bin/time time
need_apt mlr miller
need_apt hyperfine hyperfine
command -v node >/dev/null || need_apt node nodejs
command -v npm >/dev/null || need_apt npm npm

make --no-print-directory build
go build -o bin/parksgen ./cmd/parksgen

DUCK="$WORK/duckdb"
if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
	echo "installing @duckdb/node-api (npm) into $DUCK" >&2
	mkdir -p "$DUCK"
	(cd "$DUCK" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
cat >"$DUCK/query.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const t0 = performance.now();
const reader = await con.runAndReadAll(
  `SELECT district, sum(jobs_planned) AS jobs_planned, sum(jobs_created) AS jobs_created,
          sum(investment_private_kzt) AS private, sum(investment_budget_kzt) AS budget
     FROM read_csv('${file}') GROUP BY district ORDER BY district`);
const rows = reader.getRows();
const t1 = performance.now();
if (rows.length === 0) throw new Error('no rows');
console.log(((t1 - t0) / 1000).toFixed(3));
JS

# one LABEL CMD... : one run of CMD; appends "seconds peak_rss_kb" to
# LABEL's list. With INPROC=1 the command prints its own seconds on
# stdout's last line.
one() {
	local label=$1 t m
	shift
	/usr/bin/time -o "$WORK/time.txt" -f "__T %e %M" "$@" >"$WORK/out.txt" 2>/dev/null || true
	read -r t m < <(grep __T "$WORK/time.txt" | awk '{print $2, $3}')
	if [ "${INPROC:-0}" = 1 ]; then t=$(tail -1 "$WORK/out.txt"); fi
	echo "$t $m" >>"$WORK/$label.times"
}

# median LABEL: "median_seconds max_rss_kb" over LABEL's runs.
median() {
	sort -g "$WORK/$1.times" | awk '{a[NR]=$1; if ($2>r) r=$2} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %d\n", m, r}'
}

echo "# bench-compare $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -srm)"
echo "# $(go version | cut -d' ' -f3), parks $(git describe --always --dirty), mlr $(mlr --version | awk '{print $2}'),"\
	"duckdb node-api $(node -p "require('$DUCK/node_modules/@duckdb/node-api/package.json').version"), node $(node --version); runs: $RUNS"
printf '%-9s %-9s | %-17s | %-17s | %-17s | %-17s | %-8s %-8s %-8s\n' rows "MB" "parks summary" "parks validate" "DuckDB query" "Miller" "p/Duck" "v/Duck" "Mlr/p"
for n in $SIZES; do
	dir="$WORK/n$n"
	if [ ! -s "$dir/facilities.csv" ]; then ./bin/parksgen -n "$n" -seed 1 -o "$dir"; fi
	f="$dir/facilities.csv"
	mb=$(( $(stat -c %s "$f") / 1000000 ))
	# Round-robin: each round runs every tool once, so a machine whose speed
	# drifts during the run (a shared host) slows all of them alike.
	rm -f "$WORK"/{summary,validate,duckdb,miller}.times
	for _ in $(seq "$RUNS"); do
		one summary ./bin/parks summary -o json "$f"
		one validate ./bin/parks validate "$f"
		INPROC=1 one duckdb node "$DUCK/query.mjs" "$f"
		one miller mlr --icsv --ojson stats1 -a sum -f jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt -g district "$f"
	done
	read -r ps prss < <(median summary)
	read -r vs vrss < <(median validate)
	read -r ds drss < <(median duckdb)
	read -r ms mrss < <(median miller)
	printf '%-9s %-9s | %6.3f s %6d MB | %6.3f s %6d MB | %6.3f s %6d MB | %6.3f s %6d MB | %-8s %-8s %-8s\n' "$n" "$mb" \
		"$ps" $((prss / 1024)) "$vs" $((vrss / 1024)) "$ds" $((drss / 1024)) "$ms" $((mrss / 1024)) \
		"$(awk -v a="$ps" -v b="$ds" 'BEGIN{printf "%.2f", a/b}')" \
		"$(awk -v a="$vs" -v b="$ds" 'BEGIN{printf "%.2f", a/b}')" \
		"$(awk -v a="$ms" -v b="$ps" 'BEGIN{printf "%.1f", a/b}')"
done

# The built-in summary, a whole process (fork and exec included), against
# /bin/true in the same run: the issue's target is under 15 ms.
hyperfine -N --warmup 10 --runs "${STARTUP_RUNS:-200}" --export-json "$WORK/startup.json" './bin/parks summary' '/bin/true' >/dev/null 2>&1
node -e '
const r = require(process.argv[1]).results;
for (const x of r) console.log(`# ${x.command}: median ${(x.median*1000).toFixed(1)} ms, mean ${(x.mean*1000).toFixed(1)} ms, min ${(x.min*1000).toFixed(1)} ms (${x.times.length} runs)`);
' "$WORK/startup.json"
