package decode

import (
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// Header mapping shared by the CSV and XLSX decoders: a header cell is
// folded (case, ё, punctuation, spaces), units at its end are taken off and
// checked against the column, and the rest is looked up among the canonical
// names and the aliases of pkg/refdata/aliases.yaml.

// The matching itself lives in pkg/layout (headers.go), which reads the
// header blocks of report-shaped sheets with the same folding and aliases.
type headerMatch = layout.HeaderMatch

func foldHeader(h string) string                        { return layout.Fold(h) }
func matchHeader(h string, s *parks.Schema) headerMatch { return layout.MatchHeader(h, s) }
func headerColumn(h string) string                      { return layout.HeaderColumn(h) }
func schemaOfHeader(header []string) *parks.Schema      { return layout.SchemaOfHeader(header) }
func closestColumn(h string, s *parks.Schema) string    { return layout.ClosestColumn(h, s) }

// mapHeader matches header cells to schema columns, reporting blank,
// duplicate, unknown and missing labels. It returns the schema column of
// each header cell (-1 if none), the money scale each header gives, and
// false when the file cannot be read as this schema at all.
func mapHeader(file string, header []string, pos []diag.Pos, s *parks.Schema, env *Env) ([]int, []int64, bool) {
	cols := make([]int, len(header))
	scales := make([]int64, len(header))
	first := map[int]int{}
	ok := true
	for i, h := range header {
		cols[i] = -1
		m := matchHeader(h, s)
		switch c := s.Col(m.Column); {
		case strings.TrimSpace(h) == "":
			env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "blank-label"}, "csv.blank_label", itoa(i+1)))
			env.ColumnsUnread++
		case m.BadUnit != "":
			col := s.Columns[s.Col(m.BadUnit)]
			unit := any(col.Unit)
			if col.Unit == "" || col.Type == "integer" && col.Unit != "KZT" {
				unit = diag.Text{ID: "problem.unit.plain_count"}
			}
			env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "unit-error", Value: h, Field: m.BadUnit},
				"header.unit_mismatch", quoted(h), quoted(m.BadUnit), m.BadUnit, unit))
			env.ColumnsUnread++
		case c < 0 && s.Derived(h): // written by parks list; read from its own column
		case c < 0 && layout.DerivedColumn(h) != "": // computed by parks (its report's Facilities sheet)
			env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Info, Rule: "derived-label", Value: h},
				"csv.derived_column", quoted(h), layout.DerivedColumn(h)))
		case c < 0:
			p := msg(diag.Problem{Pos: pos[i], Severity: diag.Warning, Rule: "extra-label", Value: h}, "csv.unknown_column", quoted(h))
			if near := closestColumn(h, s); near != "" {
				p = msg(p, "csv.unknown_column_near", quoted(h), quoted(near))
			}
			env.Problems.Add(p)
		default:
			if j, dup := first[c]; dup {
				env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "duplicate-label", Value: h},
					"csv.duplicate_column", quoted(m.Column), itoa(j+1)))
				env.ColumnsUnread++
				continue
			}
			first[c] = i
			cols[i] = c
			scales[i] = m.Scale
		}
	}
	for _, req := range s.Required() {
		if _, found := first[s.Col(req)]; !found {
			p := pos[0]
			if p.Cell == "" {
				p.Col = 1
			}
			env.Problems.Add(msg(diag.Problem{Pos: p, Severity: diag.Error, Rule: "missing-label", Field: req}, "csv.missing_column", quoted(req)))
			ok = false
		}
	}
	return cols, scales, ok
}
