package stream

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestStreamProjectsMatchHolding: a projects file beside the facilities
// streams (the facilities first, then the projects against the facilities'
// table, then the word pass of the projects' sums) and gives what the
// holding path gives: problems (a missing facility, a facility with an
// error, projects adding up to more than their facility), counts, inputs
// and the aggregate. A repeated project id falls back.
func TestStreamProjectsMatchHolding(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of the streaming and holding loaders: run without -short")
	}
	defer func(n int) { spillIDs, recordFigures, sparseWord = n, true, true }(spillIDs)
	spillIDs = 300
	sparseBefore := sparseRows.Load()
	cases := []struct {
		name string
		opts gen.Options
		// edit changes the projects file; reverse gives it before the
		// facilities
		edit    func([]byte) []byte
		reverse bool
		bound   decode.Options
		stream  bool
	}{
		{"clean", gen.Options{N: 2000, Seed: 5, ProjectsPer: 1.5}, nil, false, decode.Options{}, true},
		{"errors, facility left out, over-sum", gen.Options{N: 3000, Seed: 3, ProjectsPer: 1, Errors: 60, NoDuplicateIDs: true}, nil, false, decode.Options{}, true},
		{"missing facility", gen.Options{N: 2000, Seed: 7, ProjectsPer: 1}, missingFacility, false, decode.Options{}, true},
		{"projects file first", gen.Options{N: 2000, Seed: 9, ProjectsPer: 2, Errors: 30, NoDuplicateIDs: true}, missingFacility, true, decode.Options{}, true},
		{"duplicate facility ids: a repeat pass", gen.Options{N: 2000, Seed: 11, ProjectsPer: 1, Errors: 40}, missingFacility, false, decode.Options{}, true},
		{"strict, ignored, kept", gen.Options{N: 2000, Seed: 13, ProjectsPer: 1, Errors: 40, WarnEvery: 4}, nil, false,
			decode.Options{Strict: true, Keep: 5, Ignore: map[string]bool{"blank-row": true}}, true},
		{"kept problems not reached", gen.Options{N: 2000, Seed: 15, ProjectsPer: 1, Errors: 10, NoDuplicateIDs: true}, nil, false, decode.Options{Keep: 1000}, true},
		{"kept problems reached", gen.Options{N: 2000, Seed: 15, ProjectsPer: 1, Errors: 40, NoDuplicateIDs: true}, nil, false, decode.Options{Keep: 10}, true},
		{"kept problems reached in the projects", gen.Options{N: 2000, Seed: 7, ProjectsPer: 1}, missingFacility, false, decode.Options{Keep: 5}, true},
		// a load that stops reading at N errors is the holding path's (no command asks for one)
		{"max-errors reached in the projects", gen.Options{N: 2000, Seed: 7, ProjectsPer: 1}, missingFacility, false, decode.Options{MaxErrors: 5}, false},
		{"repeated project id", gen.Options{N: 2000, Seed: 17, ProjectsPer: 1}, repeatProject, false, decode.Options{}, true},
		{"copied project row", gen.Options{N: 2000, Seed: 19, ProjectsPer: 1}, copyProject, false, decode.Options{}, true},
		{"many repeated project ids and copies", gen.Options{N: 3000, Seed: 21, ProjectsPer: 1.5, Errors: 30, NoDuplicateIDs: true}, repeatProjects, false, decode.Options{}, true},
		{"repeated project ids, projects file first", gen.Options{N: 2000, Seed: 23, ProjectsPer: 2, WarnEvery: 5, NoDuplicateIDs: true}, repeatProjects, true, decode.Options{}, true},
		{"repeated project ids and facility ids", gen.Options{N: 2000, Seed: 25, ProjectsPer: 1, Errors: 40}, repeatProjects, false, decode.Options{}, true},
		{"repeated project ids, strict, ignored, kept", gen.Options{N: 2000, Seed: 27, ProjectsPer: 1, Errors: 40, WarnEvery: 4}, repeatProjects, false,
			decode.Options{Strict: true, Keep: 5, Ignore: map[string]bool{"unique-error": true}}, true},
		// the word pass reads the rows it words at their offsets: rows of
		// several lines, CR LF, blank lines, quoted ids, before them
		{"odd facilities", gen.Options{N: 2000, Seed: 29, ProjectsPer: 1.5, Errors: 20, NoDuplicateIDs: true}, missingFacility, false, decode.Options{}, true},
		{"odd facilities, repeated facility ids", gen.Options{N: 2000, Seed: 31, ProjectsPer: 1.5, Errors: 40}, nil, false, decode.Options{Keep: 5}, true},
	}
	// the facilities file of a case, changed
	fedit := map[string]func([]byte) []byte{"odd facilities": oddFacilities, "odd facilities, repeated facility ids": oddFacilities}
	seen := map[string]bool{} // message ids of the holding path's problems
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			fpath, ppath := filepath.Join(dir, "facilities.csv"), filepath.Join(dir, "projects.csv")
			var fb, pb bytes.Buffer
			if err := gen.Write(&fb, &pb, tc.opts); err != nil {
				t.Fatal(err)
			}
			proj, fac := pb.Bytes(), fb.Bytes()
			if tc.edit != nil {
				proj = tc.edit(proj)
			}
			if edit := fedit[tc.name]; edit != nil {
				fac = edit(fac)
			}
			if err := os.WriteFile(fpath, fac, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ppath, proj, 0o644); err != nil {
				t.Fatal(err)
			}
			paths := []string{fpath, ppath}
			if tc.reverse {
				paths = []string{ppath, fpath}
			}
			opts := tc.bound
			opts.Today = today
			hold, err := decode.Load(paths, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(hold.Dataset.Projects) == 0 && opts.MaxErrors == 0 {
				t.Fatal("no project was used")
			}
			for _, p := range hold.Problems.Problems {
				seen[p.ID] = true
			}
			for _, workers := range []int{1, 2, 4} {
				recordFigures = workers != 4 // the word pass against the table, as when mayHoldProjects misses
				sparseWord = workers != 2    // the word pass reading every row's id, as when a row to word has no offset
				opts.Stream = &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 8 << 10}
				got, err := decode.Load(paths, opts)
				if err != nil {
					t.Fatal(err)
				}
				if (got.Result != nil) != tc.stream {
					t.Fatalf("workers=%d: streamed=%v, want %v", workers, got.Result != nil, tc.stream)
				}
				sameLoad(t, got, hold, parks.ByDistrict, parks.Filter{})
			}
			recordFigures, sparseWord = true, true
			if tc.stream && opts.MaxErrors == 0 && opts.Keep == 0 {
				// validate: the problems handed on as they are read, in
				// order, the facilities' the projects exceed among them
				// (the word pass at the rows' offsets)
				sink := &recordingSink{}
				opts.Stream = &Fold{By: parks.ByDistrict, Workers: 2, ChunkSize: 8 << 10, Problems: sink}
				got, err := decode.Load(paths, opts)
				if err != nil {
					t.Fatal(err)
				}
				if got.Result == nil {
					t.Fatal("with a problem sink, the load fell back")
				}
				if w := printed(hold); !slices.Equal(sink.got, w) {
					t.Errorf("the sink was given %d problems, want the %d of the holding path", len(sink.got), len(w))
				}
			}
		})
	}
	for _, id := range []string{"key.no_facility", "key.facility_invalid", "check.projects_exceed_facility", "key.duplicate_project"} {
		if !seen[id] {
			t.Errorf("no case has a problem %s", id)
		}
	}
	if sparseRows.Load() == sparseBefore {
		t.Error("no case read the rows to word at their offsets")
	}
}

