package parks

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
	return closest(best, max(2, len([]rune(key))/3), n)
}

// LevenshteinWithin is levenshteinWithin for strings.
func LevenshteinWithin(a, b string, limit int) int {
	var rows [2][]int
	return levenshteinWithin([]rune(a), []rune(b), limit, &rows)
}
