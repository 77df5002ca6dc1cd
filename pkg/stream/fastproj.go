package stream

import (
	"hash/maphash"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// fastProject is the fast path (fastChunk) for the rows of a projects
// file: fastChunk.row cuts and reads the cells as it does a facility's
// (the figures, status and as_of into rec, the id, the source), this
// reads the two cells a facility has not — facility_id, hashed for the
// join to the facilities' table, and sector, looked up in the sector
// list — and finish checks the row as rowSink.Project does, wording its
// problems at their cells: an unknown sector, a facility_id that names
// no facility (foreign-key), the project's own rules (rules.CheckProject)
// and a facility left out for an error (foreign-key). A row with any
// other problem is handed to the exact path, as a facility's is.
type fastProject struct {
	rec parks.Project
	// facility is the facility_id as written (trimmed), key its hash
	facility []byte
	key      uint64
	// at is where rec was read when a problem is worded at facility_id
	at parks.Loc
}

// cell reads a project's facility_id or sector cell; false when the exact
// path must read the row.
func (p *fastProject) cell(d *fastChunk, fc *fastCol, i int, b []byte) bool {
	if fc.role == fastFacility {
		id, ok := idCell(fc, b)
		if !ok {
			return false
		}
		p.facility = append(p.facility[:0], id...)
		p.key = maphash.Bytes(hashSeed, id)
		d.f.s.table.prefetch(p.key) // looked up when the row is read
		return true
	}
	name := trimSpace(b)
	if len(name) > 0 && name[0] == '\'' {
		return false // maybe a formula guard (parks.Unguard): the exact path reads it
	}
	if len(name) > 0 {
		if hit := d.sector(name); hit.unknown != nil { // a warning
			d.pending = append(d.pending, pendingFinding{hit.unknown, i})
		}
	}
	return true
}

// finish checks the current project row against its facility, words its
// problems and adds it to the chunk's result, as rowSink.Project and the
// exact path's callbacks (projectRows) do.
func (p *fastProject) finish(d *fastChunk, res *chunkResult) bool {
	if ph := d.f.s.phold; ph != nil && ph.has(d.idHash) {
		return false // its id repeats: the exact path holds it
	}
	t := d.f.s.table
	at := t.find(p.key)
	p.rec.Source = d.rec.Source // the fast path's source cell reads into the facility record
	var fs []rules.Finding
	if at >= 0 {
		fs = rules.CheckProject(&p.rec, d.today)
	}
	bad := d.word(res, fs, parks.ProjectSchema)
	switch {
	case at < 0:
		bad = true
		d.addProblem(res, rules.NoFacility(p.record(d)))
	case t.flags(at)&flagBad != 0 && !bad:
		bad = true
		d.addProblem(res, rules.FacilityInvalid(p.record(d)))
	}
	d.rowRead(res)
	d.f.addProject(res, &p.rec, at, !bad)
	return true
}

// record is rec with what a foreign-key problem says of it: its id, its
// facility_id and that cell's place.
func (p *fastProject) record(d *fastChunk) *parks.Project {
	col := parks.ProjectSchema.Col("facility_id")
	p.at.Cells[col] = d.cellPos(d.colOf[col])
	p.rec.ID, p.rec.FacilityID, p.rec.At = parks.ID(d.id), parks.ID(p.facility), &p.at
	return &p.rec
}

// addProblem adds a problem of the current row that is not a finding of
// its cells (a foreign key), unless it is only counted (see keep).
func (d *fastChunk) addProblem(res *chunkResult, pr diag.Problem) {
	d.countHeld(res)
	if !d.unkept(res, &rules.Finding{Rule: pr.Rule, Severity: pr.Severity}) {
		d.add(res, pr)
	}
}