// oddFacilities writes the facilities file with CR LF, a blank line
// before every 29th row, a note of two lines (quoted, a CR LF in it) on
// every 31st row whose note is blank and every 23rd id quoted.
func oddFacilities(data []byte) []byte {
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	var out [][]byte
	for i, line := range lines {
		if i > 0 && i%29 == 0 {
			out = append(out, nil)
		}
		whole := bytes.Count(line, []byte(`"`))%2 == 0
		if i > 0 && i%31 == 0 && whole && bytes.HasSuffix(line, []byte(",")) {
			line = append(slices.Clip(line), "\"first line\r\nsecond line\""...)
		}
		if id, rest, ok := bytes.Cut(line, []byte(",")); i > 0 && i%23 == 0 && ok && whole && bytes.HasPrefix(id, []byte("F")) {
			line = append(append(append([]byte(`"`), id...), `",`...), rest...)
		}
		out = append(out, line)
	}
	return append(bytes.Join(out, []byte("\r\n")), "\r\n"...)
}

// sameLoad fails when a load differs from the holding load's.
func sameLoad(t *testing.T, got, hold *decode.Loaded, by parks.Dimension, filter parks.Filter) {
	t.Helper()
	if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
		var only []string // the problems of one list only
		for _, p := range g {
			if !slices.Contains(w, p) {
				only = append(only, "got:  "+p)
			}
		}
		for _, p := range w {
			if !slices.Contains(g, p) {
				only = append(only, "want: "+p)
			}
		}
		t.Fatalf("problems differ (%d, want %d):\n%s", len(g), len(w), strings.Join(only, "\n"))
	}
	ge, gw := got.Problems.Count()
	he, hw := hold.Problems.Count()
	if ge != he || gw != hw || !reflect.DeepEqual(got.Problems.ByRule(), hold.Problems.ByRule()) {
		t.Errorf("%d errors, %d warnings, by rule %v; want %d, %d, %v", ge, gw, got.Problems.ByRule(), he, hw, hold.Problems.ByRule())
	}
	if got.Problems.Stopped != hold.Problems.Stopped || got.Problems.DroppedWarnings != hold.Problems.DroppedWarnings {
		t.Errorf("stopped/dropped %v/%d, want %v/%d", got.Problems.Stopped, got.Problems.DroppedWarnings, hold.Problems.Stopped, hold.Problems.DroppedWarnings)
	}
	if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
		t.Errorf("rows in/used/reported %d/%d/%d, want %d/%d/%d", got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
	}
	if !reflect.DeepEqual(got.Inputs, hold.Inputs) {
		t.Errorf("inputs %+v, want %+v", got.Inputs, hold.Inputs)
	}
	want, werr := parks.Aggregate(hold.Dataset, by, filter)
	res, gerr := got.Result, error(nil)
	if res == nil {
		res, gerr = parks.Aggregate(got.Dataset, by, filter)
	}
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("aggregate error %v, want %v", gerr, werr)
	}
	if werr == nil {
		if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
			t.Errorf("aggregate differs:\n%s\nwant\n%s", g, w)
		}
	}
}

