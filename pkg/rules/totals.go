package rules

import (
	"github.com/parks-kz/parks/pkg/parks"
	"math"
	"strconv"

	"github.com/parks-kz/parks/pkg/diag"
)

// RecordFinding is a finding about one record of a list, by its index.
type RecordFinding struct {
	Record int
	Finding
}

// summand is one reported figure of a record that enters a total; col is
// the column a problem points at.
type summand struct {
	col string
	id  string // message id of an overflow of its total
	v   int64
	set bool
}

func column(col string, v int64, set bool) summand {
	return summand{col: col, id: "check.total_overflow", v: v, set: set}
}

// investmentSummand is a record's private + budget investment, which totals
// add up too; ok is false when the record's own sum overflows.
func investmentSummand(private, budget parks.Money) (s summand, ok bool) {
	s = summand{col: "investment_budget_kzt", id: "check.total_investment_overflow", set: private.Set || budget.Set}
	if private.V > math.MaxInt64-budget.V {
		return s, false
	}
	s.v = private.V + budget.V
	return s, true
}

func facilitySummands(f *parks.Facility) ([]summand, bool) {
	inv, ok := investmentSummand(f.InvestmentPrivate, f.InvestmentBudget)
	return []summand{
		column("area_ha", f.AreaHa.M2, f.AreaHa.Set),
		column("buildings_planned", f.BuildingsPlanned.V, f.BuildingsPlanned.Set),
		column("buildings_built", f.BuildingsBuilt.V, f.BuildingsBuilt.Set),
		column("buildings_under_construction", f.BuildingsUnderConstruction.V, f.BuildingsUnderConstruction.Set),
		column("projects_planned", f.ProjectsPlanned.V, f.ProjectsPlanned.Set),
		column("projects_launched", f.ProjectsLaunched.V, f.ProjectsLaunched.Set),
		column("jobs_planned", f.JobsPlanned.V, f.JobsPlanned.Set),
		column("jobs_created", f.JobsCreated.V, f.JobsCreated.Set),
		column("investment_private_kzt", f.InvestmentPrivate.V, f.InvestmentPrivate.Set),
		column("investment_budget_kzt", f.InvestmentBudget.V, f.InvestmentBudget.Set),
		inv,
		column("import_substitution_kzt", f.ImportSubstitution.V, f.ImportSubstitution.Set),
	}, ok
}

func projectSummands(p *parks.Project) ([]summand, bool) {
	inv, ok := investmentSummand(p.InvestmentPrivate, p.InvestmentBudget)
	return []summand{
		column("jobs_planned", p.JobsPlanned.V, p.JobsPlanned.Set),
		column("jobs_created", p.JobsCreated.V, p.JobsCreated.Set),
		column("investment_private_kzt", p.InvestmentPrivate.V, p.InvestmentPrivate.Set),
		column("investment_budget_kzt", p.InvestmentBudget.V, p.InvestmentBudget.Set),
		inv,
		column("import_substitution_kzt", p.ImportSubstitution.V, p.ImportSubstitution.Set),
	}, ok
}

// CheckFacilityTotals finds the facilities at which a total over all of
// them (a column's sum, or private + budget investment) would no longer fit
// in int64, so aggregation never meets a total it cannot compute exactly.
// A record is reported once, at the first figure that overflows, and stays
// out of the totals, as every record with an error does.
func CheckFacilityTotals(fs []*parks.Facility) []RecordFinding {
	return checkTotals(len(fs), func(i int) ([]summand, bool) { return facilitySummands(fs[i]) })
}

// CheckProjectTotals is CheckFacilityTotals for projects.
func CheckProjectTotals(ps []*parks.Project) []RecordFinding {
	return checkTotals(len(ps), func(i int) ([]summand, bool) { return projectSummands(ps[i]) })
}

const maxInt64Text = "9 223 372 036 854 775 807"

func checkTotals(n int, summands func(int) ([]summand, bool)) []RecordFinding {
	var out []RecordFinding
	var sums []int64
	for i := 0; i < n; i++ {
		ss, ok := summands(i)
		if sums == nil {
			sums = make([]int64, len(ss))
		}
		if !ok {
			out = append(out, RecordFinding{i, Finding{Column: "investment_budget_kzt", Severity: diag.Error, Rule: "sum-overflow",
				ID: "check.record_investment_overflow", Args: []any{maxInt64Text}}})
			continue
		}
		bad := -1
		for j, s := range ss {
			if s.set && s.v > math.MaxInt64-sums[j] {
				bad = j
				break
			}
		}
		if bad >= 0 {
			s := ss[bad]
			out = append(out, RecordFinding{i, Finding{Column: s.col, Severity: diag.Error, Rule: "sum-overflow", Value: s.text(),
				ID: s.id, Args: []any{maxInt64Text, s.col}}})
			continue
		}
		for j, s := range ss {
			if s.set {
				sums[j] += s.v
			}
		}
	}
	return out
}

// text is the figure as the canonical form writes it.
func (s summand) text() string {
	if s.col == "area_ha" {
		return parks.FormatHa(s.v)
	}
	return strconv.FormatInt(s.v, 10)
}
