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
	names := make(map[*Row]string, len(res.Groups))
	for _, g := range res.Groups {
		r := &Row{Group: g, Label: GroupLabel(res.By, g, lang), Values: Values(&g.Totals), Prov: &g.Totals.Prov}
		names[r] = r.Label
		if sortLang != lang {
			names[r] = GroupLabel(res.By, g, sortLang)
		}
		rows = append(rows, r)
	}
	order := i18n.NameOrder(sortLang)
	byName := func(a, b *Row) int { return order(names[a], names[b]) }
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
