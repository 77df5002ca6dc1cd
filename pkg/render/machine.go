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
	if f, ok := v.(float64); ok {
		if math.IsInf(f, 0) || math.IsNaN(f) {
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
