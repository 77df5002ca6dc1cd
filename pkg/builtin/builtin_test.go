package builtin_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestBuiltinReproducesArticle checks every figure of docs/source-article.md
// against the built-in dataset, through the same loader and aggregation the
// commands use.
func TestBuiltinReproducesArticle(t *testing.T) {
	loaded, err := decode.Load(nil, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !loaded.Builtin {
		t.Fatal("no path should load the built-in dataset")
	}
	for _, p := range loaded.Problems.Problems {
		t.Errorf("built-in data has a problem: %s", p)
	}
	ds := loaded.Dataset

	park := ds.FacilityByID("tus-sip")
	if park == nil {
		t.Fatal("the Small Industrial Park (tus-sip) is missing")
	}
	values := func(t *parks.Totals) map[string]parks.Value {
		out := map[string]parks.Value{}
		for _, m := range parks.Metrics {
			out[m.Key] = m.Of(t)
		}
		return out
	}
	var pt parks.Totals
	pt.AddFacility(park)
	pv := values(&pt)
	wantInt := func(what string, v map[string]parks.Value, key string, want int64) {
		t.Helper()
		if got := v[key]; got.Null || got.Int != want {
			t.Errorf("%s %s = %+v, want %d", what, key, got, want)
		}
	}
	wantFloat := func(what string, v map[string]parks.Value, key string, want float64) {
		t.Helper()
		if got := v[key]; got.Null || got.Float != want {
			t.Errorf("%s %s = %+v, want %v", what, key, got, want)
		}
	}
	if park.Kind != parks.KindPark || park.KATO != "611000000" {
		t.Errorf("park kind/district = %s/%s, want park in Turkistan city", park.Kind, park.KATO)
	}
	wantFloat("park", pv, "area_ha", 100)
	wantInt("park", pv, "buildings_planned", 152)
	wantInt("park", pv, "buildings_built", 40)
	wantInt("park", pv, "projects_launched", 32)
	wantInt("park", pv, "jobs_planned", 6040)
	wantInt("park", pv, "jobs_created", 1220)
	wantFloat("park", pv, "leverage", 8.5)
	wantInt("park", pv, "import_substitution_kzt", 27_000_000_000)
	for _, s := range []string{"furniture", "sprinkler_irrigation", "beverages", "refrigerators", "construction_materials"} {
		if !slices.Contains(park.Sectors, s) {
			t.Errorf("park sectors %v lack %s", park.Sectors, s)
		}
	}
	var planned []string
	for _, p := range ds.ProjectsOf(park.ID) {
		if p.Status == parks.StatusPlanned {
			planned = append(planned, string(p.Sector))
		}
	}
	for _, s := range []string{"video_equipment", "medical_furniture", "household_chemicals"} {
		if !slices.Contains(planned, s) {
			t.Errorf("planned projects %v lack %s", planned, s)
		}
	}

	byDistrict, err := parks.Aggregate(ds, parks.ByDistrict, parks.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	district := func(kato string) map[string]parks.Value {
		for _, g := range byDistrict.Groups {
			if g.Key == kato {
				return values(&g.Totals)
			}
		}
		t.Fatalf("no district %s", kato)
		return nil
	}
	sauran := district("615500000")
	wantInt("Sauran", sauran, "sites", 5)
	wantInt("Sauran", sauran, "parks", 0)
	wantFloat("Sauran", sauran, "area_ha", 55)
	wantInt("Sauran", sauran, "projects_planned", 115)
	wantInt("Sauran", sauran, "investment_private_kzt", 30_000_000_000)
	wantInt("Sauran", sauran, "investment_budget_kzt", 0)
	wantInt("Sauran", sauran, "jobs_planned", 1124)
	wantInt("Sauran", sauran, "buildings_under_construction", 37)
	if !sauran["leverage"].Null {
		t.Errorf("Sauran leverage = %+v, want null (private money only)", sauran["leverage"])
	}
	var names []string
	for _, f := range ds.Facilities {
		if f.KATO == "615500000" {
			names = append(names, string(f.Name))
		}
	}
	for _, n := range []string{"Қарашық", "Иассы", "Шорнақ", "Үшқайық", "Жүйнек"} {
		if !slices.ContainsFunc(names, func(s string) bool { return strings.Contains(s, n) }) {
			t.Errorf("Sauran sites %v lack %s", names, n)
		}
	}

	ordabasy := district("614600000")
	wantInt("Ordabasy", ordabasy, "sites", 1)
	wantFloat("Ordabasy", ordabasy, "area_ha", 10.5)
	wantInt("Ordabasy", ordabasy, "buildings_under_construction", 5)
	wantInt("Ordabasy", ordabasy, "investment_total_kzt", 10_400_000_000)
	wantInt("Ordabasy", ordabasy, "jobs_planned", 100)

	sites, err := parks.Aggregate(ds, parks.ByDistrict, parks.Filter{Kinds: []parks.Kind{parks.KindSite}})
	if err != nil {
		t.Fatal(err)
	}
	region := values(&sites.Total)
	wantInt("region (sites)", region, "sites", 21)
	wantInt("region (sites)", region, "buildings_under_construction", 192)
	if len(byDistrict.Groups) != 17 {
		t.Errorf("sites cover %d districts, want all 17", len(byDistrict.Groups))
	}
}
