package layout

import (
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
)

// TestCanonicalNamesMatch holds MatchHeader's shortcut for a canonical
// name to the alias index: every column's name, in each schema that has
// it, matches that column there, with no scale or unit.
func TestCanonicalNamesMatch(t *testing.T) {
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		for _, c := range s.Columns {
			if got := matchHeader(c.Name, s); got != (HeaderMatch{Column: c.Name}) {
				t.Errorf("%s: matchHeader(%q) = %+v, want the column itself", s.Kind, c.Name, got)
			}
		}
	}
}
