package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/parks-kz/parks/pkg/gen"
)

// A report-shaped workbook saved again by a real spreadsheet program, not
// by us: LibreOffice opens the generated workbook and writes it back as
// .xlsx (its own shared strings, styles and merge records) and as the CSV
// a Russian-locale user gets (`;`, decimal comma, grouped thousands;
// Windows-1251 for the Russian sheet, UTF-8 for the Kazakh one). parks
// reads each to the same figures as the canonical twin. Skipped when
// LibreOffice is not installed (Debian: apt-get install
// libreoffice-calc-nogui).
func TestAkimatLibreOfficeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice: run without -short")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	facs, err := gen.BuiltinFacilities()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	profile := "file://" + filepath.Join(root, "profile")
	convert := func(to, outdir string, files ...string) {
		t.Helper()
		args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", to, "--outdir", outdir}, files...)
		cmd := exec.Command(soffice, args...)
		cmd.Env = append(os.Environ(), "LC_ALL=ru_RU.UTF-8", "LANG=ru_RU.UTF-8", "HOME="+root)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %v: %v\n%s", args, err, out)
		}
	}
	for _, c := range []struct {
		lang    string
		unit    int64
		charset string // LibreOffice's text encoding number: 34 Windows-1251, 76 UTF-8
	}{{"ru", 1e9, "34"}, {"kk", 1e3, "76"}} {
		rep, err := gen.Akimat(facs, gen.AkimatOptions{Lang: c.lang, Unit: c.unit})
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(root, c.lang)
		if err := os.MkdirAll(src, 0o755); err != nil {
			t.Fatal(err)
		}
		_, _, xlsxTwin, csvTwin := akimatFiles(t, src, rep)
		in := filepath.Join(src, "report.xlsx")
		loX, loC := filepath.Join(src, "lo-xlsx"), filepath.Join(src, "lo-csv")
		convert("xlsx:Calc MS Excel 2007 XML", loX, in)
		convert("csv:Text - txt - csv (StarCalc):59,34,"+c.charset+",1", loC, in)
		for _, f := range []struct{ file, twin string }{
			{filepath.Join(loX, "report.xlsx"), xlsxTwin},
			{filepath.Join(loC, "report.csv"), csvTwin},
		} {
			want := mustRun(t, "summary", "-o", "json", f.twin)
			streams, out, errb := testIO()
			if code := Main([]string{"summary", "-o", "json", f.file}, streams); code != ExitOK {
				t.Errorf("%s: exit %d\n%s", f.file, code, firstLines(errb.String(), 10))
				continue
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s: differs from the canonical twin's:\n%s", f.file, firstDiff(out.String(), string(want)))
			}
		}
	}
}
