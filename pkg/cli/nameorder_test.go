package cli

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/view"
)

// TestNameOrderMatchesSortFacilities: records keyed by nameOrder on
// several workers and sorted by a stream.Sorter (in runs, merged) come out
// in view.SortFacilities' order, by district and name or by name alone, in
// en, kk and ru: names that repeat, that differ only in case or in a
// letter of the Kazakh alphabet, that collate alike, with the dictionary
// of names large, small (most names keyed by their collation keys, the two
// forms compared with each other) or empty.
func TestNameOrderMatchesSortFacilities(t *testing.T) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	var katos []string
	for _, r := range gaz.Regions {
		for _, d := range r.Districts {
			katos = append(katos, d.KATO)
		}
	}
	names := []string{"Сайрам", "сайрам", "САЙРАМ", "Сайрам ", "Сайрам ауданы", "Қазығұрт", "Казыгурт", "Ұлы", "Улы", "Үлкен", "Өндіріс", "Ондирис", "«Ордабасы» ИП", "Ордабасы ИП", "ИП «Ордабасы»",
		"индустриальная зона «Ordabasy district»", "Ordabasy district индустриялық аймағы", "Ёлка", "Елка", "Arys", "arys", "Arys-2", "Ärys", "a", "", "Шымкент", "Shymkent", "Түркістан", "Туркестан", "Zhetysay", "Жетісай"}
	rnd := rand.New(rand.NewPCG(5, 6))
	var facilities []*parks.Facility
	for i := range 3000 {
		name := names[rnd.IntN(len(names))]
		if rnd.IntN(5) == 0 {
			name = fmt.Sprintf("%s %d", name, rnd.IntN(400)) // many distinct names
		}
		facilities = append(facilities, &parks.Facility{ID: parks.ID(fmt.Sprint("F", i)), Name: parks.Text(name), KATO: katos[rnd.IntN(len(katos))]})
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KK, i18n.RU} {
		for _, byDistrict := range []bool{true, false} {
			for _, dict := range []int{4 << 20, 2000, 0} {
				t.Run(fmt.Sprint(lang, "/", byDistrict, "/", dict), func(t *testing.T) {
					want := slices.Clone(facilities)
					var districts map[string]uint16
					if byDistrict {
						view.SortFacilities(want, lang)
						if districts, err = districtRanks(lang); err != nil {
							t.Fatal(err)
						}
					} else {
						keyOf := view.CachedNameKeys(lang)
						slices.SortStableFunc(want, func(a, b *parks.Facility) int {
							return i18n.CompareNameKeys(keyOf(string(a.Name)), keyOf(string(b.Name)))
						})
					}
					o := newNameOrder(lang, districts)
					o.limit = dict
					s := o.sorter()
					s.Limit = 4096
					defer s.Close()
					// Two workers key the records, as the load's do; the
					// records are added in file order.
					keys := make([][]byte, len(facilities))
					var wg sync.WaitGroup
					for w := range 2 {
						wg.Add(1)
						go func() {
							defer wg.Done()
							key := o.key()
							for i := w; i < len(facilities); i += 2 {
								keys[i] = key(nil, facilities[i])
							}
						}()
					}
					wg.Wait()
					for i, f := range facilities {
						if err := s.Add(keys[i], []byte(f.ID)); err != nil {
							t.Fatal(err)
						}
					}
					var got []string
					if err := s.Each(func(p []byte) error { got = append(got, string(p)); return nil }); err != nil {
						t.Fatal(err)
					}
					if len(got) != len(want) {
						t.Fatalf("%d records, want %d", len(got), len(want))
					}
					for i, f := range want {
						if got[i] != string(f.ID) {
							t.Fatalf("record %d: %s, want %s (%q)", i, got[i], f.ID, f.Name)
						}
					}
				})
			}
		}
	}
}
