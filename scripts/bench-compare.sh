#!/usr/bin/env bash
# bench-compare: times parks against DuckDB and Miller on the same generated
# files, in one run: the clean file at each size, then every file shape of
# issue 14, then the built-in summary's start-up. Not part of `make test`
# (it installs tools and takes minutes).
#
#   make bench-compare                              # RUNS=5, SIZES="10000 100000 1000000 5000000", shapes at 1M rows
#   SIZES=100000 RUNS=1 make bench-compare          # a quick run (< 2 minutes): shapes at 100k rows
#   SIZES= SHAPES="clean warn3 projects" SHAPE_ROWS=200000 make bench-compare
#
# Environment: RUNS (runs of each command; the median is shown), SIZES
# (clean files' sizes; "" for none), SHAPES (which shapes; "" for none),
# SHAPE_ROWS (rows of each shape; default: the largest of SIZES, else 1M),
# TIMEOUT (the longest run, so a shape that still holds every record shows
# as "> 60 s": 60, or 20 for shapes under 1M rows), SMALL_FILES (one-row
# files of the small-files shape: 10,000, or 1,000 under 1M rows),
# STARTUP_RUNS (200), BENCH_DIR (where files go: $TMPDIR/parks-bench).
#
# Tools: GNU time, Miller, hyperfine and Node are installed with apt when
# missing, @duckdb/node-api with npm into $BENCH_DIR/duckdb. A tool that
# cannot be installed is reported as missing in its columns; the rest runs.
#   parks  : bin/parks, the whole process, median wall time and peak RSS
#   DuckDB : @duckdb/node-api, 2 threads, read_csv (ignore_errors, the
#            money and jobs columns typed BIGINT) + GROUP
#            BY district sums of jobs and investment (with the projects
#            file: joined to each facility's project sums); the time is the
#            query's, measured inside the process. Like with like for the
#            commands that print a row per facility: list-csv is COPY of
#            every row ORDER BY district, name to a CSV file; by-facility
#            is COPY of the sums GROUP BY id, name, district ORDER BY name
#            to a JSON file
#   Miller : mlr --icsv --allow-ragged-csv-input --ojson stats1 -a sum -f ... -g district; list-csv:
#            mlr --icsv --ocsv sort -f district,name; by-facility: stats1
#            -g id,name,district then sort -f name
#
# Shapes table columns: parks's time and peak RSS; time/clean, the time
# against the clean file's `summary -o json` run alternately with it (clean,
# shape, clean, shape, ...: a drifting load hits both alike; target <= 1.3);
# DuckDB's time and parks/DuckDB (target: summary <= 1.0, validate <= 1.5);
# Miller's time and Miller/parks (target >= 10); whether every target is
# met ("yes", or the ones missed: rss, clean, duck, mlr; "-" when a ratio
# cannot be taken). Last, the start-up guard: the built-in `parks summary`
# against a static Go hello-world (target <= 8x).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES-"10000 100000 1000000 5000000"}
largest=$(printf '%s\n' $SIZES | sort -n | tail -1)
SHAPE_ROWS=${SHAPE_ROWS:-${largest:-1000000}}
SHAPES=${SHAPES-"clean warn1 warn3 err10-skip err10-validate repeat-early repeat-late copy-row repeats-many projects validate-text validate-json validate-github notes-crlf-bom stdin list-csv by-facility small-files"}
TIMEOUT=${TIMEOUT:-$((SHAPE_ROWS >= 1000000 ? 60 : 20))}
SMALL_FILES=${SMALL_FILES:-$((SHAPE_ROWS >= 1000000 ? 10000 : 1000))}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/parks-bench}
mkdir -p "$WORK"