// missingFacility makes every 50th project name a facility that is not
// in the file.
func missingFacility(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	for i := 1; i < len(lines); i += 50 {
		if _, rest, ok := bytes.Cut(lines[i], []byte(",F")); ok && bytes.HasPrefix(lines[i], []byte("P")) {
			id, _, _ := bytes.Cut(lines[i], []byte(","))
			lines[i] = append(append(append([]byte(nil), id...), ",NOPE"...), rest...)
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// repeatProject gives the project of the last line the id of the first.
func repeatProject(data []byte) []byte {
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	last := len(lines) - 1
	if _, rest, ok := bytes.Cut(lines[last], []byte(",")); ok {
		lines[last] = append([]byte("P1,"), rest...)
	}
	return append(bytes.Join(lines, []byte("\n")), '\n')
}

// copyProject writes the second line again at the end.
func copyProject(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	return append(append(data, lines[1]...), '\n')
}

// repeatProjects gives every 40th project the id of the one 17 lines
// before it (so a missing facility, an error or an over-sum may be the
// first with an id or a later one) and writes every 97th line again 5
// lines after (a copy), with missing facilities as missingFacility.
func repeatProjects(data []byte) []byte {
	lines := bytes.Split(bytes.TrimSuffix(missingFacility(data), []byte("\n")), []byte("\n"))
	for i := 20; i < len(lines); i += 40 {
		id, _, _ := bytes.Cut(lines[i-17], []byte(","))
		if _, rest, ok := bytes.Cut(lines[i], []byte(",")); ok && bytes.HasPrefix(id, []byte("P")) && bytes.HasPrefix(lines[i], []byte("P")) {
			lines[i] = append(append(slices.Clip(id), ','), rest...)
		}
	}
	whole := func(line []byte) bool {
		return bytes.HasPrefix(line, []byte("P")) && bytes.Count(line, []byte(`"`))%2 == 0
	}
	var out [][]byte
	for i, line := range lines {
		out = append(out, line)
		if i >= 5 && i%97 == 0 && whole(lines[i-5]) && whole(line) {
			out = append(out, lines[i-5])
		}
	}
	return append(bytes.Join(out, []byte("\n")), '\n')
}
