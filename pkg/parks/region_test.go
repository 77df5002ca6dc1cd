package parks_test

import (
	"testing"

	"github.com/parks-kz/parks/pkg/refdata"
)

func TestRegionByName(t *testing.T) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Turkistan region", "Туркестанская обл.", "түркістан облысы", "610000000", "Turkestan oblast"} {
		r := gaz.RegionByName(name)
		if r == nil || r.Name("kk") != "Түркістан облысы" || r.Name("ru") != "Туркестанская область" {
			t.Errorf("RegionByName(%q) = %v", name, r)
		}
	}
	if r := gaz.RegionByName("Atlantis"); r != nil {
		t.Errorf("RegionByName(Atlantis) = %v, want nil", r)
	}
}
