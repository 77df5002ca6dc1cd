package stream

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestFastPathMatchesExact loads small files in every form the fast path
// reads itself, and in forms it must hand to the exact path, holding and
// streaming with chunks of about one row. The results must be the same,
// and the fast path must have read every chunk of the first kind and not
// every chunk of the second.
func TestFastPathMatchesExact(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of the fast and exact row paths: run without -short")
	}
	const header = "id,name,kind,district,area_ha,buildings_planned,buildings_built,buildings_under_construction," +
		"projects_planned,projects_launched,jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt," +
		"import_substitution_kzt,sectors,status,as_of,source,notes\n"
	row := func(id, rest string) string { return id + "," + rest + "\n" }
	const plain = `Түркістан индустриялық аймағы,park,Keles district,176.7657,11,7,3,37,19,1659,987,34547696087,756583793,1364869536,light_industry|plastics_rubber,operating,2025-07-15,akimat report,`
	cases := []struct {
		name string
		data string
		fast bool // every chunk is read by the fast path
		// worded: the fast path words the rows' problems itself
		// (warnings, an unknown district, the row rules' findings)
		worded bool
	}{
		{"plain rows", header + row("F1", plain) + row("F2", plain) + row("F3", plain), true, false},
		{"CRLF line ends", strings.ReplaceAll(header+row("F1", plain)+row("F2", plain), "\n", "\r\n"), true, false},
		{"no line break at the end", header + row("F1", plain) + "F2," + plain, true, false},
		{"quoted cells", header +
			`"F1","Name, with comma",park,"Keles district","12","1","1","0",,,"5","5","100","10",,"light_industry","operating","2025-01-02","""Turkestan"" SEC, registry extract","two lines:` + "\r\n" + `second ""quoted"""` + "\n" +
			`F2,Other,site,Keles district,1.5,,,,,,,,,,,,planned,2025-01-02,"""Turkestan"" SEC, registry extract",` + "\n", true, false},
		{"spaces and other spellings", header +
			`F1,  x  ,парк, Келес ,12,1,1,0,2,1,5,5,1 200 000,10,,light_industry | | plastics_rubber|,действует,01.12.2025, akimat ,` + "\n" +
			"F2,y,алаң,\u00a0Келесский район\u00a0,0.0001,1,0,0,,,,,,,,,салынуда,2025-01-02,akimat," + "\n", true, false},
		{"Cyrillic id, blank optional cells", header + row("Ф-1", `Name,,Keles district,,,,,,,,,,,,,,2025-01-02,src,`), true, false},
		{"columns in another order, an unknown column", "district;id;extra;name;jobs_planned;as_of;source\n" +
			"Keles district;F1;zzz;A;5;2025-01-02;s\nKeles district;F2;;B;6;2025-01-03;s\n", true, false},
		{"no source or as_of column (one warning each at the header)", "id,name,district,jobs_planned,jobs_created\n" +
			"F1,A,Keles district,5,3\nF2,B,Keles district,6,6\n", true, false},
		{"decimal comma needs the file's separator", header + row("F1", strings.Replace(plain, "176.7657", `"176,7657"`, 1)), false, false},
		{"bare quote", header + row("F1", strings.Replace(plain, "akimat report", `akimat "report"`, 1)), false, false},
		{"short row without its id cell", "name,district,jobs_planned,id,source,as_of\nA,Keles district\n", false, false},
		{"blank line before a row with a formula guard", header + row("F1", plain) + "\n\n" + row("'=F2", plain), false, true},
		{"id with a space", header + row("F 1", plain), false, false},
		{"blank id", header + row("", plain), false, false},
		{"control character", header + row("F1", strings.Replace(plain, "akimat", "aki\x01mat", 1)), false, false},
		{"id with a formula guard", header + row("'=F1", plain), false, false},
		{"source with a formula guard", header + row("F1", strings.Replace(plain, "akimat report", "'=akimat", 1)), false, false},
		{"quoted source with a formula guard", header + row("F1", strings.Replace(plain, "akimat report", `" '=akimat ""x"""`, 1)), false, false},
		{"quoted sources, the same text written three ways", header + row("F1", strings.Replace(plain, "akimat report", `"a ""b"""`, 1)) +
			row("F2", strings.Replace(plain, "akimat report", `"a ""b"""`, 1)) + row("F3", strings.Replace(plain, "akimat report", `" a ""b""  "`, 1)) +
			row("F4", strings.Replace(plain, "akimat report", "\"x\r\ny\"", 1)) + row("F5", strings.Replace(plain, "akimat report", "\"x\ny\"", 1)) +
			row("F6", strings.Replace(plain, "akimat report", `"x"`, 1)) + row("F7", strings.Replace(plain, "akimat report", `"  ""  "`, 1)), true, false},
		{"extra cell with a control character", header + row("F1", plain+",a\x01b"), false, false},
		{"extra cell with a bare quote", header + row("F1", plain+`,a"b`), false, false},
		{"extra cell, text after its closing quote", header + row("F1", plain+`,"a"b`), false, false},
		{"a number with a comma after a cell not of its type", header + row("F1", strings.Replace(strings.Replace(plain, "operating", "closed", 1), "176.7657", `"176,7657"`, 1)), false, false},
		{"district with a formula guard", header + row("F1", strings.Replace(plain, "Keles district", "'-Keles district", 1)), false, false},

		// problems the fast path words itself
		{"future date", header + row("F1", strings.Replace(plain, "2025-07-15", "2030-01-01", 1)), true, true},
		{"missing source", header + row("F1", strings.Replace(plain, "akimat report", "", 1)), true, true},
		{"missing source and as_of, quoted blanks", header + row("F1", strings.Replace(strings.Replace(plain, "akimat report", `"  "`, 1), "2025-07-15", `""`, 1)), true, true},
		{"more jobs created than planned", header + row("F1", strings.Replace(plain, "1659,987", "987,1659", 1)), true, true},
		{"more projects launched than planned", header + row("F1", strings.Replace(plain, "37,19", "19,37", 1)), true, true},
		{"more buildings built than planned (an error)", header + row("F1", strings.Replace(plain, "11,7,3", "5,7,3", 1)) + row("F2", plain), true, true},
		{"unknown district", header + row("F1", plain) + row("F2", strings.Replace(plain, "Keles district", "Atlantis", 1)), true, true},
		{"unknown district, near a known one", header + row("F1", strings.Replace(plain, "Keles district", "Keles distric", 1)), true, true},
		{"unknown sector", header + row("F1", strings.Replace(plain, "light_industry", "spaceships", 1)), true, true},
		{"unknown sectors, quoted, after a Cyrillic name", header + row("F1", strings.Replace(plain, "light_industry|plastics_rubber", `" spaceships |plastics_rubber|local_crafts|spaceships"`, 1)), true, true},
		{"unknown sector and district, ignored and strict", header + row("F1", strings.Replace(strings.Replace(plain, "light_industry", "local_crafts", 1), "Keles district", "Atlantis", 1)), true, true},
		{"unknown sector after a note of two lines", "id,name,notes,district,sectors,jobs_planned,jobs_created,as_of,source\n" +
			"F1,Бір,\"бірінші жол\r\nекінші, «жол»\",Keles district,local_crafts,5,7,2025-01-01,\n" +
			"F2,Екі,\"a\"\"b\",Keles district,light_industry|x,5,7,2025-01-01,s\n", true, true},
		{"sectors before the district", "sectors;district;id;name;as_of;source\r\n" +
			"x|y;Atlantis;F1;A;2025-01-02;s\r\nlight_industry;Keles district;F2;B;;s\r\n", true, true},
		{"blank line", header + row("F1", plain) + "\n" + row("F2", plain), true, true},
		{"blank lines, one, three, CR LF, at the start", header + "\n" + row("F1", plain) + "\r\n\n\r\n" + row("F2", plain) + "\n" + row("F3", plain), true, true},
		{"blank line before a row with an unknown district and one repeated", header + row("F1", plain) + "\n" + row("F2", strings.Replace(plain, "Keles district", "Atlantis", 1)) +
			"\n" + row("F2", strings.Replace(plain, "Keles district", "Atlantis", 1)) + "\n" + row("F1", plain+",x"), true, true},
		{"short row", header + "F1,A,park,Keles district\n", true, true},
		{"short rows, CR LF, a last cell of two lines, blank cells", header + "F1,A,park,Keles district,\"1\r\n2\"\r\n" + "F2,A,park,Keles district,,,\r\n" +
			"F3,A,park,Keles district,12,1,1,0,2,1,5,5,1 200 000,10,,light_industry,operating,2025-01-02\r\n", true, true},
		{"short row without source or as_of cells, and one without notes", header + "F1,A,park,Keles district,12,1,1,0,2,1,5,7\n" +
			row("F2", strings.TrimSuffix(plain, ",")) + row("F3", plain), true, true},
		{"short row, its last cell quoted in Cyrillic", "id,name,notes,district,sectors,jobs_planned,jobs_created,as_of,source\n" +
			"F1,Бір,\"бірінші жол\r\nекінші, «жол»\"\nF2,Екі,\"«жол»\"\r\n", true, true},
		{"extra cells", header + row("F1", plain+",extra") + row("F2", plain+",") + row("F3", plain+",,,") + row("F4", plain), true, true},
		{"extra quoted cells", header + row("F1", plain+`,"a ""b""`+"\r\n"+`c",x`) + row("F2", plain+`,"«жол», two"`) + strings.TrimSuffix(row("F3", plain+`,""`), "\n"), true, true},
		{"cells not of their type", header + row("F1", strings.Replace(plain, "operating", "closed", 1)) + row("F2", strings.Replace(plain, "1659,987", "x,987", 1)) +
			row("F3", strings.Replace(plain, "11,7,3", `"1""1",7,-3`, 1)) + row("F4", plain), true, true},
		{"a date not of its type, and no missing-as-of at it", header + row("F1", strings.Replace(plain, "2025-07-15", "soon", 1)) +
			row("F2", strings.Replace(strings.Replace(plain, "2025-07-15", "2025-13-45", 1), "akimat report", "", 1)), true, true},
		{"a number written with spaces and a comma (cells shifted)", header + row("F1", strings.Replace(plain, "34547696087", "12 345 678,9", 1)) + row("F2", plain), true, true},
		{"short row, unknown district, sector and a future date", header + row("F1", strings.Replace(strings.Replace(strings.Replace(strings.TrimSuffix(plain, ","),
			"Keles district", "Atlantis", 1), "light_industry", "spaceships", 1), "2025-07-15", "2030-01-01", 1)), true, true},
		{"BOM, CRLF, warnings on every row", "\ufeff" + strings.ReplaceAll(header+row("F1", strings.Replace(plain, "light_industry", "spaceships", 1))+
			row("F2", strings.Replace(plain, "akimat report", "", 1))+row("F3", strings.Replace(plain, "light_industry", "local_crafts", 1)), "\n", "\r\n"), true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.csv")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, opts := range []decode.Options{{}, {Strict: true}, {Ignore: map[string]bool{"missing-source": true, "blank-row": true}},
				{Ignore: map[string]bool{"type-error": true, "constraint-error": true, "extra-cell": true, "missing-cell": true}},
				{Ignore: map[string]bool{"unknown-sector": true, "foreign-key": true}}, {Keep: 1}, {Keep: 3, Strict: true}} {
				opts.Today = today
				hold, err := decode.Load([]string{path}, opts)
				if err != nil {
					t.Fatal(err)
				}
				want, err := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, workers := range []int{1, 2} {
					if opts.Keep == 0 { // validate's way: the problems handed on as merged
						sink := &renderingSink{recordingSink: &recordingSink{}}
						opts.Stream = &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 64, Problems: sink}
						sunk, err := decode.Load([]string{path}, opts)
						if err != nil {
							t.Fatal(err)
						}
						if sink.err != nil {
							t.Errorf("%+v, workers=%d: %v", opts, workers, sink.err)
						}
						handed := sink.got
						if sunk.Result == nil { // fell back: the holding path's list, the sink reset
							handed = append(handed, printed(sunk)...)
						}
						if w := printed(hold); !reflect.DeepEqual(handed, w) {
							t.Errorf("%+v, workers=%d: problems handed on differ: %s", opts, workers, listDiff(handed, w))
						}
					}
					opts.Stream = &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 64}
					got, err := decode.Load([]string{path}, opts)
					if err != nil {
						t.Fatal(err)
					}
					if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
						t.Errorf("%+v, workers=%d: problems differ: %s", opts, workers, listDiff(g, w))
					}
					if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
						t.Errorf("workers=%d: rows in/used/reported %d/%d/%d, want %d/%d/%d", workers,
							got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
					}
					if !reflect.DeepEqual(got.Inputs, hold.Inputs) {
						t.Errorf("workers=%d: inputs %+v, want %+v", workers, got.Inputs, hold.Inputs)
					}
					res := got.Result
					if res == nil {
						if tc.fast {
							t.Fatalf("workers=%d: the load fell back to holding", workers)
						}
						res, _ = parks.Aggregate(got.Dataset, parks.ByDistrict, parks.Filter{})
					}
					if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
						t.Errorf("workers=%d: aggregate differs:\n%s\nwant\n%s", workers, g, w)
					}
					switch {
					case tc.fast && (got.Chunks == 0 || got.FastChunks != got.Chunks):
						t.Errorf("workers=%d: the fast path read %d of %d chunks, want all", workers, got.FastChunks, got.Chunks)
					case !tc.fast && got.Result != nil && got.FastChunks == got.Chunks:
						t.Errorf("workers=%d: the fast path read all %d chunks, want some read exactly", workers, got.Chunks)
					}
				}
				if tc.fast && !tc.worded && hold.RowsUsed != hold.RowsIn {
					t.Errorf("a case for the fast path has rows with errors: %v", printed(hold))
				}
				if tc.worded && len(hold.Problems.Problems) == 0 && len(opts.Ignore) == 0 {
					t.Errorf("a case of problems the fast path words has none")
				}
				header := 0
				for _, rule := range []string{"missing-source", "missing-as-of"} {
					if !opts.Ignore[rule] {
						header++
					}
				}
				if opts.Keep > 0 {
					header = min(header, opts.Keep)
				}
				if strings.HasPrefix(tc.name, "no source") && len(hold.Problems.Problems) != header {
					t.Errorf("%+v: want %d header warnings, got %v", opts, header, printed(hold))
				}
			}
		})
	}
}

