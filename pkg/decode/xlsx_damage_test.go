package decode

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
)

// facilityBook is a workbook of n facilities under a header in row 1.
func facilityBook(t testing.TB, n int) []byte {
	rows := [][]any{{"id", "name", "district", "area_ha", "jobs_planned"}}
	for i := 1; i <= n; i++ {
		rows = append(rows, []any{fmt.Sprintf("f%d", i), fmt.Sprintf("Facility %d", i), "Arys city", float64(i), float64(10 * i)})
	}
	return workbook(t, map[string][][]any{"Data": rows}, "Data")
}

// rezip rewrites a workbook's entries: edit gets each entry's name and
// bytes and returns the bytes to store; store keeps the entries
// uncompressed (so a test can change bytes in the archive itself).
func rezip(t testing.TB, data []byte, store bool, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate}
		if store {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// breakRow removes the quote that opens the r attribute of row's first
// cell in the first worksheet: a missing quote inside a valid zip.
func breakRow(t testing.TB, data []byte, row int) []byte {
	return rezip(t, data, false, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		old := fmt.Sprintf(`<c r="A%d"`, row)
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("no %s in the sheet", old)
		}
		return bytes.Replace(b, []byte(old), []byte(fmt.Sprintf(`<c r=A%d"`, row)), 1)
	})
}

// loadBytes writes data to a file of the given name and loads it.
func loadBytes(t *testing.T, name string, data []byte) *Loaded {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load([]string{path}, Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for i := range l.Problems.Problems {
		l.Problems.Problems[i].Pos.File = name
	}
	return l
}

func errorsOf(l *Loaded) []string {
	var out []string
	for _, p := range l.Problems.Problems {
		if p.Severity.String() == "error" {
			out = append(out, p.Pos.String()+": "+i18n.ProblemMessage(i18n.EN, p)+" ["+p.Rule+"]")
		}
	}
	return out
}

// A worksheet whose XML breaks at row 40 of 100 (one quote missing) is an
// error at that row, through the fast reader and through excelize alone;
// no facility of the sheet is used, and its rows are counted as left out.
func TestDamagedSheetXML(t *testing.T) {
	data := breakRow(t, facilityBook(t, 100), 41) // facility 40 is in row 41
	for _, excelizeOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("excelizeOnly=%v", excelizeOnly), func(t *testing.T) {
			defer func(old bool) { xlsxExcelizeOnly = old }(xlsxExcelizeOnly)
			xlsxExcelizeOnly = excelizeOnly
			l := loadBytes(t, "b.xlsx", data)
			errs := errorsOf(l)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], "b.xlsx:Data!A41: sheet “Data” is damaged from about this row on (XML syntax error") {
				t.Fatalf("errors: %q", errs)
			}
			if l.RowsUsed != 0 || l.RowsIn != 101 || l.RowsReported != 101 {
				t.Errorf("rows in %d, used %d, left out %d; want 101 (the header too), 0, 101", l.RowsIn, l.RowsUsed, l.RowsReported)
			}
		})
	}
}

// A sheet excelize cannot read whole for a reason other than an XML
// syntax error (a bool attribute it types written "trje") is refused when
// it is read through excelize: that path would read its rows without the
// merged ranges and the cells' types, so a merged data cell would read
// blank and a date serial as a number. The fast reader reads the sheet as
// written. The rows of the refused sheet are counted as left out.
func TestSheetExcelizeCannotReadWhole(t *testing.T) {
	data := rezip(t, facilityBook(t, 3), false, func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return bytes.Replace(b, []byte("<sheetView "), []byte(`<sheetView tabSelected="trje" `), 1)
		}
		return b
	})
	if !strings.Contains(sheetXML(t, data), "trje") {
		t.Fatal("the sheet has no sheetView to break")
	}
	for _, c := range []struct {
		excelizeOnly bool
		errs         int
		used         int
	}{{false, 0, 3}, {true, 1, 0}} {
		t.Run(fmt.Sprintf("excelizeOnly=%v", c.excelizeOnly), func(t *testing.T) {
			defer func(old bool) { xlsxExcelizeOnly = old }(xlsxExcelizeOnly)
			xlsxExcelizeOnly = c.excelizeOnly
			l := loadBytes(t, "b.xlsx", data)
			errs := errorsOf(l)
			if len(errs) != c.errs || c.errs == 1 && !strings.HasPrefix(errs[0], "b.xlsx:Data!A1: cannot read sheet “Data”: ") {
				t.Fatalf("errors: %q", errs)
			}
			if l.RowsUsed != c.used {
				t.Errorf("rows used %d, want %d", l.RowsUsed, c.used)
			}
			if c.errs == 1 && l.RowsReported != 4 {
				t.Errorf("rows left out %d, want 4 (the header too)", l.RowsReported)
			}
		})
	}
}

