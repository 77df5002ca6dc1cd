package parks

import (
	"math"
	"testing"
)

func count(v int64) Count { return Count{V: v, Set: true} }
func money(v int64) Money { return Money{V: v, Set: true} }
func ha(v float64) Area   { return Area{M2: int64(v * 10000), Set: true} }

func metric(t *testing.T, key string, tot *Totals) Value {
	t.Helper()
	m, ok := MetricByKey(key)
	if !ok {
		t.Fatalf("no metric %s", key)
	}
	return m.Of(tot)
}

func totalsOf(fs ...*Facility) *Totals {
	var t Totals
	for _, f := range fs {
		t.AddFacility(f)
	}
	return &t
}

func TestMetrics(t *testing.T) {
	park := &Facility{Kind: KindPark, AreaHa: ha(100), BuildingsPlanned: count(152), BuildingsBuilt: count(40),
		JobsPlanned: count(6040), JobsCreated: count(1220), InvestmentPrivate: money(34e9), InvestmentBudget: money(4e9)}
	privateOnly := &Facility{Kind: KindSite, AreaHa: ha(10.5), InvestmentPrivate: money(30e9), InvestmentBudget: money(0)}
	budgetUnknown := &Facility{Kind: KindSite, InvestmentPrivate: money(10_400_000_000)}
	small := &Facility{Kind: KindSite, InvestmentPrivate: money(100), InvestmentBudget: money(100),
		BuildingsPlanned: count(10), BuildingsBuilt: count(2), BuildingsUnderConstruction: count(3)}
	empty := &Facility{Kind: KindSite}

	tests := []struct {
		name string
		fs   []*Facility
		key  string
		null bool
		i    int64
		f    float64
	}{
		{"leverage of one park", []*Facility{park}, "leverage", false, 0, 8.5},
		{"zero budget is no leverage, not infinity", []*Facility{privateOnly}, "leverage", true, 0, 0},
		{"unreported budget is no leverage", []*Facility{budgetUnknown}, "leverage", true, 0, 0},
		// ratio of sums: (34e9+100)/(4e9+100), not the mean of 8.5 and 1
		{"total leverage is a ratio of sums", []*Facility{park, small}, "leverage", false, 0, (34e9 + 100) / (4e9 + 100)},
		// the site without a reported budget does not inflate leverage
		{"leverage pairs amounts", []*Facility{park, budgetUnknown}, "leverage", false, 0, 8.5},
		{"private sum includes every reported amount", []*Facility{park, budgetUnknown}, "investment_private_kzt", false, 34e9 + 10_400_000_000, 0},
		{"budget not reported anywhere is null", []*Facility{budgetUnknown}, "investment_budget_kzt", true, 0, 0},
		{"budget reported as 0 is 0", []*Facility{privateOnly}, "investment_budget_kzt", false, 0, 0},
		{"total investment", []*Facility{park, privateOnly}, "investment_total_kzt", false, 68e9, 0},
		{"jobs not reported is null, not 0", []*Facility{empty}, "jobs_planned", true, 0, 0},
		{"counts of kinds", []*Facility{park, privateOnly, empty}, "sites", false, 2, 0},
		{"facilities", []*Facility{park, privateOnly, empty}, "facilities", false, 3, 0},
		{"area sums exactly", []*Facility{park, privateOnly}, "area_ha", false, 0, 110.5},
		{"build-out percent", []*Facility{park}, "build_out_pct", false, 0, 40.0 * 100 / 152},
		{"build-out over records reporting both", []*Facility{park, small, empty}, "build_out_pct", false, 0, 42.0 * 100 / 162},
		{"not started needs all three", []*Facility{park, small}, "buildings_not_started", false, 5, 0},
		{"jobs realisation", []*Facility{park}, "jobs_realisation_pct", false, 0, 1220.0 * 100 / 6040},
		{"jobs per ha is exact", []*Facility{park}, "jobs_per_ha", false, 0, 60.4},
		{"investment per ha rounds to whole tenge", []*Facility{privateOnly}, "investment_per_ha_kzt", false, 2857142857, 0},
		{"per ha without area is null", []*Facility{budgetUnknown}, "investment_per_ha_kzt", true, 0, 0},
		{"nothing at all", nil, "jobs_created", true, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := metric(t, tc.key, totalsOf(tc.fs...))
			if v.Null != tc.null {
				t.Fatalf("null = %v, want %v (%+v)", v.Null, tc.null, v)
			}
			if tc.null {
				return
			}
			if v.IsFloat() {
				if math.Abs(v.Float-tc.f) > 1e-12*math.Max(1, math.Abs(tc.f)) {
					t.Errorf("got %v, want %v", v.Float, tc.f)
				}
			} else if v.Int != tc.i {
				t.Errorf("got %d, want %d", v.Int, tc.i)
			}
		})
	}
}