// TestTextCache: a cached text gives what the lookup gave, texts that
// share length and first and last eight bytes (one hash) stay apart, and
// a full table still answers, by the lookup.
func TestTextCache(t *testing.T) {
	var c textCache[string]
	misses := map[string]int{}
	lookup := func(s string) string { misses[s]++; return "v:" + s }
	keys := []string{"", "a", "Keles", "12345678", "Келес ауданы", "abcdefgh-X-12345678", "abcdefgh-Y-12345678", "abcdefgh-XY-12345678"}
	for i := 0; i < 2*textCacheSlots; i++ { // more keys than slots
		keys = append(keys, strings.Repeat("x", i%7)+string(rune('a'+i%26))+strings.Repeat("y", i/26))
	}
	for round := 0; round < 3; round++ {
		for _, k := range keys {
			if got := c.get([]byte(k), lookup); got != "v:"+k {
				t.Fatalf("round %d: %q gives %q", round, k, got)
			}
		}
	}
	for _, k := range keys[:8] { // the first keys found room
		if misses[k] != 1 {
			t.Errorf("%q was looked up %d times, want once", k, misses[k])
		}
	}
}

func TestCountRunes(t *testing.T) {
	for _, s := range []string{"", "a", "Түркістан индустриялық аймағы, park", "ab€𝄞cdefghijklmnopq«»", strings.Repeat("Ә1", 17), strings.Repeat("ab€𝄞cdжә", 9)} {
		for i := 0; i <= len(s); i++ {
			if got, want := decode.CountRunes([]byte(s[i:])), utf8.RuneCountInString(s[i:]); got != want && utf8.ValidString(s[i:]) {
				t.Errorf("CountRunes(%q) = %d, want %d", s[i:], got, want)
			}
		}
	}
}

