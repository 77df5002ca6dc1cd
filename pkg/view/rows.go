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
func Rows(res *parks.Result, lang, sortLang i18n.Lang, sort string, top int) []*Row {
	rows := make([]*Row, 0, len(res.Groups))
	// Sort keys, made once per row (a name repeated among the groups is
	// collated once): a collator's comparison per pair made
	// --by facility take minutes at 200k facilities.
	keys := make(map[*Row]i18n.NameKey, len(res.Groups))
	keyOf := CachedNameKeys(sortLang)
	for _, g := range res.Groups {
		r := &Row{Group: g, Label: GroupLabel(res.By, g, lang), Values: Values(&g.Totals), Prov: &g.Totals.Prov}
		name := r.Label
		if sortLang != lang {
			name = GroupLabel(res.By, g, sortLang)
		}
		keys[r] = keyOf(name)
		rows = append(rows, r)
	}
	byName := func(a, b *Row) int { return i18n.CompareNameKeys(keys[a], keys[b]) }
	if sort == "name" {
		slices.SortStableFunc(rows, byName)
	} else {
		slices.SortStableFunc(rows, func(a, b *Row) int {
			va, vb := a.Values[sort], b.Values[sort]
			switch {
			case va.Null && vb.Null:
				return byName(a, b)
			case va.Null:
				return 1 // nulls last
			case vb.Null:
				return -1
			}
			return cmp.Or(cmp.Compare(vb.Number(), va.Number()), byName(a, b))
		})
	}
	if top > 0 && len(rows) > top {
		rows = rows[:top]
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
