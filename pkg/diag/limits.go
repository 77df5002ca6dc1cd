package diag

import "unicode/utf8"

// Bounds on what a problem holds, so that a hostile cell (50 MB of text)
// cannot turn into a 50 MB message, repeated for every problem.
const (
	// MaxValueRunes bounds Problem.Value.
	MaxValueRunes = 200
	// MaxMessageRunes bounds a problem's text arguments and its rendered
	// message; messages quote values shortened to ShownRunes, so only a
	// defect reaches this bound.
	MaxMessageRunes = 1000
	// ShownRunes is how much of a value a message quotes.
	ShownRunes = 60
)

// Shorten cuts s to at most n characters, marking the cut with "…".
func Shorten(s string, n int) string {
	if len(s) <= n { // bytes ≥ runes: short enough
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

func bound(p *Problem) {
	p.Value = Shorten(p.Value, MaxValueRunes)
	copied := false
	for i, a := range p.Args {
		if s, ok := a.(string); ok && len(s) > MaxMessageRunes {
			if !copied {
				p.Args, copied = append([]any(nil), p.Args...), true // the caller's slice stays as it was
			}
			p.Args[i] = Shorten(s, MaxMessageRunes)
		}
	}
}

// Quote is a value as a message quotes it: in “ ”, shortened to
// ShownRunes.
func Quote(s string) string { return "\u201c" + Shorten(s, ShownRunes) + "\u201d" }
