package parks

import (
	"reflect"
	"slices"
	"strings"
	"unsafe"
)

// Column describes one column of a record kind, read from the struct tags.
type Column struct {
	Name     string
	Index    int // field index in the struct
	Type     string
	Required bool
	Unit     string // a unit code (ha, KZT …); its word is unitword.<unit, lower case>
	// DescID and ConstraintID are message ids (pkg/i18n/messages.yaml):
	// the description and the constraints ("" for none), worded in every
	// language there, never here.
	DescID       string
	ConstraintID string
	// Enum lists the canonical values of an enum column, then the other
	// spellings the decoders accept (Kazakh, Russian), in lower case.
	Enum []string
}

// Schema is the ordered list of columns of a record kind.
type Schema struct {
	Kind    string // "facility" or "project"
	Columns []Column
	byName  map[string]int
	// offsets and fields view each column's struct field as a CellParser
	offsets []uintptr
	fields  []func(unsafe.Pointer) CellParser
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

var typeNames = map[string]struct{ name, constraint string }{
	"ID":     {"string", "constraint.id"},
	"Text":   {"string", ""},
	"Kind":   {"enum", "constraint.kind"},
	"Status": {"enum", "constraint.status"},
	"Area":   {"number", "constraint.area"},
	"Count":  {"integer", "constraint.count"},
	"Money":  {"integer", "constraint.money"},
	"Date":   {"date", "constraint.date"},
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
		desc := f.Tag.Get("desc")
		if desc == "" {
			desc = name
		}
		c := Column{
			Name: name, Index: i, Type: tn.name, ConstraintID: tn.constraint,
			Required: slices.Contains(strings.Split(f.Tag.Get("parks"), ","), "required"),
			Unit:     f.Tag.Get("unit"), DescID: "desc." + desc,
		}
		switch f.Type.Name() {
		case "Kind":
			c.Enum = enumValues(Kinds, kindNames)
		case "Status":
			c.Enum = enumValues(Statuses, statusNames)
		}
		if name == "facility_id" {
			c.ConstraintID = "constraint.facility_id"
		}
		if name == "district" {
			c.ConstraintID = "constraint.district"
		}
		s.byName[name] = len(s.Columns)
		s.Columns = append(s.Columns, c)
		s.offsets = append(s.offsets, f.Offset)
		s.fields = append(s.fields, fieldOf(f.Type))
	}
	return s
}

// CellParsers returns the field of each schema column of a record as a
// CellParser, indexed like the schema's Columns. The field offsets and
// types are compiled once per schema from the struct tags (fieldOf), so no
// reflection runs per record or per cell.
func (s *Schema) CellParsers(rec any) []CellParser {
	return s.CellParsersInto(make([]CellParser, len(s.Columns)), rec)
}

// CellParsersInto is CellParsers filling dst (len(s.Columns) long), for
// decoders that reuse one slice.
func (s *Schema) CellParsersInto(dst []CellParser, rec any) []CellParser {
	var base unsafe.Pointer
	switch r := rec.(type) {
	case *Facility:
		base = unsafe.Pointer(r)
	case *Project:
		base = unsafe.Pointer(r)
	default:
		v := reflect.ValueOf(rec).Elem()
		for i, c := range s.Columns {
			dst[i] = v.Field(c.Index).Addr().Interface().(CellParser)
		}
		return dst
	}
	for i, f := range s.fields {
		dst[i] = f(unsafe.Add(base, s.offsets[i]))
	}
	return dst
}

// fieldOf compiles how to view a field of a given type at an address as a
// CellParser: a pointer conversion, no allocation.
func fieldOf(t reflect.Type) func(unsafe.Pointer) CellParser {
	switch t {
	case reflect.TypeFor[ID]():
		return func(p unsafe.Pointer) CellParser { return (*ID)(p) }
	case reflect.TypeFor[Text]():
		return func(p unsafe.Pointer) CellParser { return (*Text)(p) }
	case reflect.TypeFor[Kind]():
		return func(p unsafe.Pointer) CellParser { return (*Kind)(p) }
	case reflect.TypeFor[Status]():
		return func(p unsafe.Pointer) CellParser { return (*Status)(p) }
	case reflect.TypeFor[Area]():
		return func(p unsafe.Pointer) CellParser { return (*Area)(p) }
	case reflect.TypeFor[Count]():
		return func(p unsafe.Pointer) CellParser { return (*Count)(p) }
	case reflect.TypeFor[Money]():
		return func(p unsafe.Pointer) CellParser { return (*Money)(p) }
	case reflect.TypeFor[Date]():
		return func(p unsafe.Pointer) CellParser { return (*Date)(p) }
	case reflect.TypeFor[List]():
		return func(p unsafe.Pointer) CellParser { return (*List)(p) }
	}
	panic("parks: column of type " + t.String() + " has no cell parser")
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

// Derived reports a column that parks writes next to the schema's own and
// reads back without a word: `parks list -o csv` writes kato, the code of
// the district, for pivots; the reader takes the district column itself.
func (s *Schema) Derived(name string) bool {
	return s == FacilitySchema && strings.EqualFold(strings.TrimSpace(name), "kato")
}
