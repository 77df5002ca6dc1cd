// Package view turns aggregates into what the commands and the report show:
// labelled, sorted rows (Row), group labels and identities in a language,
// the provenance of each row, the human tables of the aggregate commands
// and the rows of the machine contract (docs/output.md). It sits between
// the domain (pkg/parks) and the writers (pkg/render, pkg/report): it
// decides what a row says, not how it is drawn.
package view

import (
	"cmp"
	"slices"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
)

// Row is one row of an aggregate, ready for any format.
type Row struct {
	Group  *parks.Group // nil for the total
	Label  string
	Values map[string]parks.Value
	Prov   *parks.Provenance
}

func Values(t *parks.Totals) map[string]parks.Value {
	out := make(map[string]parks.Value, len(parks.Metrics))
	for _, m := range parks.Metrics {
		out[m.Key] = m.Of(t)
	}
	return out
}

// FacilityValues computes the metrics of a single facility.
func FacilityValues(f *parks.Facility) map[string]parks.Value {
	var t parks.Totals
	t.AddFacility(f)
	return Values(&t)
}

// Rows labels the groups of a result in lang and sorts them: by name in
// sortLang's alphabet (sort "name") or by a metric's key, highest first
// and not reported last; top > 0 keeps the first top rows.
//
// Only the rows kept are made (label, every metric's value): report
// charts the top 30 of a million facilities. The sort reads the one
// metric it sorts by, and a name's collation key is made when a
// comparison first needs it (a sort by a metric compares names only on a
// tie), each name once.
func Rows(res *parks.Result, lang, sortLang i18n.Lang, sort string, top int) []*Row {
	type entry struct {
		v   parks.Value
		key i18n.NameKey
		has bool // key is made
	}
	entries := make([]entry, len(res.Groups))
	if m, ok := parks.MetricByKey(sort); ok {
		for i, g := range res.Groups {
			entries[i].v = m.Of(&g.Totals)
		}
	}
	keyOf := CachedNameKeys(sortLang)
	byName := func(a, b int) int {
		for _, i := range [2]int{a, b} {
			if e := &entries[i]; !e.has {
				e.key, e.has = keyOf(GroupLabel(res.By, res.Groups[i], sortLang)), true
			}
		}
		return i18n.CompareNameKeys(entries[a].key, entries[b].key)
	}
	order := make([]int, len(res.Groups))
	for i := range order {
		order[i] = i
	}
	// ties keep the groups' order (a stable sort, by the index)
	slices.SortFunc(order, func(a, b int) int {
		if sort == "name" {
			return cmp.Or(byName(a, b), cmp.Compare(a, b))
		}
		va, vb := entries[a].v, entries[b].v
		switch {
		case va.Null && vb.Null:
			return cmp.Or(byName(a, b), cmp.Compare(a, b))
		case va.Null:
			return 1 // nulls last
		case vb.Null:
			return -1
		}
		return cmp.Or(cmp.Compare(vb.Number(), va.Number()), byName(a, b), cmp.Compare(a, b))
	})
	if top > 0 && len(order) > top {
		order = order[:top]
	}
	rows := make([]*Row, len(order))
	for k, i := range order {
		g := res.Groups[i]
		rows[k] = &Row{Group: g, Label: GroupLabel(res.By, g, lang), Values: Values(&g.Totals), Prov: &g.Totals.Prov}
	}
	return rows
}

// nameKeyCache bounds CachedNameKeys' memory: past it, the cache starts
// again.
const nameKeyCache = 4096

// CachedNameKeys is i18n.NameKeys remembering the keys of the last few
// thousand distinct names: registries repeat names ("индустриальная зона
// Сайрам"), and collating one costs microseconds. Not safe for concurrent
// use (neither is NameKeys).
func CachedNameKeys(l i18n.Lang) func(name string) i18n.NameKey {
	keyOf := i18n.NameKeys(l)
	cache := map[string]i18n.NameKey{}
	return func(name string) i18n.NameKey {
		if k, ok := cache[name]; ok {
			return k
		}
		if len(cache) >= nameKeyCache {
			clear(cache)
		}
		k := keyOf(name)
		cache[name] = k
		return k
	}
}
