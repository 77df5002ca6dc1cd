package parks

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func date(s string) Date {
	if s == "" {
		return Date{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return Date{T: t, Set: true}
}

type provRec struct{ source, asOf string }

func TestProvenanceAdd(t *testing.T) {
	many := make([]provRec, 0, 3*provenanceSmall)
	for i := range 3 * provenanceSmall {
		// descending, repeated: exercises insertion at the front and the set
		many = append(many, provRec{fmt.Sprintf("src-%03d", (3*provenanceSmall-i)%(provenanceSmall+5)), "2025-01-01"})
	}
	var manyWant []string
	for i := range provenanceSmall + 5 {
		manyWant = append(manyWant, fmt.Sprintf("src-%03d", i))
	}
	tests := []struct {
		name     string
		recs     []provRec
		sources  []string
		from, to string
	}{
		{"nothing", nil, []string{}, "", ""},
		{"one record", []provRec{{"press", "2025-12-01"}}, []string{"press"}, "2025-12-01", "2025-12-01"},
		{"same source repeated", []provRec{{"a", "2025-12-01"}, {"a", "2025-11-01"}, {"a", "2025-12-15"}}, []string{"a"}, "2025-11-01", "2025-12-15"},
		{"sorted and distinct", []provRec{{"b", ""}, {"a", ""}, {"b", ""}, {"c", ""}, {"a", ""}}, []string{"a", "b", "c"}, "", ""},
		{"blank source and date add nothing", []provRec{{"", ""}, {"x", ""}, {"", "2024-02-29"}}, []string{"x"}, "2024-02-29", "2024-02-29"},
		{"many sources switch to a set", many, manyWant, "2025-01-01", "2025-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Provenance
			for _, r := range tt.recs {
				p.Add(r.source, date(r.asOf))
			}
			if got := p.Sources(); !slices.Equal(got, tt.sources) {
				t.Errorf("Sources() = %q, want %q", got, tt.sources)
			}
			if p.NumSources() != len(tt.sources) {
				t.Errorf("NumSources() = %d, want %d", p.NumSources(), len(tt.sources))
			}
			if p.From.String() != tt.from || p.To.String() != tt.to {
				t.Errorf("as_of = %s..%s, want %s..%s", p.From, p.To, tt.from, tt.to)
			}
		})
	}
}

// Merging partial provenances in any order gives what adding every record
// to one would: merging is how parallel aggregation combines chunks.
func TestProvenanceMergeIsOrderIndependent(t *testing.T) {
	var recs []provRec
	for i := range 200 {
		recs = append(recs, provRec{fmt.Sprintf("s%d", i*7%41), fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28)})
	}
	var whole Provenance
	for _, r := range recs {
		whole.Add(r.source, date(r.asOf))
	}
	for _, chunks := range []int{1, 2, 3, 7, 50} {
		parts := make([]Provenance, chunks)
		for i, r := range recs {
			parts[i%chunks].Add(r.source, date(r.asOf))
		}
		for _, order := range [][]int{ascending(chunks), descending(chunks)} {
			var merged Provenance
			for _, i := range order {
				merged.Merge(&parts[i])
			}
			if !slices.Equal(merged.Sources(), whole.Sources()) || merged.From != whole.From || merged.To != whole.To {
				t.Errorf("%d chunks merged in order %v: %q %s..%s, want %q %s..%s", chunks, order,
					merged.Sources(), merged.From, merged.To, whole.Sources(), whole.From, whole.To)
			}
		}
	}
}

func ascending(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func descending(n int) []int {
	out := ascending(n)
	slices.Reverse(out)
	return out
}

// The hot path of aggregation: a record whose source is the one seen last
// must not allocate.
func TestProvenanceAddSameSourceDoesNotAllocate(t *testing.T) {
	var p Provenance
	d := date("2025-12-01")
	p.Add("press conference", d)
	src := "press conference"
	if n := testing.AllocsPerRun(1000, func() { p.Add(src, d) }); n != 0 {
		t.Errorf("Add of the last source allocates %.1f times per call", n)
	}
	var tot Totals
	f := &Facility{ID: "x", Kind: KindSite, Source: "press conference", AsOf: d,
		JobsPlanned: Count{V: 10, Set: true}, InvestmentPrivate: Money{V: 5, Set: true}, InvestmentBudget: Money{V: 1, Set: true}}
	tot.AddFacility(f)
	if n := testing.AllocsPerRun(1000, func() { tot.AddFacility(f) }); n != 0 {
		t.Errorf("Totals.AddFacility allocates %.1f times per call", n)
	}
}

func TestTotalsCarryProvenance(t *testing.T) {
	ds := &Dataset{Facilities: []*Facility{
		{ID: "a", KATO: "1", Kind: KindPark, Source: "press", AsOf: date("2025-12-01")},
		{ID: "b", KATO: "1", Kind: KindSite, Source: "illustrative", AsOf: date("2025-09-30")},
		{ID: "c", KATO: "2", Kind: KindSite, Source: "press", AsOf: date("2026-01-15")},
	}}
	res, err := Aggregate(ds, ByDistrict, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		sources  []string
		from, to string
	}{
		"1": {[]string{"illustrative", "press"}, "2025-09-30", "2025-12-01"},
		"2": {[]string{"press"}, "2026-01-15", "2026-01-15"},
	}
	for _, g := range res.Groups {
		w := want[g.Key]
		if got := g.Totals.Prov.Sources(); !slices.Equal(got, w.sources) || g.Totals.Prov.From.String() != w.from || g.Totals.Prov.To.String() != w.to {
			t.Errorf("group %s: %q %s..%s, want %q %s..%s", g.Key, got, g.Totals.Prov.From, g.Totals.Prov.To, w.sources, w.from, w.to)
		}
	}
	if got := res.Total.Prov.Sources(); !slices.Equal(got, []string{"illustrative", "press"}) ||
		res.Total.Prov.From.String() != "2025-09-30" || res.Total.Prov.To.String() != "2026-01-15" {
		t.Errorf("total: %q %s..%s", got, res.Total.Prov.From, res.Total.Prov.To)
	}
}

func BenchmarkProvenanceAdd(b *testing.B) {
	sources := []string{"press conference", "press conference", "ministry report", "press conference"}
	d := date("2025-12-01")
	b.ReportAllocs()
	var p Provenance
	for i := 0; b.Loop(); i++ {
		p.Add(sources[i&3], d)
	}
}

// BenchmarkAggregateProvenance aggregates 100 000 facilities of a few
// sources by district: the hot path that provenance must not slow down.
func BenchmarkAggregateProvenance(b *testing.B) {
	sources := []string{"press conference", "ministry report", "akimat table"}
	ds := &Dataset{}
	for i := range 100_000 {
		ds.Facilities = append(ds.Facilities, &Facility{ID: ID(fmt.Sprint("f", i)), KATO: fmt.Sprint(i % 17), Kind: KindSite,
			AreaHa: Area{M2: 10000, Set: true}, JobsPlanned: Count{V: 10, Set: true}, InvestmentPrivate: Money{V: 5, Set: true},
			InvestmentBudget: Money{V: 1, Set: true}, Source: Text(sources[i/1000%3]), AsOf: date(fmt.Sprintf("2025-%02d-01", 1+i%12))})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Aggregate(ds, ByDistrict, Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
