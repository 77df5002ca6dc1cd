package parks

import (
	"cmp"
	"fmt"
	"slices"
)

// Dimension is what rows are grouped by.
type Dimension string

const (
	ByDistrict Dimension = "district"
	ByKind     Dimension = "kind"
	ByStatus   Dimension = "status"
	BySector   Dimension = "sector"
	ByFacility Dimension = "facility"
)

// Dimensions lists the valid groupings.
var Dimensions = []Dimension{ByDistrict, ByKind, ByStatus, BySector, ByFacility}

// Filter selects the records that enter an aggregate. Empty fields select
// everything; values within a field are alternatives.
type Filter struct {
	KATO     []string // districts by KATO code
	Kinds    []Kind
	Statuses []Status
	Sectors  []string // sector codes
}

// Facility reports whether a facility passes the filter.
func (f *Filter) Facility(x *Facility) bool {
	if len(f.KATO) > 0 && !slices.Contains(f.KATO, x.KATO) {
		return false
	}
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, x.Kind) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, x.Status) {
		return false
	}
	if len(f.Sectors) > 0 && !slices.ContainsFunc(x.Sectors, func(s string) bool { return slices.Contains(f.Sectors, s) }) {
		return false
	}
	return true
}

// Project reports whether a project passes the filter; its facility must
// pass the district and kind filters, the project itself status and sector.
func (f *Filter) Project(p *Project, of *Facility) bool {
	if of == nil {
		return false
	}
	if len(f.KATO) > 0 && !slices.Contains(f.KATO, of.KATO) {
		return false
	}
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, of.Kind) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, p.Status) {
		return false
	}
	if len(f.Sectors) > 0 && !slices.Contains(f.Sectors, string(p.Sector)) {
		return false
	}
	return true
}

// Group is one row of an aggregate.
type Group struct {
	Key      string    // KATO code, kind, status, sector code or facility id
	Facility *Facility // set when grouping by facility
	Totals   Totals
	// first places the first facility folded in among the marks (Mark):
	// 2m+1 after m marks, 2m at mark m
	first int
	seen  bool
}

// Result is an aggregate: its groups in first-seen order and the total.
type Result struct {
	By     Dimension
	Groups []*Group
	Total  Totals
	index  map[string]*Group
	spare  []*Group // emptied by Reset, for group to reuse
	marks  int      // places handed out by Mark
}

// NewResult starts an empty aggregate.
func NewResult(by Dimension) *Result {
	return &Result{By: by, index: map[string]*Group{}}
}

// Reset empties r for another run of records, keeping its groups' memory
// for the new groups (a streaming load folds every chunk into a Result of
// its own).
func (r *Result) Reset() {
	for _, g := range r.Groups {
		*g = Group{}
	}
	r.spare = append(r.spare, r.Groups...)
	r.Groups = nil // as NewResult's
	clear(r.index)
	r.Total = Totals{}
	r.marks = 0
}

func (r *Result) group(key string) *Group {
	g, ok := r.index[key]
	if !ok {
		if n := len(r.spare); n > 0 {
			g, r.spare = r.spare[n-1], r.spare[:n-1]
			g.Key = key
		} else {
			g = &Group{Key: key}
		}
		r.index[key] = g
		r.Groups = append(r.Groups, g)
	}
	return g
}

// AddFacility folds a facility into its group and the total.
func (r *Result) AddFacility(f *Facility) {
	r.AddFacilityToGroup(f)
	r.Total.AddFacility(f)
}

// AddFacilityToGroup folds a facility into its group only, for a caller
// that folds many and then calls TotalOfGroups: half the work of
// AddFacility for each record.
func (r *Result) AddFacilityToGroup(f *Facility) {
	r.AddToGroup(r.GroupOf(f), f)
}

// GroupOf is the group f folds into, made if new, for a caller that
// remembers it for the next facilities of that group (a streaming worker,
// by district): AddToGroup then folds them without looking it up again.
// It holds until Reset.
func (r *Result) GroupOf(f *Facility) *Group {
	return r.group(r.keyOf(f))
}

