package rules

import (
	"time"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// CrossCheck applies every rule of a whole dataset to its records, in the
// order they were read: unique ids, a project's facility exists, each
// record's own rules (row.go), a facility's projects add up to no more
// than the facility, totals fit in int64 (totals.go), a project of a
// facility left out is left out too, and the per-file provenance warnings.
// The problems the records already have (their cells') are in c.List.
func (c *Checker) CrossCheck(facilities []*parks.Facility, projects []*parks.Project, today time.Time) {
	c.CellErrors(c.List.Problems)
	fs, ps := parks.FacilitySchema, parks.ProjectSchema
	facByID := map[parks.ID]*parks.Facility{}
	for _, f := range facilities {
		if f.ID == "" {
			continue
		}
		if first, dup := facByID[f.ID]; dup {
			c.Problem(f, diag.Problem{Pos: f.At.Cell(fs.Col("id")), Severity: diag.Error, Rule: "unique-error",
				Field: "id", Value: string(f.ID), RowID: string(f.ID),
				ID: "key.duplicate_facility", Args: []any{diag.Quote(string(f.ID)), first.At.Cell(fs.Col("id")).String()}})
			continue
		}
		facByID[f.ID] = f
		c.FindingsAt(f, CheckFacility(f, today), fs, f.At, string(f.ID))
	}
	projByID := map[parks.ID]*parks.Project{}
	projectsOf := map[parks.ID][]*parks.Project{}
	for _, p := range projects {
		if first, dup := projByID[p.ID]; dup && p.ID != "" {
			c.Problem(p, diag.Problem{Pos: p.At.Cell(ps.Col("id")), Severity: diag.Error, Rule: "unique-error",
				Field: "id", Value: string(p.ID), RowID: string(p.ID),
				ID: "key.duplicate_project", Args: []any{diag.Quote(string(p.ID)), first.At.Cell(ps.Col("id")).String()}})
			continue
		}
		projByID[p.ID] = p
		if p.FacilityID != "" {
			if _, ok := facByID[p.FacilityID]; !ok {
				c.Problem(p, NoFacility(p))
				continue
			}
		}
		projectsOf[p.FacilityID] = append(projectsOf[p.FacilityID], p)
		c.FindingsAt(p, CheckProject(p, today), ps, p.At, string(p.ID))
	}
	for _, f := range facilities {
		if facByID[f.ID] == f {
			c.FindingsAt(f, CheckProjectsAgainst(f, projectsOf[f.ID]), fs, f.At, string(f.ID))
		}
	}
	c.checkFacilityTotals(facilities)
	// A project of a facility left out is left out too: its figures would
	// otherwise count under a facility the totals do not have.
	for _, p := range projects {
		if f := facByID[p.FacilityID]; f != nil && c.bad[f] && !c.bad[p] {
			c.Problem(p, FacilityInvalid(p))
		}
	}
	c.checkProjectTotals(projects)
	c.ReportAbsent()
}

// checkFacilityTotals reports the facilities whose figures would make a
// total overflow, among those still used.
func (c *Checker) checkFacilityTotals(facilities []*parks.Facility) {
	var used []*parks.Facility
	for _, f := range facilities {
		if !c.bad[f] {
			used = append(used, f)
		}
	}
	for _, rf := range CheckFacilityTotals(used) {
		f := used[rf.Record]
		c.FindingsAt(f, []Finding{rf.Finding}, parks.FacilitySchema, f.At, string(f.ID))
	}
}

// checkProjectTotals is checkFacilityTotals for projects.
func (c *Checker) checkProjectTotals(projects []*parks.Project) {
	var used []*parks.Project
	for _, p := range projects {
		if !c.bad[p] {
			used = append(used, p)
		}
	}
	for _, rf := range CheckProjectTotals(used) {
		p := used[rf.Record]
		c.FindingsAt(p, []Finding{rf.Finding}, parks.ProjectSchema, p.At, string(p.ID))
	}
}

// NoFacility is the error of a project whose facility_id names no
// facility of the dataset.
func NoFacility(p *parks.Project) diag.Problem {
	return diag.Problem{Pos: p.At.Cell(parks.ProjectSchema.Col("facility_id")), Severity: diag.Error, Rule: "foreign-key",
		Field: "facility_id", Value: string(p.FacilityID), RowID: string(p.ID),
		ID: "key.no_facility", Args: []any{"facility_id", diag.Quote(string(p.FacilityID))}}
}

// FacilityInvalid is the error of a project, usable itself, whose facility
// is left out for an error of its own.
func FacilityInvalid(p *parks.Project) diag.Problem {
	return diag.Problem{Pos: p.At.Cell(parks.ProjectSchema.Col("facility_id")), Severity: diag.Error, Rule: "foreign-key",
		Field: "facility_id", Value: string(p.FacilityID), RowID: string(p.ID),
		ID: "key.facility_invalid", Args: []any{diag.Quote(string(p.FacilityID))}}
}
