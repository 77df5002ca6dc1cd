package cli

import (
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// recordObject is a facility or project in machine formats: every schema
// column in order, null when not reported.
func recordObject(s *parks.Schema, rec any) render.Object {
	vals := s.Values(rec)
	o := make(render.Object, 0, len(vals)+1)
	for i, c := range s.Columns {
		o = append(o, render.Field{Key: c.Name, Value: vals[i]})
	}
	return o
}

// facilityObject adds the resolved district to a facility's columns.
func facilityObject(f *parks.Facility) render.Object {
	o := recordObject(parks.FacilitySchema, f)
	for i, fl := range o {
		if fl.Key == "district" {
			o[i].Value = districtName(f.KATO, i18n.EN)
			o = append(o[:i+1], append(render.Object{{Key: "kato", Value: f.KATO}}, o[i+1:]...)...)
			break
		}
	}
	return o
}

// facilityValues computes the metrics of a single facility.
func facilityValues(f *parks.Facility) map[string]parks.Value {
	var t parks.Totals
	t.AddFacility(f)
	return valuesOf(&t)
}
