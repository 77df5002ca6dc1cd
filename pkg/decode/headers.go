package decode

import (
	"strings"
	"sync"
	"unicode"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Header mapping shared by the CSV and XLSX decoders: a header cell is
// folded (case, ё, punctuation, spaces), units at its end are taken off and
// checked against the column, and the rest is looked up among the canonical
// names and the aliases of pkg/refdata/aliases.yaml.

// headerMatch is what one header cell names.
type headerMatch struct {
	Column string // canonical column name; "" when nothing matched
	Scale  int64  // money scale from the header ("млрд ₸" → 1e9); 0 when none
	// BadUnit is set when the header names a column but with a unit the
	// column is not kept in ("Площадь, м²").
	BadUnit string
}

// aliasIndex maps a folded header to the canonical columns it may name
// (more than one only for columns that never share a record kind).
type aliasIndex map[string][]string

var (
	aliasIdxOnce sync.Once
	aliasIdx     aliasIndex
	aliasIdxErr  error
)

func headerAliases() (aliasIndex, error) {
	aliasIdxOnce.Do(func() {
		cols, err := refdata.Aliases()
		if err != nil {
			aliasIdxErr = err
			return
		}
		idx := aliasIndex{}
		add := func(alias, col string) {
			k := foldHeader(alias)
			for _, c := range idx[k] {
				if c == col {
					return
				}
			}
			idx[k] = append(idx[k], col)
		}
		for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
			for _, c := range s.Columns {
				add(c.Name, c.Name)
			}
		}
		for _, c := range cols {
			for _, list := range [][]string{c.KK, c.RU, c.EN} {
				for _, a := range list {
					add(a, c.Column)
				}
			}
		}
		aliasIdx = idx
	})
	return aliasIdx, aliasIdxErr
}

// foldHeader lowers case, reads ё as е and turns punctuation and runs of
// space into single spaces. The tenge sign stays, as a word of its own.
func foldHeader(h string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(h) {
		switch {
		case r == 'ё':
			r = 'е'
		case r == '₸':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("₸ ")
			space = true
			continue
		case r == '²':
			r = '2'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' || r == '№' {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// Units people write at the end of a header, by the kind of column they fit.
var (
	areaUnits  = map[string]bool{"га": true, "ha": true, "гектар": true, "гектаров": true, "hectares": true, "hectare": true}
	countUnits = map[string]bool{"шт": true, "ед": true, "адам": true, "чел": true, "человек": true, "бірлік": true, "саны": true, "количество": true, "number": true}
	// foreignUnits fit no column: a header with one is refused, not converted.
	foreignUnits = map[string]bool{"м2": true, "m2": true, "кв": true, "sq": true, "м": true, "m": true, "usd": true, "$": true, "долл": true, "руб": true, "%": true}
	unitFillers  = map[string]bool{"в": true, "in": true}
)

// matchHeader says which canonical column of the schema a header cell
// names, with the money scale its units give.
func matchHeader(h string, s *parks.Schema) headerMatch {
	idx, err := headerAliases()
	if err != nil {
		return headerMatch{}
	}
	lookup := func(key string) string {
		for _, c := range idx[key] {
			if s.Col(c) >= 0 {
				return c
			}
		}
		return ""
	}
	folded := foldHeader(h)
	if c := lookup(folded); c != "" {
		return headerMatch{Column: c}
	}
	words := strings.Fields(folded)
	var scale int64
	var money, area, count bool
	var foreign []string
	for len(words) > 1 {
		w := words[len(words)-1]
		if sc, ok := parks.ScaleWord(w); ok && scale == 0 {
			scale, money = sc, true
		} else if parks.CurrencyMark(w) {
			money = true
		} else if areaUnits[w] {
			area = true
		} else if countUnits[w] {
			count = true
		} else if foreignUnits[w] {
			foreign = append(foreign, w)
		} else if unitFillers[w] && (money || area || count || len(foreign) > 0) {
		} else {
			break
		}
		words = words[:len(words)-1]
		c := lookup(strings.Join(words, " "))
		if c == "" {
			continue
		}
		col := s.Columns[s.Col(c)]
		switch {
		case len(foreign) > 0:
			return headerMatch{BadUnit: c}
		case money && col.Unit != "KZT", area && col.Unit != "ha", count && (col.Type != "integer" || col.Unit == "KZT"):
			return headerMatch{BadUnit: c}
		}
		return headerMatch{Column: c, Scale: scale}
	}
	return headerMatch{}
}

// headerColumn is the canonical column a header cell names in either
// record kind, "" when none; used to tell projects from facilities.
func headerColumn(h string) string {
	if m := matchHeader(h, parks.ProjectSchema); m.Column != "" {
		return m.Column
	}
	return matchHeader(h, parks.FacilitySchema).Column
}

// schemaOf tells a header of projects (it has a facility_id column) from
// one of facilities.
func schemaOfHeader(header []string) *parks.Schema {
	for _, h := range header {
		if matchHeader(h, parks.ProjectSchema).Column == "facility_id" {
			return parks.ProjectSchema
		}
	}
	return parks.FacilitySchema
}

// closestColumn suggests the canonical column whose name or alias is
// nearest to an unknown header, or "".
func closestColumn(h string, s *parks.Schema) string {
	idx, err := headerAliases()
	if err != nil {
		return ""
	}
	folded := foldHeader(h)
	if folded == "" {
		return ""
	}
	best, bestDist := "", 1<<30
	for alias, cols := range idx {
		var col string
		for _, c := range cols {
			if s.Col(c) >= 0 {
				col = c
				break
			}
		}
		if col == "" {
			continue
		}
		d := parks.Levenshtein(folded, alias)
		if strings.HasPrefix(folded, alias+" ") || strings.HasPrefix(alias, folded+" ") {
			d = min(d, 2)
		}
		if d < bestDist || d == bestDist && col < best {
			best, bestDist = col, d
		}
	}
	if bestDist <= max(2, len([]rune(folded))/3) {
		return best
	}
	return ""
}

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
		case m.BadUnit != "":
			col := s.Columns[s.Col(m.BadUnit)]
			unit := any(col.Unit)
			if col.Unit == "" || col.Type == "integer" && col.Unit != "KZT" {
				unit = diag.Text{ID: "problem.unit.plain_count"}
			}
			env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "unit-error", Value: h, Field: m.BadUnit},
				"header.unit_mismatch", quoted(h), quoted(m.BadUnit), m.BadUnit, unit))
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
