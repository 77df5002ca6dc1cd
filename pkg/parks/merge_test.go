package parks

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestMergeCarriesEveryField: Merge of partial totals into zero totals
// gives them back, field by field. A field added to Totals that Merge does
// not carry fails here, and so does a field of a type this test does not
// know how to fill (teach fill the new type, then Merge the field).
func TestMergeCarriesEveryField(t *testing.T) {
	var src Totals
	v := reflect.ValueOf(&src).Elem()
	n := int64(1)
	for i := 0; i < v.NumField(); i++ {
		if !v.Type().Field(i).IsExported() {
			t.Fatalf("Totals.%s is unexported: Merge cannot be checked to carry it", v.Type().Field(i).Name)
		}
		if err := fill(v.Field(i), &n); err != nil {
			t.Fatalf("Totals.%s: %v", v.Type().Field(i).Name, err)
		}
	}
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		// one field at a time, so a field Merge drops is named
		var one, got Totals
		reflect.ValueOf(&one).Elem().Field(i).Set(v.Field(i))
		if name == "Prov" {
			one.Prov = Provenance{}
			one.Prov.Merge(&src.Prov)
		}
		got.Merge(&one)
		if !reflect.DeepEqual(reflect.ValueOf(got).Field(i).Interface(), reflect.ValueOf(one).Field(i).Interface()) {
			t.Errorf("Merge drops Totals.%s: got %+v, want %+v", name, reflect.ValueOf(got).Field(i).Interface(), reflect.ValueOf(one).Field(i).Interface())
		}
	}
}

// fill sets a field of Totals to a value no other field has.
func fill(f reflect.Value, n *int64) error {
	switch x := f.Addr().Interface().(type) {
	case *Sum:
		*x = Sum{V: *n * 10, N: *n}
		*n++
	case *Pair:
		x.Num = Sum{V: *n * 10, N: *n}
		x.Den = Sum{V: *n*10 + 1, N: *n}
		*n++
	case *bool:
		*x = true
	case *Provenance:
		x.Add(fmt.Sprint("source ", *n), Date{T: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Set: true})
		x.Add(fmt.Sprint("source ", *n+1), Date{T: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Set: true})
		*n += 2
	default:
		return fmt.Errorf("type %s: teach TestMergeCarriesEveryField how to fill it", f.Type())
	}
	return nil
}
