package layout

import (
	"strings"
	"sync"
	"unicode"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Header matching shared by the format readers' one-row headers
// (pkg/decode) and the header blocks of report-shaped sheets (Find): a
// header cell is folded (case, ё, punctuation, spaces), units at its end
// are taken off and checked against the column, and the rest is looked up
// among the canonical names and the aliases of pkg/refdata/aliases.yaml.

// HeaderMatch is what one header cell names.
type HeaderMatch struct {
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
			k := Fold(alias)
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

// Fold lowers case, reads ё as е and turns punctuation and runs of
// space into single spaces. The tenge sign stays, as a word of its own.
func Fold(h string) string {
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

// MatchHeader says which canonical column of the schema a header cell
// names, with the money scale its units give.
//
// The answers are kept (matches): a directory of 10,000 small files has
// one header 10,000 times, and matching a cell — folding it, looking it
// and its words without units up — cost half of each file's time.
//
// A cell that is a column's canonical name names that column (what the
// alias index says too: TestCanonicalNamesMatch), without the index: a
// file with a canonical header — the built-in dataset's, every file parks
// writes — is read without folding every alias at start-up.
func MatchHeader(h string, s *parks.Schema) HeaderMatch {
	if s.Col(h) >= 0 {
		return HeaderMatch{Column: h}
	}
	return matches.match(h, s)
}

// matchCache keeps MatchHeader's answers for the two schemas, up to
// matchCacheBytes of header text; past that the others are matched anew.
type matchCache struct {
	mu    sync.RWMutex
	by    map[*parks.Schema]map[string]HeaderMatch
	bytes int
}

const matchCacheBytes = 256 << 10

var matches = matchCache{by: map[*parks.Schema]map[string]HeaderMatch{}}

func (c *matchCache) match(h string, s *parks.Schema) HeaderMatch {
	c.mu.RLock()
	m, ok := c.by[s][h]
	c.mu.RUnlock()
	if ok {
		return m
	}
	m = matchHeader(h, s)
	if s != parks.FacilitySchema && s != parks.ProjectSchema || len(h) > matchCacheBytes/64 {
		return m
	}
	c.mu.Lock()
	if c.bytes+len(h) <= matchCacheBytes {
		if c.by[s] == nil {
			c.by[s] = map[string]HeaderMatch{}
		}
		if _, ok := c.by[s][h]; !ok {
			c.by[s][strings.Clone(h)] = m // h may be a piece of a large text
			c.bytes += len(h)
		}
	}
	c.mu.Unlock()
	return m
}

func matchHeader(h string, s *parks.Schema) HeaderMatch {
	idx, err := headerAliases()
	if err != nil {
		return HeaderMatch{}
	}
	lookup := func(key string) string {
		for _, c := range idx[key] {
			if s.Col(c) >= 0 {
				return c
			}
		}
		return ""
	}
	folded := Fold(h)
	if c := lookup(folded); c != "" {
		return HeaderMatch{Column: c}
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
			return HeaderMatch{BadUnit: c}
		case money && col.Unit != "KZT", area && col.Unit != "ha", count && (col.Type != "integer" || col.Unit == "KZT"):
			return HeaderMatch{BadUnit: c}
		}
		return HeaderMatch{Column: c, Scale: scale}
	}
	return HeaderMatch{}
}

// headerColumn is the canonical column a header cell names in either
// record kind, "" when none; used to tell projects from facilities.
func HeaderColumn(h string) string {
	if m := MatchHeader(h, parks.ProjectSchema); m.Column != "" {
		return m.Column
	}
	return MatchHeader(h, parks.FacilitySchema).Column
}

// SchemaOfHeader tells a header of projects (it has a facility_id column) from
// one of facilities.
func SchemaOfHeader(header []string) *parks.Schema {
	for _, h := range header {
		if MatchHeader(h, parks.ProjectSchema).Column == "facility_id" {
			return parks.ProjectSchema
		}
	}
	return parks.FacilitySchema
}

// ClosestColumn suggests the canonical column whose name or alias is
// nearest to an unknown header, or "".
func ClosestColumn(h string, s *parks.Schema) string {
	idx, err := headerAliases()
	if err != nil {
		return ""
	}
	folded := Fold(h)
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
