package decode

import (
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
)

// A held record (Load's Dataset: show, report, diff, every fallback)
// costs what its fields cost. The text a decoder gives a record points
// into what it read: encoding/csv makes one string of a whole row and
// hands out pieces of it, so a record's 6-byte id kept the row's 300
// bytes alive. heldText copies each text out, once for the values a
// column repeats (districts, sources, statuses, sector lists, the
// facility of a project): those records share one copy.
// BenchmarkHeldRecordBytes and TestHeldRecordBytes measure it.

// maxShared bounds the distinct values a column shares: a column with
// more (names, notes, ids) is copied value by value, and the table of
// it stops growing. It lives as long as the load.
const maxShared = 4096

// shared is the values of one column already copied.
type shared struct {
	seen map[string]string
}

// text is s out of what it was read from: the copy of an equal earlier
// value when the column has one.
func (t *shared) text(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := t.seen[s]; ok {
		return v
	}
	s = strings.Clone(s)
	if t.seen == nil {
		t.seen = map[string]string{}
	}
	if len(t.seen) < maxShared {
		t.seen[s] = s
	}
	return s
}

// lists are the lists of one column already copied: equal lists share
// one array (full: an append to one copies it).
type lists struct {
	seen map[string]parks.List
}

// list is l out of what it was read from, its items copied by items.
func (t *lists) list(l parks.List, items *shared) parks.List {
	if len(l) == 0 {
		return l
	}
	key := strings.Join(l, "\x00")
	if v, ok := t.seen[key]; ok && slices.Equal(v, l) {
		return v
	}
	out := make(parks.List, len(l))
	for i, s := range l {
		out[i] = items.text(s)
	}
	if t.seen == nil {
		t.seen = map[string]parks.List{}
	}
	if len(t.seen) < maxShared {
		t.seen[strings.Clone(key)] = out
	}
	return out
}

// heldText is the tables of one load, one for each text column.
type heldText struct {
	id, name, kind, district, kato, sectors, sector, status, source, notes, facilityID shared
	sectorLists                                                                        lists
}

// facility copies f's text out of what it was read from.
func (h *heldText) facility(f *parks.Facility) {
	f.ID = parks.ID(h.id.text(string(f.ID)))
	f.Name = parks.Text(h.name.text(string(f.Name)))
	f.Kind = parks.Kind(h.kind.text(string(f.Kind)))
	f.District = parks.Text(h.district.text(string(f.District)))
	f.KATO = h.kato.text(f.KATO)
	f.Sectors = h.sectorLists.list(f.Sectors, &h.sectors)
	f.Status = parks.Status(h.status.text(string(f.Status)))
	f.Source = parks.Text(h.source.text(string(f.Source)))
	f.Notes = parks.Text(h.notes.text(string(f.Notes)))
}

// project copies p's text out of what it was read from.
func (h *heldText) project(p *parks.Project) {
	p.ID = parks.ID(h.id.text(string(p.ID)))
	p.FacilityID = parks.ID(h.facilityID.text(string(p.FacilityID)))
	p.Name = parks.Text(h.name.text(string(p.Name)))
	p.Sector = parks.Text(h.sector.text(string(p.Sector)))
	p.Status = parks.Status(h.status.text(string(p.Status)))
	p.Source = parks.Text(h.source.text(string(p.Source)))
	p.Notes = parks.Text(h.notes.text(string(p.Notes)))
}