// A damaged row late in a large sheet is found in time that grows with the
// sheet, not with the square of the row's index (excelize rereads the whole
// sheet for every cell's type when it cannot parse it).
func TestDamagedSheetXMLLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10,000-row workbook")
	}
	data := breakRow(t, facilityBook(t, 10000), 9000)
	start := time.Now()
	l := loadBytes(t, "big.xlsx", data)
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("a damaged row at 9,000 took %v", took)
	}
	if errs := errorsOf(l); len(errs) != 1 || !strings.HasPrefix(errs[0], "big.xlsx:Data!A9000: ") {
		t.Errorf("errors: %q", errs)
	}
}

// A zip entry whose bytes no longer match its CRC (a tampered or damaged
// file: one figure changed in an uncompressed sheet) is an error of the
// workbook; nothing in it is read. A truncated deflate stream too.
func TestDamagedZip(t *testing.T) {
	good := rezip(t, facilityBook(t, 5), true, func(_ string, b []byte) []byte { return b })
	if errs := errorsOf(loadBytes(t, "good.xlsx", good)); len(errs) != 0 {
		t.Fatalf("the stored workbook: %q", errs)
	}
	i := bytes.Index(good, []byte("<v>30</v>")) // jobs_planned of facility 3
	if i < 0 {
		t.Fatal("no <v>30</v> in the stored workbook")
	}
	tampered := bytes.Clone(good)
	tampered[i+3] = '9'
	l := loadBytes(t, "t.xlsx", tampered)
	errs := errorsOf(l)
	if len(errs) != 1 || errs[0] != "t.xlsx: the workbook is damaged: its part xl/worksheets/sheet1.xml does not unpack (zip: checksum error); nothing in it is read. Open it in Excel and save it again, or ask for a new copy [format-error]" {
		t.Errorf("errors: %q", errs)
	}
	if l.RowsUsed != 0 {
		t.Errorf("%d rows used from a damaged workbook", l.RowsUsed)
	}

	// a deflated entry cut short: its compressed size still says more
	deflated := facilityBook(t, 5)
	zr, _ := zip.NewReader(bytes.NewReader(deflated), int64(len(deflated)))
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			off, _ := f.DataOffset()
			cut := bytes.Clone(deflated)
			for j := off + int64(f.CompressedSize64)/2; j < off+int64(f.CompressedSize64); j++ {
				cut[j] = 0
			}
			if errs := errorsOf(loadBytes(t, "c.xlsx", cut)); len(errs) != 1 || !strings.Contains(errs[0], "is damaged") {
				t.Errorf("zeroed deflate stream: %q", errs)
			}
		}
	}
}

// A second sheet whose header sits below the rows searched is not passed
// over in silence: within the rows every reader searches
// (layout.HeaderSearchRows, row 23 here) it is read; below them (row 43) a
// warning at that row says it is not read, naming the same bound.
func TestSheetHeaderBelowSearch(t *testing.T) {
	sheet := func(above int) [][]any {
		low := [][]any{}
		for i := 0; i < above; i++ {
			low = append(low, []any{fmt.Sprintf("note %d", i)})
		}
		low = append(low, []any{"id", "name", "district", "area_ha"})
		for i := 0; i < 5; i++ {
			low = append(low, []any{fmt.Sprintf("g%d", i), "G", "Arys city", 1.0})
		}
		return low
	}
	for _, tc := range []struct {
		above, used int
		warn        string
	}{{22, 6, ""}, {42, 1, "w.xlsx:Low!A43 warning"}} {
		data := workbook(t, map[string][][]any{
			"Title": {{"Report"}, {"2025"}},
			"Main":  {{"id", "name", "district", "area_ha"}, {"f1", "F", "Arys city", 2.0}},
			"Low":   sheet(tc.above),
		}, "Title", "Main", "Low")
		l := loadBytes(t, "w.xlsx", data)
		var got []string
		for _, p := range l.Problems.Problems {
			if p.Rule == "missing-label" {
				got = append(got, p.Pos.String()+" "+p.Severity.String())
			}
		}
		if l.RowsUsed != tc.used || strings.Join(got, "") != tc.warn {
			t.Errorf("header under %d rows: %d rows used; missing-label problems: %q", tc.above, l.RowsUsed, got)
		}
	}
	low := sheet(42)

	// what skipped says of a sheet no reader took
	nums := make([]int, len(low))
	rows := make([][]string, len(low))
	for i, r := range low {
		nums[i] = i + 1
		for _, v := range r {
			rows[i] = append(rows[i], fmt.Sprint(v))
		}
	}
	for _, tc := range []struct {
		rows [][]string
		want string
	}{
		{rows, "w.xlsx:Low!A43: warning: sheet “Low” has what looks like a header row here, below the first 40 rows parks searches for one; the sheet is not read"},
		{rows[:42], "w.xlsx:Low!A1: warning: sheet “Low” holds 42 rows but no header row of facilities or projects in its first 40 rows; it is not read"},
		{rows[:5], ""},
	} {
		env := testEnv(t)
		x := &xlsxSheet{file: "w.xlsx", sheet: "Low", env: env}
		x.skipped(nums, tc.rows)
		var got string
		for _, p := range env.Problems.Problems {
			got = i18n.Problem(i18n.EN, p)
		}
		if !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("%d rows: %q, want %q", len(tc.rows), got, tc.want)
		}
	}
}

