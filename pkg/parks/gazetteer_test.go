package parks_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
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

// TestSuggestMatchesReference: Suggest, which stops a distance once it is
// past the limit, suggests what the full distances suggest, for names
// near and far from the gazetteer's, in its languages, with typos, of any
// length.
func TestSuggestMatchesReference(t *testing.T) {
	g, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"", "a", "qqqqqqqqqqqq", "Sauranx", "Ordabasi distrct", "Сайрамм", "Atlantis", "Keles distric",
		strings.Repeat("Сайрам ", 40), strings.Repeat("x", 199), strings.Repeat("x", 201)}
	for _, r := range g.Regions {
		for _, d := range r.Districts {
			for _, n := range append([]string{d.KATO, d.KK, d.RU, d.EN}, d.Aliases...) {
				rs := []rune(n)
				names = append(names, n+"-2", n[1:], strings.ToUpper(n), string(rs[:len(rs)/2]), string(rs[len(rs)/3:]),
					string(append(append([]rune{}, rs[:len(rs)/2]...), 'ъ')), n+" "+n)
			}
		}
	}
	for _, n := range names {
		for _, k := range []int{1, 3, 100} {
			if got, want := g.Suggest(n, k), g.SuggestReference(n, k); !slices.Equal(got, want) {
				t.Errorf("Suggest(%q, %d) = %q, want %q", n, k, got, want)
			}
		}
	}
	words := []string{"", "a", "ab", "kitten", "sitting", "Сайрам", "Сайрамм", "ауданы", "районы", "Sairam district", "Sauran district"}
	for _, a := range words {
		for _, b := range words {
			full := parks.Levenshtein(a, b)
			for limit := 0; limit < 8; limit++ {
				got := parks.LevenshteinWithin(a, b, limit)
				if full <= limit && got != full || full > limit && got <= limit {
					t.Errorf("LevenshteinWithin(%q, %q, %d) = %d; the distance is %d", a, b, limit, got, full)
				}
			}
		}
	}
}