need_apt() { # command package: installs package when command is missing; false if it cannot
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "installing $2 (apt)" >&2
	local sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	{ $sudo apt-get update -qq && $sudo apt-get install -y -qq "$2"; } >/dev/null 2>&1 || true
	command -v "$1" >/dev/null 2>&1
}
need_apt /usr/bin/time time || { echo "bench-compare: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
HAVE_MLR=1 HAVE_DUCK=1 HAVE_HYPERFINE=1
need_apt mlr miller || HAVE_MLR=0
need_apt hyperfine hyperfine || HAVE_HYPERFINE=0
need_apt node nodejs || HAVE_DUCK=0
if [ "$HAVE_DUCK" = 1 ]; then need_apt npm npm || HAVE_DUCK=0; fi

make --no-print-directory build
go build -o bin/parksgen ./cmd/parksgen

DUCK="$WORK/duckdb"
if [ "$HAVE_DUCK" = 1 ] && [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
	echo "installing @duckdb/node-api (npm) into $DUCK" >&2
	mkdir -p "$DUCK"
	(cd "$DUCK" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) || HAVE_DUCK=0
fi
if [ "$HAVE_DUCK" = 1 ]; then
	cat >"$DUCK/query.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const args = process.argv.slice(2);
const mode = args[0] === '--list' || args[0] === '--by-facility' ? args.shift() : '';
const [file, projects] = args;
// The money and jobs columns typed as parks types them: sniffed, a column
// with one bad number (the err10 shape) would be text and sum() refuse it;
// typed, that row is an error and ignore_errors leaves it out, as
// --skip-invalid does.
const csvOpts = `ignore_errors = true, types = {'jobs_planned': 'BIGINT', 'jobs_created': 'BIGINT',
  'investment_private_kzt': 'BIGINT', 'investment_budget_kzt': 'BIGINT'}`;
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const t0 = performance.now();
if (mode) { // a row per facility, written to a file as parks writes it to stdout
  const out = process.env.DUCK_OUT;
  const q = mode === '--list'
    ? `SELECT * FROM read_csv('${file}', ${csvOpts}) ORDER BY district, name`
    : `SELECT id, name, district, sum(jobs_planned) AS jobs_planned, sum(jobs_created) AS jobs_created,
         sum(investment_private_kzt) AS private, sum(investment_budget_kzt) AS budget
         FROM read_csv('${file}', ${csvOpts}) GROUP BY id, name, district ORDER BY name`;
  await con.run(`COPY (${q}) TO '${out}' (FORMAT ${mode === '--list' ? 'csv' : 'json'})`);
  console.log(((performance.now() - t0) / 1000).toFixed(3));
  process.exit(0);
}
const from = projects
  ? `read_csv('${file}', ${csvOpts}) f LEFT JOIN
       (SELECT facility_id, sum(jobs_planned) AS pj, sum(investment_private_kzt) AS pp
          FROM read_csv('${projects}', ignore_errors = true) GROUP BY facility_id) p ON p.facility_id = f.id`
  : `read_csv('${file}', ${csvOpts}) f`;
const extra = projects ? ', count(*) FILTER (WHERE p.pj > f.jobs_planned OR p.pp > f.investment_private_kzt) AS exceeded' : '';
const reader = await con.runAndReadAll(
  `SELECT f.district, sum(f.jobs_planned) AS jobs_planned, sum(f.jobs_created) AS jobs_created,
          sum(f.investment_private_kzt) AS private, sum(f.investment_budget_kzt) AS budget${extra}
     FROM ${from} GROUP BY f.district ORDER BY f.district`);
const rows = reader.getRows();
const t1 = performance.now();
if (rows.length === 0) throw new Error('no rows');
console.log(((t1 - t0) / 1000).toFixed(3));
JS
fi
# Rows of the wrong length (the err10 shape) are read, not fatal: Miller
# stops at the first one otherwise, where parks reports it and goes on.
MLR_IN=(--icsv --allow-ragged-csv-input)
MLR_SUM=(stats1 -a sum -f jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt)
MLR_ARGS=("${MLR_IN[@]}" --ojson "${MLR_SUM[@]}" -g district)

# one LABEL CMD... : one run of CMD; appends "seconds peak_rss_kb" to
# LABEL's list ("timeout", or "failed" with MUSTPASS=1 when it exits
# non-zero). With INPROC=1 the command prints its own seconds on stdout's
# last line.
one() {
	local label=$1 t m x
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
# or "failed" when a run did; "missing" when nothing ran).
median() {
	if [ ! -s "$WORK/$1.times" ]; then echo "missing 0"; return; fi
	if grep -q timeout "$WORK/$1.times"; then echo "timeout 0"; return; fi
	if grep -q failed "$WORK/$1.times"; then echo "failed 0"; return; fi
	sort -g "$WORK/$1.times" | awk '{a[NR]=$1; if ($2>r) r=$2} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %d\n", m, r}'
}

# ratio A B FORMAT: A/B, or "-" when either is not a time.
ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN{if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a+0>0 && b+0>0) printf f, a/b; else printf "-"}'; }
# secs T: "1.234 s", or T as it is (timeout, failed, missing).
secs() { awk -v a="$1" 'BEGIN{if (a ~ /^[0-9.]+$/) printf "%.3f s", a; else printf "%s", a}'; }
duck() { # duck LABEL [--list|--by-facility] FILE [PROJECTS]: one DuckDB query run
	local label=$1
	shift
	[ "$HAVE_DUCK" = 1 ] && DUCK_OUT="$WORK/duck-out" INPROC=1 one "$label" node "$DUCK/query.mjs" "$@"
	return 0
}
miller() { # miller LABEL FILE...: one Miller run
	local label=$1
	shift
	[ "$HAVE_MLR" = 1 ] && MUSTPASS=1 one "$label" mlr "${MLR_ARGS[@]}" "$@"
	return 0
}

ver_mlr=missing ver_duck=missing
[ "$HAVE_MLR" = 1 ] && ver_mlr=$(mlr --version | awk '{print $2}')
[ "$HAVE_DUCK" = 1 ] && ver_duck=$(node -p "require('$DUCK/node_modules/@duckdb/node-api/package.json').version")
echo "# bench-compare $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -srm), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(go version | cut -d' ' -f3), parks $(git describe --always --dirty), mlr $ver_mlr, duckdb node-api $ver_duck; runs: $RUNS"

if [ -n "$SIZES" ]; then
	echo
	echo "# clean files"
	printf '%-9s %-6s | %-17s | %-17s | %-9s | %-9s | %-7s %-7s %-7s\n' rows MB "parks summary" "parks validate" "DuckDB" "Miller" "s/Duck" "v/Duck" "Mlr/s"
	for n in $SIZES; do
		dir="$WORK/n$n"
		if [ ! -s "$dir/facilities.csv" ]; then ./bin/parksgen -n "$n" -seed 1 -o "$dir" >&2; fi
		f="$dir/facilities.csv"
		mb=$(($(stat -c %s "$f") / 1000000))
		# Round-robin: each round runs every tool once, so a machine whose
		# speed drifts during the run (a shared host) slows all of them alike.
		rm -f "$WORK"/{summary,validate,duckdb,miller}.times
		for _ in $(seq "$RUNS"); do
			one summary ./bin/parks summary -o json "$f"
			one validate ./bin/parks validate "$f"
			duck duckdb "$f"
			miller miller "$f"
		done
		read -r ps prss < <(median summary)
		read -r vs vrss < <(median validate)
		read -r ds _ < <(median duckdb)
		read -r ms _ < <(median miller)
		printf '%-9s %-6s | %9s %4d MB | %9s %4d MB | %-9s | %-9s | %-7s %-7s %-7s\n' "$n" "$mb" \
			"$(secs "$ps")" $((prss / 1024)) "$(secs "$vs")" $((vrss / 1024)) "$(secs "$ds")" "$(secs "$ms")" \
			"$(ratio "$ps" "$ds" %.2f)" "$(ratio "$vs" "$ds" %.2f)" "$(ratio "$ms" "$ps" %.1f)"
	done
fi

# shape_file SHAPE: generates (once) the file of a shape; prints its path
# (a directory for projects and small-files).
shape_file() {
	local n=$SHAPE_ROWS d="$WORK/shapes$SHAPE_ROWS/$1" args=()
	case $1 in
	clean | stdin | list-csv | by-facility | notes-crlf-bom | small-files) d="$WORK/shapes$SHAPE_ROWS/clean" ;;
	warn1 | validate-text | validate-json | validate-github) d="$WORK/shapes$SHAPE_ROWS/warn1" args=(-warn-every 1) ;;
	warn3) args=(-warn-every 3) ;;
	err10-skip | err10-validate) d="$WORK/shapes$SHAPE_ROWS/err10" args=(-errors $((n / 10)) -unique-ids) ;;
	repeat-early) args=(-repeat-early) ;;
	repeat-late) args=(-repeat-late) ;;
	copy-row) args=(-copy-row 2) ;;
	repeats-many) args=(-dup-every 1000) ;;
	projects) args=(-projects 1) ;;
	esac
	if [ ! -s "$d/facilities.csv" ]; then ./bin/parksgen -n "$n" -seed 1 "${args[@]}" -o "$d" >&2; fi
	case $1 in
	notes-crlf-bom)
		local c="$WORK/shapes$SHAPE_ROWS/crlf/facilities.csv"
		if [ ! -s "$c" ]; then
			mkdir -p "$(dirname "$c")"
			{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$d/facilities.csv"; } >"$c"
		fi
		echo "$c"
		;;
	small-files) # SMALL_FILES files of one row each (the first rows)
		local s="$WORK/small$SMALL_FILES"
		if [ ! -s "$s/f$(printf %05d $((SMALL_FILES - 1))).csv" ]; then
			mkdir -p "$s" "$WORK/split"
			cat >"$WORK/split/main.go" <<'GO'
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	in, _ := os.Open(os.Args[1])
	r := csv.NewReader(in)
	header, _ := r.Read()
	n, _ := strconv.Atoi(os.Args[3])
	for i := 0; i < n; i++ {
		row, err := r.Read()
		if err != nil {
			break
		}
		f, _ := os.Create(filepath.Join(os.Args[2], fmt.Sprintf("f%05d.csv", i)))
		w := csv.NewWriter(f)
		w.WriteAll([][]string{header, row})
		f.Close()
	}
}
GO
			(cd "$WORK/split" && { [ -f go.mod ] || go mod init split >/dev/null 2>&1; } && go run . "$d/facilities.csv" "$s" "$SMALL_FILES")
		fi
		echo "$s"
		;;
	projects) echo "$d" ;;
	*) echo "$d/facilities.csv" ;;
	esac
}

