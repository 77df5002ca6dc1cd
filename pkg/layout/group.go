package layout

import (
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
)

// GroupDistrict is the district a subtotal's group names (Row.Group, the
// label without the words of sums: «сауранскому району», «кентау»,
// «кентау қаласы»), found through the gazetteer with the kind words
// («району», «қаласы») taken off and a Russian adjective's case ending
// put back (layout.yaml: district_kind, adjective_endings). ok is false
// when unsure: no district, or more than one, is named.
func GroupDistrict(gaz *parks.Gazetteer, group string) (*parks.District, bool) {
	v, err := words()
	if err != nil || gaz == nil || len(group) > 200 {
		return nil, false
	}
	ws := strings.Fields(group)
	var core []string
	for _, w := range ws {
		if !v.districtKind[w] {
			core = append(core, w)
		}
	}
	if len(core) == 0 || len(core) > 4 {
		return nil, false
	}
	tries := []string{strings.Join(ws, " "), strings.Join(core, " ")}
	last := core[len(core)-1]
	for _, e := range v.adjEndings {
		if stem, ok := strings.CutSuffix(last, e[0]); ok && stem != "" {
			adj := strings.Join(append(core[:len(core)-1:len(core)-1], stem+e[1]), " ")
			tries = append(tries, adj, adj+" район")
		}
	}
	var found *parks.District
	for _, s := range tries {
		d, ok := gaz.Lookup(s)
		if !ok {
			continue
		}
		if found != nil && found != d {
			return nil, false // two districts: never guess
		}
		found = d
	}
	return found, found != nil
}
