package layout

import (
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/refdata"
)

func TestGroupDistrict(t *testing.T) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	f := &finder{}
	f.v, _ = words()
	for _, c := range []struct{ label, want string }{
		{"Итого по Сауранскому району", "Sauran district"},
		{"Итого по г. Кентау", "Kentau city"},
		{"Кентау қаласы бойынша жиыны", "Kentau city"},
		{"Сауран ауданы бойынша жиыны", "Sauran district"},
		{"Итого по Кентау", "Kentau city"},
		{"Итого по Сауранскому", "Sauran district"},
		{"Байдибекский район, итого", "Baidibek district"},
		{"Всего по Жетысайскому району", "Zhetisai district"},
		{"Итого по Мактааральскому району", "Maktaaral district"},
		{"Итого по прочим", ""},
		{"Итого по группе А", ""},
	} {
		group := f.groupWords(strings.Fields(Fold(c.label)))
		d, ok := GroupDistrict(gaz, strings.Join(group, " "))
		got := ""
		if ok {
			got = d.EN
		}
		if got != c.want {
			t.Errorf("%q (group %q): %q, want %q", c.label, group, got, c.want)
		}
	}
}
