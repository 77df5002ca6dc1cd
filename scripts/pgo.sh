#!/usr/bin/env bash
# pgo: makes cmd/parks/default.pgo, the CPU profile `go build` optimizes
# the parks binary for (profile-guided optimization: hot calls inlined,
# interface calls of the row decoder made direct). It builds parks, runs
# it on the 1M-row files of bench-compare's shapes (generated once into
# $BENCH_DIR/shapes1000000 as bench-compare makes them: run
# `SIZES= SHAPES="clean warn1 warn3 err10-skip repeats-many projects notes-crlf-bom" make bench-compare`
# first, or point BENCH_DIR at them) with PARKS_CPUPROFILE set, and merges
# the profiles, the clean file three times over: it is what the build is
# tuned for. Rerun it when the loader's hot code has changed much.
set -euo pipefail
cd "$(dirname "$0")/.."
S=${BENCH_DIR:-${TMPDIR:-/tmp}/parks-bench}/shapes1000000
for f in clean warn1 warn3 err10 repeats-many projects crlf; do
	[ -s "$S/$f/facilities.csv" ] || { echo "pgo: $S/$f/facilities.csv is missing (see the comment above)" >&2; exit 1; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
CGO_ENABLED=0 go build -pgo=off -o "$out/parks" ./cmd/parks
run() { # run NAME ARGS...: one profile
	local name=$1
	shift
	PARKS_CPUPROFILE="$out/$name.prof" "$out/parks" "$@" >/dev/null 2>&1 || true
}
for i in 1 2 3; do run clean$i summary -o json "$S/clean/facilities.csv"; done
run warn3 summary -o json "$S/warn3/facilities.csv"
run crlf summary -o json "$S/crlf/facilities.csv"
run repeats summary -o json --skip-invalid "$S/repeats-many/facilities.csv"
run err10 summary -o json --skip-invalid "$S/err10/facilities.csv"
run validate validate --max-errors 0 "$S/warn1/facilities.csv"
run projects summary -o json "$S/projects"
go tool pprof -proto "$out"/*.prof >cmd/parks/default.pgo
echo "pgo: wrote cmd/parks/default.pgo" >&2
