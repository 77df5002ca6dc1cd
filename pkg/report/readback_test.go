package report

import (
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestFacilitySheetReadsBack: every label of the workbook's Facilities
// sheet, in every language, names its field when read back (an alias of
// aliases.yaml), or a field parks computes (layout.yaml derived), so the
// workbook reads back without an unknown column. A new column or a
// reworded label fails here until the data files know it.
func TestFacilitySheetReadsBack(t *testing.T) {
	want := []string{"id", "name", "kind", "district", "status", "area_ha", "buildings_planned", "buildings_built",
		"buildings_under_construction", "projects_planned", "projects_launched", "jobs_planned", "jobs_created",
		"investment_private_kzt", "investment_budget_kzt", "investment_total_kzt", "leverage", "import_substitution_kzt", "as_of", "source"}
	for _, lang := range i18n.Langs {
		h := facilitySheet(nil, lang).Header
		if len(h) != len(want) {
			t.Fatalf("%s: %d columns, want %d: %q", lang, len(h), len(want), h)
		}
		for i, label := range h {
			got := layout.MatchHeader(label, parks.FacilitySchema).Column
			if got == "" {
				got = layout.DerivedColumn(label)
			}
			if got != want[i] {
				t.Errorf("%s: column %q reads back as %q, want %s", lang, label, got, want[i])
			}
		}
	}
}
