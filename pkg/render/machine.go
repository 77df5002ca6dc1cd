package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
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

// WriteJSON writes a value as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}

// WriteYAML writes a value (Object, []Object or a scalar) as YAML.
func WriteYAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(v)); err != nil {
		return err
	}
	return enc.Close()
}

func yamlNode(v any) *yaml.Node {
	switch x := v.(type) {
	case Object:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, f := range x {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key}, yamlNode(f.Value))
		}
		return n
	case []Object:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, o := range x {
			n.Content = append(n.Content, yamlNode(o))
		}
		return n
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range x {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
		}
		return n
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(x, 10)}
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: FormatFloat(x)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
}

// FormatFloat writes a float the way JSON does (shortest exact form).
func FormatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// WriteCSV writes objects as CSV: the keys of the first object are the
// header; nested values are not allowed; null is an empty cell.
func WriteCSV(w io.Writer, rows []Object) error {
	cw := csv.NewWriter(w)
	if len(rows) > 0 {
		header := make([]string, len(rows[0]))
		for i, f := range rows[0] {
			header[i] = f.Key
		}
		if err := cw.Write(header); err != nil {
			return err
		}
	}
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, f := range r {
			rec[i] = csvCell(f.Value)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return FormatFloat(x)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		s := ""
		for i, it := range x {
			if i > 0 {
				s += "|"
			}
			s += it
		}
		return s
	}
	return fmt.Sprint(v)
}