// TestShapesStayFast: generated files with a warning on every row, in
// CRLF with a BOM and quoted notes of two lines, and with errors on 10 %
// of the rows, are read by the fast path, which hands over only the rows
// whose problems it cannot word (a short or long row, a blank line before
// a row); the result is the holding path's.
func TestShapesStayFast(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test: run without -short")
	}
	dir := t.TempDir()
	crlf := func(b []byte) []byte {
		return append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
	}
	cases := []struct {
		name      string
		opts      gen.Options
		edit      func([]byte) []byte
		handOvers int // at most
	}{
		{"warning on every row, CRLF, BOM, notes of two lines", gen.Options{N: 3000, Seed: 3, WarnEvery: 1}, crlf, 0},
		{"warning on every third row", gen.Options{N: 3000, Seed: 4, WarnEvery: 3}, nil, 0},
		// of the generator's seven kinds of error rows, a short row, a
		// long row (two kinds) and a blank line before a row are handed
		// over; an unknown district and a date in the future are worded
		{"errors on 10 % of the rows", gen.Options{N: 7000, Seed: 5, Errors: 700, NoDuplicateIDs: true}, nil, 4 * 700 / 7},
		{"errors on 10 % of the rows, CRLF, BOM", gen.Options{N: 7000, Seed: 6, Errors: 700, NoDuplicateIDs: true, WarnEvery: 2}, crlf, 4 * 700 / 7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := gen.Write(&buf, nil, tc.opts); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			if tc.edit != nil {
				data = tc.edit(data)
			}
			path := filepath.Join(dir, "f.csv")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, opts := range []decode.Options{{}, {Keep: 20}, {Strict: true, Keep: 3}} {
				opts.Today = today
				hold, err := decode.Load([]string{path}, opts)
				if err != nil {
					t.Fatal(err)
				}
				opts.Stream = &Fold{By: parks.ByDistrict, Workers: 2, ChunkSize: 16 << 10}
				got, err := decode.Load([]string{path}, opts)
				if err != nil || got.Result == nil {
					t.Fatalf("load: %v, streamed %v", err, got.Result != nil)
				}
				if got.HandOvers > tc.handOvers {
					t.Errorf("%+v: the fast path handed %d rows to the exact path, want at most %d", opts, got.HandOvers, tc.handOvers)
				}
				if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
					t.Errorf("%+v: problems differ: %s", opts, listDiff(g, w))
				}
				ge, gw := got.Problems.Count()
				he, hw := hold.Problems.Count()
				if ge != he || gw != hw || !reflect.DeepEqual(got.Problems.ByRule(), hold.Problems.ByRule()) {
					t.Errorf("%+v: %d errors, %d warnings, by rule %v; want %d, %d, %v", opts, ge, gw, got.Problems.ByRule(), he, hw, hold.Problems.ByRule())
				}
				if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
					t.Errorf("rows in/used/reported %d/%d/%d, want %d/%d/%d",
						got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
				}
				want, _ := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
				if g, w := resultJSON(t, got.Result), resultJSON(t, want); g != w {
					t.Errorf("aggregate differs:\n%s\nwant\n%s", g, w)
				}
			}
		})
	}
}
