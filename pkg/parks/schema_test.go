package parks

import (
	"os"
	"strings"
	"testing"
)

// The README documents every column of both schemas, generated from the
// struct tags; this keeps the two from drifting apart.
func TestREADMEDocumentsEveryColumn(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, s := range []*Schema{FacilitySchema, ProjectSchema} {
		for _, c := range s.Columns {
			if !strings.Contains(readme, "| `"+c.Name+"` | "+c.Type+" |") {
				t.Errorf("README lacks the %s column %q (type %s)", s.Kind, c.Name, c.Type)
			}
		}
	}
}

func TestSchemaFromTags(t *testing.T) {
	if got := FacilitySchema.Required(); strings.Join(got, ",") != "id,name,district" {
		t.Errorf("facility required = %v", got)
	}
	if got := ProjectSchema.Required(); strings.Join(got, ",") != "id,facility_id,name" {
		t.Errorf("project required = %v", got)
	}
	if FacilitySchema.Col("jobs_planned") < 0 || FacilitySchema.Col("KATO") >= 0 || FacilitySchema.Col("Pos") >= 0 {
		t.Error("schema must hold the tagged columns and only them")
	}
	f := &Facility{}
	parsers := FacilitySchema.CellParsers(f)
	if err := parsers[FacilitySchema.Col("jobs_created")].ParseCell("1 220", nil); err != nil || f.JobsCreated.V != 1220 {
		t.Errorf("CellParsers must fill the record's own fields: %v %+v", err, f.JobsCreated)
	}
}
