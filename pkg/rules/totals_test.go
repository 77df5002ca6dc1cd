package rules

import (
	"github.com/parks-kz/parks/pkg/parks"
	"math"
	"testing"
	"time"
)

func count(v int64) parks.Count { return parks.Count{V: v, Set: true} }
func money(v int64) parks.Money { return parks.Money{V: v, Set: true} }

func TestCheckFacilityTotals(t *testing.T) {
	const big = math.MaxInt64/2 + 1
	for _, tc := range []struct {
		name    string
		fs      []*parks.Facility
		records []int
		column  string
	}{
		{"fits", []*parks.Facility{{InvestmentPrivate: money(big - 1)}, {InvestmentPrivate: money(big - 1)}}, nil, ""},
		{"column total", []*parks.Facility{{InvestmentPrivate: money(big)}, {InvestmentPrivate: money(big)}}, []int{1}, "investment_private_kzt"},
		{"private + budget of one record", []*parks.Facility{{InvestmentPrivate: money(big), InvestmentBudget: money(big)}}, []int{0}, "investment_budget_kzt"},
		{"investment total across records", []*parks.Facility{{InvestmentPrivate: money(big)}, {InvestmentBudget: money(big)}}, []int{1}, "investment_budget_kzt"},
		{"counts", []*parks.Facility{{JobsPlanned: count(math.MaxInt64)}, {JobsPlanned: count(1)}, {JobsPlanned: count(0)}}, []int{1}, "jobs_planned"},
		{"area", []*parks.Facility{{AreaHa: parks.Area{M2: math.MaxInt64, Set: true}}, {AreaHa: parks.Area{M2: 1, Set: true}}}, []int{1}, "area_ha"},
		{"a reported record stays out of the totals", []*parks.Facility{{JobsCreated: count(big)}, {JobsCreated: count(big)}, {JobsCreated: count(big - 2)}}, []int{1}, "jobs_created"},
		{"not reported is not summed", []*parks.Facility{{JobsCreated: parks.Count{V: math.MaxInt64}}, {JobsCreated: count(5)}}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckFacilityTotals(tc.fs)
			if len(got) != len(tc.records) {
				t.Fatalf("%d findings %v; want records %v", len(got), got, tc.records)
			}
			for i, f := range got {
				if f.Record != tc.records[i] || f.Column != tc.column || f.Rule != "sum-overflow" {
					t.Errorf("finding %v; want record %d column %s sum-overflow", f, tc.records[i], tc.column)
				}
			}
			// what is left can be aggregated without overflow
			var used []*parks.Facility
			for i, f := range tc.fs {
				bad := false
				for _, g := range got {
					bad = bad || g.Record == i
				}
				if !bad {
					used = append(used, f)
				}
			}
			if _, err := parks.Aggregate(&parks.Dataset{Facilities: used}, parks.ByDistrict, parks.Filter{}); err != nil {
				t.Errorf("aggregating the rest: %v", err)
			}
		})
	}
}

func TestCheckProjectTotals(t *testing.T) {
	ps := []*parks.Project{{JobsPlanned: count(math.MaxInt64)}, {JobsPlanned: count(1)}}
	got := CheckProjectTotals(ps)
	if len(got) != 1 || got[0].Record != 1 || got[0].Column != "jobs_planned" {
		t.Errorf("got %v; want one finding on record 1, jobs_planned", got)
	}
}

func TestBuildingsSumOverflow(t *testing.T) {
	f := &parks.Facility{BuildingsPlanned: count(10), BuildingsBuilt: count(math.MaxInt64), BuildingsUnderConstruction: count(1)}
	fs := CheckFacility(f, time.Now())
	found := false
	for _, x := range fs {
		if x.Rule == "sum-overflow" && x.Column == "buildings_under_construction" {
			found = true
		}
		if x.Rule == "row-constraint" && x.Column == "buildings_built" {
			t.Errorf("an overflowing sum was also compared: %v", x)
		}
	}
	if !found {
		t.Errorf("built + under construction overflowing int64 not reported: %v", fs)
	}
}
