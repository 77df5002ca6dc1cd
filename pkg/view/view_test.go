package view

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
)

// Every grouping has a stable key, the same in every language, and flat
// rows mark the total by a column, not by its label.
func TestIdentity(t *testing.T) {
	fac := &parks.Facility{ID: "tus-sip", Name: "СИП", KATO: "611000000", Kind: "park"}
	for _, tc := range []struct {
		name  string
		by    parks.Dimension
		grp   *parks.Group
		flat  bool
		keys  []string
		key   any
		total bool
	}{
		{"district", parks.ByDistrict, &parks.Group{Key: "611000000"}, false, []string{"group", "key", "kato"}, "611000000", false},
		{"district flat", parks.ByDistrict, &parks.Group{Key: "611000000"}, true, []string{"group", "key", "total", "kato"}, "611000000", false},
		{"kind", parks.ByKind, &parks.Group{Key: "site"}, false, []string{"group", "key"}, "site", false},
		{"status", parks.ByStatus, &parks.Group{Key: "under_construction"}, true, []string{"group", "key", "total"}, "under_construction", false},
		{"status not given", parks.ByStatus, &parks.Group{Key: ""}, true, []string{"group", "key", "total"}, nil, false},
		{"sector", parks.BySector, &parks.Group{Key: "food"}, false, []string{"group", "key"}, "food", false},
		{"facility", parks.ByFacility, &parks.Group{Key: "tus-sip", Facility: fac}, true, []string{"group", "key", "total", "id", "district", "kind"}, "tus-sip", false},
		{"total", parks.ByDistrict, nil, true, []string{"group", "key", "total", "kato"}, nil, true},
	} {
		for _, lang := range i18n.Langs {
			id := Identity(tc.by, "label", tc.grp, tc.flat)
			if got := ObjectKeys(id); !slices.Equal(got, tc.keys) {
				t.Errorf("%s: keys %v, want %v", tc.name, got, tc.keys)
			}
			if key, _ := id.Get("key"); key != tc.key {
				t.Errorf("%s (%s): key %v, want %v", tc.name, lang, key, tc.key)
			}
			if total, ok := id.Get("total"); ok && total != tc.total {
				t.Errorf("%s: total %v", tc.name, total)
			}
		}
	}
}

func TestGroupLabel(t *testing.T) {
	for _, tc := range []struct {
		by   parks.Dimension
		key  string
		lang i18n.Lang
		want string
	}{
		{parks.ByDistrict, "611600000", i18n.RU, "г. Арысь"},
		{parks.ByDistrict, "611600000", i18n.EN, "Arys city"},
		{parks.ByDistrict, "999", i18n.EN, "999"}, // unknown codes pass through
		{parks.ByStatus, "", i18n.EN, "(unknown)"},
		{parks.BySector, "no-such-sector", i18n.EN, "no-such-sector"},
	} {
		if got := GroupLabel(tc.by, &parks.Group{Key: tc.key}, tc.lang); got != tc.want {
			t.Errorf("GroupLabel(%s, %q, %s) = %q, want %q", tc.by, tc.key, tc.lang, got, tc.want)
		}
	}
}

// Rows sort by a metric, highest first and not reported last, or by name;
// top keeps the first rows.
func TestRows(t *testing.T) {
	res := &parks.Result{By: parks.ByKind}
	add := func(key string, jobs int64, set bool) {
		g := &parks.Group{Key: key}
		if set {
			g.Totals.AddFacility(&parks.Facility{ID: parks.ID(key), Kind: parks.Kind(key), JobsPlanned: parks.Count{V: jobs, Set: true}})
		}
		res.Groups = append(res.Groups, g)
	}
	add("site", 10, true)
	add("park", 30, true)
	add("zzz", 0, false)
	labels := func(rows []*Row) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Group.Key)
		}
		return out
	}
	if got := labels(Rows(res, i18n.EN, i18n.EN, "jobs_planned", 0)); !slices.Equal(got, []string{"park", "site", "zzz"}) {
		t.Errorf("by jobs_planned: %v", got)
	}
	if got := labels(Rows(&parks.Result{By: parks.ByKind, Groups: res.Groups[:2]}, i18n.EN, i18n.EN, "name", 1)); !slices.Equal(got, []string{"park"}) {
		t.Errorf("by name, top 1: %v", got)
	}
}

