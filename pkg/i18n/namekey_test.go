package i18n

import (
	"slices"
	"testing"
)

// Sorting by NameKeys gives the order of NameOrder.
func TestNameKeysOrderAsNameOrder(t *testing.T) {
	names := []string{"г. Туркестан", "Түркістан қ.", "Арыс", "Әулие", "Ордабасы ауданы", "Сауран", "Sauran district", "Arys city",
		"«Бірлік» өндірістік алаңы", "Бірлік", "Ёлка", "Елка", "Жетісай", "Zhetisai district", "г. Арысь", "Шардара", "шардара", "Ұлан", "Үміт", "Іле", "Игілік"}
	for _, l := range Langs {
		want := slices.Clone(names)
		slices.SortStableFunc(want, NameOrder(l))
		keyOf := NameKeys(l)
		got := slices.Clone(names)
		slices.SortStableFunc(got, func(a, b string) int { return CompareNameKeys(keyOf(a), keyOf(b)) })
		if !slices.Equal(got, want) {
			t.Errorf("%s: by keys\n%q\nby NameOrder\n%q", l, got, want)
		}
	}
}
