package decode

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
)

// A header cell is bounded like a data cell: a 10 MB label is a
// limit-error at its cell, found at once (it cost seconds and gigabytes
// matched against every column name), in CSV and in a workbook.
func TestHeaderCellBounded(t *testing.T) {
	long := strings.Repeat("x", 10<<20)
	for name, data := range map[string][]byte{
		"h.csv": []byte("id,name," + long + ",district\na,A,1,Arys city\n"),
		// excelize writes at most Excel's 32,767 characters in a cell: the
		// shared string is made long in the archive
		"h.xlsx": rezip(t, workbook(t, map[string][][]any{"S": {{"id", "name", "LONG", "district"}, {"a", "A", 1.0, "Arys city"}}}, "S"), false,
			func(name string, b []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					return bytes.Replace(b, []byte("LONG"), []byte(long), 1)
				}
				return b
			}),
	} {
		start := time.Now()
		l := loadBytes(t, name, data)
		// generous bounds on a shared machine: the CSV took 6 s unbounded;
		// the workbook's time is mostly excelize unpacking a 10 MB string
		if took := time.Since(start); took > map[string]time.Duration{"h.csv": 5 * time.Second, "h.xlsx": 20 * time.Second}[name] {
			t.Errorf("%s: %v", name, took)
		}
		var got []string
		for _, p := range l.Problems.Problems {
			got = append(got, i18n.Problem(i18n.EN, p))
		}
		want := name + ":1:9: error: the header cell holds 10,485,760 bytes, more than the 1,048,576 parks reads in a cell; the header is not read [limit-error]"
		if name == "h.xlsx" {
			want = strings.Replace(want, ":1:9:", ":S!C1:", 1)
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: %q", name, got)
		}
		if l.RowsUsed != 0 || l.RowsIn != 1 || l.RowsReported != 1 {
			t.Errorf("%s: rows in %d, used %d, left out %d", name, l.RowsIn, l.RowsUsed, l.RowsReported)
		}
	}
}

// A shared string is held once however many cells show it: a workbook of
// 4,000 rows whose notes are all one 900 KB string (about 100 KB packed)
// is read in far less memory than 4,000 copies (3.6 GB).
func TestSharedStringHeldOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("4,000 rows")
	}
	rows := [][]any{{"id", "name", "district", "area_ha", "notes"}}
	for i := 0; i < 4000; i++ {
		rows = append(rows, []any{fmt.Sprintf("f%d", i), "F", "Arys city", float64(i + 1), "LONG"})
	}
	note := strings.Repeat("сноска ", 900<<10/len("сноска ")) + "."
	data := rezip(t, workbook(t, map[string][][]any{"S": rows}, "S"), false, func(name string, b []byte) []byte {
		if name == "xl/sharedStrings.xml" {
			return bytes.Replace(b, []byte(">LONG<"), []byte(">"+note+"<"), 1)
		}
		return b
	})
	if len(data) > 200<<10 {
		t.Fatalf("the workbook is %d bytes", len(data))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l := loadBytes(t, "s.xlsx", data)
	runtime.ReadMemStats(&after)
	if l.RowsUsed != 4000 || len(string(l.Dataset.Facilities[3999].Notes)) != len(note) {
		t.Fatalf("%d rows used", l.RowsUsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
		t.Errorf("reading took %d MB", alloc>>20)
	}

	// excelize copies the string for every cell: a sheet only it reads
	// stops at maxSheetText, an error at the row reached, its rows left out
	defer func(old bool) { xlsxExcelizeOnly = old }(xlsxExcelizeOnly)
	xlsxExcelizeOnly = true
	start := time.Now()
	l = loadBytes(t, "s.xlsx", data)
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("excelize alone: %v", took)
	}
	errs := errorsOf(l)
	if len(errs) != 1 || !strings.Contains(errs[0], "holds more than 256 MB of text by this row") || l.RowsUsed != 0 || l.RowsReported != l.RowsIn || l.RowsIn < 4000 {
		t.Errorf("excelize alone: %d rows in, %d used; %q", l.RowsIn, l.RowsUsed, errs)
	}
}

// A file or stdin larger than the holding path holds is refused with an
// error, after reading at most one byte past the bound (stdin from
// /dev/zero ended in a fatal out-of-memory).
func TestFileSizeBounded(t *testing.T) {
	defer func(n int64) { maxFileBytes = n }(maxFileBytes)
	maxFileBytes = 1000
	big := []byte("id,name,kind,district\n" + strings.Repeat("a,A,site,Arys city\n", 100))
	l := loadBytes(t, "big.csv", big)
	if errs := errorsOf(l); len(errs) != 1 || !strings.HasPrefix(errs[0], "big.csv: the file is larger than the 0 MB parks holds in memory") || l.FilesUnread != 1 {
		t.Errorf("file: %q", errs)
	}
	zero := &countingReader{}
	l, err := Load([]string{"-"}, Options{Stdin: zero, InputFormat: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorsOf(l); len(errs) != 1 || !strings.HasPrefix(errs[0], "stdin: the file is larger") {
		t.Errorf("stdin: %q", errs)
	}
	if zero.n > maxFileBytes+1 {
		t.Errorf("read %d bytes of stdin", zero.n)
	}
}

// countingReader is /dev/zero that counts what was read.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	clear(p)
	r.n += int64(len(p))
	return len(p), nil
}
