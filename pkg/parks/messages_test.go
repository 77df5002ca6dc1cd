package parks_test

import (
	"testing"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/parks"
)

// The domain words no message: each problem it finds carries the id of its
// message in pkg/i18n/messages.yaml and the arguments. Every such message
// must exist in every language and use every argument, or a Kazakh reader
// would get less than an English one.
func TestCellErrorMessagesInCatalogue(t *testing.T) {
	var (
		count parks.Count
		money parks.Money
		area  parks.Area
		kind  parks.Kind
		st    parks.Status
		date  parks.Date
		id    parks.ID
	)
	cells := []struct {
		p    parks.CellParser
		cell string
		id   string
	}{
		{&count, "1.5", "number.not_whole.count"},
		{&count, "-3", "number.negative.count"},
		{&count, "many", "number.invalid.count"},
		{&count, "99999999999999999999", "number.too_large"},
		{&money, "₸", "number.empty"},
		{&money, "10,50", "number.fraction_of_tenge"},
		{&money, "-5", "number.negative.money"},
		{&money, "lots", "number.invalid.money"},
		{&area, "1,500", "number.ambiguous"},
		{&area, "1.123456", "number.too_precise.area"},
		{&area, "-2", "number.negative.area"},
		{&area, "big", "number.invalid.area"},
		{&area, "0", "area.zero"},
		{&area, "200000", "area.too_large"},
		{&kind, "hall", "enum.kind"},
		{&st, "done", "enum.status"},
		{&date, "yesterday", "date.invalid"},
		{&id, "a b", "id.spaces"},
	}
	for _, c := range cells {
		err := c.p.ParseCell(c.cell, nil)
		ce, ok := err.(*parks.CellError)
		if !ok {
			t.Errorf("%q: error %v is not a CellError", c.cell, err)
			continue
		}
		if ce.ID != c.id {
			t.Errorf("%q: id %q, want %q", c.cell, ce.ID, c.id)
		}
		testkit.CheckCatalogue(t, ce.ID, ce.Args)
	}
}
