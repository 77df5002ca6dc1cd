package decode

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
)

// A workbook whose sheet names a cell far away (XFD1048576) is refused
// quickly, before excelize builds the sheet in memory.
func TestXLSXFarCellRefused(t *testing.T) {
	good := workbook(t, map[string][][]any{"S": {{"id", "name", "district"}, {"a", "A", 5.0}}}, "S")
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		var b bytes.Buffer
		_, _ = b.ReadFrom(r)
		data := b.String()
		if f.Name == "xl/worksheets/sheet1.xml" {
			data = strings.Replace(data, "</sheetData>", `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>`, 1)
		}
		w, _ := zw.Create(f.Name)
		_, _ = w.Write([]byte(data))
	}
	_ = zw.Close()
	start := time.Now()
	env := testEnv(t)
	DecodeXLSX("f.xlsx", out.Bytes(), env, &recorder{})
	if len(env.Problems.Problems) == 0 || !strings.Contains(i18n.ProblemMessage(i18n.EN, env.Problems.Problems[0]), "goes past row 100000") {
		t.Errorf("problems: %v", env.Problems.Problems)
	}
	t.Log(time.Since(start))
}