// excelize unpacks large sheets into a directory of the load's own,
// registered for a signal handler and removed when the workbook is read.
func TestUnpackDirRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir, done := unpackDir()
	if dir == "" || filepath.Dir(dir) != tmp {
		t.Fatalf("unpack dir %q", dir)
	}
	done()
	DecodeXLSX("f.xlsx", facilityBook(t, 3), testEnv(t), &recorder{})
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary directory: %v", entries)
	}
}

// damagedSeeds adds damaged workbooks to a fuzz target: a worksheet whose
// XML breaks at a row, an entry whose CRC no longer matches, a deflate
// stream zeroed half-way, an archive cut short.
func damagedSeeds(f *testing.F) {
	book := facilityBook(f, 12)
	f.Add(breakRow(f, book, 6))
	stored := rezip(f, book, true, func(_ string, b []byte) []byte { return b })
	if i := bytes.Index(stored, []byte("<v>30</v>")); i >= 0 {
		tampered := bytes.Clone(stored)
		tampered[i+3] = '9'
		f.Add(tampered)
	}
	zeroed := bytes.Clone(book)
	for i := len(zeroed) / 3; i < len(zeroed)/2; i++ {
		zeroed[i] = 0
	}
	f.Add(zeroed)
	f.Add(book[:len(book)*2/3])
}

// FuzzDamagedWorksheet decodes mutated worksheet XML (seeded with a sound
// sheet and broken ones) through the fast reader and through excelize
// alone: never a panic, every problem at the file or a cell, and every row
// read either handed on or reported (no row lost without a count).
func FuzzDamagedWorksheet(f *testing.F) {
	book := facilityBook(f, 8)
	sound := sheetXML(f, book)
	f.Add(sound)
	f.Add(strings.Replace(sound, `<c r="A5"`, `<c r=A5"`, 1))
	f.Add(strings.Replace(sound, `</row>`, ``, 1))
	f.Add(sound[:len(sound)/2])
	f.Add(strings.Replace(sound, `<sheetData>`, `<sheetData><!-- c -->`, 1))
	f.Fuzz(func(t *testing.T, xml string) {
		data := withSheetXML(t, book, xml)
		for _, excelizeOnly := range []bool{false, true} {
			func() {
				defer func(old bool) { xlsxExcelizeOnly = old }(xlsxExcelizeOnly)
				xlsxExcelizeOnly = excelizeOnly
				defer func() {
					if p := recover(); p != nil && excelizeOnly {
						t.Skipf("excelize panics: %v", p)
					} else if p != nil {
						panic(p)
					}
				}()
				env := testEnv(t)
				rec := &recorder{}
				DecodeXLSX("f.xlsx", data, env, rec)
				if got := len(rec.facilities) + len(rec.projects) + env.RowsDropped; got != env.RowsIn {
					t.Errorf("excelizeOnly %v: %d rows in, %d handed on or dropped", excelizeOnly, env.RowsIn, got)
				}
				for _, p := range env.Problems.Problems {
					if p.Pos.File != "f.xlsx" || p.Pos.Cell != "" && !cellRef.MatchString(p.Pos.Cell) {
						t.Errorf("problem at %q: %+v", p.Pos, p)
					}
				}
			}()
		}
	})
}
