package parks

import (
	"slices"
	"strings"
)

// Test-only helpers of package parks.

// NumSources is the number of distinct sources.
func (p *Provenance) NumSources() int {
	if p.large != nil {
		return len(p.large)
	}
	return len(p.small)
}

// SuggestReference is Suggest with every distance taken in full
// (Levenshtein), as it was: Suggest must give what it gives.
func (g *Gazetteer) SuggestReference(name string, n int) []string {
	if len(name) > maxSuggestBytes {
		return nil
	}
	key := NormalizeName(name)
	best := map[*District]int{}
	for k, d := range g.index {
		dist := Levenshtein(key, k)
		if cur, ok := best[d]; !ok || dist < cur {
			best[d] = dist
		}
	}
	type cand struct {
		d    *District
		dist int
	}
	var cands []cand
	limit := max(2, len([]rune(key))/3)
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

// LevenshteinWithin is levenshteinWithin for strings.
func LevenshteinWithin(a, b string, limit int) int {
	var rows [2][]int
	return levenshteinWithin([]rune(a), []rune(b), limit, &rows)
}
