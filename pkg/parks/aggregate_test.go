package parks

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// TestTotalOfGroups: folding records into their groups and making the
// total from the groups gives the total AddFacility gives, overflow
// included.
func TestTotalOfGroups(t *testing.T) {
	day := func(d int) Date { return Date{T: time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC), Set: true} }
	fac := func(kato string, kind Kind, jobs int64, priv, budg Money, src string, asOf Date) *Facility {
		return &Facility{KATO: kato, Kind: kind, JobsPlanned: Count{V: jobs, Set: jobs >= 0}, InvestmentPrivate: priv,
			InvestmentBudget: budg, Source: Text(src), AsOf: asOf, AreaHa: Area{M2: 10000, Set: true}}
	}
	m := func(v int64) Money { return Money{V: v, Set: true} }
	for _, tc := range []struct {
		name     string
		recs     []*Facility
		overflow bool
	}{
		{"none", nil, false},
		{"several groups", []*Facility{
			fac("1", KindPark, 10, m(100), m(10), "a", day(3)),
			fac("2", KindSite, -1, m(5), Money{}, "b", day(1)),
			fac("1", KindSite, 7, Money{}, m(3), "", Date{}),
			fac("3", KindPark, 0, m(0), m(0), "a", day(9)),
		}, false},
		{"overflow across groups", []*Facility{
			fac("1", KindPark, 1, m(math.MaxInt64-5), m(1), "a", day(1)),
			fac("2", KindPark, 1, m(10), m(1), "a", day(1)),
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, by := range []Dimension{ByDistrict, ByKind} {
				// grouped is reused after Reset, as a streaming load reuses
				// a chunk's aggregate: it must be the same as a fresh one
				each, grouped := NewResult(by), NewResult(by)
				for _, f := range []*Facility{fac("9", KindSite, 4, m(1), m(2), "z", day(20)), fac("1", KindPark, 5, m(3), m(4), "y", day(2))} {
					grouped.AddFacilityToGroup(f)
				}
				grouped.TotalOfGroups()
				grouped.Reset()
				for _, f := range tc.recs {
					each.AddFacility(f)
					grouped.AddFacilityToGroup(f)
				}
				grouped.TotalOfGroups()
				if each.Total.Overflow != tc.overflow || grouped.Total.Overflow != tc.overflow {
					t.Fatalf("by %s: overflow %v and %v, want %v", by, each.Total.Overflow, grouped.Total.Overflow, tc.overflow)
				}
				if tc.overflow {
					continue // the sums stop where they overflow: only the flag is defined
				}
				if !reflect.DeepEqual(each.Groups, grouped.Groups) {
					t.Errorf("by %s: groups differ", by)
				}
				e, g := each.Total, grouped.Total
				if !reflect.DeepEqual(e.Prov.Sources(), g.Prov.Sources()) || e.Prov.From != g.Prov.From || e.Prov.To != g.Prov.To {
					t.Errorf("by %s: provenance %v %v–%v, want %v %v–%v", by, g.Prov.Sources(), g.Prov.From, g.Prov.To, e.Prov.Sources(), e.Prov.From, e.Prov.To)
				}
				e.Prov, g.Prov = Provenance{}, Provenance{}
				if !reflect.DeepEqual(e, g) {
					t.Errorf("by %s: total\n%+v\nwant\n%+v", by, g, e)
				}
			}
		})
	}
}