// AddToGroup is AddFacilityToGroup given f's group (GroupOf).
func (r *Result) AddToGroup(g *Group, f *Facility) {
	if !g.seen {
		g.seen, g.first = true, 2*r.marks+1 // after the marks handed out so far
	}
	g.Facility = f
	if r.By != ByFacility {
		g.Facility = nil
	}
	g.Totals.AddFacility(f)
}

func (r *Result) keyOf(f *Facility) string {
	switch r.By {
	case ByDistrict:
		return f.KATO
	case ByKind:
		return string(f.Kind)
	case ByStatus:
		return string(f.Status)
	case ByFacility:
		return string(f.ID)
	}
	return ""
}

// Find is the group a facility folds into, or nil when it has none yet.
func (r *Result) Find(f *Facility) *Group { return r.index[r.keyOf(f)] }

// Mark numbers a place among the facilities folded so far, for a
// facility that is decided on (and perhaps folded) later: a streaming load
// decides on a few records after those that follow them. AddFacilityAt
// folds such a facility, and Reorder then puts the groups in the order
// they would have had if it had been folded at its place.
func (r *Result) Mark() int {
	r.marks++
	return r.marks
}

// AddFacilityAt is AddFacilityToGroup for a facility at a place Mark gave.
func (r *Result) AddFacilityAt(f *Facility, mark int) {
	g := r.group(r.keyOf(f))
	if !g.seen || 2*mark < g.first {
		g.seen, g.first = true, 2*mark
	}
	r.AddFacilityToGroup(f)
}

// Reorder orders the groups by the first facility folded into each, when
// AddFacilityAt folded some (Mark).
func (r *Result) Reorder() {
	if r.marks == 0 {
		return
	}
	slices.SortStableFunc(r.Groups, func(a, b *Group) int { return cmp.Compare(a.first, b.first) })
}

// TotalOfGroups makes the total the merge of the groups' totals. Every
// summed value is non-negative, so a sum overflows in the total exactly
// when it would have adding each record to it, and otherwise the total is
// the same (sums, counts, provenance) as AddFacility's.
func (r *Result) TotalOfGroups() {
	r.Total = Totals{}
	for _, g := range r.Groups {
		r.Total.Merge(&g.Totals)
	}
}

// AddProject folds a project into its sector group and the total.
func (r *Result) AddProject(p *Project) {
	r.group(string(p.Sector)).Totals.AddProject(p)
	r.Total.AddProject(p)
}

// Merge adds another partial result; groups new to r are appended in o's
// order, so merging partial results in input order is deterministic.
func (r *Result) Merge(o *Result) {
	for _, og := range o.Groups {
		g := r.group(og.Key)
		if og.Facility != nil {
			g.Facility = og.Facility
		}
		g.Totals.Merge(&og.Totals)
	}
	r.Total.Merge(&o.Total)
}

// Aggregate groups a dataset. Grouping by sector aggregates projects (the
// sector of a project is one code; a facility lists several).
func Aggregate(ds *Dataset, by Dimension, filter Filter) (*Result, error) {
	if !slices.Contains(Dimensions, by) {
		return nil, fmt.Errorf("cannot group by %q; use one of district, kind, status, sector, facility", by)
	}
	r := NewResult(by)
	if by == BySector {
		facilities := map[ID]*Facility{}
		for _, f := range ds.Facilities {
			facilities[f.ID] = f
		}
		for _, p := range ds.Projects {
			if filter.Project(p, facilities[p.FacilityID]) {
				r.AddProject(p)
			}
		}
	} else {
		for _, f := range ds.Facilities {
			if filter.Facility(f) {
				r.AddFacility(f)
			}
		}
	}
	if r.Total.Overflow {
		return r, fmt.Errorf("a total is larger than %d and cannot be computed exactly", int64(maxInt64))
	}
	return r, nil
}
