package parks_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
)

// The domain words no message: each problem it finds carries the id of its
// message in pkg/i18n/messages.yaml and the arguments. Every such message
// must exist in every language and use every argument, or a Kazakh reader
// would get less than an English one.
func TestCellErrorMessagesInCatalogue(t *testing.T) {
	var (
		count parks.Count
		money parks.Money
		area  parks.Area
		kind  parks.Kind
		st    parks.Status
		date  parks.Date
		id    parks.ID
	)
	cells := []struct {
		p    parks.CellParser
		cell string
		id   string
	}{
		{&count, "1.5", "number.not_whole.count"},
		{&count, "-3", "number.negative.count"},
		{&count, "many", "number.invalid.count"},
		{&count, "99999999999999999999", "number.too_large"},
		{&money, "₸", "number.empty"},
		{&money, "10,50", "number.fraction_of_tenge"},
		{&money, "-5", "number.negative.money"},
		{&money, "lots", "number.invalid.money"},
		{&area, "1,500", "number.ambiguous"},
		{&area, "1.123456", "number.too_precise.area"},
		{&area, "-2", "number.negative.area"},
		{&area, "big", "number.invalid.area"},
		{&area, "0", "area.zero"},
		{&area, "200000", "area.too_large"},
		{&kind, "hall", "enum.kind"},
		{&st, "done", "enum.status"},
		{&date, "yesterday", "date.invalid"},
		{&id, "a b", "id.spaces"},
	}
	for _, c := range cells {
		err := c.p.ParseCell(c.cell, nil)
		ce, ok := err.(*parks.CellError)
		if !ok {
			t.Errorf("%q: error %v is not a CellError", c.cell, err)
			continue
		}
		if ce.ID != c.id {
			t.Errorf("%q: id %q, want %q", c.cell, ce.ID, c.id)
		}
		checkCatalogue(t, ce.ID, ce.Args)
	}
}

func TestFindingMessagesInCatalogue(t *testing.T) {
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	set := func(v int64) parks.Count { return parks.Count{V: v, Set: true} }
	future, _ := time.Parse("2006-01-02", "2027-05-01")
	f := &parks.Facility{BuildingsPlanned: set(3), BuildingsBuilt: set(2), BuildingsUnderConstruction: set(2),
		ProjectsPlanned: set(1), ProjectsLaunched: set(2), JobsPlanned: set(1), JobsCreated: set(5),
		AsOf: parks.Date{T: future, Set: true}}
	var findings []parks.Finding
	findings = append(findings, parks.CheckFacility(f, today)...)
	findings = append(findings, parks.CheckFacility(&parks.Facility{BuildingsBuilt: set(math.MaxInt64), BuildingsUnderConstruction: set(1)}, today)...)
	findings = append(findings, parks.CheckProjectsAgainst(&parks.Facility{JobsPlanned: set(1)}, []*parks.Project{{JobsPlanned: set(4)}})...)
	big := parks.Money{V: math.MaxInt64 - 10, Set: true}
	for _, rf := range parks.CheckFacilityTotals([]*parks.Facility{
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
		checkCatalogue(t, fd.ID, fd.Args)
	}
	for _, id := range []string{"check.buildings_exceed_planned", "check.projects_launched_exceed", "check.jobs_created_exceed",
		"check.as_of_future", "check.source_missing", "check.buildings_overflow", "check.projects_exceed_facility",
		"check.total_investment_overflow", "check.record_investment_overflow", "check.total_overflow"} {
		if !ids[id] {
			t.Errorf("no finding %s; found %v", id, ids)
		}
	}
}

func checkCatalogue(t *testing.T, id string, args []any) {
	t.Helper()
	if id == "" {
		t.Errorf("message without id (args %v)", args)
		return
	}
	for _, l := range i18n.Langs {
		if !i18n.Has("problem."+id, l) {
			t.Errorf("%s: no %s text in pkg/i18n/messages.yaml", id, l)
			continue
		}
		if s := i18n.T(l, "problem."+id, args...); strings.Contains(s, "{") {
			t.Errorf("%s (%s): a placeholder is not filled: %q", id, l, s)
		}
		// every argument is used: the text names each of them
		for n := range args {
			if blank := i18n.T(l, "problem."+id, withBlank(args, n)...); blank == i18n.T(l, "problem."+id, args...) {
				t.Errorf("%s (%s): argument {%d} (%v) is not used", id, l, n, args[n])
			}
		}
	}
}

// withBlank is args with argument n replaced by a marker.
func withBlank(args []any, n int) []any {
	out := append([]any(nil), args...)
	out[n] = "\x00unused\x00"
	return out
}
