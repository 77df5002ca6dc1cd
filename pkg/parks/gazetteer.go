package parks

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// District is a district or city of a region, as in the gazetteer data file.
type District struct {
	KATO    string   `yaml:"kato"`
	KK      string   `yaml:"kk"`
	RU      string   `yaml:"ru"`
	EN      string   `yaml:"en"`
	Aliases []string `yaml:"aliases"`
}

// Name returns the district's name in a language (kk, ru, en).
func (d *District) Name(lang string) string {
	switch lang {
	case "kk":
		return d.KK
	case "ru":
		return d.RU
	}
	return d.EN
}

// Region is a region (oblast) and its districts.
type Region struct {
	KATO      string     `yaml:"kato"`
	KK        string     `yaml:"kk"`
	RU        string     `yaml:"ru"`
	EN        string     `yaml:"en"`
	Aliases   []string   `yaml:"aliases"`
	Districts []District `yaml:"districts"`
}

// Name returns the region's name in a language.
func (r *Region) Name(lang string) string {
	return (&District{KK: r.KK, RU: r.RU, EN: r.EN}).Name(lang)
}

// Gazetteer finds districts by code or by any name, whatever the case,
// spacing or punctuation.
type Gazetteer struct {
	Regions []Region
	index   map[string]*District
	byKATO  map[string]*District
	region  map[string]*Region // by district KATO
}

// NewGazetteer indexes regions. A name that two districts share is a
// mistake in the data file and is reported as an error.
func NewGazetteer(regions []Region) (*Gazetteer, error) {
	g := &Gazetteer{Regions: regions, index: map[string]*District{}, byKATO: map[string]*District{}, region: map[string]*Region{}}
	for ri := range g.Regions {
		r := &g.Regions[ri]
		for di := range r.Districts {
			d := &r.Districts[di]
			g.byKATO[d.KATO] = d
			g.region[d.KATO] = r
			for _, name := range append([]string{d.KATO, d.KK, d.RU, d.EN}, d.Aliases...) {
				key := NormalizeName(name)
				if other, ok := g.index[key]; ok && other != d {
					return nil, fmt.Errorf("reference data: name %s belongs to both %s and %s", quote(name), other.EN, d.EN)
				}
				g.index[key] = d
			}
		}
	}
	return g, nil
}

// Lookup finds a district by KATO code or any of its names.
func (g *Gazetteer) Lookup(name string) (*District, bool) {
	d, ok := g.index[NormalizeName(name)]
	return d, ok
}

// RegionByName finds a region by KATO code or any of its names, as a
// dataset's `region:` names it.
func (g *Gazetteer) RegionByName(name string) *Region {
	key := NormalizeName(name)
	for i := range g.Regions {
		r := &g.Regions[i]
		for _, n := range append([]string{r.KATO, r.KK, r.RU, r.EN}, r.Aliases...) {
			if NormalizeName(n) == key {
				return r
			}
		}
	}
	return nil
}

// ByKATO returns the district with a KATO code, or nil.
func (g *Gazetteer) ByKATO(code string) *District { return g.byKATO[code] }

// RegionOf returns the region a district belongs to.
func (g *Gazetteer) RegionOf(kato string) *Region { return g.region[kato] }

// Suggest returns up to n district names (English) closest to a name that
// was not found, for "did you mean" messages.
func (g *Gazetteer) Suggest(name string, n int) []string {
	if len(name) > maxSuggestBytes {
		return nil
	}
	key := NormalizeName(name)
	ra := []rune(key)
	limit := max(2, len(ra)/3)
	best := map[*District]int{}
	var rb []rune
	var rows [2][]int
	for k, d := range g.index {
		// only a distance within the limit is suggested: past it the
		// distance need not be exact (levenshteinWithin)
		var dist int
		if len(key) > maxSuggestBytes || len(k) > maxSuggestBytes {
			dist = Levenshtein(key, k)
		} else {
			rb = rb[:0]
			for _, r := range k {
				rb = append(rb, r)
			}
			dist = levenshteinWithin(ra, rb, limit, &rows)
		}
		if cur, ok := best[d]; !ok || dist < cur {
			best[d] = dist
		}
	}
	return closest(best, limit, n)
}

// closest ranks the districts within limit of a name by distance, then by
// English name, so that the same input always suggests the same names.
func closest(best map[*District]int, limit, n int) []string {
	type cand struct {
		d    *District
		dist int
	}
	var cands []cand
	for d, dist := range best {
		if dist <= limit {
			cands = append(cands, cand{d, dist})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.d.EN, b.d.EN)
	})
	var out []string
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].d.EN)
	}
	return out
}

// NormalizeName folds case, spacing and punctuation so that "Түркістан қ."
// and "түркістан Қ" match.
func NormalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if r == 'ё' {
				r = 'е'
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Levenshtein is the edit distance between two strings, in runes.
//
// Beyond maxSuggestBytes (no name is that long) it returns the larger rune
// count, an upper bound, instead of spending quadratic time on a hostile
// cell: such a text is never "near" a name.
func Levenshtein(a, b string) int {
	if len(a) > maxSuggestBytes || len(b) > maxSuggestBytes {
		return max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// levenshteinWithin is the edit distance between ra and rb when it is at
// most limit, else some number above limit: it stops as soon as a row of
// the table is all above limit (the distance is at least the least value
// of any row), and does not start when the lengths differ by more. Suggest
// asks it for every name of the gazetteer: an unknown district cost a
// whole table for each (~1.3 M instructions a name), a file of unknown
// districts that per name and worker. rows is scratch for the table's
// rows.
func levenshteinWithin(ra, rb []rune, limit int, rows *[2][]int) int {
	if len(ra)-len(rb) > limit || len(rb)-len(ra) > limit {
		return limit + 1
	}
	if cap(rows[0]) < len(rb)+1 {
		rows[0], rows[1] = make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	prev, cur := rows[0][:len(rb)+1], rows[1][:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		if least > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns the candidate nearest to s if it is near enough to be a
// likely typo ("jobs_plan" → "jobs_planned"), else "".
func Closest(s string, candidates []string) string {
	if len(s) > maxSuggestBytes {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		d := Levenshtein(strings.ToLower(s), c)
		if strings.HasPrefix(c, strings.ToLower(s)) && len(s) >= 4 {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist <= max(2, len([]rune(s))/3) {
		return best
	}
	return ""
}

func sortStrings(s []string) { slices.Sort(s) }

// maxSuggestBytes bounds the text "did you mean" compares: edit distance
// is quadratic, and no name is this long, so a longer text has no match.
const maxSuggestBytes = 200
