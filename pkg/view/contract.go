package view

import (
	"encoding/json"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// The documents of the JSON/YAML contract (docs/output.md) that have a
// fixed shape are typed here; only the columns that depend on the data —
// one per metric, one per snapshot date, one per schema column — are
// ordered key lists (render.Object). YAML is written from the JSON, so
// the json tags name the fields of both.

// Opt is a value that is either left out of its object (zero Opt) or
// written, possibly as null: a ratio's denominator is written only for
// ratios, and then may be null.
type Opt struct {
	Set bool
	V   any
}

// Some is a written value.
func Some(v any) Opt { return Opt{Set: true, V: v} }

// IsZero lets `omitzero` leave an unset Opt out.
func (o Opt) IsZero() bool { return !o.Set }

// MarshalJSON writes the value.
func (o Opt) MarshalJSON() ([]byte, error) { return json.Marshal(o.V) }

// DateRange is the range of the as_of dates of the records behind a figure.
type DateRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Provenance is where a figure comes from: the distinct sources of its
// records (sorted) and the range of their dates (nil when none is dated).
func Provenance(p *parks.Provenance) ([]string, *DateRange) {
	sources := []string{}
	var asOf *DateRange
	if p != nil {
		if s := p.Sources(); s != nil {
			sources = s
		}
		if p.From.Set {
			asOf = &DateRange{From: p.From.String(), To: p.To.String()}
		}
	}
	return sources, asOf
}

// Change is a metric's change between two snapshots.
type Change struct {
	Old      any `json:"old"`
	New      any `json:"new"`
	Delta    any `json:"delta"`
	DeltaPct any `json:"delta_pct"`
}

// ChangeOf is the contract form of a domain change.
func ChangeOf(c parks.Change) Change {
	return Change{Old: Raw(c.Old), New: Raw(c.New), Delta: Raw(c.Delta), DeltaPct: Raw(c.Pct)}
}

// DiffDoc is `parks diff -o json`.
type DiffDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Old           DiffSide        `json:"old"`
	New           DiffSide        `json:"new"`
	GroupBy       string          `json:"group_by"`
	Groups        []render.Object `json:"groups"` // Identity, then a Change per metric
	Total         render.Object   `json:"total"`  // a Change per metric
	Added         []render.Object `json:"added"`  // FacilityObject
	Removed       []render.Object `json:"removed"`
	Changed       []FacilityDiff  `json:"changed"`
	Projects      ProjectsDiff    `json:"projects"`
	Backward      []Backward      `json:"backward"`
}

// DiffSide is one snapshot of a diff.
type DiffSide struct {
	Path string `json:"path"`
	AsOf any    `json:"as_of"` // null when the snapshot has no date
}

// FacilityDiff is a facility on both sides with its changed fields.
type FacilityDiff struct {
	ID        string        `json:"id"`
	OldID     string        `json:"old_id"`
	MatchedBy string        `json:"matched_by"`
	Name      string        `json:"name"`
	District  string        `json:"district"`
	Changes   []FieldChange `json:"changes"`
}

// ProjectsDiff is what changed among the projects.
type ProjectsDiff struct {
	Added   []render.Object `json:"added"` // RecordObject
	Removed []render.Object `json:"removed"`
	Changed []ProjectDiff   `json:"changed"`
}

// ProjectDiff is a project on both sides with its changed fields.
type ProjectDiff struct {
	ID         string        `json:"id"`
	FacilityID string        `json:"facility_id"`
	Name       string        `json:"name"`
	Changes    []FieldChange `json:"changes"`
}

// FieldChange is one changed column, old and new as the schema gives them.
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// FieldChanges is the contract form of a record's changed fields.
func FieldChanges(fcs []parks.FieldChange) []FieldChange {
	out := make([]FieldChange, 0, len(fcs))
	for _, fc := range fcs {
		out = append(out, FieldChange{Field: fc.Field, Old: fc.Old, New: fc.New})
	}
	return out
}

// Backward is a figure that should only grow and went down.
type Backward struct {
	Record string `json:"record"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	Old    int64  `json:"old"`
	New    int64  `json:"new"`
}

// TrendDoc is `parks trend -o json`.
type TrendDoc struct {
	SchemaVersion int           `json:"schema_version"`
	GroupBy       string        `json:"group_by"`
	Snapshots     []Snapshot    `json:"snapshots"`
	Metrics       []TrendMetric `json:"metrics"`
}

// Snapshot is one dataset of a trend.
type Snapshot struct {
	Path string `json:"path"`
	AsOf string `json:"as_of"`
}

// TrendMetric is one metric of a trend: a row per group (Identity, then
// "values" keyed by date) and the total.
type TrendMetric struct {
	Metric string          `json:"metric"`
	Rows   []render.Object `json:"rows"`
	Total  TrendTotal      `json:"total"`
}

// TrendTotal is the total of a trend's metric.
type TrendTotal struct {
	Values render.Object `json:"values"` // keyed by date
}

// ExplainDoc is `parks explain METRIC -o json`.
type ExplainDoc struct {
	SchemaVersion int             `json:"schema_version"`
	Metric        string          `json:"metric"`
	Definition    string          `json:"definition"`
	Filter        ExplainFilter   `json:"filter"`
	Records       []ExplainRecord `json:"records"`
	Numerator     *Operand        `json:"numerator"`
	Denominator   *Operand        `json:"denominator"` // null unless the metric is a ratio
	Value         any             `json:"value"`
	Sources       []string        `json:"sources"`
	AsOf          *DateRange      `json:"as_of"`
}

// ExplainFilter is the filter of an explanation, as given (districts by
// their English name).
type ExplainFilter struct {
	District []string `json:"district"`
	Kind     []string `json:"kind"`
	Status   []string `json:"status"`
	Sector   []string `json:"sector"`
}

// ExplainRecord is one facility of an explanation.
type ExplainRecord struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	District    string `json:"district"`
	Kind        string `json:"kind"`
	Numerator   any    `json:"numerator"`
	Denominator Opt    `json:"denominator,omitzero"` // only for ratios
	Counted     bool   `json:"counted"`
	Source      any    `json:"source"`
	AsOf        any    `json:"as_of"`
}

// Operand is a sum of an explanation.
type Operand struct {
	Field   string `json:"field"`
	Sum     any    `json:"sum"`
	Records int64  `json:"records"`
}

// ValidateDoc is `parks validate -o json`.
type ValidateDoc struct {
	SchemaVersion int       `json:"schema_version"`
	Valid         bool      `json:"valid"`
	Errors        int       `json:"errors"`
	Warnings      int       `json:"warnings"`
	Files         []string  `json:"files"`
	StoppedEarly  bool      `json:"stopped_early"`
	MaxErrors     *int      `json:"max_errors"` // null: no bound
	Problems      []Problem `json:"problems"`
}

// Problem is one problem of a validation; null where a position or detail
// is not known.
type Problem struct {
	File     string  `json:"file"`
	Line     *int    `json:"line"`
	Column   *int    `json:"column"`
	Severity string  `json:"severity"`
	Rule     string  `json:"rule"`
	Message  string  `json:"message"`
	Field    *string `json:"field"`
	Value    *string `json:"value"`
	RowID    *string `json:"row_id"`
	Cell     *string `json:"cell"`
}

// NonZero is n, or nil for 0 (not known).
func NonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// NonEmpty is s, or nil for "".
func NonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
