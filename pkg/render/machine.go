package render

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
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
	return o.appendJSON(nil)
}

func (o Object) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, f := range o {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, f.Key); err != nil {
			return nil, err
		}
		b = append(b, ':')
		if b, err = appendValue(b, f.Value); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendValue appends a value as json.Marshal writes it (an Object as
// MarshalJSON, a float that is not finite as null). Nested objects,
// integers, null and plain strings are written here: json.Marshal of each
// value, and of an Object scanning its output again once per level of
// nesting, made the JSON of 200k rows take seconds.
func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		if plainJSON(x) {
			b = append(b, '"')
			b = append(b, x...)
			return append(b, '"'), nil
		}
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case Object: // nil too: encoding/json writes {} for it
		return x.appendJSON(b)
	case []Object:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, o := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = o.appendJSON(b); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return append(b, "null"...), nil
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, data...), nil
}

// marshalValue is appendValue on its own.
func marshalValue(v any) ([]byte, error) { return appendValue(nil, v) }

// plainJSON reports whether json.Marshal writes a string as it is between
// quotes: valid UTF-8 without control characters, quotes, backslashes,
// the characters it escapes for HTML (< > &) or U+2028 and U+2029.
func plainJSON(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}

// FormatFloat writes a float the way JSON does (shortest exact form).
func FormatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
