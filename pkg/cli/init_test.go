package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/xuri/excelize/v2"
)

func testIO() (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &IO{Out: &out, Err: &errb, Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}, &out, &errb
}

// The commented example in dataset.yaml, uncommented, is a valid dataset
// with one facility and one project.
func TestInitYAMLExampleIsValid(t *testing.T) {
	var lines []string
	for _, line := range strings.Split(string(exampleYAML()), "\n") {
		rest, commented := strings.CutPrefix(line, "# ")
		switch {
		case line == "facilities: []" || line == "projects: []":
		case commented && (strings.HasPrefix(rest, "  ") || slices.Contains([]string{"dataset:", "facilities:", "projects:"}, rest)):
			lines = append(lines, rest)
		default:
			lines = append(lines, line)
		}
	}
	path := filepath.Join(t.TempDir(), "example.yaml")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := decode.Load([]string{path}, decode.Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Problems.Problems) != 0 || len(l.Dataset.Facilities) != 1 || len(l.Dataset.Projects) != 1 {
		t.Fatalf("uncommented example: %d facilities, %d projects, problems %v\n%s", len(l.Dataset.Facilities), len(l.Dataset.Projects), l.Problems.Problems, strings.Join(lines, "\n"))
	}
	f := l.Dataset.Facilities[0]
	if f.InvestmentPrivate.V != 10_400_000_000 || f.JobsPlanned.V != 6040 || f.AreaHa.M2 != 1_005_000 {
		t.Errorf("example figures read as %+v", f)
	}
}

// The template workbook has the header row, a note on every column and
// drop-down lists for kind, status and district; a row typed into it loads.
func TestInitTemplateWorkbook(t *testing.T) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	data, err := templateXLSX(gaz, i18n.RU)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("facilities")
	if err != nil || len(rows) != 1 || !slices.Equal(rows[0], parks.FacilitySchema.Names()) {
		t.Fatalf("facilities header = %v, %v", rows, err)
	}
	comments, err := f.GetComments("facilities")
	if err != nil || len(comments) != len(parks.FacilitySchema.Columns) {
		t.Fatalf("%d comments, %v; want one per column", len(comments), err)
	}
	if !strings.Contains(comments[4].Paragraph[0].Text, "hectares") || !strings.Contains(comments[4].Paragraph[0].Text, "ru: площадь") {
		t.Errorf("area_ha note = %q", comments[4].Paragraph[0].Text)
	}
	dvs, err := f.GetDataValidations("facilities")
	if err != nil || len(dvs) != 3 {
		t.Fatalf("%d data validations, %v; want kind, status, district", len(dvs), err)
	}
	var districtList string
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "D2:") {
			districtList = dv.Formula1
		}
	}
	if districtList == "" {
		t.Fatalf("no drop-down on the district column: %+v", dvs)
	}
	// the list the district drop-down points at holds the Russian names
	ref := strings.Trim(strings.TrimPrefix(strings.TrimSuffix(districtList, "</formula1>"), "<formula1>"), " ")
	sheet, rng, _ := strings.Cut(ref, "!")
	first, _, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	v, err := f.GetCellValue(sheet, first)
	if err != nil || gaz.Regions[0].Districts[0].RU != v {
		t.Errorf("district list %q starts with %q, %v; want %q", ref, v, err, gaz.Regions[0].Districts[0].RU)
	}
	// an official fills one row with drop-down values
	row := []any{"p1", "Парк", "park", gaz.Regions[0].Districts[0].RU, 12.5, nil, nil, nil, nil, nil, 100}
	if err := f.SetSheetRow("facilities", "A2", &row); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, "filled.xlsx")); err != nil {
		t.Fatal(err)
	}
	l, err := decode.Load([]string{dir}, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Problems.HasErrors() || len(l.Dataset.Facilities) != 1 || l.Dataset.Facilities[0].AreaHa.M2 != 125000 || l.Dataset.Facilities[0].KATO != gaz.Regions[0].Districts[0].KATO {
		t.Fatalf("filled template: %+v, problems %v", l.Dataset.Facilities, l.Problems.Problems)
	}
}

// `parks init` refuses to overwrite, and its output reloads with no error.
func TestInitWritesAndRefusesToOverwrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	io, out, _ := testIO()
	if code := Main([]string{"init", dir}, io); code != ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	for _, name := range []string{initFacilitiesCSV, initProjectsCSV, initYAML, initXLSX} {
		if !strings.Contains(out.String(), filepath.Join(dir, name)) {
			t.Errorf("output does not name %s: %s", name, out)
		}
	}
	io, _, errb := testIO()
	if code := Main([]string{"init", dir}, io); code != ExitError || !strings.Contains(errb.String(), "already exists") {
		t.Errorf("second init: exit %d, %s", code, errb)
	}
	io, _, _ = testIO()
	if code := Main([]string{"init", dir, "--force"}, io); code != ExitOK {
		t.Errorf("init --force: exit %d", code)
	}
	l, err := decode.Load([]string{dir}, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Problems.HasErrors() || l.RowsIn != 0 {
		t.Errorf("reloading the skeleton: %d rows, problems %v", l.RowsIn, l.Problems.Problems)
	}
	for _, p := range l.Problems.Problems {
		if p.Rule != "no-rows" {
			t.Errorf("unexpected problem on reload: %v", p)
		}
	}
}
