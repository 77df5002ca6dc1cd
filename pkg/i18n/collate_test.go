package i18n

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The Kazakh Cyrillic alphabet in its official order (42 letters).
const kazakhAlphabet = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"

func TestKazakhAlphabetOrder(t *testing.T) {
	want := strings.Fields(kazakhAlphabet)
	if len(want) != 42 {
		t.Fatalf("alphabet has %d letters", len(want))
	}
	// Letters, and words that differ in their first letter only after a
	// common start, so the order must be primary, not an accent tie-break.
	for _, form := range []func(string) string{
		func(l string) string { return l },
		func(l string) string { return strings.ToLower(l) },
		func(l string) string { return "Т" + strings.ToLower(l) + "а" },
	} {
		var words, shuffled []string
		for _, l := range want {
			words = append(words, form(l))
		}
		shuffled = slices.Clone(words)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		slices.SortFunc(shuffled, NameOrder(KK))
		if !slices.Equal(shuffled, words) {
			t.Errorf("kk order:\n got %v\nwant %v", shuffled, words)
		}
	}
}

func TestKazakhLettersArePrimary(t *testing.T) {
	// Each pair: the second word's first letter is the Kazakh letter that
	// follows the first word's, so "Әбен" sorts after "Аян" although б < я.
	pairs := [][2]string{
		{"Аян", "Әбен"}, {"Гүл", "Ғабит"}, {"Кус", "Қаз"}, {"Нұр", "Ңа"}, {"Оян", "Өзен"},
		{"Уыз", "Ұлы"}, {"Ұят", "Үй"}, {"Ыят", "Іа"}, {"Іш", "Ьа"}, {"Хан", "Һа"},
		{"Келес ауданы", "Қазығұрт ауданы"}, {"Төле би ауданы", "Түлкібас ауданы"}, {"Түлкібас ауданы", "Түркістан қ."},
	}
	cmp := NameOrder(KK)
	for _, p := range pairs {
		if cmp(p[0], p[1]) >= 0 {
			t.Errorf("kk: %q should sort before %q", p[0], p[1])
		}
	}
}

func TestDistrictOrder(t *testing.T) {
	tests := []struct {
		lang Lang
		want []string
	}{
		{KK, []string{"Арыс қ.", "Бәйдібек ауданы", "Жетісай ауданы", "Келес ауданы", "Кентау қ.", "Қазығұрт ауданы",
			"Мақтаарал ауданы", "Ордабасы ауданы", "Отырар ауданы", "Сайрам ауданы", "Сарыағаш ауданы", "Сауран ауданы",
			"Созақ ауданы", "Төле би ауданы", "Түлкібас ауданы", "Түркістан қ.", "Шардара ауданы"}},
		// A Russian reader looks a city up under its name, not under "г.".
		{RU, []string{"г. Арысь", "Байдибекский район", "Жетысайский район", "Казыгуртский район", "Келесский район",
			"г. Кентау", "Мактааральский район", "Ордабасинский район", "Отырарский район", "Сайрамский район",
			"Сарыагашский район", "Сауранский район", "Созакский район", "Толебийский район", "г. Туркестан",
			"Тюлькубасский район", "Шардаринский район"}},
		{EN, []string{"Arys city", "Baidibek district", "Kazygurt district", "Keles district", "Kentau city",
			"Maktaaral district", "Ordabasy district", "Otyrar district", "Sairam district", "Saryagash district",
			"Sauran district", "Shardara district", "Sozak district", "Tole Bi district", "Tulkibas district",
			"Turkistan city", "Zhetisai district"}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.want)
		slices.Reverse(got)
		slices.SortFunc(got, NameOrder(tt.lang))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s order:\n got %v\nwant %v", tt.lang, got, tt.want)
		}
	}
}

func TestSortName(t *testing.T) {
	for _, tt := range []struct {
		lang       Lang
		name, want string
	}{
		{RU, "г. Туркестан", "Туркестан"},
		{RU, "г.Туркестан", "Туркестан"},
		{RU, "город Кентау", "Кентау"},
		{RU, "Гагаринский район", "Гагаринский район"},
		{RU, "г.", "г."},
		{KK, "г. Туркестан", "г. Туркестан"},
	} {
		if got := SortName(tt.lang, tt.name); got != tt.want {
			t.Errorf("%s SortName(%q) = %q, want %q", tt.lang, tt.name, got, tt.want)
		}
	}
}
