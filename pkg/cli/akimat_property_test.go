package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/parks"
)

// akimatFacilities are the facilities the report-shaped sheets are made
// of: the built-in dataset and generated ones (many per district, money to
// the tenge, so a figure in тыс./млн/млрд has up to nine decimals).
func akimatFacilities(t *testing.T) []*parks.Facility {
	t.Helper()
	facs, err := gen.BuiltinFacilities()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := gen.Write(&b, nil, gen.Options{N: 36, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	more, err := gen.ReadFacilities(&b)
	if err != nil {
		t.Fatal(err)
	}
	return append(facs, more...)
}

// akimatFiles writes a report's workbook and CSV form, and their canonical
// twins (source as the reader assigns a sheet with no source column: the
// file's name, and the sheet's for a workbook).
func akimatFiles(t *testing.T, dir string, rep *gen.Report) (xlsx, csv, xlsxTwin, csvTwin string) {
	t.Helper()
	write := func(name string, f func(w *bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xlsx = write("report.xlsx", func(w *bytes.Buffer) error { return rep.WriteXLSX(w) })
	csv = write("report.csv", func(w *bytes.Buffer) error { return rep.WriteCSV(w) })
	twin := func(source string) func(w *bytes.Buffer) error {
		return func(w *bytes.Buffer) error {
			for _, f := range rep.Facilities {
				f.Source = parks.Text(source)
			}
			return rep.WriteCanonical(w)
		}
	}
	xlsxTwin = write("xlsx-twin.csv", twin("report.xlsx, "+rep.Sheet))
	csvTwin = write("csv-twin.csv", twin("report.csv"))
	return
}

// mustRun runs a command and returns its stdout; a non-zero exit fails.
func mustRun(t *testing.T, args ...string) []byte {
	t.Helper()
	streams, out, errb := testIO()
	if code := Main(args, streams); code != ExitOK {
		t.Fatalf("parks %s: exit %d\n%s", strings.Join(args, " "), code, errb)
	}
	return out.Bytes()
}

// unhandled names the kinds of sheet layout does not read yet; each is set
// aside (logged) until it is handled. Empty it as they are.
func unhandled(rep *gen.Report, form string) string {
	return "" // root A (number cells under text cells with the decimal comma) is read since sheets' fix
}

// A canonical dataset laid out as an akimat's report — random grouping,
// order, subtotal and total wording, header spelling and rows, unit and
// where it is written, markers, numbers as text — gives, as a workbook and
// as Excel's CSV form (Windows-1251 or UTF-8 with BOM), the same JSON from
// every aggregate command as its canonical twin.
func TestAkimatReportSameAsCanonical(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of report-shaped sheets: run without -short")
	}
	facs := akimatFacilities(t)
	seeds := 16
	skipped := 0
	for seed := range uint64(seeds) {
		lang := []string{"ru", "kk"}[seed%2]
		rep, err := gen.Akimat(facs, gen.AkimatOptions{Lang: lang, Seed: seed, Vary: seed > 1})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		xlsx, csv, xlsxTwin, csvTwin := akimatFiles(t, dir, rep)
		for _, c := range []struct{ form, file, twin string }{{"xlsx", xlsx, xlsxTwin}, {"csv", csv, csvTwin}} {
			if why := unhandled(rep, c.form); why != "" {
				t.Logf("seed %d %s %s: set aside: %s", seed, lang, c.form, why)
				skipped++
				continue
			}
			for _, cmd := range [][]string{{"summary"}, {"buildings"}, {"investment"}, {"jobs"}, {"summary", "--by", "kind"}, {"list"}} {
				args := append(append([]string{}, cmd...), "-o", "json")
				want := mustRun(t, append(args, c.twin)...)
				streams, out, errb := testIO()
				if code := Main(append(args, c.file), streams); code != ExitOK {
					t.Errorf("seed %d %s %s %v (%+v): exit %d\n%s", seed, lang, c.form, cmd, rep.Variant, code, firstLines(errb.String(), 8))
					break
				}
				got := out.Bytes()
				if cmd[0] == "list" {
					// the sheet's ids are derived from district and name
					got, want = withoutIDs(t, got), withoutIDs(t, want)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("seed %d %s %s %v (%+v): differs from the canonical twin's:\n%s", seed, lang, c.form, cmd, rep.Variant, firstDiff(string(got), string(want)))
					break
				}
			}
		}
	}
	if skipped > seeds {
		t.Errorf("%d of %d sheets set aside as not handled yet", skipped, 2*seeds)
	}
}

// A subtotal that does not add up is found at its cell, in the workbook
// (Sheet!K30) and in the CSV form (line and character column), in the
// reader's language, and nothing is computed from such a sheet.
func TestAkimatWrongSubtotalFoundAtItsCell(t *testing.T) {
	facs, err := gen.BuiltinFacilities()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ru", "kk"} {
		rep, err := gen.Akimat(facs, gen.AkimatOptions{Lang: lang, WrongSubtotal: true})
		if err != nil {
			t.Fatal(err)
		}
		w := rep.Wrong
		xlsx, csv, _, _ := akimatFiles(t, t.TempDir(), rep)
		// The CSV cell's column is its first character's, counted in the line.
		col := 1
		for c := range w.Col {
			col += utf8.RuneCountInString(rep.Rows[w.Row][c].Text) + 1
		}
		for _, c := range []struct{ file, pos string }{
			{xlsx, fmt.Sprintf("%s:%s!%s: ", xlsx, rep.Sheet, w.Cell)},
			{csv, fmt.Sprintf("%s:%d:%d: ", csv, w.Row+1, col)},
		} {
			streams, _, errb := testIO()
			code := Main([]string{"validate", "--lang", lang, c.file}, streams)
			if code != ExitInvalid {
				t.Errorf("%s %s: exit %d, want %d\n%s", lang, c.file, code, ExitInvalid, errb)
			}
			io2, out, _ := testIO()
			Main([]string{"validate", "--lang", lang, c.file}, io2)
			text := out.String() + errb.String()
			var line string
			for l := range strings.Lines(text) {
				if strings.Contains(l, "[total-mismatch]") {
					if line != "" {
						t.Errorf("%s: more than one total-mismatch:\n%s", c.file, text)
					}
					line = l
				}
			}
			if !strings.HasPrefix(line, c.pos) {
				t.Errorf("%s %s: want the problem at %q, got %q", lang, c.file, c.pos, line)
			}
			digits := strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(line)
			if !strings.Contains(digits, fmt.Sprint(w.Says)) || !strings.Contains(digits, fmt.Sprint(w.Sum)) {
				t.Errorf("%s %s: the message does not say %d and %d: %q", lang, c.file, w.Says, w.Sum, line)
			}
			io3, _, errb3 := testIO()
			if Main([]string{"summary", c.file}, io3) != ExitInvalid || !strings.Contains(errb3.String(), "[total-mismatch]") {
				t.Errorf("%s %s: summary computed from a sheet whose subtotal is wrong:\n%s", lang, c.file, errb3)
			}
		}
	}
}

// withoutIDs drops the "id" lines of `list -o json` output.
func withoutIDs(t *testing.T, out []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	for l := range strings.Lines(string(out)) {
		if !strings.HasPrefix(strings.TrimSpace(l), `"id": `) {
			b.WriteString(l)
		}
	}
	return b.Bytes()
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfterN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}

// firstDiff shows the first line where two outputs part, with context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			from := max(0, i-4)
			return fmt.Sprintf("line %d\n--- sheet\n%s\n--- canonical\n%s", i+1,
				strings.Join(g[from:min(len(g), i+3)], "\n"), strings.Join(w[from:min(len(w), i+3)], "\n"))
		}
	}
	return ""
}
