package jsonschema

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/builtin"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	js "github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compile builds a validator from the generated schema, as an editor would.
func compile(t *testing.T) *js.Schema {
	t.Helper()
	var buf bytes.Buffer
	if err := render.WriteJSON(&buf, Dataset()); err != nil {
		t.Fatal(err)
	}
	doc, err := js.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := js.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(ID)
	if err != nil {
		t.Fatalf("the generated schema does not compile: %v", err)
	}
	return s
}

// instance reads YAML the way YAML 1.2 editors see it: a date is a string.
func instance(t *testing.T, src string) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	v := toJSON(&n)
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := js.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		var l []any
		for _, c := range n.Content {
			l = append(l, toJSON(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return json.Number(n.Value)
		}
	}
	return n.Value
}

func TestBuiltinDatasetIsValid(t *testing.T) {
	s := compile(t)
	if err := s.Validate(instance(t, string(builtin.YAML))); err != nil {
		t.Errorf("the built-in dataset does not satisfy the generated schema:\n%v", err)
	}
}

func TestSchemaAcceptsAndRefuses(t *testing.T) {
	s := compile(t)
	const base = "facilities:\n  - id: s1\n    name: Alpha\n    district: Sauran\n"
	for _, tc := range []struct {
		name, extra string
		valid       bool
		mention     string
	}{
		{"minimal", "", true, ""},
		{"grouped count", "    jobs_planned: 6 040\n", true, ""},
		{"money words", "    investment_private_kzt: 10,4 млрд ₸\n", true, ""},
		{"kazakh kind", "    kind: алаң\n", true, ""},
		{"dotted date", "    as_of: 01.10.2025\n", true, ""},
		{"sector list", "    sectors: [furniture, textiles]\n", true, ""},
		{"blank optional", "    area_ha:\n", true, ""},
		{"negative count", "    jobs_planned: -5\n", false, "jobs_planned"},
		{"negative money text", "    investment_budget_kzt: \"-5 млн\"\n", false, "investment_budget_kzt"},
		{"unknown kind", "    kind: factory\n", false, "kind"},
		{"unknown key", "    jobs_plan: 10\n", false, "jobs_plan"},
		{"zero area", "    area_ha: 0\n", false, "area_ha"},
		{"id with space", "", false, "id"},
		{"bad date", "    as_of: 2025/10/01\n", false, "as_of"},
		{"text count", "    jobs_created: many\n", false, "jobs_created"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := base + tc.extra
			if tc.name == "id with space" {
				src = strings.Replace(src, "id: s1", "id: s 1", 1)
			}
			err := s.Validate(instance(t, src))
			if tc.valid && err != nil {
				t.Errorf("refused:\n%s\n%v", src, err)
			}
			if !tc.valid {
				if err == nil {
					t.Errorf("accepted:\n%s", src)
				} else if !strings.Contains(err.Error(), tc.mention) {
					t.Errorf("error does not mention %q: %v", tc.mention, err)
				}
			}
		})
	}
	if err := s.Validate(instance(t, "facilities:\n  - name: Alpha\n    district: Sauran\n")); err == nil || !strings.Contains(err.Error(), "id") {
		t.Errorf("a record without its required id was accepted (%v)", err)
	}
}

// TestEveryColumnIsInTheSchema ties the JSON Schema to the struct tags.
func TestEveryColumnIsInTheSchema(t *testing.T) {
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		props, _ := Record(s).Get("properties")
		for _, c := range s.Columns {
			if _, ok := props.(render.Object).Get(c.Name); !ok {
				t.Errorf("%s column %s is not in the JSON Schema", s.Kind, c.Name)
			}
		}
		if got := len(props.(render.Object)); got != len(s.Columns) {
			t.Errorf("%s: %d properties, %d columns", s.Kind, got, len(s.Columns))
		}
	}
}
