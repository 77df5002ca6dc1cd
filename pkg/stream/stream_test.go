package stream

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestStreamMatchesHolding loads generated files (rows with errors of many
// kinds, quoted cells with commas and line breaks, multi-byte names) three
// ways: holding every record and aggregating afterwards, streaming on one
// worker, and streaming on several workers with small chunks so that
// chunk boundaries fall everywhere. Problems (as printed), counts, inputs
// and the aggregate must be identical.
func TestStreamMatchesHolding(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of the streaming and holding loaders: run without -short")
	}
	defer func(n int) { spillIDs = n }(spillIDs)
	spillIDs = 300 // the id index spills to its temporary file here too
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		opts   gen.Options
		by     parks.Dimension
		filter parks.Filter
		stream bool           // false: the load must fall back to holding
		bound  decode.Options // Keep, Ignore, Strict (MaxErrors: falls back)
	}{
		{"clean", gen.Options{N: 3000, Seed: 7}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"errors", gen.Options{N: 4000, Seed: 3, Errors: 60, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"errors by kind, filtered", gen.Options{N: 4000, Seed: 5, Errors: 30, NoDuplicateIDs: true}, parks.ByKind,
			parks.Filter{Statuses: []parks.Status{parks.StatusOperating}}, true, decode.Options{}},
		{"duplicate ids: a repeat pass", gen.Options{N: 3000, Seed: 9, Errors: 40}, parks.ByStatus, parks.Filter{}, true, decode.Options{}},
		{"many duplicate ids", gen.Options{N: 3000, Seed: 41, Errors: 40, DupEvery: 7}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"duplicate ids, filtered, kept problems bounded", gen.Options{N: 3000, Seed: 43, Errors: 60, DupEvery: 50, WarnEvery: 3}, parks.ByKind,
			parks.Filter{Statuses: []parks.Status{parks.StatusOperating}}, true, decode.Options{Keep: 5}},
		{"duplicate ids, kept problems bounded to 3", gen.Options{N: 3000, Seed: 9, Errors: 40}, parks.ByStatus, parks.Filter{}, true, decode.Options{Keep: 3}},
		{"duplicate ids, warnings on a fifth", gen.Options{N: 3000, Seed: 9, Errors: 40, WarnEvery: 5}, parks.ByStatus, parks.Filter{}, true, decode.Options{}},
		{"duplicate ids, copies, warnings counted only", gen.Options{N: 3000, Seed: 47, Errors: 40, WarnEvery: 3, CopyRow: 5, RepeatLate: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 60}},
		{"strict, ignored rules", gen.Options{N: 3000, Seed: 11, Errors: 50, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Strict: true, Ignore: map[string]bool{"blank-row": true, "foreign-key": true}}},
		// a load that stops reading at N errors is the holding path's: no
		// command asks for one (validate reads and counts every problem)
		{"max-errors: the holding path", gen.Options{N: 3000, Seed: 13, Errors: 40, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, false,
			decode.Options{MaxErrors: 5}},
		{"kept problems bounded late", gen.Options{N: 4000, Seed: 17, Errors: 150, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 60}},
		{"kept problems bounded to 25, strict", gen.Options{N: 3000, Seed: 23, Errors: 80, NoDuplicateIDs: true}, parks.ByKind, parks.Filter{}, true,
			decode.Options{Keep: 25, Strict: true}},
		{"kept problems bounded, ignored rules", gen.Options{N: 3000, Seed: 29, Errors: 80, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 20, Ignore: map[string]bool{"missing-cell": true, "blank-row": true}}},
		{"ignored rules, strict, every problem handed on", gen.Options{N: 3000, Seed: 29, Errors: 80, WarnEvery: 4, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Strict: true, Ignore: map[string]bool{"missing-cell": true, "blank-row": true}}},
		{"kept problems bounded", gen.Options{N: 4000, Seed: 31, Errors: 150, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 20}},
		{"kept problems bounded, strict", gen.Options{N: 4000, Seed: 37, Errors: 150, NoDuplicateIDs: true}, parks.ByKind, parks.Filter{}, true,
			decode.Options{Keep: 3, Strict: true, Ignore: map[string]bool{"blank-row": true}}},
		{"warning on every row", gen.Options{N: 3000, Seed: 53, WarnEvery: 1, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"errors on 10 % of rows, warnings on a third", gen.Options{N: 3000, Seed: 59, Errors: 300, WarnEvery: 3, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"copied row and repeated ids, warnings on a third", gen.Options{N: 3000, Seed: 61, Errors: 30, WarnEvery: 3, CopyRow: 7, RepeatEarly: true, RepeatLate: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		// one repeated id or one copied row in a file of many chunks,
		// warnings and errors elsewhere: the repeat pass decodes only the
		// chunks that hold the id again
		{"repeated id early", gen.Options{N: 3000, Seed: 67, RepeatEarly: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"repeated id late, warnings", gen.Options{N: 3000, Seed: 71, RepeatLate: true, WarnEvery: 5}, parks.ByKind, parks.Filter{}, true, decode.Options{}},
		{"copied row, warnings, strict", gen.Options{N: 3000, Seed: 73, CopyRow: 2, WarnEvery: 9}, parks.ByDistrict, parks.Filter{}, true, decode.Options{Strict: true}},
		{"copied row late, errors elsewhere, kept bounded", gen.Options{N: 3000, Seed: 79, CopyRow: 2900, Errors: 40, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 4}},
		{"repeated ids early and late, ignored rules, filtered", gen.Options{N: 3000, Seed: 83, RepeatEarly: true, RepeatLate: true, Errors: 60, NoDuplicateIDs: true, WarnEvery: 4}, parks.ByStatus,
			parks.Filter{Statuses: []parks.Status{parks.StatusOperating}}, true, decode.Options{Ignore: map[string]bool{"unknown-sector": true, "missing-cell": true}}},
		{"an id repeated every 500 rows, errors", gen.Options{N: 3000, Seed: 89, DupEvery: 500, Errors: 60, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{Keep: 20}},
		{"an id repeated across files, warnings", gen.Options{N: 3000, Seed: 97, WarnEvery: 6, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true, decode.Options{}},
		{"few errors, warnings counted only", gen.Options{N: 4000, Seed: 19, Errors: 150, NoDuplicateIDs: true}, parks.ByDistrict, parks.Filter{}, true,
			decode.Options{Keep: 10, Ignore: map[string]bool{"missing-cell": true, "extra-cell": true, "foreign-key": true, "constraint-error": true, "type-error": true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
			writeGen(t, a, tc.opts)
			tc.opts.Seed++
			writeGen(t, b, tc.opts) // a second file: ids repeat only with duplicates on
			paths := []string{a}
			if tc.opts.NoDuplicateIDs || tc.opts.Errors == 0 {
				paths = []string{a, b}
				// b's ids are the same as a's: rename them apart
				data, _ := os.ReadFile(b)
				data = renameIDs(data)
				if strings.Contains(tc.name, "across files") { // but the last row's: a's row has it
					i := bytes.LastIndex(data[:len(data)-1], []byte("\nG"))
					data[i+1] = 'F'
				}
				os.WriteFile(b, data, 0o644)
			}
			// a repeat pass: ids repeat; few: one or two rows repeat, so
			// that it decodes only a few chunks again
			o := tc.opts
			few := (o.RepeatEarly || o.RepeatLate || o.CopyRow > 0 || strings.Contains(tc.name, "across files")) && o.DupEvery == 0 && (o.Errors == 0 || o.NoDuplicateIDs)
			repeatPass := few || o.Errors > 0 && !o.NoDuplicateIDs || o.DupEvery > 0
			bound := func(o decode.Options) decode.Options {
				o.MaxErrors, o.Ignore, o.Strict, o.Keep = tc.bound.MaxErrors, tc.bound.Ignore, tc.bound.Strict, tc.bound.Keep
				return o
			}
			hold, err := decode.Load(paths, bound(decode.Options{Today: today}))
			if err != nil {
				t.Fatal(err)
			}
			want, err := parks.Aggregate(hold.Dataset, tc.by, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			defer func(n, p, m int) { keepBytes, keepProblems, maxSegments = n, p, m }(keepBytes, keepProblems, maxSegments)
			for _, workers := range []int{1, 2, 4} {
				// the first pass keeps every chunk, or only some (those
				// past keepBytes, or with problems past keepProblems, are
				// decoded again), or sums of neighbouring chunks (past
				// maxSegments)
				keepBytes = map[int]int{1: 1 << 30, 2: 40 << 10, 4: 8 << 20}[workers]
				keepProblems = map[int]int{1: 1 << 30, 2: 50, 4: 4096}[workers]
				maxSegments = map[int]int{1: 1 << 20, 2: 256, 4: 16}[workers]
				got, err := decode.Load(paths, bound(decode.Options{Today: today, Stream: &Fold{By: tc.by, Filter: tc.filter, Workers: workers, ChunkSize: 8 << 10}}))
				if err != nil {
					t.Fatal(err)
				}
				if (got.Result != nil) != tc.stream {
					t.Fatalf("workers=%d: streamed=%v, want %v", workers, got.Result != nil, tc.stream)
				}
				if got.Result != nil && got.Chunks < 50 {
					t.Errorf("workers=%d: %d chunks; the case is for many", workers, got.Chunks)
				}
				if got.Result != nil && (got.Redecoded+got.Patched > 0) != repeatPass {
					t.Errorf("workers=%d: %d chunks decoded again, %d patched; a repeat pass: %v", workers, got.Redecoded, got.Patched, repeatPass)
				}
				t.Logf("workers=%d: %d chunks, %d decoded again, %d patched", workers, got.Chunks, got.Redecoded, got.Patched)
				if few && (workers == 1 && got.Redecoded > 4 || workers == 4 && got.Redecoded > got.Chunks/2) {
					t.Errorf("workers=%d: %d of %d chunks decoded again, want those holding the repeated id", workers, got.Redecoded, got.Chunks)
				}
				for _, render := range []bool{false, true} {
					if tc.bound.MaxErrors > 0 || tc.bound.Keep > 0 {
						break
					}
					// validate's way: the problems handed on in order, none
					// held; rendered on the workers by a sink that renders
					sink := &recordingSink{}
					var problems ProblemSink = sink
					rs := &renderingSink{recordingSink: sink}
					if render {
						problems = rs
					}
					sunk, err := decode.Load(paths, bound(decode.Options{Today: today, Stream: &Fold{By: tc.by, Filter: tc.filter, Workers: workers, ChunkSize: 8 << 10, Problems: problems}}))
					if err != nil {
						t.Fatal(err)
					}
					if render && (rs.err != nil || rs.rendered == 0 && len(sink.got) > 100) {
						t.Errorf("workers=%d: %d of %d problems handed on rendered: %v", workers, rs.rendered, len(sink.got), rs.err)
					}
					if sunk.Result == nil || len(sunk.Problems.Problems) > 0 {
						t.Errorf("workers=%d, with a sink: streamed %v, %d problems held", workers, sunk.Result != nil, len(sunk.Problems.Problems))
					}
					if w := printed(hold); !reflect.DeepEqual(sink.got, w) {
						t.Errorf("workers=%d: problems handed on differ:\n%v\nwant\n%v", workers, sink.got, w)
					}
					se, sw := sunk.Problems.Count()
					he, hw := hold.Problems.Count()
					if se != he || sw != hw || sunk.Problems.Infos() != hold.Problems.Infos() || !reflect.DeepEqual(sunk.Problems.ByRule(), hold.Problems.ByRule()) {
						t.Errorf("workers=%d, with a sink: %d errors, %d warnings, by rule %v; want %d, %d, %v", workers, se, sw, sunk.Problems.ByRule(), he, hw, hold.Problems.ByRule())
					}
					if (sink.resets > 0) != repeatPass {
						t.Errorf("workers=%d: %d resets of the sink; a repeat pass resets it once", workers, sink.resets)
					}
				}
				res := got.Result
				if res == nil {
					res, _ = parks.Aggregate(got.Dataset, tc.by, tc.filter)
				}
				if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
					t.Errorf("workers=%d: problems differ: %s", workers, listDiff(g, w))
				}
				ge, gw := got.Problems.Count()
				he, hw := hold.Problems.Count()
				if ge != he || gw != hw || !reflect.DeepEqual(got.Problems.ByRule(), hold.Problems.ByRule()) {
					t.Errorf("workers=%d: %d errors, %d warnings, by rule %v; want %d, %d, %v", workers, ge, gw, got.Problems.ByRule(), he, hw, hold.Problems.ByRule())
				}
				if tc.bound.Keep > 0 {
					if e, w := hold.Problems.Unkept(); e+w == 0 || len(hold.Problems.Problems) > 2*tc.bound.Keep {
						t.Errorf("Keep %d: %d problems held, %d+%d counted only", tc.bound.Keep, len(hold.Problems.Problems), e, w)
					}
				}
				if got.Problems.Stopped != hold.Problems.Stopped || got.Problems.DroppedWarnings != hold.Problems.DroppedWarnings {
					t.Errorf("workers=%d: stopped/dropped %v/%d, want %v/%d", workers, got.Problems.Stopped, got.Problems.DroppedWarnings,
						hold.Problems.Stopped, hold.Problems.DroppedWarnings)
				}
				if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
					t.Errorf("workers=%d: rows in/used/reported %d/%d/%d, want %d/%d/%d", workers,
						got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
				}
				if !reflect.DeepEqual(got.Inputs, hold.Inputs) {
					t.Errorf("workers=%d: inputs %+v, want %+v", workers, got.Inputs, hold.Inputs)
				}
				if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
					t.Errorf("workers=%d: aggregate differs:\n%s\nwant\n%s", workers, g, w)
				}
				// Each: the same problems and counts, and the records that
				// pass the filter, in file order.
				var recs []string
				each := &Each{Filter: tc.filter, Workers: workers, ChunkSize: 8 << 10,
					NewEncoder: func() func([]byte, *parks.Facility) []byte { return appendRecord },
					Start:      func() { recs = recs[:0] },
					Record:     func(r []byte) error { recs = append(recs, string(r)); return nil },
				}
				got, err = decode.Load(paths, bound(decode.Options{Today: today, Stream: each}))
				if err != nil {
					t.Fatal(err)
				}
				if (got.Result != nil) != tc.stream {
					t.Fatalf("Each, workers=%d: streamed=%v, want %v", workers, got.Result != nil, tc.stream)
				}
				var wantRecs []string
				for _, f := range hold.Dataset.Facilities {
					if tc.filter.Facility(f) {
						wantRecs = append(wantRecs, string(appendRecord(nil, f)))
					}
				}
				if got.Result != nil && !slices.Equal(recs, wantRecs) {
					i := 0
					for i < min(len(recs), len(wantRecs)) && recs[i] == wantRecs[i] {
						i++
					}
					var g, w string
					if i < len(recs) {
						g = recs[i]
					}
					if i < len(wantRecs) {
						w = wantRecs[i]
					}
					t.Errorf("Each, workers=%d: %d records, want %d; record %d:\n%s\nwant\n%s", workers, len(recs), len(wantRecs), i, g, w)
				}
				if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
					t.Errorf("Each, workers=%d: problems differ:\n%v\nwant\n%v", workers, g, w)
				}
				if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
					t.Errorf("Each, workers=%d: rows in/used/reported %d/%d/%d, want %d/%d/%d", workers,
						got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
				}
			}
			if hold.RowsReported == 0 && tc.opts.Errors > 0 {
				t.Error("the generated errors were not reported")
			}
		})
	}
}

// recordingSink is a ProblemSink that keeps what it is given, as printed.
type recordingSink struct {
	got    []string
	resets int
}

func (s *recordingSink) Add(problems []diag.Problem) error {
	for _, p := range problems {
		s.got = append(s.got, p.String()+" field="+p.Field+" value="+p.Value+" row="+p.RowID)
	}
	return nil
}

func (s *recordingSink) Reset() { s.got, s.resets = nil, s.resets+1 }

// renderingSink is a recordingSink that renders problems itself
// (ProblemRenderer): it checks that each problem handed on rendered is
// given with its own rendering, and counts them.
type renderingSink struct {
	*recordingSink
	rendered int
	err      error
}

func renderProblem(dst []byte, p *diag.Problem) []byte {
	return append(dst, p.String()+" field="+p.Field+" value="+p.Value+" row="+p.RowID+"\n"...)
}

func (s *renderingSink) NewRender() func([]byte, *diag.Problem) []byte { return renderProblem }

func (s *renderingSink) AddRendered(problems []diag.Problem, text []byte, ends []int) error {
	if len(ends) != len(problems) {
		return fmt.Errorf("%d problems, %d renderings", len(problems), len(ends))
	}
	start := 0
	for i, p := range problems {
		if got, want := string(text[start:ends[i]]), string(renderProblem(nil, &p)); got != want && s.err == nil {
			s.err = fmt.Errorf("problem %v handed on as %q", p, got)
		}
		start = ends[i]
	}
	s.rendered += len(problems)
	return s.Add(problems)
}

func writeGen(t *testing.T, path string, opts gen.Options) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := gen.Write(f, nil, opts); err != nil {
		t.Fatal(err)
	}
}

// renameIDs turns every id "F<n>" at a line start into "G<n>".
func renameIDs(data []byte) []byte {
	out := append([]byte(nil), data...)
	for i := range out {
		if out[i] == 'F' && (i == 0 || out[i-1] == '\n') {
			out[i] = 'G'
		}
	}
	return out
}

func printed(l *decode.Loaded) []string {
	var out []string
	for _, p := range l.Problems.Problems {
		out = append(out, p.String()+" field="+p.Field+" value="+p.Value+" row="+p.RowID)
	}
	return out
}

func resultJSON(t *testing.T, r *parks.Result) string {
	t.Helper()
	type group struct {
		Key     string
		Totals  parks.Totals
		Sources []string // the provenance's sources are not exported fields
	}
	var gs []group
	for _, g := range r.Groups {
		gs = append(gs, group{g.Key, g.Totals, g.Totals.Prov.Sources()})
	}
	b, err := json.MarshalIndent(struct {
		Groups  []group
		Total   parks.Totals
		Sources []string
	}{gs, r.Total, r.Total.Prov.Sources()}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// appendRecord is a record as the Each tests compare it: every field (not
// its position and its cells': Each does not hand them over).
func appendRecord(b []byte, f *parks.Facility) []byte {
	c := *f
	c.At = nil
	return fmt.Appendf(b, "%+v", c)
}

// TestVoteDecimal checks the fast path against DecimalOf.
func TestVoteDecimal(t *testing.T) {
	for _, cell := range []string{"176.7657", "1.234", "1.2", "12.", ".5", "1.2.3", "10", "1,5", " 1.5", "1.5 млн", "x.5", "0.1234"} {
		var fast, slow parks.DecimalVote
		decode.VoteDecimal(&fast, cell)
		slow.Add(cell)
		if fast != slow {
			t.Errorf("%q: fast path votes %+v, DecimalOf %+v", cell, fast, slow)
		}
	}
}

// TestStreamEdges: the byte-level forms a file may take (a BOM, CRLF line
// ends, no final line break, only a header, a header alone without a line
// break, a blank file, a quoted header cell with a line break) read the
// same streamed as held.
func TestStreamEdges(t *testing.T) {
	var base bytes.Buffer
	if err := gen.Write(&base, nil, gen.Options{N: 500, Seed: 21, Errors: 20, NoDuplicateIDs: true}); err != nil {
		t.Fatal(err)
	}
	header := gen.FacilityHeader()
	cases := map[string][]byte{
		"bom":           append([]byte("\xEF\xBB\xBF"), base.Bytes()...),
		"crlf":          bytes.ReplaceAll(base.Bytes(), []byte("\n"), []byte("\r\n")),
		"no final eol":  bytes.TrimSuffix(base.Bytes(), []byte("\n")),
		"header only":   []byte(header + "\n"),
		"header no eol": []byte(header),
		"blank":         []byte("\n\n"),
		"quoted header": append([]byte(strings.Replace(header, "notes", "\"no\ntes\"", 1)), bytes.TrimPrefix(base.Bytes(), []byte(header))...),
		"blank lines":   append(bytes.ReplaceAll(base.Bytes(), []byte("\nF1"), []byte("\n\n\nF1")), "\n\n"...),
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.csv")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			hold, err := decode.Load([]string{path}, decode.Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
			got, err := decode.Load([]string{path}, decode.Options{Today: today, Stream: &Fold{By: parks.ByDistrict, Workers: 2, ChunkSize: 4 << 10}})
			if err != nil {
				t.Fatal(err)
			}
			res := got.Result
			if res == nil {
				res, _ = parks.Aggregate(got.Dataset, parks.ByDistrict, parks.Filter{})
			}
			if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
				t.Errorf("problems differ:\n%v\nwant\n%v", g, w)
			}
			if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
				t.Errorf("rows in/used/reported %d/%d/%d, want %d/%d/%d", got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
			}
			if !reflect.DeepEqual(got.Inputs, hold.Inputs) {
				t.Errorf("inputs %+v, want %+v", got.Inputs, hold.Inputs)
			}
			if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
				t.Errorf("aggregate differs:\n%s\nwant\n%s", g, w)
			}
			t.Logf("streamed: %v", got.Result != nil)
		})
	}
}

func TestRecordBoundary(t *testing.T) {
	for _, tc := range []struct {
		buf  string
		want int
	}{
		{"a,b\nc,d\ne", 8},
		{"a,\"b\nc\",d\ne", 10},
		{"a,\"b\nc", 0},
		{"a,\"b\"\"\nc\"\nx", 10},
		{"a,b\n\n\nc", 4},
		{"a,b\r\n\r\n\r\nc", 5},
		{"\n\n\nc", 0},
		{"a\n\"\n\n\"\nb", 7},
	} {
		got, lines := recordBoundary([]byte(tc.buf))
		if got != tc.want || lines != strings.Count(tc.buf[:got], "\n") {
			t.Errorf("recordBoundary(%q) = %d, %d lines; want %d", tc.buf, got, lines, tc.want)
		}
	}
}

// TestIDIndex: duplicates are found within a run, across runs, across
// spilled runs and between spilled runs and runs in memory, with the runs
// (chunks) that hold them; the spill file written in one call a flush or
// many (flushBytes), its values copied as memory or byte by byte
// (littleEndian).
func TestIDIndex(t *testing.T) {
	defer func(n, f int, le bool) { spillIDs, flushBytes, littleEndian = n, f, le }(spillIDs, flushBytes, littleEndian)
	for i, spill := range []int{1 << 30, 50, 7, 50, 7} {
		spillIDs = spill
		flushBytes, littleEndian = 256<<10, true
		if i >= 3 {
			flushBytes, littleEndian = 100, false
		}
		for _, tc := range []struct {
			name   string
			dup    func(runs [][]uint64)
			want   bool
			chunks []uint32
		}{
			{"unique", func([][]uint64) {}, true, nil},
			{"same run", func(r [][]uint64) { r[3][5] = r[3][6] }, false, []uint32{3}},
			{"across runs", func(r [][]uint64) { r[9][0] = r[1][4] }, false, []uint32{1, 9}},
			{"first and last", func(r [][]uint64) { r[len(r)-1][len(r[len(r)-1])-1] = r[0][0] }, false, []uint32{0, 19}},
			{"two ids, three runs", func(r [][]uint64) { r[9][0], r[12][3], r[12][4] = r[1][4], r[1][4], r[5][2] }, false, []uint32{1, 5, 9, 12}},
		} {
			var runs [][]uint64
			v := uint64(12345)
			for i := 0; i < 20; i++ {
				run := make([]uint64, 10+i)
				for j := range run {
					v = v*6364136223846793005 + 1442695040888963407
					run[j] = v
				}
				runs = append(runs, run)
			}
			tc.dup(runs)
			for _, workers := range []int{1, 3} {
				x := &idIndex{}
				for i, r := range runs {
					x.add(newIDRun(r, make([]uint64, len(r)), nil, nil), uint32(i))
				}
				if got := x.unique(workers); got != tc.want {
					t.Errorf("spill at %d, %d workers, %s: unique = %v, want %v", spill, workers, tc.name, got, tc.want)
				}
				_, places, ok := x.repeats(workers, 10, true)
				var chunks []uint32
				for _, h := range places {
					// each place is its row's, with its hash
					if r := runs[h.chunk()]; h.row() >= len(r) || r[h.row()] != h.key {
						t.Errorf("spill at %d, %d workers, %s: hash %x placed at chunk %d row %d", spill, workers, tc.name, h.key, h.chunk(), h.row())
					}
					chunks = append(chunks, h.chunk())
				}
				if chunks = slices.Compact(chunks); !ok || !slices.Equal(chunks, tc.chunks) {
					t.Errorf("spill at %d, %d workers, %s: repeated ids in chunks %v (%v), want %v", spill, workers, tc.name, chunks, ok, tc.chunks)
				}
				if spill < 100 && x.end == 0 {
					t.Errorf("spill at %d: nothing was spilled", spill)
				}
				x.close()
			}
		}
	}
}

func TestHashSetRepeats(t *testing.T) {
	many := make([]uint64, 5000)
	for i := range many {
		many[i] = uint64(i+1) << 20 // equal low bits: every key probes past the others
	}
	for _, tc := range []struct {
		name string
		keys []uint64
		want bool
	}{
		{"none", nil, false},
		{"one", []uint64{7}, false},
		{"two equal", []uint64{7, 7}, true},
		{"zero once", []uint64{0, 1, 2}, false},
		{"zero twice", []uint64{0, 5, 0}, true},
		{"colliding, distinct", many, false},
		{"colliding, last repeats the first", append(slices.Clone(many), many[0]), true},
	} {
		var h hashSet
		for round := 0; round < 2; round++ { // the table is reused
			if got := h.repeats(tc.keys); got != tc.want {
				t.Errorf("%s (round %d): repeats = %v, want %v", tc.name, round, got, tc.want)
			}
		}
	}
}

// TestStdinStreams: standard input streams like a file (a pipe is copied
// to a temporary file first), with the same output as holding it, and
// what is not CSV on stdin still reads by the holding path.
func TestStdinStreams(t *testing.T) {
	var buf bytes.Buffer
	if err := gen.Write(&buf, nil, gen.Options{N: 4000, Seed: 51, Errors: 80, CopyRow: 9, WarnEvery: 11}); err != nil {
		t.Fatal(err)
	}
	yaml := []byte("dataset:\n  source: s\n  as_of: 2025-01-01\nfacilities:\n  - id: F1\n    name: A\n    district: Keles district\n")
	for name, tc := range map[string]struct {
		data   []byte
		stream bool
	}{"csv": {buf.Bytes(), true}, "yaml": {yaml, false}} {
		t.Run(name, func(t *testing.T) {
			hold, err := decode.Load([]string{"-"}, decode.Options{Today: today, Stdin: bytes.NewReader(tc.data)})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
			got, err := decode.Load([]string{"-"}, decode.Options{Today: today, Stdin: bytes.NewReader(tc.data),
				Stream: &Fold{By: parks.ByDistrict, Workers: 2, ChunkSize: 16 << 10}})
			if err != nil {
				t.Fatal(err)
			}
			if (got.Result != nil) != tc.stream {
				t.Fatalf("streamed %v, want %v", got.Result != nil, tc.stream)
			}
			res := got.Result
			if res == nil {
				res, _ = parks.Aggregate(got.Dataset, parks.ByDistrict, parks.Filter{})
			}
			if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
				t.Errorf("problems differ:\n%v\nwant\n%v", g, w)
			}
			if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported || !reflect.DeepEqual(got.Inputs, hold.Inputs) {
				t.Errorf("rows %d/%d/%d inputs %+v, want %d/%d/%d %+v", got.RowsIn, got.RowsUsed, got.RowsReported, got.Inputs,
					hold.RowsIn, hold.RowsUsed, hold.RowsReported, hold.Inputs)
			}
			if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
				t.Errorf("aggregate differs:\n%s\nwant\n%s", g, w)
			}
		})
	}
}

// listDiff says where two lists of printed problems part: the first
// problem that differs (a whole list of thousands is unreadable).
func listDiff(got, want []string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	at := func(l []string) string {
		if i < len(l) {
			return l[i]
		}
		return "(end of list)"
	}
	return fmt.Sprintf("%d and %d problems; #%d is\n%s\nwant\n%s", len(got), len(want), i, at(got), at(want))
}
