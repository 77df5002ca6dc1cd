package decode

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Benchmarks of the decoders and the loader on generated data; compare runs
// with benchstat. `make bench` runs them; `make bench-compare` times the
// whole binary against DuckDB and Miller.

const benchRows = 20000

type countSink struct{ n int }

func (c *countSink) Meta(parks.Meta, diag.Pos)      {}
func (c *countSink) Facility(*parks.Facility, bool) { c.n++ }
func (c *countSink) Project(*parks.Project, bool)   { c.n++ }

func benchEnv(tb testing.TB) *Env {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	sec, err := refdata.Sectors()
	if err != nil {
		tb.Fatal(err)
	}
	return &Env{Reference: Reference{Gazetteer: gaz, Sectors: sec}, LoadState: LoadState{Problems: &diag.List{}}}
}

func BenchmarkDecodeCSV(b *testing.B) {
	data := testkit.Facilities(b, benchRows, 0)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		env := benchEnv(b)
		s := &countSink{}
		DecodeCSV("f.csv", data, CSVOptions{}, env, s)
		if s.n != benchRows {
			b.Fatalf("decoded %d rows", s.n)
		}
	}
}

func BenchmarkDecodeYAML(b *testing.B) {
	l := loadGenerated(b, benchRows/10)
	var y bytes.Buffer
	y.WriteString("facilities:\n")
	for _, f := range l.Dataset.Facilities {
		y.WriteString("  - id: " + string(f.ID) + "\n    name: \"" + string(f.ID) + "\"\n    district: " + string(f.District) +
			"\n    area_ha: " + f.AreaHa.String() + "\n    jobs_planned: " + f.JobsPlanned.String() +
			"\n    investment_private_kzt: " + f.InvestmentPrivate.String() + "\n    as_of: 2025-01-01\n    source: gen\n")
	}
	data := y.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		env := benchEnv(b)
		s := &countSink{}
		DecodeYAML("f.yaml", data, env, s)
		if s.n != len(l.Dataset.Facilities) {
			b.Fatalf("decoded %d rows", s.n)
		}
	}
}

func loadGenerated(tb testing.TB, n int) *Loaded {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "facilities.csv")
	if err := os.WriteFile(path, testkit.Facilities(tb, n, 0), 0o644); err != nil {
		tb.Fatal(err)
	}
	l, err := Load([]string{path}, Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func BenchmarkLoadCSV(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "facilities.csv")
	data := testkit.Facilities(b, benchRows, 0)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := Load([]string{path}, Options{})
		if err != nil || l.RowsUsed != benchRows {
			b.Fatalf("load: %v, %d rows used", err, l.RowsUsed)
		}
	}
}

func BenchmarkAggregate(b *testing.B) {
	l := loadGenerated(b, benchRows)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parks.Aggregate(l.Dataset, parks.ByDistrict, parks.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
