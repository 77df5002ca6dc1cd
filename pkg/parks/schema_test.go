package parks

import (
	"os"
	"strings"
	"testing"
)

// docs/input.md documents every column of both schemas (its tables are the
// output of `parks schema -o markdown`, kept current by internal/docstest);
// this keeps a column from being left out of the docs.
func TestDocsDocumentEveryColumn(t *testing.T) {
	data, err := os.ReadFile("../../docs/input.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) > 3 && strings.TrimSpace(cells[0]) == "" {
			documented[strings.TrimSpace(cells[1])+" "+strings.TrimSpace(cells[2])] = true
		}
	}
	for _, s := range []*Schema{FacilitySchema, ProjectSchema} {
		for _, c := range s.Columns {
			if !documented[c.Name+" "+c.Type] {
				t.Errorf("docs/input.md lacks the %s column %q (type %s)", s.Kind, c.Name, c.Type)
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

func TestDerivedColumns(t *testing.T) {
	for _, tc := range []struct {
		s    *Schema
		name string
		want bool
	}{
		{FacilitySchema, "kato", true},
		{FacilitySchema, " KATO ", true},
		{FacilitySchema, "district", false},
		{FacilitySchema, "katon", false},
		{ProjectSchema, "kato", false},
	} {
		if got := tc.s.Derived(tc.name); got != tc.want {
			t.Errorf("%v.Derived(%q) = %v, want %v", tc.s == FacilitySchema, tc.name, got, tc.want)
		}
	}
}

// What CSV output guards against formula injection reads back as it was.
func TestUnguard(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"'=HYPERLINK(1)", "=HYPERLINK(1)"},
		{"'+cmd", "+cmd"},
		{"'-2+3", "-2+3"},
		{"'@SUM", "@SUM"},
		{"'plain", "'plain"}, // an apostrophe before ordinary text is text
		{"'", "'"},
		{"=raw", "=raw"},
		{"", ""},
	} {
		if got := Unguard(tc.in); got != tc.want {
			t.Errorf("Unguard(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var txt Text
		if err := txt.ParseCell(tc.in, nil); err != nil || string(txt) != tc.want {
			t.Errorf("Text.ParseCell(%q) = %q, %v", tc.in, txt, err)
		}
	}
}
