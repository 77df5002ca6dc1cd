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
// drop-down lists for kind, status, district and sector, all in the
// language asked for; rows typed into it with the drop-down values load
// without a problem.
func TestInitTemplateWorkbook(t *testing.T) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	sectors, err := refdata.Sectors()
	if err != nil {
		t.Fatal(err)
	}
	aliases := aliasMap()
	for _, tc := range []struct {
		lang                      i18n.Lang
		idHeader, areaNote        string
		kind, status, sector      string // drop-down values an official picks
		firstDistrict, listErrMsg string
	}{
		{i18n.EN, "id", "hectares", "park", "operating", sectors.List[0].Code, gaz.Regions[0].Districts[0].EN, "use a value from the list"},
		{i18n.RU, aliases["id"].RU[0], "площадь земли в гектарах; единица измерения: га", "парк", "действует", sectors.List[0].RU, gaz.Regions[0].Districts[0].RU, "выберите значение из списка"},
		{i18n.KK, aliases["id"].KK[0], "жер аумағы, гектармен; өлшем бірлігі: га", "алаң", "салынуда", sectors.List[0].KK, gaz.Regions[0].Districts[0].KK, "тізімнен мән таңдаңыз"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			data, err := templateXLSX(gaz, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("facilities")
			if err != nil || len(rows) != 1 || len(rows[0]) != len(parks.FacilitySchema.Columns) || rows[0][0] != tc.idHeader {
				t.Fatalf("facilities header = %v, %v", rows, err)
			}
			if tc.lang == i18n.EN && !slices.Equal(rows[0], parks.FacilitySchema.Names()) {
				t.Errorf("English header %v is not the canonical names", rows[0])
			}
			comments, err := f.GetComments("facilities")
			if err != nil || len(comments) != len(parks.FacilitySchema.Columns) {
				t.Fatalf("%d comments, %v; want one per column", len(comments), err)
			}
			if note := comments[4].Paragraph[0].Text; !strings.Contains(note, tc.areaNote) {
				t.Errorf("area_ha note = %q, want %q in it", note, tc.areaNote)
			}
			dvs, err := f.GetDataValidations("facilities")
			if err != nil || len(dvs) != 3 {
				t.Fatalf("%d data validations, %v; want kind, status, district", len(dvs), err)
			}
			list := func(dvs []*excelize.DataValidation, col string) []string {
				for _, dv := range dvs {
					if strings.HasPrefix(dv.Sqref, col+"2:") {
						if *dv.Error != tc.listErrMsg {
							t.Errorf("drop-down %s error %q", col, *dv.Error)
						}
						ref := strings.Trim(strings.TrimPrefix(strings.TrimSuffix(dv.Formula1, "</formula1>"), "<formula1>"), " ")
						sheet, rng, _ := strings.Cut(ref, "!")
						first, last, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
						var out []string
						cells, _ := f.GetRows(sheet)
						c0, r0, _ := excelize.CellNameToCoordinates(first)
						_, r1, _ := excelize.CellNameToCoordinates(last)
						for r := r0; r <= r1 && r <= len(cells); r++ {
							out = append(out, cells[r-1][c0-1])
						}
						return out
					}
				}
				t.Fatalf("no drop-down on column %s: %+v", col, dvs)
				return nil
			}
			if l := list(dvs, "D"); l[0] != tc.firstDistrict {
				t.Errorf("district list starts with %q, want %q", l[0], tc.firstDistrict)
			}
			if l := list(dvs, "C"); !slices.Contains(l, tc.kind) {
				t.Errorf("kind list %v lacks %q", l, tc.kind)
			}
			pdvs, _ := f.GetDataValidations("projects")
			sectorCol, _ := excelize.ColumnNumberToName(parks.ProjectSchema.Col("sector") + 1)
			if l := list(pdvs, sectorCol); !slices.Contains(l, tc.sector) {
				t.Errorf("sector list %v lacks %q", l, tc.sector)
			}

			// an official fills a facility and a project with drop-down values
			fac := make([]any, len(parks.FacilitySchema.Columns))
			for i, c := range parks.FacilitySchema.Columns {
				fac[i] = map[string]any{"id": "p1", "name": "Парк", "kind": tc.kind, "district": tc.firstDistrict, "area_ha": 12.5,
					"status": tc.status, "as_of": "2025-01-01", "source": "akimat", "jobs_planned": 100}[c.Name]
			}
			if err := f.SetSheetRow("facilities", "A2", &fac); err != nil {
				t.Fatal(err)
			}
			proj := make([]any, len(parks.ProjectSchema.Columns))
			for i, c := range parks.ProjectSchema.Columns {
				proj[i] = map[string]any{"id": "p1-1", "facility_id": "p1", "name": "Цех", "sector": tc.sector,
					"status": tc.status, "as_of": "2025-01-01", "source": "akimat", "jobs_planned": 10}[c.Name]
			}
			if err := f.SetSheetRow("projects", "A2", &proj); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := f.SaveAs(filepath.Join(dir, "filled.xlsx")); err != nil {
				t.Fatal(err)
			}
			l, err := decode.Load([]string{dir}, decode.Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Problems.Problems) > 0 || len(l.Dataset.Facilities) != 1 || len(l.Dataset.Projects) != 1 {
				t.Fatalf("filled template: %d facilities, %d projects, problems %v", len(l.Dataset.Facilities), len(l.Dataset.Projects), l.Problems.Problems)
			}
			fa, pr := l.Dataset.Facilities[0], l.Dataset.Projects[0]
			if fa.AreaHa.M2 != 125000 || fa.KATO != gaz.Regions[0].Districts[0].KATO || fa.JobsPlanned.V != 100 {
				t.Errorf("facility read as %+v", fa)
			}
			if string(pr.Sector) != sectors.List[0].Code {
				t.Errorf("project sector read as %q, want %q", pr.Sector, sectors.List[0].Code)
			}
		})
	}
}

// `parks init` refuses to overwrite, and its output reloads with no error.
func TestInitWritesAndRefusesToOverwrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	streams, out, _ := testIO()
	if code := Main([]string{"init", dir}, streams); code != ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	for _, name := range []string{initFacilitiesCSV, initProjectsCSV, initYAML, initXLSX} {
		if !strings.Contains(out.String(), filepath.Join(dir, name)) {
			t.Errorf("output does not name %s: %s", name, out)
		}
	}
	streams, _, errb := testIO()
	if code := Main([]string{"init", dir}, streams); code != ExitError || !strings.Contains(errb.String(), "already exists") {
		t.Errorf("second init: exit %d, %s", code, errb)
	}
	streams, _, _ = testIO()
	if code := Main([]string{"init", dir, "--force"}, streams); code != ExitOK {
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
