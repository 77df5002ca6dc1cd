package parks

// Test-only helpers of package parks.

// NumSources is the number of distinct sources.
func (p *Provenance) NumSources() int {
	if p.large != nil {
		return len(p.large)
	}
	return len(p.small)
}
