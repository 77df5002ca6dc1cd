package rules

import (
	"github.com/parks-kz/parks/pkg/parks"
	"math"
	"strconv"
	"time"

	"github.com/parks-kz/parks/pkg/diag"
)

// Finding is a domain rule broken by a record, before it is given a
// position: the column it points at, the rule, the cell as written, and
// the message (problem.<ID> in pkg/i18n/messages.yaml) with its arguments.
type Finding struct {
	Column   string // canonical column the finding points at
	Severity diag.Severity
	Rule     string
	Value    string
	ID       string
	Args     []any
}

// CheckFacility applies the rules that only someone who knows parks can
// write: figures that contradict each other within one record.
func CheckFacility(f *parks.Facility, today time.Time) []Finding {
	var out []Finding
	if f.BuildingsBuilt.V > math.MaxInt64-f.BuildingsUnderConstruction.V {
		out = append(out, Finding{Column: "buildings_under_construction", Severity: diag.Error, Rule: "sum-overflow",
			Value: f.BuildingsUnderConstruction.String(), ID: "check.buildings_overflow", Args: []any{maxInt64Text}})
	} else if f.BuildingsPlanned.Set && (f.BuildingsBuilt.Set || f.BuildingsUnderConstruction.Set) {
		if sum := f.BuildingsBuilt.V + f.BuildingsUnderConstruction.V; sum > f.BuildingsPlanned.V {
			out = append(out, Finding{Column: "buildings_built", Severity: diag.Error, Rule: "row-constraint", Value: f.BuildingsBuilt.String(),
				ID: "check.buildings_exceed_planned", Args: []any{orDash(f.BuildingsBuilt), orDash(f.BuildingsUnderConstruction), itoa(sum), itoa(f.BuildingsPlanned.V)}})
		}
	}
	if f.ProjectsLaunched.Set && f.ProjectsPlanned.Set && f.ProjectsLaunched.V > f.ProjectsPlanned.V {
		out = append(out, Finding{Column: "projects_launched", Severity: diag.Warning, Rule: "row-constraint", Value: f.ProjectsLaunched.String(),
			ID: "check.projects_launched_exceed", Args: []any{itoa(f.ProjectsLaunched.V), itoa(f.ProjectsPlanned.V)}})
	}
	out = append(out, checkJobs(f.JobsPlanned, f.JobsCreated)...)
	out = append(out, checkProvenance(f.AsOf, string(f.Source), today)...)
	return out
}

// CheckProject applies the single-record rules to a project.
func CheckProject(p *parks.Project, today time.Time) []Finding {
	return append(checkJobs(p.JobsPlanned, p.JobsCreated), checkProvenance(p.AsOf, string(p.Source), today)...)
}

func checkJobs(planned, created parks.Count) []Finding {
	if planned.Set && created.Set && created.V > planned.V {
		return []Finding{{Column: "jobs_created", Severity: diag.Warning, Rule: "row-constraint", Value: created.String(),
			ID: "check.jobs_created_exceed", Args: []any{itoa(created.V), itoa(planned.V)}}}
	}
	return nil
}

func checkProvenance(asOf parks.Date, source string, today time.Time) []Finding {
	var out []Finding
	switch {
	case !asOf.Set:
		out = append(out, Finding{Column: "as_of", Severity: diag.Warning, Rule: "missing-as-of", ID: "check.as_of_missing"})
	case asOf.T.After(today):
		out = append(out, Finding{Column: "as_of", Severity: diag.Error, Rule: "constraint-error", Value: asOf.String(),
			ID: "check.as_of_future", Args: []any{asOf.String()}})
	}
	if source == "" {
		out = append(out, Finding{Column: "source", Severity: diag.Warning, Rule: "missing-source", ID: "check.source_missing"})
	}
	return out
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func orDash(c parks.Count) string {
	if !c.Set {
		return "—"
	}
	return c.String()
}

// CheckProjectsAgainst warns when a facility's projects add up to more jobs
// or investment than the facility itself reports.
func CheckProjectsAgainst(f *parks.Facility, projects []*parks.Project) []Finding {
	var sums ProjectSums
	for _, p := range projects {
		sums.Add(p)
	}
	return CheckSumsAgainst(f, &sums)
}

// ProjectSums are the sums of a facility's projects that
// CheckProjectsAgainst compares with the facility's own figures.
type ProjectSums struct{ JobsPlanned, JobsCreated, Private, Budget parks.Sum }

// Add adds a project's figures; false when a sum would overflow (it is
// left as it was, as parks.Sum.Add leaves it).
func (s *ProjectSums) Add(p *parks.Project) bool {
	a := s.JobsPlanned.Add(p.JobsPlanned.V, p.JobsPlanned.Set)
	b := s.JobsCreated.Add(p.JobsCreated.V, p.JobsCreated.Set)
	c := s.Private.Add(p.InvestmentPrivate.V, p.InvestmentPrivate.Set)
	d := s.Budget.Add(p.InvestmentBudget.V, p.InvestmentBudget.Set)
	return a && b && c && d
}

// CheckSumsAgainst is CheckProjectsAgainst given the sums of the
// facility's projects (a streaming load keeps the sums, not the projects).
func CheckSumsAgainst(f *parks.Facility, s *ProjectSums) []Finding {
	jobsP, jobsC, priv, budg := s.JobsPlanned, s.JobsCreated, s.Private, s.Budget
	var out []Finding
	check := func(col string, facility parks.Count, sum parks.Sum) {
		if facility.Set && sum.N > 0 && sum.V > facility.V {
			out = append(out, Finding{Column: col, Severity: diag.Warning, Rule: "projects-exceed-facility", Value: facility.String(),
				ID: "check.projects_exceed_facility", Args: []any{col, itoa(sum.V), itoa(facility.V)}})
		}
	}
	check("jobs_planned", f.JobsPlanned, jobsP)
	check("jobs_created", f.JobsCreated, jobsC)
	check("investment_private_kzt", parks.Count(f.InvestmentPrivate), priv)
	check("investment_budget_kzt", parks.Count(f.InvestmentBudget), budg)
	return out
}
