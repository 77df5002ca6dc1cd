package parks

import (
	"math"
	"slices"
)

// Match says how a facility of the old dataset was paired with one of the
// new dataset.
type Match string

const (
	// MatchID pairs records with the same id.
	MatchID Match = "id"
	// MatchName pairs facilities whose ids differ but whose district and
	// normalised name are the same, and unique on both sides. It is a guess,
	// so it is always reported as such.
	MatchName Match = "district+name"
)

// FieldChange is one column whose value differs, as Schema.Values gives it
// (nil when not reported).
type FieldChange struct {
	Field    string
	Old, New any
}

// FacilityChange is a facility present in both datasets with what changed.
type FacilityChange struct {
	Old, New *Facility
	Match    Match
	Fields   []FieldChange
}

// ProjectChange is a project present in both datasets with what changed.
type ProjectChange struct {
	Old, New *Project
	Fields   []FieldChange
}

// Backward is a figure that went down although it should only grow:
// buildings built and jobs created. It usually means a data error or a
// restated figure, so it is worth a warning.
type Backward struct {
	Record   string // "facility" or "project"
	ID       string // id in the new dataset
	Field    string
	Old, New int64
}

// BackwardFields are the columns that should never decrease between
// snapshots.
var BackwardFields = []string{"buildings_built", "jobs_created"}

// DatasetDiff is what changed between two datasets, record by record.
type DatasetDiff struct {
	Added, Removed                 []*Facility
	Changed                        []FacilityChange // matched facilities with at least one change
	ProjectsAdded, ProjectsRemoved []*Project
	ProjectsChanged                []ProjectChange
	Backward                       []Backward
}

// Empty reports whether no record differs.
func (d *DatasetDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Changed)+len(d.ProjectsAdded)+len(d.ProjectsRemoved)+len(d.ProjectsChanged) == 0
}

// nameKey is the district and normalised name a facility is matched by
// when ids differ.
func nameKey(f *Facility) string { return f.KATO + "\x00" + NormalizeName(string(f.Name)) }

// DiffDatasets compares two datasets. Facilities are matched by id, then the
// rest by district + normalised name where that pairs exactly one old with
// one new facility; projects are matched by id. Lists keep the order of the
// dataset they come from (added and changed: the new one).
func DiffDatasets(old, new *Dataset) *DatasetDiff {
	d := &DatasetDiff{}
	oldByID := make(map[ID]*Facility, len(old.Facilities))
	for _, f := range old.Facilities {
		oldByID[f.ID] = f
	}
	newIDs := make(map[ID]bool, len(new.Facilities))
	for _, f := range new.Facilities {
		newIDs[f.ID] = true
	}
	// Facilities left over on each side, counted by name key, for the
	// fuzzy match: only a key unique on both sides pairs.
	oldByName := map[string][]*Facility{}
	for _, f := range old.Facilities {
		if !newIDs[f.ID] {
			oldByName[nameKey(f)] = append(oldByName[nameKey(f)], f)
		}
	}
	newByName := map[string]int{}
	for _, f := range new.Facilities {
		if _, ok := oldByID[f.ID]; !ok {
			newByName[nameKey(f)]++
		}
	}
	matchedOld := map[*Facility]bool{}
	for _, nf := range new.Facilities {
		of, match := oldByID[nf.ID], MatchID
		if of == nil {
			if cands := oldByName[nameKey(nf)]; len(cands) == 1 && newByName[nameKey(nf)] == 1 {
				of, match = cands[0], MatchName
			}
		}
		if of == nil {
			d.Added = append(d.Added, nf)
			continue
		}
		matchedOld[of] = true
		fields := diffFields(FacilitySchema, of, nf)
		if len(fields) > 0 {
			d.Changed = append(d.Changed, FacilityChange{Old: of, New: nf, Match: match, Fields: fields})
		}
		d.Backward = append(d.Backward, backward("facility", string(nf.ID), fields)...)
	}
	for _, f := range old.Facilities {
		if !matchedOld[f] {
			d.Removed = append(d.Removed, f)
		}
	}

	oldProj := make(map[ID]*Project, len(old.Projects))
	for _, p := range old.Projects {
		oldProj[p.ID] = p
	}
	seen := map[ID]bool{}
	for _, np := range new.Projects {
		op := oldProj[np.ID]
		if op == nil {
			d.ProjectsAdded = append(d.ProjectsAdded, np)
			continue
		}
		seen[np.ID] = true
		fields := diffFields(ProjectSchema, op, np)
		if len(fields) > 0 {
			d.ProjectsChanged = append(d.ProjectsChanged, ProjectChange{Old: op, New: np, Fields: fields})
		}
		d.Backward = append(d.Backward, backward("project", string(np.ID), fields)...)
	}
	for _, p := range old.Projects {
		if !seen[p.ID] {
			d.ProjectsRemoved = append(d.ProjectsRemoved, p)
		}
	}
	return d
}

// diffFields compares two records column by column. A district is compared
// by its resolved KATO code, so "Turkistan city" and "Түркістан қ." are the
// same district.
func diffFields(s *Schema, old, new any) []FieldChange {
	ov, nv := s.Values(old), s.Values(new)
	var out []FieldChange
	for i, c := range s.Columns {
		if c.Name == "district" {
			of, nf := old.(*Facility), new.(*Facility)
			if of.KATO == nf.KATO {
				continue
			}
		}
		if !sameValue(ov[i], nv[i]) {
			out = append(out, FieldChange{Field: c.Name, Old: ov[i], New: nv[i]})
		}
	}
	return out
}

