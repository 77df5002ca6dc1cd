package render

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// Field is one key of an Object. Value is nil (null), string, int64,
// float64, bool, Object or []Object.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON/YAML object whose keys keep their order, so that the
// documented contract reads the same in every run.
type Object []Field

// Get returns the value of a key.
func (o Object) Get(key string) (any, bool) {
	for _, f := range o {
		if f.Key == key {
			return f.Value, true
		}
	}
	return nil, false
}

// MarshalJSON writes the object with its keys in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalValue(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalValue(v any) ([]byte, error) {
	// Nested objects, integers and null are written here: json.Marshal of
	// an Object would call MarshalJSON and then scan its output again (once
	// per level of nesting), which made the JSON of 200k rows take seconds.
	switch x := v.(type) {
	case nil:
		return []byte("null"), nil
	case int64:
		return strconv.AppendInt(nil, x, 10), nil
	case int:
		return strconv.AppendInt(nil, int64(x), 10), nil
	case bool:
		return strconv.AppendBool(nil, x), nil
	case Object: // nil too: encoding/json writes {} for it
		return x.MarshalJSON()
	case []Object:
		if x == nil {
			return []byte("null"), nil
		}
		b := []byte{'['}
		for i, o := range x {
			if i > 0 {
				b = append(b, ',')
			}
			ob, err := o.MarshalJSON()
			if err != nil {
				return nil, err
			}
			b = append(b, ob...)
		}
		return append(b, ']'), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return []byte("null"), nil
		}
	}
	return json.Marshal(v)
}

// FormatFloat writes a float the way JSON does (shortest exact form).
func FormatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
