package refdata

import (
	"strings"
	"testing"
)

func TestLayoutWords(t *testing.T) {
	w, err := Layout()
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Fields) == 0 || len(w.Total) == 0 || len(w.Markers.Zero) == 0 || len(w.Months["ru"]) != 12 || len(w.Months["kk"]) != 12 {
		t.Fatalf("layout.yaml lost a list: %+v", w)
	}
	for _, f := range w.Fields {
		for _, g := range f.All {
			for _, s := range g {
				if strings.HasPrefix(s, "$") && w.Sets[s[1:]] == nil {
					t.Errorf("field %s: no set %s", f.Field, s)
				}
			}
		}
	}
}
