package rules

import (
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// The rules of a cell beyond its type (a field type's ParseCell reads the
// cell and says when it is not of its type, rule type-error or
// constraint-error): a required column has a value, a district is in the
// gazetteer, a sector is in the sector list. The decoders apply them as
// they read each record, and place the finding at the cell.

// Required is the finding of a required column whose cell is blank, if
// it is.
func Required(col parks.Column, value string) (Finding, bool) {
	if !col.Required || strings.TrimSpace(value) != "" {
		return Finding{}, false
	}
	return Finding{Column: col.Name, Severity: diag.Error, Rule: "required-value", ID: "required.blank", Args: []any{col.Name}}, true
}

// RequiredMissing are the findings of the required columns a record does
// not have at all (present is by schema column); they are placed at the
// record.
func RequiredMissing(s *parks.Schema, present []bool) []Finding {
	var out []Finding
	for i, c := range s.Columns {
		if c.Required && !present[i] {
			out = append(out, Finding{Column: c.Name, Severity: diag.Error, Rule: "required-value", ID: "required.missing", Args: []any{c.Name}})
		}
	}
	return out
}

// District looks a facility's district up (lookup is the gazetteer's
// Lookup, cached by the caller): the district, or the finding that the
// gazetteer does not know it, with the names nearest to it.
func District(name string, lookup func(string) (*parks.District, bool), g *parks.Gazetteer) (*parks.District, *Finding) {
	if d, ok := lookup(name); ok {
		return d, nil
	}
	f := &Finding{Column: "district", Severity: diag.Error, Rule: "foreign-key", Value: name, ID: "district.unknown", Args: []any{diag.Quote(name)}}
	if sug := g.Suggest(name, 3); len(sug) > 0 {
		near := make([]string, len(sug))
		for i, s := range sug {
			near[i] = diag.Quote(s)
		}
		f.ID, f.Args = "district.unknown_near", []any{diag.Quote(name), diag.Alternatives(near)}
	}
	return nil, f
}

// Sector looks a sector up (lookup is the sector list's Canonical, cached
// by the caller): its code, and a warning when the list does not know it
// (the name is kept as written).
func Sector(name string, lookup func(string) (string, bool)) (string, *Finding) {
	code, known := lookup(name)
	if known {
		return code, nil
	}
	return code, &Finding{Column: "sectors", Severity: diag.Warning, Rule: "unknown-sector", Value: name, ID: "sector.unknown", Args: []any{diag.Quote(name)}}
}
