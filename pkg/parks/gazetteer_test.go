package parks_test

import (
	"testing"

	"github.com/parks-kz/parks/pkg/refdata"
)

func TestGazetteerLookup(t *testing.T) {
	g, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, kato string
	}{
		{"Turkistan city", "611000000"},
		{"Түркістан қ.", "611000000"},
		{"түркістан  Қ", "611000000"},
		{"Түркістан қаласы", "611000000"},
		{"г. Туркестан", "611000000"},
		{"Turkestan", "611000000"},
		{"611000000", "611000000"},
		{"Сауран ауданы", "615500000"},
		{"sauran", "615500000"},
		{"Сауранский район", "615500000"},
		{"Төле би ауданы", "615800000"},
		{"Толебийский район", "615800000"},
		{"Отрарский район", "614800000"},
		{"Бәйдібек ауданы", "613600000"},
		{"Ордабасы", "614600000"},
	}
	for _, tc := range tests {
		d, ok := g.Lookup(tc.name)
		if !ok || d.KATO != tc.kato {
			t.Errorf("Lookup(%q) = %v, %v; want %s", tc.name, d, ok, tc.kato)
		}
	}
	if len(g.Regions) != 1 || len(g.Regions[0].Districts) != 17 {
		t.Errorf("want Turkestan region with 17 districts")
	}
	for _, miss := range []string{"Shymkent", "Atlantis", ""} {
		if _, ok := g.Lookup(miss); ok {
			t.Errorf("Lookup(%q) found a district", miss)
		}
	}
}

func TestGazetteerSuggest(t *testing.T) {
	g, _ := refdata.Gazetteer()
	tests := []struct{ typo, want string }{
		{"Sauranx", "Sauran district"},
		{"Ordabasi distrct", "Ordabasy district"},
		{"Сайрамм", "Sairam district"},
	}
	for _, tc := range tests {
		got := g.Suggest(tc.typo, 3)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("Suggest(%q) = %v, want first %q", tc.typo, got, tc.want)
		}
	}
	if got := g.Suggest("qqqqqqqqqqqq", 3); len(got) != 0 {
		t.Errorf("nonsense got suggestions %v", got)
	}
}
