package decode

import (
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Every canonical column has Kazakh, Russian and English aliases, and no
// alias names two columns of one record kind.
func TestAliasTableCoversEveryColumn(t *testing.T) {
	table, err := refdata.Aliases()
	if err != nil {
		t.Fatal(err)
	}
	byCol := map[string]refdata.ColumnAliases{}
	for _, c := range table {
		if _, dup := byCol[c.Column]; dup {
			t.Errorf("column %s listed twice", c.Column)
		}
		byCol[c.Column] = c
	}
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		for _, col := range s.Columns {
			a, ok := byCol[col.Name]
			if !ok || len(a.KK) == 0 || len(a.RU) == 0 || len(a.EN) == 0 {
				t.Errorf("%s column %s lacks kk, ru or en aliases: %+v", s.Kind, col.Name, a)
			}
		}
		seen := map[string]string{}
		for _, col := range s.Columns {
			a := byCol[col.Name]
			for _, list := range [][]string{{col.Name}, a.KK, a.RU, a.EN} {
				for _, alias := range list {
					k := foldHeader(alias)
					if other, dup := seen[k]; dup && other != col.Name {
						t.Errorf("%s: alias %q names both %s and %s", s.Kind, alias, other, col.Name)
					}
					seen[k] = col.Name
					if got := matchHeader(alias, s); got.Column != col.Name {
						t.Errorf("%s: alias %q maps to %+v, want %s", s.Kind, alias, got, col.Name)
					}
				}
			}
		}
	}
	for name := range byCol {
		if parks.FacilitySchema.Col(name) < 0 && parks.ProjectSchema.Col(name) < 0 {
			t.Errorf("aliases for unknown column %s", name)
		}
	}
}

func TestMatchHeader(t *testing.T) {
	fs, ps := parks.FacilitySchema, parks.ProjectSchema
	tests := []struct {
		header string
		s      *parks.Schema
		want   headerMatch
	}{
		{"Аумағы, га", fs, headerMatch{Column: "area_ha"}},
		{"Площадь, га", fs, headerMatch{Column: "area_ha"}},
		{"ПЛОЩАДЬ (ГА)", fs, headerMatch{Column: "area_ha"}},
		{"Area, ha", fs, headerMatch{Column: "area_ha"}},
		{"area_ha", fs, headerMatch{Column: "area_ha"}},
		{" AREA_HA ", fs, headerMatch{Column: "area_ha"}},
		{"Аудан", fs, headerMatch{Column: "district"}},
		{"Район", fs, headerMatch{Column: "district"}},
		{"Район/город", fs, headerMatch{Column: "district"}},
		{"Жұмыс орындары (жоспар)", fs, headerMatch{Column: "jobs_planned"}},
		{"Рабочие места (план)", fs, headerMatch{Column: "jobs_planned"}},
		{"Рабочие места (план), чел.", fs, headerMatch{Column: "jobs_planned"}},
		{"Рабочие места - факт", ps, headerMatch{Column: "jobs_created"}},
		{"Жеке инвестиция, млрд ₸", fs, headerMatch{Column: "investment_private_kzt", Scale: 1e9}},
		{"Жеке инвестиция, млрд₸", fs, headerMatch{Column: "investment_private_kzt", Scale: 1e9}},
		{"Частные инвестиции, млн тенге", fs, headerMatch{Column: "investment_private_kzt", Scale: 1e6}},
		{"Частные инвестиции в тыс. тенге", fs, headerMatch{Column: "investment_private_kzt", Scale: 1e3}},
		{"Бюджетные инвестиции, тг", fs, headerMatch{Column: "investment_budget_kzt"}},
		{"Budget investment (KZT bn)", fs, headerMatch{Column: "investment_budget_kzt", Scale: 1e9}},
		{"Отрасль", fs, headerMatch{Column: "sectors"}},
		{"Отрасль", ps, headerMatch{Column: "sector"}},
		{"Код парка", ps, headerMatch{Column: "facility_id"}},
		{"ID объекта", ps, headerMatch{Column: "facility_id"}},
		{"Дата", fs, headerMatch{Column: "as_of"}},
		{"Жёлтый", fs, headerMatch{}},
		// a unit that does not fit the column is refused, never converted
		{"Площадь, м²", fs, headerMatch{BadUnit: "area_ha"}},
		{"Площадь, кв. м", fs, headerMatch{BadUnit: "area_ha"}},
		{"Рабочие места (план), млн", fs, headerMatch{BadUnit: "jobs_planned"}},
		{"Частные инвестиции, га", fs, headerMatch{BadUnit: "investment_private_kzt"}},
		{"Частные инвестиции, USD", fs, headerMatch{BadUnit: "investment_private_kzt"}},
		{"Площадь, млн ₸", fs, headerMatch{BadUnit: "area_ha"}},
		// a unit alone is not a header
		{"га", fs, headerMatch{}},
		{"", fs, headerMatch{}},
	}
	for _, tt := range tests {
		if got := matchHeader(tt.header, tt.s); got != tt.want {
			t.Errorf("matchHeader(%q, %s) = %+v, want %+v", tt.header, tt.s.Kind, got, tt.want)
		}
	}
}

func TestClosestColumn(t *testing.T) {
	for h, want := range map[string]string{
		"jobs_plan":           "jobs_planned",
		"Рабочие места (пан)": "jobs_planned",
		"Площад":              "area_ha",
		"Аумағ":               "area_ha",
		"completely unknown":  "",
	} {
		if got := closestColumn(h, parks.FacilitySchema); got != want {
			t.Errorf("closestColumn(%q) = %q, want %q", h, got, want)
		}
	}
}
