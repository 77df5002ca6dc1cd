#!/usr/bin/env bash
# akimat-picture: renders the pictures of an akimat's report-shaped sheet in
# docs/img/ (akimat-report-ru.png, akimat-report-kk.png): nine facilities of
# the built-in dataset in four districts, laid out by `parksgen -akimat`
# (pkg/gen/akimat.go) as an official's report — title with the date, merged
# two-row header, column numbers, district subtotals, the total, a note —
# then printed to PDF by LibreOffice and cut to the table by pdftoppm.
# Needs LibreOffice and poppler-utils (Debian: apt-get install
# libreoffice-calc-nogui poppler-utils). Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${TMPDIR:-/tmp}/parks-akimat-picture
rm -rf "$WORK" && mkdir -p "$WORK"
facilities=pkg/builtin/compiled/facilities.csv
{ head -1 "$facilities"; grep -E '^(sauran|tus-sip|turkistan-bereke|kentau|arys)' "$facilities"; } > "$WORK/subset.csv"
for lang in ru kk; do
	go run ./cmd/parksgen -akimat "$lang" -in "$WORK/subset.csv" -o "$WORK/$lang"
	soffice -env:UserInstallation="file://$WORK/profile" --headless --convert-to pdf --outdir "$WORK/$lang" "$WORK/$lang/report.xlsx" >/dev/null
	# 150 dpi, the table's box on the landscape page (title to note)
	pdftoppm -png -gray -r 150 -x 100 -y 150 -W 1441 -H 367 -singlefile "$WORK/$lang/report.pdf" "docs/img/akimat-report-$lang"
	echo "docs/img/akimat-report-$lang.png: $(stat -c %s "docs/img/akimat-report-$lang.png") bytes"
done
