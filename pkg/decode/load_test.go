package decode

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var today = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestRowsAccounted: every data row is either used or reported, on files
// mixing good rows with every kind of bad one.
func TestRowsAccounted(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.csv": "id,name,kind,district,as_of,source,jobs_planned,buildings_planned,buildings_built\n" +
			"f1,Good,site,Sauran,2025-10-01,akimat,10,,\n" + // used
			"f2,Text,site,Sauran,2025-10-01,akimat,many,,\n" + // type-error
			"f3,Short,site,Sauran\n" + // missing-cell
			"f4,Long,site,Sauran,2025-10-01,akimat,1,,,x\n" + // extra-cell
			"\n" + // blank line: no record
			",,,,,,,,\n" + // blank row: no record
			"f1,Again,site,Keles,2025-10-01,akimat,1,,\n" + // unique-error
			"f5,Nowhere,site,Atlantis,2025-10-01,akimat,1,,\n" + // foreign-key
			"f6,Over,site,Sauran,2025-10-01,akimat,1,2,3\n" + // row-constraint
			"f7,Warn,site,Sauran,,akimat,1,,\n" + // warning only: used
			"f7,Warn,site,Sauran,,akimat,1,,\n", // duplicate-row
		"b.csv": "id,facility_id,name,jobs_planned,as_of,source\n" +
			"p1,f1,Good,1,2025-10-01,akimat\n" + // used
			"p2,f2,OfBad,1,2025-10-01,akimat\n" + // its facility has errors
			"p3,zz,Orphan,1,2025-10-01,akimat\n" + // foreign-key
			"p4,f7,Neg,-1,2025-10-01,akimat\n", // constraint-error
		"c.yaml": "dataset: {as_of: 2025-10-01, source: akimat}\nfacilities:\n" +
			"  - {id: y1, name: Good, district: Keles}\n" + // used
			"  - {id: y2, name: Bad, district: Keles, area_ha: 0}\n" + // constraint-error
			"  - just text\n" + // format-error
			"projects:\n  - {id: p5, facility_id: y1, name: Good}\n", // used
	})
	l, err := Load([]string{dir}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	const in, used = 17, 5 // a.csv 9 rows, b.csv 4, c.yaml 4
	if l.RowsIn != in || l.RowsUsed != used || l.RowsReported != in-used {
		t.Errorf("rows in %d, used %d, reported %d; want %d, %d, %d\n%v", l.RowsIn, l.RowsUsed, l.RowsReported, in, used, in-used, l.Problems.Problems)
	}
	if l.RowsIn != l.RowsUsed+l.RowsReported {
		t.Errorf("rows in %d != used %d + reported %d", l.RowsIn, l.RowsUsed, l.RowsReported)
	}
	if got := len(l.Dataset.Facilities) + len(l.Dataset.Projects); got != l.RowsUsed {
		t.Errorf("dataset holds %d records, RowsUsed says %d", got, l.RowsUsed)
	}
}

// TestEachProblemOnce: a problem is reported once, at one place.
func TestEachProblemOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.csv": "id,name,kind,district,as_of,source,jobs_planned\n" +
			"f1,Alpha,site,Sauran,2025/10/01,akimat,1\n" + // bad date: type-error, not also missing-as-of
			"f2,Beta,site\n" + // short: missing-cell, not also required-value or missing-as-of
			"f3,Gamma,site,Sauran,2025-10-01,akimat,1\n" +
			"f3,Gamma,site,Sauran,2025-10-01,akimat,1\n", // duplicate-row, not also unique-error
	})
	l, err := Load([]string{dir}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range l.Problems.Problems {
		got[p.Rule]++
	}
	want := map[string]int{"type-error": 1, "missing-cell": 1, "duplicate-row": 1}
	if len(got) != len(want) {
		t.Errorf("rules reported %v; want %v\n%v", got, want, l.Problems.Problems)
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("%s reported %d times; want %d", r, got[r], n)
		}
	}
}

// TestMaxErrorsStopsReading: a bounded load stops reading once full.
func TestMaxErrorsStopsReading(t *testing.T) {
	rows := "id,name,kind,district,as_of,source,jobs_planned\n"
	for i := range 500 {
		rows += "f" + itoa(i) + ",N,site,Sauran,2025-10-01,akimat,bad\n"
	}
	dir := writeFiles(t, map[string]string{"a.csv": rows, "b.csv": rows})
	l, err := Load([]string{dir}, Options{Today: today, MaxErrors: 10})
	if err != nil {
		t.Fatal(err)
	}
	errs, _ := l.Problems.Count()
	if errs != 10 || !l.Problems.Stopped {
		t.Errorf("%d errors, stopped %v; want 10, true", errs, l.Problems.Stopped)
	}
	if l.RowsIn > 11 {
		t.Errorf("read %d rows after reaching the bound at 10 errors", l.RowsIn)
	}
}
