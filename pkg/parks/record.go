// Package parks is the domain of the tool: the records people keep about
// industrial parks and production sites, the metrics computed from them and
// their aggregation. It knows no file format, no CLI and no rendering.
package parks

import "github.com/parks-kz/parks/pkg/diag"

// The struct tags below are the single source of truth for each column:
//   csv:   canonical column name (CSV header, YAML key, JSON key)
//   parks: "required" for mandatory columns
//   unit:  unit of the column's values
//   desc:  one-line description for `parks schema` and the README

// Facility is a small industrial park or a production site.
type Facility struct {
	ID                         ID     `csv:"id" parks:"required" desc:"unique identifier, no spaces"`
	Name                       Text   `csv:"name" parks:"required" desc:"name as officially written"`
	Kind                       Kind   `csv:"kind" desc:"park or site"`
	District                   Text   `csv:"district" parks:"required" desc:"district or city: a gazetteer name in kk, ru or en, an alias, or the KATO code"`
	AreaHa                     Area   `csv:"area_ha" unit:"ha" desc:"land area in hectares"`
	BuildingsPlanned           Count  `csv:"buildings_planned" unit:"buildings" desc:"buildings planned in total"`
	BuildingsBuilt             Count  `csv:"buildings_built" unit:"buildings" desc:"buildings finished"`
	BuildingsUnderConstruction Count  `csv:"buildings_under_construction" unit:"buildings" desc:"buildings under construction now"`
	ProjectsPlanned            Count  `csv:"projects_planned" unit:"projects" desc:"investment projects planned"`
	ProjectsLaunched           Count  `csv:"projects_launched" unit:"projects" desc:"projects launched (connected)"`
	JobsPlanned                Count  `csv:"jobs_planned" unit:"jobs" desc:"permanent jobs planned"`
	JobsCreated                Count  `csv:"jobs_created" unit:"jobs" desc:"permanent jobs created"`
	InvestmentPrivate          Money  `csv:"investment_private_kzt" unit:"KZT" desc:"private investment, whole tenge"`
	InvestmentBudget           Money  `csv:"investment_budget_kzt" unit:"KZT" desc:"budget (public) investment, whole tenge"`
	ImportSubstitution         Money  `csv:"import_substitution_kzt" unit:"KZT" desc:"value of imports substituted, whole tenge"`
	Sectors                    List   `csv:"sectors" desc:"sector codes; in CSV separated by a vertical bar, in YAML a list"`
	Status                     Status `csv:"status" desc:"planned, under_construction or operating"`
	AsOf                       Date   `csv:"as_of" desc:"date the figures refer to, YYYY-MM-DD"`
	Source                     Text   `csv:"source" desc:"where the figures come from"`
	Notes                      Text   `csv:"notes" desc:"free text: which figures are illustrative, caveats"`

	// KATO is the district's code, resolved by the loader from District.
	KATO string `csv:"-"`
	// Pos is where the record starts; Cells holds each column's position,
	// indexed like FacilitySchema.Columns (zero where the column is absent).
	Pos   diag.Pos   `csv:"-"`
	Cells []diag.Pos `csv:"-"`
}

// Project is an enterprise inside a facility.
type Project struct {
	ID                 ID     `csv:"id" parks:"required" desc:"unique identifier, no spaces"`
	FacilityID         ID     `csv:"facility_id" parks:"required" desc:"id of the facility the project is in"`
	Name               Text   `csv:"name" parks:"required" desc:"name of the enterprise or project"`
	Sector             Text   `csv:"sector" desc:"sector code"`
	Status             Status `csv:"status" desc:"planned, under_construction or operating"`
	InvestmentPrivate  Money  `csv:"investment_private_kzt" unit:"KZT" desc:"private investment, whole tenge"`
	InvestmentBudget   Money  `csv:"investment_budget_kzt" unit:"KZT" desc:"budget (public) investment, whole tenge"`
	JobsPlanned        Count  `csv:"jobs_planned" unit:"jobs" desc:"permanent jobs planned"`
	JobsCreated        Count  `csv:"jobs_created" unit:"jobs" desc:"permanent jobs created"`
	ImportSubstitution Money  `csv:"import_substitution_kzt" unit:"KZT" desc:"value of imports substituted, whole tenge"`
	AsOf               Date   `csv:"as_of" desc:"date the figures refer to, YYYY-MM-DD"`
	Source             Text   `csv:"source" desc:"where the figures come from"`
	Notes              Text   `csv:"notes" desc:"free text"`

	Pos   diag.Pos   `csv:"-"`
	Cells []diag.Pos `csv:"-"`
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

// CellPos returns the position of a column of a record, falling back to the
// record's own position when the column was not in the file.
func CellPos(cells []diag.Pos, col int, row diag.Pos) diag.Pos {
	if col >= 0 && col < len(cells) && (cells[col].Line != 0 || cells[col].Cell != "") {
		return cells[col]
	}
	return row
}