func TestSumOverflowIsRefused(t *testing.T) {
	a := &Facility{InvestmentPrivate: money(math.MaxInt64 - 10)}
	b := &Facility{InvestmentPrivate: money(11)}
	tot := totalsOf(a, b)
	if !tot.Overflow {
		t.Fatal("a sum past int64 must be flagged, not wrapped")
	}
	if v := metric(t, "investment_private_kzt", tot); v.Int < 0 {
		t.Fatalf("sum wrapped to %d", v.Int)
	}
	ds := &Dataset{Facilities: []*Facility{a, b}}
	if _, err := Aggregate(ds, ByDistrict, Filter{}); err == nil {
		t.Fatal("Aggregate must refuse an overflowing total")
	}
}

// Merging partial totals gives the same metrics as adding every record to
// one total: the property the parallel loader relies on.
func TestMergeEqualsSequential(t *testing.T) {
	fs := []*Facility{
		{Kind: KindPark, AreaHa: ha(100), JobsPlanned: count(6040), InvestmentPrivate: money(34e9), InvestmentBudget: money(4e9)},
		{Kind: KindSite, AreaHa: ha(3.25), BuildingsPlanned: count(7), BuildingsBuilt: count(1), BuildingsUnderConstruction: count(2)},
		{Kind: KindSite, InvestmentPrivate: money(5), JobsCreated: count(3)},
	}
	all := totalsOf(fs...)
	merged := totalsOf(fs[0])
	merged.Merge(totalsOf(fs[1:]...))
	for _, m := range Metrics {
		if a, b := m.Of(all), m.Of(merged); a != b {
			t.Errorf("%s: sequential %+v, merged %+v", m.Key, a, b)
		}
	}
}

func TestAggregateGroupsAndFilters(t *testing.T) {
	ds := &Dataset{
		Facilities: []*Facility{
			{ID: "a", Kind: KindSite, KATO: "1", Status: StatusOperating, Sectors: List{"furniture"}, JobsPlanned: count(10)},
			{ID: "b", Kind: KindPark, KATO: "2", Status: StatusPlanned, JobsPlanned: count(20)},
			{ID: "c", Kind: KindSite, KATO: "1", Status: StatusPlanned, JobsPlanned: count(5)},
		},
		Projects: []*Project{
			{ID: "p1", FacilityID: "a", Sector: "furniture", Status: StatusOperating, JobsCreated: count(4)},
			{ID: "p2", FacilityID: "b", Sector: "food", Status: StatusPlanned},
			{ID: "p3", FacilityID: "a", Sector: "furniture", Status: StatusPlanned},
		},
	}
	tests := []struct {
		name   string
		by     Dimension
		filter Filter
		groups map[string]int64 // group key → jobs_planned (or projects_planned for sectors)
		metric string
	}{
		{"by district", ByDistrict, Filter{}, map[string]int64{"1": 15, "2": 20}, "jobs_planned"},
		{"by kind", ByKind, Filter{}, map[string]int64{"site": 15, "park": 20}, "jobs_planned"},
		{"filter district", ByStatus, Filter{KATO: []string{"1"}}, map[string]int64{"operating": 10, "planned": 5}, "jobs_planned"},
		{"filter sector on facilities", ByFacility, Filter{Sectors: []string{"furniture"}}, map[string]int64{"a": 10}, "jobs_planned"},
		{"sector groups projects", BySector, Filter{}, map[string]int64{"furniture": 2, "food": 1}, "projects_planned"},
		{"sector with kind filter", BySector, Filter{Kinds: []Kind{KindPark}}, map[string]int64{"food": 1}, "projects_planned"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Aggregate(ds, tc.by, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Groups) != len(tc.groups) {
				t.Fatalf("got %d groups, want %d", len(r.Groups), len(tc.groups))
			}
			var sum int64
			for _, g := range r.Groups {
				want, ok := tc.groups[g.Key]
				if !ok {
					t.Fatalf("unexpected group %q", g.Key)
				}
				if v := metric(t, tc.metric, &g.Totals); v.Int != want {
					t.Errorf("group %s: %s = %d, want %d", g.Key, tc.metric, v.Int, want)
				}
				sum += want
			}
			if v := metric(t, tc.metric, &r.Total); v.Int != sum {
				t.Errorf("total %s = %d, want %d", tc.metric, v.Int, sum)
			}
		})
	}
	if _, err := Aggregate(ds, "planet", Filter{}); err == nil {
		t.Error("an unknown dimension must be refused")
	}
}