# shape_cmd SHAPE FILE: the parks command a shape is timed with.
shape_cmd() {
	local p=(timeout "$TIMEOUT" ./bin/parks)
	case $1 in
	clean | warn1 | warn3 | notes-crlf-bom | projects) echo "${p[*]} summary -o json $2" ;;
	err10-skip | repeats-many) echo "${p[*]} summary -o json --skip-invalid $2" ;;
	err10-validate | repeat-early | repeat-late | copy-row | small-files) echo "${p[*]} validate --max-errors 0 $2" ;;
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
	echo "# shapes of issue 14, $SHAPE_ROWS rows; time/clean: against the clean file's summary -o json, run alternately with the shape"
	printf '%-15s | %-34s | %-9s %4s | %-6s | %-9s %-6s | %-9s %-6s | %s\n' shape "parks command" time RSS "/clean" DuckDB "p/Duck" Miller "Mlr/p" "target met"
	clean=$(shape_file clean)
	for shape in $SHAPES; do
		f=$(shape_file "$shape")
		q=$f qp=()
		case $shape in
		projects) q="$f/facilities.csv" qp=("$f/projects.csv") ;;
		small-files) q="$f/*.csv" ;;
		esac
		cmd=$(shape_cmd "$shape" "$f")
		rm -f "$WORK"/{shape,clean,duckdb,miller}.times
		for _ in $(seq "$RUNS"); do
			one clean ./bin/parks summary -o json "$clean"
			eval "one shape $cmd"
			case $shape in
			list-csv)
				duck duckdb --list "$q"
				[ "$HAVE_MLR" = 1 ] && MUSTPASS=1 one miller mlr "${MLR_IN[@]}" --ocsv sort -f district,name "$q"
				;;
			by-facility)
				duck duckdb --by-facility "$q"
				[ "$HAVE_MLR" = 1 ] && MUSTPASS=1 one miller mlr "${MLR_IN[@]}" --ojson "${MLR_SUM[@]}" -g id,name,district then sort -f name "$q"
				;;
			*)
				duck duckdb "$q" "${qp[@]}"
				if [ "$shape" = small-files ]; then miller miller "$f"/*.csv; else miller miller "$q"; fi
				;;
			esac
			if grep -q timeout "$WORK/shape.times"; then break; fi # holds every record: once is enough
		done
		read -r ps prss < <(median shape)
		read -r cs _ < <(median clean)
		read -r ds _ < <(median duckdb)
		read -r ms _ < <(median miller)
		[ "$HAVE_DUCK" = 1 ] || ds=missing
		[ "$HAVE_MLR" = 1 ] || ms=missing
		rc=$(ratio "$ps" "$cs" %.2f) rd=$(ratio "$ps" "$ds" %.2f) rm=$(ratio "$ms" "$ps" %.1f)
		duck_target=1.0
		[[ $cmd == *" validate "* ]] && duck_target=1.5
		missed=""
		if [ "$ps" = timeout ] || [ "$ps" = failed ]; then
			missed=" time"
		else
			[ $((prss / 1024)) -lt 64 ] || missed="$missed rss"
			awk -v r="$rc" 'BEGIN{exit !(r == "-" || r+0 <= 1.3)}' || missed="$missed clean"
			awk -v r="$rd" -v t="$duck_target" 'BEGIN{exit !(r == "-" || r+0 <= t)}' || missed="$missed duck"
			awk -v r="$rm" 'BEGIN{exit !(r == "-" || r+0 >= 10)}' || missed="$missed mlr"
		fi
		met=yes
		[ -z "$missed" ] || met="no:$missed"
		shown=${cmd#timeout "$TIMEOUT" ./bin/parks }
		shown=${shown//$WORK\//}
		if [ "$ps" = timeout ]; then
			printf '%-15s | %-34.34s | > %3d s %4s | %-6s | %-9s %-6s | %-9s %-6s | %s\n' "$shape" "$shown" "$TIMEOUT" - - "$(secs "$ds")" - "$(secs "$ms")" - "$met"
			continue
		fi
		printf '%-15s | %-34.34s | %-9s %4d | %-6s | %-9s %-6s | %-9s %-6s | %s\n' "$shape" "$shown" "$(secs "$ps")" $((prss / 1024)) \
			"$rc" "$(secs "$ds")" "$rd" "$(secs "$ms")" "$rm" "$met"
	done
	echo "# RSS in MB (target < 64); /clean target <= 1.3; p/Duck target <= 1.0 (validate <= 1.5); Mlr/p target >= 10"
fi

# Start-up guard: the built-in summary, a whole process (fork and exec
# included), within 8x a static Go hello-world in the same run.
echo
if [ "$HAVE_HYPERFINE" = 1 ] && command -v node >/dev/null; then
	mkdir -p "$WORK/hello"
	cat >"$WORK/hello/main.go" <<'GO'
package main

import "os"

func main() { os.Stdout.WriteString("hello, world\n") }
GO
	(cd "$WORK/hello" && { [ -f go.mod ] || go mod init hello >/dev/null 2>&1; } && CGO_ENABLED=0 go build -o hello .)
	hyperfine -N --warmup 10 --runs "${STARTUP_RUNS:-200}" --export-json "$WORK/startup.json" './bin/parks summary' "$WORK/hello/hello" >/dev/null 2>&1
	node -e '
const r = require(process.argv[1]).results;
for (const x of r) console.log(`# ${x.command}: median ${(x.median*1000).toFixed(1)} ms, mean ${(x.mean*1000).toFixed(1)} ms, min ${(x.min*1000).toFixed(1)} ms (${x.times.length} runs)`);
const k = r[0].median / r[1].median;
console.log(`# start-up: parks summary / hello-world = ${k.toFixed(1)}x (target <= 8x): ${k <= 8 ? "yes" : "no"}`);
' "$WORK/startup.json"
else
	echo "# start-up: hyperfine or node missing, not measured"
fi
