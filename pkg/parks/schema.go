package parks

import (
	"reflect"
	"slices"
	"strings"
)

// Column describes one column of a record kind, read from the struct tags.
type Column struct {
	Name        string
	Index       int // field index in the struct
	Type        string
	Required    bool
	Unit        string
	Desc        string
	Constraints string
	// Enum lists the canonical values of an enum column, then the other
	// spellings the decoders accept (Kazakh, Russian), in lower case.
	Enum []string
}

// Schema is the ordered list of columns of a record kind.
type Schema struct {
	Kind    string // "facility" or "project"
	Columns []Column
	byName  map[string]int
}

// Col returns the index in Columns of a canonical column name, or -1.
func (s *Schema) Col(name string) int {
	if i, ok := s.byName[name]; ok {
		return i
	}
	return -1
}

// Required lists the names of required columns.
func (s *Schema) Required() []string {
	var out []string
	for _, c := range s.Columns {
		if c.Required {
			out = append(out, c.Name)
		}
	}
	return out
}

// Names lists every column name in order.
func (s *Schema) Names() []string {
	out := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Name
	}
	return out
}

var (
	FacilitySchema = schemaOf[Facility]("facility")
	ProjectSchema  = schemaOf[Project]("project")
)

var typeNames = map[string]struct{ name, constraints string }{
	"ID":     {"string", "no spaces; unique"},
	"Text":   {"string", ""},
	"Kind":   {"enum", "park or site (or the kk, ru word)"},
	"Status": {"enum", "planned, under_construction or operating (or the kk, ru words)"},
	"Area":   {"number", "> 0 and ≤ 100 000; at most 4 decimals"},
	"Count":  {"integer", "≥ 0"},
	"Money":  {"integer", "≥ 0; whole tenge"},
	"Date":   {"date", "YYYY-MM-DD; not in the future"},
	"List":   {"list", ""},
}

func schemaOf[T any](kind string) *Schema {
	t := reflect.TypeFor[T]()
	s := &Schema{Kind: kind, byName: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("csv")
		if name == "" || name == "-" {
			continue
		}
		tn := typeNames[f.Type.Name()]
		c := Column{
			Name: name, Index: i, Type: tn.name, Constraints: tn.constraints,
			Required: slices.Contains(strings.Split(f.Tag.Get("parks"), ","), "required"),
			Unit:     f.Tag.Get("unit"), Desc: f.Tag.Get("desc"),
		}
		switch f.Type.Name() {
		case "Kind":
			c.Enum = enumValues(Kinds, kindNames)
		case "Status":
			c.Enum = enumValues(Statuses, statusNames)
		}
		if name == "facility_id" {
			c.Constraints = "an existing facility id"
		}
		if name == "district" {
			c.Constraints = "known to the gazetteer"
		}
		s.byName[name] = len(s.Columns)
		s.Columns = append(s.Columns, c)
	}
	return s
}

// CellParsers returns the field of each schema column of a record as a
// CellParser, indexed like the schema's Columns. Decoders compile this once
// per record and fill cells through it, so no reflection runs per cell.
func (s *Schema) CellParsers(rec any) []CellParser {
	v := reflect.ValueOf(rec).Elem()
	out := make([]CellParser, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = v.Field(c.Index).Addr().Interface().(CellParser)
	}
	return out
}

// Values returns each column's value of a record, for output: nil when not
// reported, int64 for counts and money, float64 hectares for areas, a
// string slice for lists and a string otherwise.
func (s *Schema) Values(rec any) []any {
	v := reflect.ValueOf(rec).Elem()
	out := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		switch x := v.Field(c.Index).Interface().(type) {
		case Count:
			out[i] = optional(x.V, x.Set)
		case Money:
			out[i] = optional(x.V, x.Set)
		case Area:
			if x.Set {
				out[i] = x.Ha()
			}
		case Date:
			if x.Set {
				out[i] = x.String()
			}
		case List:
			out[i] = []string(x)
			if x == nil {
				out[i] = []string{}
			}
		case ID, Text, Kind, Status:
			if s := reflect.ValueOf(x).String(); s != "" {
				out[i] = s
			}
		}
	}
	return out
}

func optional(v int64, set bool) any {
	if !set {
		return nil
	}
	return v
}

// enumValues lists canonical values first, then the other accepted
// spellings sorted.
func enumValues[T ~string](canonical []T, names map[string]string) []string {
	var out, other []string
	for _, c := range canonical {
		out = append(out, string(c))
	}
	for name := range names {
		if !slices.Contains(out, name) {
			other = append(other, name)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}
