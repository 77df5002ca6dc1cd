package parks

import (
	"math"
	"slices"
	"testing"
)

func fac(id, kato, name string, jobsCreated int64, mods ...func(*Facility)) *Facility {
	f := &Facility{ID: ID(id), Name: Text(name), KATO: kato, District: Text(kato), Kind: KindSite,
		JobsCreated: count(jobsCreated), Source: "press", AsOf: date("2025-12-01")}
	for _, m := range mods {
		m(f)
	}
	return f
}

func ids[T any](xs []T, id func(T) ID) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, string(id(x)))
	}
	return out
}

func TestDiffDatasets(t *testing.T) {
	base := func() []*Facility {
		return []*Facility{
			fac("a", "1", "Alpha", 100),
			fac("b", "1", "Beta", 50),
			fac("c", "2", "«Gamma» site", 10),
		}
	}
	type change struct {
		id     string
		match  Match
		fields []string
	}
	tests := []struct {
		name           string
		old, new       []*Facility
		added, removed []string
		changed        []change
		backward       []Backward
		empty          bool
	}{
		{name: "identical", old: base(), new: base(), added: []string{}, removed: []string{}, empty: true},
		{name: "added and removed",
			old: base(), new: append(base()[:2], fac("d", "3", "Delta", 0)),
			added: []string{"d"}, removed: []string{"c"}},
		{name: "changed field, going up",
			old: base(), new: []*Facility{fac("a", "1", "Alpha", 130), base()[1], base()[2]},
			added: []string{}, removed: []string{}, changed: []change{{"a", MatchID, []string{"jobs_created"}}}},
		{name: "jobs created going down is backward",
			old: base(), new: []*Facility{fac("a", "1", "Alpha", 90), base()[1], base()[2]},
			added: []string{}, removed: []string{}, changed: []change{{"a", MatchID, []string{"jobs_created"}}},
			backward: []Backward{{"facility", "a", "jobs_created", 100, 90}}},
		{name: "buildings built going down is backward, becoming unreported is not",
			old:   []*Facility{fac("a", "1", "Alpha", 100, func(f *Facility) { f.BuildingsBuilt = count(40) })},
			new:   []*Facility{fac("a", "1", "Alpha", 0, func(f *Facility) { f.BuildingsBuilt = count(38); f.JobsCreated = Count{} })},
			added: []string{}, removed: []string{}, changed: []change{{"a", MatchID, []string{"buildings_built", "jobs_created"}}},
			backward: []Backward{{"facility", "a", "buildings_built", 40, 38}}},
		{name: "new id, same district and name: fuzzy match",
			old: base(), new: []*Facility{base()[0], base()[1], fac("gamma-2", "2", "Gamma site", 10)},
			added: []string{}, removed: []string{}, changed: []change{{"gamma-2", MatchName, []string{"id", "name"}}}},
		{name: "same name in another district is not a match",
			old: base(), new: []*Facility{base()[0], base()[1], fac("gamma-2", "3", "«Gamma» site", 10)},
			added: []string{"gamma-2"}, removed: []string{"c"}},
		{name: "ambiguous name is not a match",
			old: base(), new: []*Facility{base()[0], base()[1], fac("g1", "2", "Gamma site", 10), fac("g2", "2", "GAMMA site", 10)},
			added: []string{"g1", "g2"}, removed: []string{"c"}},
		{name: "district written another way is no change",
			old: base(), new: []*Facility{fac("a", "1", "Alpha", 100, func(f *Facility) { f.District = "another spelling" }), base()[1], base()[2]},
			added: []string{}, removed: []string{}, empty: true},
		{name: "sectors compared as lists",
			old:   []*Facility{fac("a", "1", "Alpha", 1, func(f *Facility) { f.Sectors = List{"food"} })},
			new:   []*Facility{fac("a", "1", "Alpha", 1, func(f *Facility) { f.Sectors = List{"food", "furniture"} })},
			added: []string{}, removed: []string{}, changed: []change{{"a", MatchID, []string{"sectors"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DiffDatasets(&Dataset{Facilities: tt.old}, &Dataset{Facilities: tt.new})
			fid := func(f *Facility) ID { return f.ID }
			if got := ids(d.Added, fid); !slices.Equal(got, tt.added) && !(len(got) == 0 && tt.added == nil) {
				t.Errorf("added %v, want %v", got, tt.added)
			}
			if got := ids(d.Removed, fid); !slices.Equal(got, tt.removed) && !(len(got) == 0 && tt.removed == nil) {
				t.Errorf("removed %v, want %v", got, tt.removed)
			}
			if len(d.Changed) != len(tt.changed) {
				t.Fatalf("changed %+v, want %+v", d.Changed, tt.changed)
			}
			for i, c := range d.Changed {
				var fields []string
				for _, f := range c.Fields {
					fields = append(fields, f.Field)
				}
				if string(c.New.ID) != tt.changed[i].id || c.Match != tt.changed[i].match || !slices.Equal(fields, tt.changed[i].fields) {
					t.Errorf("changed[%d] = %s %s %v, want %+v", i, c.New.ID, c.Match, fields, tt.changed[i])
				}
			}
			if !slices.Equal(d.Backward, tt.backward) {
				t.Errorf("backward %+v, want %+v", d.Backward, tt.backward)
			}
			if d.Empty() != tt.empty {
				t.Errorf("Empty() = %v, want %v", d.Empty(), tt.empty)
			}
		})
	}
}

func TestDiffProjects(t *testing.T) {
	p := func(id string, jobs int64) *Project {
		return &Project{ID: ID(id), FacilityID: "a", Name: Text(id), JobsCreated: count(jobs)}
	}
	old := &Dataset{Projects: []*Project{p("p1", 10), p("p2", 20), p("p3", 5)}}
	new := &Dataset{Projects: []*Project{p("p1", 10), p("p2", 15), p("p4", 1)}}
	d := DiffDatasets(old, new)
	pid := func(p *Project) ID { return p.ID }
	if got := ids(d.ProjectsAdded, pid); !slices.Equal(got, []string{"p4"}) {
		t.Errorf("added %v", got)
	}
	if got := ids(d.ProjectsRemoved, pid); !slices.Equal(got, []string{"p3"}) {
		t.Errorf("removed %v", got)
	}
	if len(d.ProjectsChanged) != 1 || d.ProjectsChanged[0].New.ID != "p2" {
		t.Errorf("changed %+v", d.ProjectsChanged)
	}
	if want := []Backward{{"project", "p2", "jobs_created", 20, 15}}; !slices.Equal(d.Backward, want) {
		t.Errorf("backward %+v, want %+v", d.Backward, want)
	}
}

func TestMetricCompare(t *testing.T) {
	park := func(private, budget int64, jobs Count) *Totals {
		var t Totals
		t.AddFacility(&Facility{Kind: KindPark, InvestmentPrivate: money(private), InvestmentBudget: money(budget), JobsCreated: jobs})
		return &t
	}
	tests := []struct {
		metric     string
		old, new   *Totals
		delta, pct float64 // NaN: null
		changed    bool
	}{
		{"jobs_created", park(1, 1, count(1220)), park(1, 1, count(1480)), 260, 260.0 / 1220 * 100, true},
		{"jobs_created", park(1, 1, count(1220)), park(1, 1, count(1220)), 0, 0, false},
		{"jobs_created", park(1, 1, count(0)), park(1, 1, count(5)), 5, math.NaN(), true},
		{"jobs_created", park(1, 1, Count{}), park(1, 1, count(5)), math.NaN(), math.NaN(), true},
		{"jobs_created", park(1, 1, Count{}), park(1, 1, Count{}), math.NaN(), math.NaN(), false},
		// a ratio's change is the difference of the two ratios of sums
		{"leverage", park(34, 4, Count{}), park(40, 4, Count{}), 10 - 8.5, (10 - 8.5) / 8.5 * 100, true},
		{"leverage", park(34, 0, Count{}), park(40, 4, Count{}), math.NaN(), math.NaN(), true},
		// an absent group: counts are zero, sums not reported
		{"facilities", nil, park(1, 1, Count{}), 1, math.NaN(), true},
		{"investment_private_kzt", park(5, 1, Count{}), nil, math.NaN(), math.NaN(), true},
	}
	for _, tt := range tests {
		m, _ := MetricByKey(tt.metric)
		c := m.Compare(tt.old, tt.new)
		if got := nullable(c.Delta); !sameFloat(got, tt.delta) {
			t.Errorf("%s delta = %v, want %v", tt.metric, got, tt.delta)
		}
		if got := nullable(c.Pct); !(sameFloat(got, tt.pct) || math.Abs(got-tt.pct) < 1e-9) {
			t.Errorf("%s pct = %v, want %v", tt.metric, got, tt.pct)
		}
		if c.Changed() != tt.changed {
			t.Errorf("%s changed = %v, want %v (%+v)", tt.metric, c.Changed(), tt.changed, c)
		}
		if !c.Old.Null && !c.New.Null && c.Delta.Unit != m.Unit {
			t.Errorf("%s delta unit %v, want %v", tt.metric, c.Delta.Unit, m.Unit)
		}
	}
}

func nullable(v Value) float64 {
	if v.Null {
		return math.NaN()
	}
	return v.Number()
}

func sameFloat(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestPairGroups(t *testing.T) {
	old := &Dataset{Facilities: []*Facility{fac("a", "1", "A", 1), fac("b", "2", "B", 1)}}
	new := &Dataset{Facilities: []*Facility{fac("c", "3", "C", 1), fac("a", "1", "A", 1)}}
	ro, _ := Aggregate(old, ByDistrict, Filter{})
	rn, _ := Aggregate(new, ByDistrict, Filter{})
	var got []string
	for _, p := range PairGroups(ro, rn) {
		got = append(got, p.Key+":"+map[bool]string{true: "o", false: "-"}[p.Old != nil]+map[bool]string{true: "n", false: "-"}[p.New != nil])
	}
	if want := []string{"1:on", "2:o-", "3:-n"}; !slices.Equal(got, want) {
		t.Errorf("PairGroups = %v, want %v", got, want)
	}
}

func TestAlignGroups(t *testing.T) {
	snap := func(fs ...*Facility) *Result {
		r, err := Aggregate(&Dataset{Facilities: fs}, ByDistrict, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	results := []*Result{
		snap(fac("a", "1", "A", 10), fac("b", "2", "B", 1)),
		snap(fac("a", "1", "A", 20)),
		snap(fac("c", "3", "C", 5), fac("a", "1", "A", 30), fac("b", "2", "B", 2)),
	}
	m, _ := MetricByKey("jobs_created")
	fm, _ := MetricByKey("facilities")
	want := map[string]struct{ jobs, facilities []float64 }{
		"1": {[]float64{10, 20, 30}, []float64{1, 1, 1}},
		"2": {[]float64{1, math.NaN(), 2}, []float64{1, 0, 1}},
		"3": {[]float64{math.NaN(), math.NaN(), 5}, []float64{0, 0, 1}},
	}
	series := AlignGroups(results)
	var keys []string
	for _, s := range series {
		keys = append(keys, s.Key)
		w := want[s.Key]
		for i, v := range s.Values(m) {
			if !sameFloat(nullable(v), w.jobs[i]) {
				t.Errorf("group %s snapshot %d jobs_created = %v, want %v", s.Key, i, nullable(v), w.jobs[i])
			}
		}
		for i, v := range s.Values(fm) {
			if nullable(v) != w.facilities[i] {
				t.Errorf("group %s snapshot %d facilities = %v, want %v", s.Key, i, nullable(v), w.facilities[i])
			}
		}
		if s.Latest() == nil || s.Latest() != s.Groups[2] {
			t.Errorf("group %s: Latest is not the last snapshot's group", s.Key)
		}
	}
	if !slices.Equal(keys, []string{"1", "2", "3"}) {
		t.Errorf("keys in order %v, want 1 2 3", keys)
	}
}
