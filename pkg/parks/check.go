package parks

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/parks-kz/parks/pkg/diag"
)

// Finding is a domain rule broken by a record, before it is given a position.
type Finding struct {
	Column   string // canonical column the finding points at
	Severity diag.Severity
	Rule     string
	Message  string // English; ID and Args name it for other languages (see CellError)
	Value    string
	ID       string
	Args     []any
}

// CheckFacility applies the rules that only someone who knows parks can
// write: figures that contradict each other within one record.
func CheckFacility(f *Facility, today time.Time) []Finding {
	var out []Finding
	if f.BuildingsBuilt.V > math.MaxInt64-f.BuildingsUnderConstruction.V {
		out = append(out, Finding{"buildings_under_construction", diag.Error, "sum-overflow",
			fmt.Sprintf("buildings built + under construction is more than %s; the figures cannot be right", maxInt64Text),
			f.BuildingsUnderConstruction.String(), "check.buildings_overflow", []any{maxInt64Text}})
	} else if f.BuildingsPlanned.Set && (f.BuildingsBuilt.Set || f.BuildingsUnderConstruction.Set) {
		if sum := f.BuildingsBuilt.V + f.BuildingsUnderConstruction.V; sum > f.BuildingsPlanned.V {
			out = append(out, Finding{"buildings_built", diag.Error, "row-constraint",
				fmt.Sprintf("buildings built (%s) + under construction (%s) = %d is more than buildings_planned %d",
					orDash(f.BuildingsBuilt), orDash(f.BuildingsUnderConstruction), sum, f.BuildingsPlanned.V), f.BuildingsBuilt.String(),
				"check.buildings_exceed_planned", []any{orDash(f.BuildingsBuilt), orDash(f.BuildingsUnderConstruction), itoa(sum), itoa(f.BuildingsPlanned.V)}})
		}
	}
	if f.ProjectsLaunched.Set && f.ProjectsPlanned.Set && f.ProjectsLaunched.V > f.ProjectsPlanned.V {
		out = append(out, Finding{"projects_launched", diag.Warning, "row-constraint",
			fmt.Sprintf("projects_launched %d is more than projects_planned %d", f.ProjectsLaunched.V, f.ProjectsPlanned.V), f.ProjectsLaunched.String(),
			"check.projects_launched_exceed", []any{itoa(f.ProjectsLaunched.V), itoa(f.ProjectsPlanned.V)}})
	}
	out = append(out, checkJobs(f.JobsPlanned, f.JobsCreated)...)
	out = append(out, checkProvenance(f.AsOf, string(f.Source), today)...)
	return out
}

// CheckProject applies the single-record rules to a project.
func CheckProject(p *Project, today time.Time) []Finding {
	return append(checkJobs(p.JobsPlanned, p.JobsCreated), checkProvenance(p.AsOf, string(p.Source), today)...)
}

func checkJobs(planned, created Count) []Finding {
	if planned.Set && created.Set && created.V > planned.V {
		return []Finding{{"jobs_created", diag.Warning, "row-constraint",
			fmt.Sprintf("jobs_created %d is more than jobs_planned %d", created.V, planned.V), created.String(),
			"check.jobs_created_exceed", []any{itoa(created.V), itoa(planned.V)}}}
	}
	return nil
}

func checkProvenance(asOf Date, source string, today time.Time) []Finding {
	var out []Finding
	switch {
	case !asOf.Set:
		out = append(out, Finding{"as_of", diag.Warning, "missing-as-of", "as_of is missing: say which date the figures refer to", "", "check.as_of_missing", nil})
	case asOf.T.After(today):
		out = append(out, Finding{"as_of", diag.Error, "constraint-error",
			fmt.Sprintf("as_of %s is in the future", asOf), asOf.String(), "check.as_of_future", []any{asOf.String()}})
	}
	if source == "" {
		out = append(out, Finding{"source", diag.Warning, "missing-source", "source is missing: say where the figures come from", "", "check.source_missing", nil})
	}
	return out
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func orDash(c Count) string {
	if !c.Set {
		return "—"
	}
	return c.String()
}

// CheckProjectsAgainst warns when a facility's projects add up to more jobs
// or investment than the facility itself reports.
func CheckProjectsAgainst(f *Facility, projects []*Project) []Finding {
	var jobsP, jobsC, priv, budg Sum
	for _, p := range projects {
		jobsP.Add(p.JobsPlanned.V, p.JobsPlanned.Set)
		jobsC.Add(p.JobsCreated.V, p.JobsCreated.Set)
		priv.Add(p.InvestmentPrivate.V, p.InvestmentPrivate.Set)
		budg.Add(p.InvestmentBudget.V, p.InvestmentBudget.Set)
	}
	var out []Finding
	check := func(col string, facility Count, sum Sum) {
		if facility.Set && sum.N > 0 && sum.V > facility.V {
			out = append(out, Finding{col, diag.Warning, "projects-exceed-facility",
				fmt.Sprintf("the facility's projects add up to %s %d, more than the facility's %d", col, sum.V, facility.V), facility.String(),
				"check.projects_exceed_facility", []any{col, itoa(sum.V), itoa(facility.V)}})
		}
	}
	check("jobs_planned", f.JobsPlanned, jobsP)
	check("jobs_created", f.JobsCreated, jobsC)
	check("investment_private_kzt", Count(f.InvestmentPrivate), priv)
	check("investment_budget_kzt", Count(f.InvestmentBudget), budg)
	return out
}
