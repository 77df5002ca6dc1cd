package stream

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
)

var today = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const benchRows = 20000

// FuzzStreamMatchesHolding: the streaming loader (stream.Fold, facility CSV
// in chunks on several workers) gives exactly what the holding loader
// gives — the same problems, row counts and aggregate — on any input, or
// falls back to holding.
func FuzzStreamMatchesHolding(f *testing.F) {
	testkit.ScriptSeeds(f, ".csv")
	f.Add([]byte("id,name,district,jobs_planned\ns1,A,Sauran,1\n\n\ns2,\"B\nC\",Keles,2\ns3,D,Keles,x\n"))
	f.Add([]byte("id,name,district,jobs_planned,source,as_of\ns1,A,Sauran,1,s,2025-01-01\ns2,B,Keles,2,s,2025-01-01\ns1,C,Keles,3,,2025-01-01\n"))
	f.Add([]byte("id,facility_id,name,jobs_planned,investment_private_kzt,source,as_of\np1,s1,X,5,100,s,2025-01-01\np2,s9,Y,1,1,s,2025-01-01\np3,s2,Z,50,,,\n"))
	f.Add([]byte("id,name,district,jobs_planned,investment_private_kzt,source,as_of\ns1,A,Sauran,10,1000,s,2025-01-01\ns2,B,Keles,x,5,s,2025-01-01\ns3,C,Keles,1,1,s,2025-01-01\n\x02"))
	// rows with errors of their own that the fast path words (a blank
	// line before a row, a short row, extra cells, a cell not of its type,
	// a finding at it, cells shifted by a comma), read with each option
	const own = "id,name,district,jobs_planned,jobs_created,status,source,as_of\ns1,A,Sauran,1,2,operating,s,2025-01-01,\"x\"\"\"\n\n\r\n" +
		"s2,B,Keles,5\ns3,C,Keles,x,1,closed,s,soon\ns4,D,Keles,12 345,6,7,operating,s,2025-01-01\ns5,E,Keles,1,1,planned,,\n"
	// (the last byte picks them: Keep, --strict, a sink with projects
	// beside, a sink)
	for _, end := range []string{"", "s1,Z,Keles,1", "s6,F,Keles,1,1,planned,s,2025-01-01,x", "s6,F,Keles,1,1,z", "s6,F,Keles,1,1,planned,s,2025-01-01,note"} {
		f.Add([]byte(own + end))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// options from the input: some inputs are read with --strict, some
		// keep a few problems of each severity (Keep, as summary does);
		// those get the first line after the header again at the end (an
		// exact copy of a row, late)
		strict, keep := false, 0
		if len(data) > 0 && data[len(data)-1]%3 == 0 {
			strict = true
		}
		if len(data) > 0 && data[len(data)-1]%3 == 1 {
			keep = 1 + int(data[0]%3)
			if _, rest, ok := bytes.Cut(data, []byte("\n")); ok {
				if line, _, ok := bytes.Cut(rest, []byte("\n")); ok && len(line) > 0 {
					data = append(append(slices.Clone(data), line...), '\n')
				}
			}
		}
		// the fast path with and without the stop bitmap (stops.go): a
		// CPU without AVX2 scans each cell's text
		defer func(v bool) { haveStops = v }(haveStops)
		haveStops = haveStops && len(data)%2 == 0
		dir := t.TempDir()
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths := []string{path}
		// projects beside: the input is a projects file read with fixed
		// facilities, or some facility inputs get fixed projects
		other := ""
		switch {
		case bytes.HasPrefix(data, []byte("id,facility_id")):
			other = fuzzFacilities
		case len(data) > 0 && data[len(data)-1]%5 == 2:
			other = fuzzProjects
		}
		if other != "" {
			p := filepath.Join(dir, "g.csv")
			if err := os.WriteFile(p, []byte(other), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		hold, err := decode.Load(paths, decode.Options{Today: today, Strict: strict, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		want, werr := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
		// the other inputs are streamed as validate streams them: their
		// problems rendered on the workers and handed on to a sink as
		// merged
		var sink *renderingSink
		fold := &Fold{By: parks.ByDistrict, Workers: 2, ChunkSize: 64}
		if keep == 0 {
			sink = &renderingSink{recordingSink: &recordingSink{}}
			fold.Problems = sink
		}
		got, err := decode.Load(paths, decode.Options{Today: today, Strict: strict, Keep: keep, Stream: fold})
		if err != nil {
			t.Fatal(err)
		}
		g := printed(got)
		if sink != nil {
			if sink.err != nil {
				t.Fatal(sink.err)
			}
			if got.Result != nil && len(g) > 0 {
				t.Fatalf("a streaming load with a sink held %d problems", len(g))
			}
			g = append(sink.got, g...) // a load that fell back reset the sink
		}
		if w := printed(hold); !slices.Equal(g, w) {
			t.Fatalf("problems differ: %s", listDiff(g, w))
		}
		if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
			t.Fatalf("rows in/used/reported %d/%d/%d, want %d/%d/%d",
				got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
		}
		if got.Problems.Stopped != hold.Problems.Stopped || got.Problems.DroppedWarnings != hold.Problems.DroppedWarnings {
			t.Fatalf("stopped/dropped %v/%d, want %v/%d", got.Problems.Stopped, got.Problems.DroppedWarnings,
				hold.Problems.Stopped, hold.Problems.DroppedWarnings)
		}
		res, gerr := got.Result, error(nil)
		if res == nil {
			res, gerr = parks.Aggregate(got.Dataset, parks.ByDistrict, parks.Filter{})
		}
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("aggregate error %v, want %v", gerr, werr)
		}
		if werr == nil {
			if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
				t.Fatalf("aggregate differs:\n%s\nwant\n%s", g, w)
			}
		}
	})
}

// fuzzFacilities and fuzzProjects are the other file of a fuzzed projects
// or facilities file: ids the input may name, figures it may exceed.
const (
	fuzzFacilities = "id,name,district,jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt,source,as_of\n" +
		"s1,A,Sauran,10,5,1000,10,s,2025-01-01\ns2,B,Keles,x,5,10,10,s,2025-01-01\ns3,C,Keles,1,1,1,1,s,2030-01-01\np1,D,Keles,1,1,1,1,s,2025-01-01\n"
	fuzzProjects = "id,facility_id,name,jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt,source,as_of\n" +
		"p1,s1,X,5,3,900,5,s,2025-01-01\np2,s1,Y,6,3,200,,s,2025-01-01\np3,s2,Z,1,1,1,1,,\np4,s9,W,1,1,1,1,s,2025-01-01\np5,s3,V,2,2,2,2,s,2025-01-01\np6,,U,1,1,1,1,s,2025-01-01\n"
)

// BenchmarkStreamCSV is the streaming load of the aggregate commands, one
// worker and all of them.
func BenchmarkStreamCSV(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "facilities.csv")
	data := testkit.Facilities(b, benchRows*5, 0)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 0} {
		name := "workers=all"
		if workers == 1 {
			name = "workers=1"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			before := cpuTime()
			for b.Loop() {
				l, err := decode.Load([]string{path}, decode.Options{Stream: &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 1 << 20}})
				if err != nil || l.Result == nil || l.RowsUsed != benchRows*5 {
					b.Fatalf("load: %v, streamed %v, %d rows used", err, l.Result != nil, l.RowsUsed)
				}
			}
			reportCPU(b, before, int64(len(data)))
		})
	}
}