// rowsReference is Rows as it was first written: every row made, then a
// stable sort with the comparator read from the rows' value maps.
func rowsReference(res *parks.Result, lang, sortLang i18n.Lang, sort string, top int) []*Row {
	rows := make([]*Row, 0, len(res.Groups))
	keys := map[*Row]i18n.NameKey{}
	keyOf := i18n.NameKeys(sortLang)
	for _, g := range res.Groups {
		r := &Row{Group: g, Label: GroupLabel(res.By, g, lang), Values: Values(&g.Totals), Prov: &g.Totals.Prov}
		keys[r] = keyOf(GroupLabel(res.By, g, sortLang))
		rows = append(rows, r)
	}
	byName := func(a, b *Row) int { return i18n.CompareNameKeys(keys[a], keys[b]) }
	if sort == "name" {
		slices.SortStableFunc(rows, byName)
	} else {
		slices.SortStableFunc(rows, func(a, b *Row) int {
			va, vb := a.Values[sort], b.Values[sort]
			switch {
			case va.Null && vb.Null:
				return byName(a, b)
			case va.Null:
				return 1
			case vb.Null:
				return -1
			}
			return cmp.Or(cmp.Compare(vb.Number(), va.Number()), byName(a, b))
		})
	}
	if top > 0 && len(rows) > top {
		rows = rows[:top]
	}
	return rows
}

// Rows orders and labels the rows as the reference does — ties of value
// and of name (the same name, names that collate alike) keep the groups'
// order, not reported last — for every sort key, language and top, while
// it makes only the rows it keeps.
func TestRowsMatchesReference(t *testing.T) {
	names := []string{"Арысь", "арысь", "Arys", "Сайрам", "Сайрам", "Өндіріс", "Ондiрiс", "zeta", "Zeta", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	res := &parks.Result{By: parks.ByFacility}
	for i := range 400 {
		f := &parks.Facility{ID: parks.ID(fmt.Sprintf("f%03d", i)), Name: parks.Text(names[rng.IntN(len(names))]), Kind: "park"}
		if rng.IntN(4) > 0 {
			f.JobsPlanned = parks.Count{V: int64(rng.IntN(5)), Set: true}
		}
		if rng.IntN(3) > 0 {
			f.InvestmentPrivate = parks.Money{V: int64(rng.IntN(4)) * 1000, Set: true}
			f.InvestmentBudget = parks.Money{V: int64(rng.IntN(3)) * 500, Set: true}
		}
		g := &parks.Group{Key: string(f.ID), Facility: f}
		g.Totals.AddFacility(f)
		res.Groups = append(res.Groups, g)
	}
	ids := func(rows []*Row) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Group.Key+"|"+r.Label)
		}
		return out
	}
	for _, sort := range []string{"name", "jobs_planned", "leverage", "investment_total_kzt", "no-such-metric"} {
		for _, lang := range i18n.Langs {
			for _, top := range []int{0, 1, 30, 1000} {
				got, want := Rows(res, lang, i18n.EN, sort, top), rowsReference(res, lang, i18n.EN, sort, top)
				if !slices.Equal(ids(got), ids(want)) {
					t.Fatalf("sort %s, %s, top %d:\n got %v\nwant %v", sort, lang, top, ids(got), ids(want))
				}
				for i := range got {
					if !maps.Equal(got[i].Values, want[i].Values) || got[i].Prov != want[i].Prov {
						t.Fatalf("sort %s, row %d: values or provenance differ", sort, i)
					}
				}
			}
		}
	}
}
