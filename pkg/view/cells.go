package view

import (
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// The functions below write one record's row of a machine output straight
// into render.Cells, for the commands that print a million of them
// (list and --by facility in CSV and JSON): the cells, in order and in
// value, of FacilityObject and of MachineRow, without the reflection of
// Schema.Values and the boxing of every value (TestCellsMatchObject
// holds them together).

// FacilityCells writes a facility as FacilityObject has it: the schema's
// columns, the district's English name and its KATO code after it.
func FacilityCells(c *render.Cells, f *parks.Facility) {
	text(c, string(f.ID))
	text(c, string(f.Name))
	text(c, string(f.Kind))
	c.Text(DistrictName(f.KATO, i18n.EN))
	c.Text(f.KATO)
	if f.AreaHa.Set {
		c.Float(f.AreaHa.Ha())
	} else {
		c.Null()
	}
	count(c, f.BuildingsPlanned)
	count(c, f.BuildingsBuilt)
	count(c, f.BuildingsUnderConstruction)
	count(c, f.ProjectsPlanned)
	count(c, f.ProjectsLaunched)
	count(c, f.JobsPlanned)
	count(c, f.JobsCreated)
	money(c, f.InvestmentPrivate)
	money(c, f.InvestmentBudget)
	money(c, f.ImportSubstitution)
	c.List(f.Sectors)
	text(c, string(f.Status))
	date(c, f.AsOf)
	text(c, string(f.Source))
	text(c, string(f.Notes))
}

// FacilityRowCells writes a facility's row of --by facility as MachineRow
// has it (label is its group's name): its identity, every metric, the
// provenance.
func FacilityRowCells(c *render.Cells, f *parks.Facility, label string, flat bool) {
	var t parks.Totals
	t.AddFacility(f)
	c.Text(label)
	text(c, string(f.ID)) // the group's key
	if flat {
		c.Bool(false)
	}
	c.Text(string(f.ID))
	c.Text(DistrictName(f.KATO, i18n.EN))
	c.Text(string(f.Kind))
	for _, m := range parks.Metrics {
		switch v := m.Of(&t); {
		case v.Null:
			c.Null()
		case v.IsFloat():
			c.Float(v.Float)
		default:
			c.Int(v.Int)
		}
	}
	p := &t.Prov
	c.List(p.Sources())
	if !p.From.Set {
		c.Null()
		if flat {
			c.Null()
		}
		return
	}
	from, to := dateString(p.From), dateString(p.To)
	if flat {
		c.Text(from)
		c.Text(to)
		return
	}
	c.TextObject(asOfKeys, []string{from, to})
}

var asOfKeys = []string{"from", "to"}

func text(c *render.Cells, s string) {
	if s == "" {
		c.Null()
		return
	}
	c.Text(s)
}

func count(c *render.Cells, v parks.Count) {
	if !v.Set {
		c.Null()
		return
	}
	c.Int(v.V)
}

func money(c *render.Cells, v parks.Money) {
	if !v.Set {
		c.Null()
		return
	}
	c.Int(v.V)
}

// date is a date's cell, as Date.String writes it.
func date(c *render.Cells, d parks.Date) {
	if !d.Set {
		c.Null()
		return
	}
	c.Text(dateString(d))
}

// dateString is Date.String without time.Format's parsing of its layout.
func dateString(d parks.Date) string {
	y, m, day := d.T.Date()
	if !d.Set || y < 0 || y > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}