// BenchmarkStreamShapes is the streaming load on the shapes of issue 14
// whose rows have problems (a warning on every row and on every third
// row, errors on 10 % of the rows) against the clean file, on one worker
// with a kept problem list as the table commands load: its ns/row next to
// clean's is the price of a problem row. hand-overs/op counts the rows
// the fast path handed to the exact path.
func BenchmarkStreamShapes(b *testing.B) {
	const n = benchRows * 5
	shapes := []struct {
		name string
		opts gen.Options
	}{
		{"clean", gen.Options{N: n, Seed: 1}},
		{"warn1", gen.Options{N: n, Seed: 1, WarnEvery: 1}},
		{"warn3", gen.Options{N: n, Seed: 1, WarnEvery: 3}},
		{"err10", gen.Options{N: n, Seed: 1, Errors: n / 10, NoDuplicateIDs: true}},
	}
	for _, sh := range shapes {
		path := filepath.Join(b.TempDir(), "facilities.csv")
		var buf bytes.Buffer
		if err := gen.Write(&buf, nil, sh.opts); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(sh.name, func(b *testing.B) {
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			var handOvers int
			for b.Loop() {
				l, err := decode.Load([]string{path}, decode.Options{Keep: 20, Stream: &Fold{By: parks.ByDistrict, Workers: 1, ChunkSize: 1 << 19}})
				if err != nil || l.Result == nil {
					b.Fatalf("load: %v, streamed %v", err, l.Result != nil)
				}
				handOvers += l.HandOvers
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
			b.ReportMetric(float64(handOvers)/float64(b.N), "hand-overs/op")
		})
	}
}

// BenchmarkManySmallFiles is a load of many one-row files (a directory of
// per-facility exports): the streaming set-up must not be paid per file
// (issue 14: 10,000 such files took 8.8 s streamed, 0.47 s held): stream
// and hold should take about the same time.
func BenchmarkManySmallFiles(b *testing.B) {
	const files = 500
	dir := b.TempDir()
	records, err := csv.NewReader(bytes.NewReader(testkit.Facilities(b, files, 0))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	for i, row := range records[1:] {
		var text bytes.Buffer
		w := csv.NewWriter(&text)
		w.WriteAll([][]string{records[0], row})
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%04d.csv", i)), text.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"stream", "hold"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				opts := decode.Options{}
				if mode == "stream" {
					opts.Stream = &Fold{By: parks.ByDistrict}
				}
				l, err := decode.Load([]string{dir}, opts)
				if err != nil || (l.Result != nil) != (mode == "stream") || l.RowsIn != files {
					b.Fatalf("load: %v, streamed %v, %d rows", err, l.Result != nil, l.RowsIn)
				}
			}
		})
	}
}
