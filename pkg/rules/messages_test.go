package rules

import (
	"math"
	"testing"
	"time"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/parks"
)

// The rules word no message: each finding carries the id of its message
// in pkg/i18n/messages.yaml and the arguments. Every such message must
// exist in every language and use every argument.
func TestFindingMessagesInCatalogue(t *testing.T) {
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	set := func(v int64) parks.Count { return parks.Count{V: v, Set: true} }
	future, _ := time.Parse("2006-01-02", "2027-05-01")
	f := &parks.Facility{BuildingsPlanned: set(3), BuildingsBuilt: set(2), BuildingsUnderConstruction: set(2),
		ProjectsPlanned: set(1), ProjectsLaunched: set(2), JobsPlanned: set(1), JobsCreated: set(5),
		AsOf: parks.Date{T: future, Set: true}}
	var findings []Finding
	findings = append(findings, CheckFacility(f, today)...)
	findings = append(findings, CheckFacility(&parks.Facility{BuildingsBuilt: set(math.MaxInt64), BuildingsUnderConstruction: set(1)}, today)...)
	findings = append(findings, CheckProjectsAgainst(&parks.Facility{JobsPlanned: set(1)}, []*parks.Project{{JobsPlanned: set(4)}})...)
	big := parks.Money{V: math.MaxInt64 - 10, Set: true}
	for _, rf := range CheckFacilityTotals([]*parks.Facility{
		{InvestmentPrivate: big},
		{InvestmentPrivate: parks.Money{V: 1, Set: true}, InvestmentBudget: parks.Money{V: 100, Set: true}},
		{InvestmentPrivate: big, InvestmentBudget: parks.Money{V: 100, Set: true}},
		{JobsPlanned: set(math.MaxInt64)}, {JobsPlanned: set(math.MaxInt64)},
	}) {
		findings = append(findings, rf.Finding)
	}
	ids := map[string]bool{}
	for _, fd := range findings {
		ids[fd.ID] = true
		testkit.CheckCatalogue(t, fd.ID, fd.Args)
	}
	for _, id := range []string{"check.buildings_exceed_planned", "check.projects_launched_exceed", "check.jobs_created_exceed",
		"check.as_of_future", "check.source_missing", "check.buildings_overflow", "check.projects_exceed_facility",
		"check.total_investment_overflow", "check.record_investment_overflow", "check.total_overflow"} {
		if !ids[id] {
			t.Errorf("no finding %s; found %v", id, ids)
		}
	}
}
