// Package parks is the domain of the tool: the records people keep about
// industrial parks and production sites, the metrics computed from them and
// their aggregation. It knows no file format, no CLI and no rendering.
package parks

import "github.com/parks-kz/parks/pkg/diag"

// The struct tags below are the single source of truth for each column:
//   csv:   canonical column name (CSV header, YAML key, JSON key)
//   parks: "required" for mandatory columns
//   unit:  unit of the column's values
//   desc:  the message id of its description, desc.<desc> in
//          pkg/i18n/messages.yaml (en, kk, ru); desc.<csv> when absent

// Facility is a small industrial park or a production site.
type Facility struct {
	ID                         ID     `csv:"id" parks:"required"`
	Name                       Text   `csv:"name" parks:"required"`
	Kind                       Kind   `csv:"kind"`
	District                   Text   `csv:"district" parks:"required"`
	AreaHa                     Area   `csv:"area_ha" unit:"ha"`
	BuildingsPlanned           Count  `csv:"buildings_planned" unit:"buildings"`
	BuildingsBuilt             Count  `csv:"buildings_built" unit:"buildings"`
	BuildingsUnderConstruction Count  `csv:"buildings_under_construction" unit:"buildings"`
	ProjectsPlanned            Count  `csv:"projects_planned" unit:"projects"`
	ProjectsLaunched           Count  `csv:"projects_launched" unit:"projects"`
	JobsPlanned                Count  `csv:"jobs_planned" unit:"jobs"`
	JobsCreated                Count  `csv:"jobs_created" unit:"jobs"`
	InvestmentPrivate          Money  `csv:"investment_private_kzt" unit:"KZT"`
	InvestmentBudget           Money  `csv:"investment_budget_kzt" unit:"KZT"`
	ImportSubstitution         Money  `csv:"import_substitution_kzt" unit:"KZT"`
	Sectors                    List   `csv:"sectors"`
	Status                     Status `csv:"status"`
	AsOf                       Date   `csv:"as_of"`
	Source                     Text   `csv:"source"`
	Notes                      Text   `csv:"notes"`

	// KATO is the district's code, resolved by the loader from District.
	KATO string `csv:"-"`
	// At is where the record was read, for the problems said of it while
	// it is loaded; nil once the load is done (Loc).
	At *Loc `csv:"-"`
}

// Loc is where a record was read: Pos where it starts, Cells each column's
// position, indexed like its schema's Columns (zero where the column is
// absent). A loader gives a record one for the rules it applies to it; the
// records it hands over when it is done have none (At is nil): nothing
// said of a record after its load needs them, and a held record costs
// what its fields cost (20 positions are a kilobyte, twice the fields).
type Loc struct {
	Pos   diag.Pos
	Cells []diag.Pos
	// Lazy, when Cells is nil, makes them the first time they are asked
	// for (Cols): a loader holding many records keeps a compact form of
	// them, since only a record with a problem needs them.
	Lazy func() []diag.Pos
}

// Project is an enterprise inside a facility.
type Project struct {
	ID                 ID     `csv:"id" parks:"required"`
	FacilityID         ID     `csv:"facility_id" parks:"required"`
	Name               Text   `csv:"name" parks:"required" desc:"project_name"`
	Sector             Text   `csv:"sector"`
	Status             Status `csv:"status"`
	InvestmentPrivate  Money  `csv:"investment_private_kzt" unit:"KZT"`
	InvestmentBudget   Money  `csv:"investment_budget_kzt" unit:"KZT"`
	JobsPlanned        Count  `csv:"jobs_planned" unit:"jobs"`
	JobsCreated        Count  `csv:"jobs_created" unit:"jobs"`
	ImportSubstitution Money  `csv:"import_substitution_kzt" unit:"KZT"`
	AsOf               Date   `csv:"as_of"`
	Source             Text   `csv:"source"`
	Notes              Text   `csv:"notes" desc:"project_notes"`

	At *Loc `csv:"-"` // as Facility.At
}

// Meta describes a dataset as a whole.
type Meta struct {
	Name   string
	Region string
	AsOf   string
	Source string
}

// Dataset is everything loaded from one or more files.
type Dataset struct {
	Meta       Meta
	Facilities []*Facility
	Projects   []*Project
}

// FacilityByID returns the facility with the given id, or nil.
func (d *Dataset) FacilityByID(id string) *Facility {
	for _, f := range d.Facilities {
		if string(f.ID) == id {
			return f
		}
	}
	return nil
}

// ProjectsOf returns the projects inside a facility, in load order.
func (d *Dataset) ProjectsOf(id ID) []*Project {
	var out []*Project
	for _, p := range d.Projects {
		if p.FacilityID == id {
			out = append(out, p)
		}
	}
	return out
}

// Row is where the record starts; zero for none (a nil Loc).
func (l *Loc) Row() diag.Pos {
	if l == nil {
		return diag.Pos{}
	}
	return l.Pos
}

// Cols is each column's position; nil for none (a nil Loc).
func (l *Loc) Cols() []diag.Pos {
	if l == nil {
		return nil
	}
	if l.Cells == nil && l.Lazy != nil {
		l.Cells, l.Lazy = l.Lazy(), nil
	}
	return l.Cells
}

// Cell is a column's position (CellPos).
func (l *Loc) Cell(col int) diag.Pos { return CellPos(l.Cols(), col, l.Row()) }

// CellPos returns the position of a column of a record, falling back to the
// record's own position when the column was not in the file.
func CellPos(cells []diag.Pos, col int, row diag.Pos) diag.Pos {
	if col >= 0 && col < len(cells) && (cells[col].Line != 0 || cells[col].Cell != "") {
		return cells[col]
	}
	return row
}
