#!/usr/bin/env bash
# bench-compare: times parks against DuckDB and Miller on the same generated
# facility files, in one run, and the built-in summary's start-up. Not part of `make test` (it installs tools and
# takes minutes). Usage: make bench-compare [RUNS=5] [SIZES="10000 100000 1000000 5000000"]
#   [SHAPE_ROWS=1000000] [SHAPES="clean warn1 ..."] [TIMEOUT=60]
#
# For each size it generates facilities.csv with cmd/parksgen (seed 1), then
# runs each tool RUNS times, round-robin, and prints the median wall time
# and the largest peak RSS (/usr/bin/time), and the ratios parks/DuckDB and
# Miller/parks.
#   parks summary  : bin/parks summary -o json FILE (whole process)
#   parks validate : bin/parks validate FILE (whole process)
#   DuckDB         : @duckdb/node-api, 2 threads, read_csv (ignore_errors) + GROUP BY district
#                    sums of jobs and investment; the time is the query's,
#                    measured inside the process (RSS is the whole process)
#   Miller         : mlr --icsv --ojson stats1 -a sum -f ... -g district FILE
#
# Then one table for every file shape of issue 14, SHAPE_ROWS rows each:
# the parks command the shape is about (its median time and peak RSS,
# TIMEOUT seconds at most, so a shape that still holds every record shows
# as "timeout"), its time against the clean file's summary, and DuckDB's
# and Miller's same query on the same file. Last, the start-up guard: the
# built-in `parks summary` against a static Go hello-world (target: ≤ 8×).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES-"10000 100000 1000000 5000000"}
SHAPE_ROWS=${SHAPE_ROWS:-1000000}
SHAPES=${SHAPES-"clean warn1 warn3 err10-skip err10-validate repeat-early repeat-late copy-row repeats-many projects validate-text validate-json validate-github notes-crlf-bom stdin list-csv by-facility"}
TIMEOUT=${TIMEOUT:-60}
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
     FROM read_csv('${file}', ignore_errors = true) GROUP BY district ORDER BY district`);
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
	/usr/bin/time -o "$WORK/time.txt" -f "__T %e %M %x" "$@" >"$WORK/out.txt" 2>/dev/null || true
	read -r t m x < <(grep __T "$WORK/time.txt" | awk '{print $2, $3, $4}')
	if [ "$x" = 124 ]; then t=timeout; fi
	if [ "$x" != 0 ] && [ "${MUSTPASS:-0}" = 1 ]; then t=failed; fi
	if [ "${INPROC:-0}" = 1 ]; then
		t=$(tail -1 "$WORK/out.txt")
		[[ $t =~ ^[0-9.]+$ ]] || t=failed
	fi
	echo "$t $m" >>"$WORK/$label.times"
}

# median LABEL: "median_seconds max_rss_kb" over LABEL's runs ("timeout"
# when a run timed out).
median() {
	if grep -q timeout "$WORK/$1.times"; then echo "timeout 0"; return; fi
	if grep -q failed "$WORK/$1.times"; then echo "failed 0"; return; fi
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

# shape_file SHAPE: generates (once) the file of a shape; prints its path.
shape_file() {
	local n=$SHAPE_ROWS d="$WORK/shapes/$1" args=()
	case $1 in
	clean | stdin | list-csv | by-facility) d="$WORK/shapes/clean" ;;
	warn1 | validate-text | validate-json | validate-github) d="$WORK/shapes/warn1"; args=(-warn-every 1) ;;
	warn3) args=(-warn-every 3) ;;
	err10-skip | err10-validate) d="$WORK/shapes/err10"; args=(-errors $((n / 10)) -unique-ids) ;;
	repeat-early) args=(-repeat-early) ;;
	repeat-late) args=(-repeat-late) ;;
	copy-row) args=(-copy-row 2) ;;
	repeats-many) args=(-dup-every 1000) ;;
	projects) args=(-projects 1) ;;
	notes-crlf-bom) d="$WORK/shapes/clean" ;;
	esac
	if [ ! -s "$d/facilities.csv" ]; then ./bin/parksgen -n "$n" -seed 1 "${args[@]}" -o "$d" >&2; fi
	if [ "$1" = notes-crlf-bom ]; then
		local c="$WORK/shapes/crlf/facilities.csv"
		if [ ! -s "$c" ]; then
			mkdir -p "$WORK/shapes/crlf"
			{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$d/facilities.csv"; } >"$c"
		fi
		echo "$c"
		return
	fi
	if [ "$1" = projects ]; then echo "$d"; else echo "$d/facilities.csv"; fi
}

# shape_cmd SHAPE FILE: the parks command a shape is timed with.
shape_cmd() {
	local p=(timeout "$TIMEOUT" ./bin/parks)
	case $1 in
	clean | warn1 | warn3 | notes-crlf-bom | projects) echo "${p[*]} summary -o json $2" ;;
	err10-skip | repeats-many) echo "${p[*]} summary -o json --skip-invalid $2" ;;
	err10-validate | repeat-early | repeat-late | copy-row) echo "${p[*]} validate --max-errors 0 $2" ;;
	validate-text) echo "${p[*]} validate --max-errors 0 -o text $2" ;;
	validate-json) echo "${p[*]} validate --max-errors 0 -o json $2" ;;
	validate-github) echo "${p[*]} validate --max-errors 0 -o github $2" ;;
	stdin) echo "sh -c '${p[*]} summary -o json - <$2'" ;;
	list-csv) echo "${p[*]} list -o csv $2" ;;
	by-facility) echo "${p[*]} summary -o json --by facility $2" ;;
	esac
}

if [ -n "$SHAPES" ]; then
	echo
	echo "# shapes of issue 14, $SHAPE_ROWS rows; time/clean is against the clean file's summary in this table"
	printf '%-16s | %-17s | %-10s | %-10s | %-10s | %-8s %-8s\n' shape "parks" "time/clean" "DuckDB" "Miller" "p/Duck" "Mlr/p"
	clean_s=""
	for shape in $SHAPES; do
		f=$(shape_file "$shape")
		q=$f
		[ "$shape" = projects ] && q="$f/facilities.csv"
		cmd=$(shape_cmd "$shape" "$f")
		rm -f "$WORK"/{shape,duckdb,miller}.times
		for _ in $(seq "$RUNS"); do
			eval "one shape $cmd"
			INPROC=1 one duckdb node "$DUCK/query.mjs" "$q"
			MUSTPASS=1 one miller mlr --icsv --ojson stats1 -a sum -f jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt -g district "$q"
			if grep -q timeout "$WORK/shape.times"; then break; fi # holds every record: once is enough
		done
		read -r ps prss < <(median shape)
		read -r ds _ < <(median duckdb)
		read -r ms _ < <(median miller)
		[ "$shape" = clean ] && clean_s=$ps
		# a tool that failed on the shape (Miller stops at a short row) or a
		# run that timed out is "-" in the ratios
		ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN{if (a+0>0 && b+0>0) printf f, a/b; else printf "-"}'; }
		secs() { awk -v a="$1" 'BEGIN{if (a ~ /^[0-9.]+$/) printf "%6.3f s", a; else printf "%8s", a}'; }
		if [ "$ps" = timeout ]; then
			printf '%-16s | > %3d s (timeout)  | %-10s | %-10s | %-10s | %-8s %-8s\n' "$shape" "$TIMEOUT" "-" "$(secs "$ds")" "$(secs "$ms")" "-" "-"
			continue
		fi
		printf '%-16s | %6.3f s %6d MB | %-10s | %-10s | %-10s | %-8s %-8s\n' "$shape" "$ps" $((prss / 1024)) \
			"$(ratio "$ps" "${clean_s:-0}" %.2f)" "$(secs "$ds")" "$(secs "$ms")" \
			"$(ratio "$ps" "$ds" %.2f)" "$(ratio "$ms" "$ps" %.1f)"
	done
fi

# Start-up guard: the built-in summary, a whole process (fork and exec
# included), within 8× a static Go hello-world in the same run.
mkdir -p "$WORK/hello"
cat >"$WORK/hello/main.go" <<'GO'
package main

import "os"

func main() { os.Stdout.WriteString("hello, world\n") }
GO
(cd "$WORK/hello" && [ -f go.mod ] || go mod init hello >/dev/null 2>&1; CGO_ENABLED=0 go build -o hello .)
hyperfine -N --warmup 10 --runs "${STARTUP_RUNS:-200}" --export-json "$WORK/startup.json" './bin/parks summary' "$WORK/hello/hello" >/dev/null 2>&1
node -e '
const r = require(process.argv[1]).results;
for (const x of r) console.log(`# ${x.command}: median ${(x.median*1000).toFixed(1)} ms, mean ${(x.mean*1000).toFixed(1)} ms, min ${(x.min*1000).toFixed(1)} ms (${x.times.length} runs)`);
console.log(`# start-up: parks summary / hello-world = ${(r[0].median / r[1].median).toFixed(1)}x (target <= 8x)`);
' "$WORK/startup.json"
