package parks

import (
	"maps"
	"slices"
)

// Provenance says where the records behind a total come from: the distinct
// sources and the range of their as_of dates. Like the sums of Totals it
// merges, so partial totals (per chunk, file or group) keep it exactly, and
// the result does not depend on the order records were added or merged in.
//
// Adding a record costs O(1) amortised and allocates nothing when its source
// is the one seen last (records of one file usually share a source); a new
// distinct source is inserted into a small sorted slice, or into a set once
// there are many. A Provenance must not be copied once it holds a source set
// (copy with Merge into a zero value).
type Provenance struct {
	From, To Date // earliest and latest as_of; unset when no record is dated

	last  string              // the source added last (fast path)
	small []string            // distinct sources, sorted, while few
	large map[string]struct{} // distinct sources once there are many
}

// provenanceSmall is how many distinct sources are kept in a sorted slice
// before switching to a set: inserting into the slice moves O(n) strings.
const provenanceSmall = 32

// Add records one record's source and as_of. An empty source or an unset
// date adds nothing (the loader warns about them).
func (p *Provenance) Add(source string, asOf Date) {
	// Small enough to inline: records usually repeat the last source and a
	// date already at an end of the range, and then only compare.
	if asOf.Set && asOf != p.To && asOf != p.From {
		p.addDate(asOf)
	}
	if source != p.last && source != "" { // p.last, once set, is in the set
		p.last = source
		p.addSource(source)
	}
}

func (p *Provenance) addDate(asOf Date) {
	if !p.From.Set || asOf.T.Before(p.From.T) {
		p.From = asOf
	}
	if !p.To.Set || asOf.T.After(p.To.T) {
		p.To = asOf
	}
}

func (p *Provenance) addSource(source string) {
	if p.large != nil {
		p.large[source] = struct{}{}
		return
	}
	// A loader hands the same source text over and over, often the very
	// same string: == sees that from the pointer, where BinarySearch's
	// three-way comparison reads every byte.
	for _, s := range p.small {
		if s == source {
			return
		}
	}
	i, _ := slices.BinarySearch(p.small, source)
	if len(p.small) < provenanceSmall {
		p.small = slices.Insert(p.small, i, source)
		return
	}
	p.large = make(map[string]struct{}, 2*provenanceSmall)
	for _, s := range p.small {
		p.large[s] = struct{}{}
	}
	p.large[source] = struct{}{}
	p.small = nil
}

// Covers reports whether adding a record's source and as_of would leave p
// as it is: a streaming load's repeat pass may then take a record out of
// totals without knowing which other records share its provenance
// (Totals.Remove).
func (p *Provenance) Covers(source string, asOf Date) bool {
	if asOf.Set && (!p.From.Set || asOf.T.Before(p.From.T) || asOf.T.After(p.To.T)) {
		return false
	}
	if source == "" || source == p.last {
		return true
	}
	if p.large != nil {
		_, ok := p.large[source]
		return ok
	}
	return slices.Contains(p.small, source)
}

// Merge adds the provenance of other records.
func (p *Provenance) Merge(o *Provenance) {
	if o.From.Set {
		p.addDate(o.From)
	}
	if o.To.Set {
		p.addDate(o.To)
	}
	for _, s := range o.small {
		p.addSource(s)
	}
	for s := range o.large {
		p.addSource(s)
	}
	if o.last != "" {
		p.last = o.last
	}
}

// Sources returns the distinct sources, sorted. The slice is the caller's.
func (p *Provenance) Sources() []string {
	if p.large != nil {
		return slices.Sorted(maps.Keys(p.large))
	}
	return slices.Clone(p.small)
}
