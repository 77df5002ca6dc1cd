package view

import (
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// AggregateOutput is the machine output of an aggregate: the document
// (rows, then the total) and the flat table (the total as the last row,
// marked by its total column).
func AggregateOutput(by parks.Dimension, rows []*Row, total *Row, sheet string) render.Output {
	doc := render.Object{{Key: "schema_version", Value: render.SchemaVersion}, {Key: "group_by", Value: string(by)}, {Key: "rows", Value: MachineRows(rows, by, false)}}
	if total != nil {
		doc = append(doc, render.Field{Key: "total", Value: ProvenanceFields(MetricFields(nil, total.Values), total.Prov, false)})
	}
	flat := MachineRows(rows, by, true)
	if total != nil {
		flat = append(flat, MachineRow(total, by, true))
	}
	grid := render.GridOf(flat)
	if len(flat) == 0 {
		grid.Columns = ObjectKeys(MachineRow(&Row{}, by, true))
	}
	return render.Output{Doc: doc, Grid: grid, Sheet: sheet}
}

// MachineRows gives the rows of the JSON/YAML/CSV contract; flat rows (for
// CSV) have no nested values.
func MachineRows(rows []*Row, by parks.Dimension, flat bool) []render.Object {
	out := make([]render.Object, 0, len(rows))
	for _, r := range rows {
		out = append(out, MachineRow(r, by, flat))
	}
	return out
}

// MachineRow is one row of the contract: group identity, every metric, then
// the provenance of the records behind the row.
func MachineRow(r *Row, by parks.Dimension, flat bool) render.Object {
	return ProvenanceFields(MetricFields(Identity(by, r.Label, r.Group, flat), r.Values), r.Prov, flat)
}

// Identity is the identity of a row in machine formats: its label
// (group, in the output language) and its stable key (the KATO code, kind,
// status or sector code, or facility id; null for the total and for the
// group of records that do not say), then kato (by district) or id,
// district and kind (by facility). Flat rows (CSV, xlsx) also carry
// total: true on the total row, false on the others.
func Identity(by parks.Dimension, label string, grp *parks.Group, flat bool) render.Object {
	var key any
	if grp != nil && grp.Key != "" {
		key = grp.Key
	}
	id := render.Object{{Key: "group", Value: label}, {Key: "key", Value: key}}
	if flat {
		id = append(id, render.Field{Key: "total", Value: grp == nil})
	}
	switch by {
	case parks.ByDistrict:
		id = append(id, render.Field{Key: "kato", Value: key})
	case parks.ByFacility:
		var fid, district, kind any
		if grp != nil && grp.Facility != nil {
			fid, district, kind = string(grp.Facility.ID), DistrictName(grp.Facility.KATO, i18n.EN), string(grp.Facility.Kind)
		}
		id = append(id, render.Field{Key: "id", Value: fid}, render.Field{Key: "district", Value: district}, render.Field{Key: "kind", Value: kind})
	}
	return id
}

// ProvenanceFields appends where a row's figures come from: "sources", the
// distinct sources of its records (sorted), and "as_of", the range of their
// dates as {"from", "to"} (null when no record is dated). Flat rows (CSV)
// carry sources joined by "|" and the range as as_of_from and as_of_to.
func ProvenanceFields(o render.Object, p *parks.Provenance, flat bool) render.Object {
	var sources []string
	var from, to any
	if p != nil {
		sources = p.Sources()
		if p.From.Set {
			from, to = p.From.String(), p.To.String()
		}
	}
	if sources == nil {
		sources = []string{}
	}
	if flat {
		return append(o, render.Field{Key: "sources", Value: sources},
			render.Field{Key: "as_of_from", Value: from}, render.Field{Key: "as_of_to", Value: to})
	}
	var asOf any
	if from != nil {
		asOf = render.Object{{Key: "from", Value: from}, {Key: "to", Value: to}}
	}
	return append(o, render.Field{Key: "sources", Value: sources}, render.Field{Key: "as_of", Value: asOf})
}

// MetricFields appends every metric, in catalogue order, as raw numbers.
func MetricFields(o render.Object, values map[string]parks.Value) render.Object {
	for _, m := range parks.Metrics {
		o = append(o, render.Field{Key: m.Key, Value: Raw(values[m.Key])})
	}
	return o
}

func Raw(v parks.Value) any {
	switch {
	case v.Null:
		return nil
	case v.IsFloat():
		return v.Float
	}
	return v.Int
}

// ObjectKeys are the keys of an object, in order (the CSV header of rows
// like it).
func ObjectKeys(o render.Object) []string {
	keys := make([]string, len(o))
	for i, f := range o {
		keys[i] = f.Key
	}
	return keys
}

// RecordObject is a facility or project in machine formats: every schema
// column in order, null when not reported.
func RecordObject(s *parks.Schema, rec any) render.Object {
	vals := s.Values(rec)
	o := make(render.Object, 0, len(vals)+1)
	for i, c := range s.Columns {
		o = append(o, render.Field{Key: c.Name, Value: vals[i]})
	}
	return o
}

// FacilityObject adds the resolved district to a facility's columns.
func FacilityObject(f *parks.Facility) render.Object {
	o := RecordObject(parks.FacilitySchema, f)
	for i, fl := range o {
		if fl.Key == "district" {
			o[i].Value = DistrictName(f.KATO, i18n.EN)
			o = append(o[:i+1], append(render.Object{{Key: "kato", Value: f.KATO}}, o[i+1:]...)...)
			break
		}
	}
	return o
}

func NullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
