package view

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// TestCellsMatchObject: the rows FacilityCells and FacilityRowCells write
// are, byte for byte, those of FacilityObject and MachineRow through the
// holding path's writers (CSVLines.Append; MarshalJSON, then indented as
// an item of the list), in every CSV dialect, for facilities with every
// field reported or not, texts a spreadsheet would run, that need quotes or
// JSON escapes, and numbers of every size.
func TestCellsMatchObject(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	texts := []string{"", "Сайрам", "=SUM(A1)", "-1", " lead", "a,b", "a;b", "q \"x\"", "line\nnext", "cr\r\nlf", "<&>", "\t", `\.`, "\u2028", "x\x01y", "bad \xff utf8", "@home", "+7", "'", "«Ordabasy»"}
	pick := func() string { return texts[rnd.IntN(len(texts))] }
	katos := []string{"614600000", "", "612000000", "999"}
	var facilities []*parks.Facility
	for i := range 400 {
		f := &parks.Facility{
			ID: parks.ID(fmt.Sprint("F", i)), Name: parks.Text(pick()), Kind: parks.Kind([]string{"", "park", "site"}[rnd.IntN(3)]),
			District: parks.Text(pick()), KATO: katos[rnd.IntN(len(katos))], Status: parks.Status([]string{"", "operating"}[rnd.IntN(2)]),
			Source: parks.Text(pick()), Notes: parks.Text(pick()),
		}
		if i%7 == 0 {
			f.ID = ""
		}
		n := func() int64 { return []int64{0, 1, 255, 256, -3, 1 << 40, 9223372036854775807}[rnd.IntN(7)] }
		set := func() bool { return rnd.IntN(4) > 0 }
		f.AreaHa = parks.Area{M2: []int64{0, 1, 5, 10000, 1234567, 1 << 50}[rnd.IntN(6)], Set: set()}
		for _, c := range []*parks.Count{&f.BuildingsPlanned, &f.BuildingsBuilt, &f.BuildingsUnderConstruction, &f.ProjectsPlanned, &f.ProjectsLaunched, &f.JobsPlanned, &f.JobsCreated} {
			*c = parks.Count{V: n() & 0xffff, Set: set()}
		}
		for _, m := range []*parks.Money{&f.InvestmentPrivate, &f.InvestmentBudget, &f.ImportSubstitution} {
			*m = parks.Money{V: n(), Set: set()}
		}
		switch rnd.IntN(3) {
		case 1:
			f.Sectors = parks.List{pick()}
		case 2:
			f.Sectors = parks.List{pick(), pick(), "food"}
		}
		if set() {
			f.AsOf = parks.Date{T: time.Date([]int{2020, 2024, 5, 999, 12000, -1}[rnd.IntN(6)], 1+time.Month(rnd.IntN(12)), 1+rnd.IntN(28), 0, 0, 0, 0, time.UTC), Set: true}
		}
		facilities = append(facilities, f)
	}
	dialects := []render.CSVDialect{{}, render.DialectOf(render.Excel, "ru", 0, false), render.DialectOf(render.Excel, "en", 0, false), render.DialectOf(render.RFC4180, "en", '\t', true), render.DialectOf(render.RFC4180, "en", '§', false)}
	rowOf := func(f *parks.Facility) *Row {
		g := &parks.Group{Key: string(f.ID), Facility: f}
		g.Totals.AddFacility(f)
		return &Row{Group: g, Label: GroupLabel(parks.ByFacility, g, i18n.KK), Values: Values(&g.Totals), Prov: &g.Totals.Prov}
	}
	for _, f := range facilities {
		label := GroupLabel(parks.ByFacility, &parks.Group{Facility: f}, i18n.KK)
		for _, d := range dialects {
			want, err := render.NewCSVLines(d).Append(nil, cellsOf(FacilityObject(f)))
			if err != nil {
				t.Fatal(err)
			}
			c := &render.Cells{CSV: d}
			c.Start([]byte("x"))
			FacilityCells(c, f)
			if got := c.End(); string(got[1:]) != string(want) {
				t.Fatalf("list, %+v:\ngot  %q\nwant %q", d, got[1:], want)
			}
			want, err = render.NewCSVLines(d).Append(nil, cellsOf(MachineRow(rowOf(f), parks.ByFacility, true)))
			if err != nil {
				t.Fatal(err)
			}
			c.Start(nil)
			FacilityRowCells(c, f, label, true)
			if got := c.End(); string(got) != string(want) {
				t.Fatalf("by facility, %+v:\ngot  %q\nwant %q", d, got, want)
			}
		}
		for _, tc := range []struct {
			obj   render.Object
			cells func(*render.Cells)
		}{
			{FacilityObject(f), func(c *render.Cells) { FacilityCells(c, f) }},
			{MachineRow(rowOf(f), parks.ByFacility, false), func(c *render.Cells) { FacilityRowCells(c, f, label, false) }},
		} {
			compact, err := tc.obj.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := render.IndentItem(&want, compact); err != nil {
				t.Fatal(err)
			}
			c := &render.Cells{JSON: true}
			c.Start(nil)
			tc.cells(c)
			got := render.NewJSONFields(ObjectKeys(tc.obj)).Append([]byte("x"), c.End())
			if string(got[1:]) != want.String() {
				t.Fatalf("JSON:\ngot  %s\nwant %s", got[1:], want.String())
			}
		}
	}
}

func cellsOf(o render.Object) []any {
	cells := make([]any, len(o))
	for i, f := range o {
		cells[i] = f.Value
	}
	return cells
}
