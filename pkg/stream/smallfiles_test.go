package stream

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// writeSmallFiles writes the rows of a generated file as a directory of
// small files, most of one row and with the same header, which the
// streaming loader reads one after the other with one fast path
// (smallFast) and one header match per distinct header: some with a header
// whose money column has a scale (the same columns, other contexts), some
// without source and notes, with an unknown column, with the columns in
// another order, with ';', a BOM, CRLF, two or no rows. The rows carry
// warnings and errors (handed to the exact path).
func writeSmallFiles(t *testing.T, dir string, opts gen.Options) {
	t.Helper()
	var text bytes.Buffer
	if err := gen.Write(&text, nil, opts); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&text)
	r.FieldsPerRecord = -1 // short and long rows among the errors
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, rows := records[0], records[1:]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for i := 0; len(rows) > 0; i++ {
		n := 1
		switch {
		case i%13 == 6:
			n = 2
		case i%29 == 11:
			n = 0
		}
		n = min(n, len(rows))
		file := append([][]string{append([]string(nil), header...)}, rows[:n]...)
		rows = rows[n:]
		comma, bom, crlf := ',', false, false
		switch i % 10 {
		case 3: // the money in millions: same columns, another scale
			c := col("investment_private_kzt")
			file[0][c] = "investment_private_kzt, млн ₸"
			for _, r := range file[1:] {
				if c < len(r) && r[c] != "" && !strings.ContainsAny(r[c], ".,") && len(r[c]) > 6 {
					r[c] = r[c][:len(r[c])-6]
				}
			}
		case 5:
			comma = ';'
		case 7:
			bom = true
		case 8: // no source, no notes: absent columns, other columns
			drop := map[int]bool{col("source"): true, col("notes"): true}
			for r := range file {
				var kept []string
				for c, v := range file[r] {
					if !drop[c] {
						kept = append(kept, v)
					}
				}
				file[r] = kept
			}
		case 9:
			crlf = true
		}
		if i%17 == 4 { // an unknown column
			for r := range file {
				file[r] = append(file[r], fmt.Sprint("x", r))
			}
			file[0][len(file[0])-1] = "comment"
		}
		if i%19 == 2 { // the columns in another order
			for r := range file {
				if len(file[r]) < 2 {
					continue
				}
				file[r][0], file[r][1] = file[r][1], file[r][0]
			}
		}
		var b bytes.Buffer
		if bom {
			b.WriteString("\xef\xbb\xbf")
		}
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = comma, crlf
		if err := w.WriteAll(file); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.csv", i)), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestManySmallFilesMatchHolding holds a directory of small files of
// several headers, with problems, to the holding path, streamed with and
// without a sink (validate's way), problems kept or bounded; with a file
// the stream cannot read among them (cp1251, a workbook: the load falls
// back) and with ids repeated across files (a repeat pass).
func TestManySmallFilesMatchHolding(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of the streaming and holding loaders: run without -short")
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		opts   gen.Options
		extra  string // "cp1251", "xlsx", "projects": a file of that kind among them
		stream bool
	}{
		{"clean", gen.Options{N: 150, Seed: 3, NoDuplicateIDs: true}, "", true},
		{"warnings and errors", gen.Options{N: 200, Seed: 5, WarnEvery: 3, Errors: 20, NoDuplicateIDs: true}, "", true},
		{"repeated ids across files", gen.Options{N: 150, Seed: 7, Errors: 10, WarnEvery: 4}, "", true},
		{"a copied row", gen.Options{N: 150, Seed: 9, CopyRow: 40}, "", true},
		{"a cp1251 file among them", gen.Options{N: 80, Seed: 11, WarnEvery: 5, NoDuplicateIDs: true}, "cp1251", false},
		{"a workbook among them", gen.Options{N: 80, Seed: 13, Errors: 5, NoDuplicateIDs: true}, "xlsx", false},
		// the header of the files before, then a byte that is not UTF-8 or
		// a control character: the header is read again (headerMemo)
		{"a row not UTF-8", gen.Options{N: 80, Seed: 15, NoDuplicateIDs: true}, "latin1", false},
		{"a control character in a row", gen.Options{N: 80, Seed: 17, NoDuplicateIDs: true}, "control", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSmallFiles(t, dir, tc.opts)
			switch tc.extra {
			case "cp1251":
				text, err := charmap.Windows1251.NewEncoder().Bytes([]byte("id;name;kind;district;area_ha;status;as_of;source\n" +
					"W1;Сауран;site;Sauran district;8,5;operating;2024-01-01;Әкімдік\n"))
				if err != nil {
					text, _ = charmap.Windows1251.NewEncoder().Bytes([]byte("id;name;kind;district;area_ha;status;as_of;source\n" +
						"W1;Сауран;site;Sauran district;8,5;operating;2024-01-01;Акимат\n"))
				}
				os.WriteFile(filepath.Join(dir, "f050w.csv"), text, 0o644)
			case "latin1", "control":
				data, err := os.ReadFile(filepath.Join(dir, "f000.csv"))
				if err != nil {
					t.Fatal(err)
				}
				i := bytes.IndexByte(data, '\n') + 3
				data[i] = map[string]byte{"latin1": 0xe9, "control": 0x01}[tc.extra]
				os.WriteFile(filepath.Join(dir, "f050b.csv"), data, 0o644)
			case "xlsx":
				f := excelize.NewFile()
				for c, v := range []any{"id", "name", "kind", "district", "area_ha", "status", "as_of", "source"} {
					ref, _ := excelize.CoordinatesToCellName(c+1, 1)
					f.SetCellValue("Sheet1", ref, v)
				}
				for c, v := range []any{"X1", "Book", "site", "Sauran district", 8.5, "operating", "2024-01-01", "akimat"} {
					ref, _ := excelize.CoordinatesToCellName(c+1, 2)
					f.SetCellValue("Sheet1", ref, v)
				}
				if err := f.SaveAs(filepath.Join(dir, "f050x.xlsx")); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			for _, keep := range []int{0, 20} {
				hold, err := decode.Load([]string{dir}, decode.Options{Today: today, Keep: keep})
				if err != nil {
					t.Fatal(err)
				}
				want, err := parks.Aggregate(hold.Dataset, parks.ByDistrict, parks.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				got, err := decode.Load([]string{dir}, decode.Options{Today: today, Keep: keep, Stream: &Fold{By: parks.ByDistrict}})
				if err != nil {
					t.Fatal(err)
				}
				if (got.Result != nil) != tc.stream {
					t.Fatalf("keep %d: streamed %v, want %v", keep, got.Result != nil, tc.stream)
				}
				res := got.Result
				if res == nil {
					res, _ = parks.Aggregate(got.Dataset, parks.ByDistrict, parks.Filter{})
				}
				if g, w := printed(got), printed(hold); !reflect.DeepEqual(g, w) {
					t.Errorf("keep %d: problems differ: %s", keep, listDiff(g, w))
				}
				ge, gw := got.Problems.Count()
				he, hw := hold.Problems.Count()
				if ge != he || gw != hw || !reflect.DeepEqual(got.Problems.ByRule(), hold.Problems.ByRule()) {
					t.Errorf("keep %d: %d errors, %d warnings, by rule %v; want %d, %d, %v", keep, ge, gw, got.Problems.ByRule(), he, hw, hold.Problems.ByRule())
				}
				if got.RowsIn != hold.RowsIn || got.RowsUsed != hold.RowsUsed || got.RowsReported != hold.RowsReported {
					t.Errorf("keep %d: rows in/used/reported %d/%d/%d, want %d/%d/%d", keep,
						got.RowsIn, got.RowsUsed, got.RowsReported, hold.RowsIn, hold.RowsUsed, hold.RowsReported)
				}
				if !reflect.DeepEqual(got.Inputs, hold.Inputs) {
					t.Errorf("keep %d: inputs %+v, want %+v", keep, got.Inputs, hold.Inputs)
				}
				if g, w := resultJSON(t, res), resultJSON(t, want); g != w {
					t.Errorf("keep %d: aggregate differs:\n%s\nwant\n%s", keep, g, w)
				}
				if keep > 0 {
					continue
				}
				for _, render := range []bool{false, true} { // validate's way
					sink := &recordingSink{}
					var problems ProblemSink = sink
					if render {
						problems = &renderingSink{recordingSink: sink}
					}
					sunk, err := decode.Load([]string{dir}, decode.Options{Today: today, Stream: &Fold{By: parks.ByDistrict, Problems: problems}})
					if err != nil {
						t.Fatal(err)
					}
					if (sunk.Result != nil) != tc.stream {
						t.Fatalf("with a sink: streamed %v, want %v", sunk.Result != nil, tc.stream)
					}
					if sunk.Result != nil && !reflect.DeepEqual(sink.got, printed(hold)) {
						t.Errorf("render %v: problems handed on differ: %s", render, listDiff(sink.got, printed(hold)))
					}
				}
			}
		})
	}
}