func sameValue(a, b any) bool {
	if as, ok := a.([]string); ok {
		bs, ok := b.([]string)
		return ok && slices.Equal(as, bs)
	}
	return a == b
}

func backward(record, id string, fields []FieldChange) []Backward {
	var out []Backward
	for _, fc := range fields {
		if !slices.Contains(BackwardFields, fc.Field) {
			continue
		}
		o, ok1 := fc.Old.(int64)
		n, ok2 := fc.New.(int64)
		if ok1 && ok2 && n < o {
			out = append(out, Backward{Record: record, ID: id, Field: fc.Field, Old: o, New: n})
		}
	}
	return out
}

// Change is a metric's value in two datasets and how it moved: Delta is
// new − old (each computed by the metric itself, so a ratio's change is the
// difference of two ratios of sums) and Pct is Delta relative to old, in
// per cent. Both are null when either side is null, Pct also when old is 0.
type Change struct {
	Old, New, Delta, Pct Value
}

// Changed reports whether the value differs (a value appearing or
// disappearing is a change).
func (c Change) Changed() bool {
	if c.Old.Null || c.New.Null {
		return c.Old.Null != c.New.Null
	}
	return c.Old.Int != c.New.Int || c.Old.Float != c.New.Float
}

// Compare computes a metric on old and new totals and their difference.
// A nil side is a group absent from that dataset.
func (m *Metric) Compare(old, new *Totals) Change {
	var zero Totals
	if old == nil {
		old = &zero
	}
	if new == nil {
		new = &zero
	}
	c := Change{Old: m.Of(old), New: m.Of(new)}
	c.Delta = Value{Null: true, Unit: m.Unit}
	c.Pct = Value{Null: true, Unit: UnitPercent}
	if c.Old.Null || c.New.Null {
		return c
	}
	if c.Old.IsFloat() {
		// Rounded to 12 decimals: the difference of two floats carries
		// noise (8.2 − 8.25 = −0.05000000000000071) far below any figure.
		c.Delta = Value{Float: math.Round((c.New.Float-c.Old.Float)*1e12) / 1e12, Unit: m.Unit}
	} else {
		c.Delta = Value{Int: c.New.Int - c.Old.Int, Unit: m.Unit}
	}
	if base := c.Old.Number(); base != 0 {
		c.Pct = Value{Float: c.Delta.Number() / abs(base) * 100, Unit: UnitPercent}
	}
	return c
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// GroupPair is a group of two aggregates with the same key; Old or New is
// nil when the group exists on one side only.
type GroupPair struct {
	Key      string
	Old, New *Group
}

// PairGroups pairs the groups of two aggregates by key: the old groups in
// their order, then the groups only the new one has.
func PairGroups(old, new *Result) []GroupPair {
	newByKey := make(map[string]*Group, len(new.Groups))
	for _, g := range new.Groups {
		newByKey[g.Key] = g
	}
	out := make([]GroupPair, 0, len(old.Groups))
	inOld := make(map[string]bool, len(old.Groups))
	for _, g := range old.Groups {
		inOld[g.Key] = true
		out = append(out, GroupPair{Key: g.Key, Old: g, New: newByKey[g.Key]})
	}
	for _, g := range new.Groups {
		if !inOld[g.Key] {
			out = append(out, GroupPair{Key: g.Key, New: g})
		}
	}
	return out
}

// Totals returns the totals of each side (nil when absent).
func (p GroupPair) Totals() (old, new *Totals) {
	if p.Old != nil {
		old = &p.Old.Totals
	}
	if p.New != nil {
		new = &p.New.Totals
	}
	return old, new
}

// Series is one group followed across several aggregates (snapshots):
// Groups[i] is its group in the i-th aggregate, nil where it is absent.
type Series struct {
	Key    string
	Groups []*Group
}

// AlignGroups lines up the groups of several aggregates by key, in the
// order keys are first seen.
func AlignGroups(results []*Result) []Series {
	var out []Series
	index := map[string]int{}
	for i, r := range results {
		for _, g := range r.Groups {
			j, ok := index[g.Key]
			if !ok {
				j = len(out)
				index[g.Key] = j
				out = append(out, Series{Key: g.Key, Groups: make([]*Group, len(results))})
			}
			out[j].Groups[i] = g
		}
	}
	return out
}

// Values computes a metric on each of the series' groups; an absent group
// has the metric of nothing (counts 0, sums not reported).
func (s Series) Values(m *Metric) []Value {
	out := make([]Value, len(s.Groups))
	for i, g := range s.Groups {
		if g == nil {
			out[i] = m.Of(&Totals{})
		} else {
			out[i] = m.Of(&g.Totals)
		}
	}
	return out
}

// Latest returns the group of the last aggregate that has it, for labels.
func (s Series) Latest() *Group {
	for i := len(s.Groups) - 1; i >= 0; i-- {
		if s.Groups[i] != nil {
			return s.Groups[i]
		}
	}
	return nil
}
