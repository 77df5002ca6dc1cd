package decode

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"go.yaml.in/yaml/v3"
)

// decodeYAML reads a YAML dataset: an optional `dataset:` block and lists
// `facilities:` and `projects:`, in an encoding as for CSV ("" detects).
// Positions are those of the YAML nodes.
func decodeYAML(file string, data []byte, encoding string, env *Env, sink Sink) {
	data, enc, ok := toUTF8(file, data, encoding, env)
	if !ok {
		env.FilesUnread++
		return
	}
	env.Inputs = append(env.Inputs, Input{File: file, Format: "yaml", Encoding: enc})
	if yamlTooLarge(file, data, env) {
		env.FilesUnread++
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		pos := yamlErrorPos(file, err)
		// at the end of a file without a final newline, yaml counts one line more
		pos.Line = min(pos.Line, yamlLines(data))
		env.Problems.Add(msg(diag.Problem{Pos: pos, Severity: diag.Error, Rule: "format-error"}, "yaml.syntax", strings.TrimPrefix(yamlErrorLine().ReplaceAllString(err.Error(), ""), "yaml: ")))
		env.FilesUnread++
		return
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null" {
		env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error, Rule: "format-error"}, "yaml.empty"))
		return
	}
	y := &yamlDecoder{file: file, env: env, sink: sink}
	root := y.deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		y.errorAt(root, "format-error", "yaml.top_not_mapping")
		env.FilesUnread++
		return
	}
	y.ctx = yamlContexts(root)
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], y.deref(root.Content[i+1])
		switch key.Value {
		case "dataset":
			y.meta(val)
		case "facilities":
			y.list(val, parks.FacilitySchema)
		case "projects":
			y.list(val, parks.ProjectSchema)
		case "schema_version": // parks list -o yaml/json writes it (docs/output.md)
		default:
			y.env.Problems.Add(msg(diag.Problem{Pos: y.pos(key), Severity: diag.Warning, Rule: "extra-label", Value: key.Value}, "yaml.unknown_top_key", quoted(key.Value)))
		}
	}
}

// yamlErrorLine is compiled when a YAML error is worded, not at every start.
var yamlErrorLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): `) })

func yamlErrorPos(file string, err error) diag.Pos {
	if m := yamlErrorLine().FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return diag.Pos{File: file, Line: line, Col: 1}
	}
	return diag.Pos{File: file, Line: 1, Col: 1}
}

type yamlDecoder struct {
	file string
	env  *Env
	sink Sink
	ctx  map[*parks.Schema][]parks.ParseContext // decimal separator per column
}

func (y *yamlDecoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: y.file, Line: n.Line, Col: n.Column}
}

func (y *yamlDecoder) errorAt(n *yaml.Node, rule, id string, args ...any) {
	y.env.Problems.Add(msg(diag.Problem{Pos: y.pos(n), Severity: diag.Error, Rule: rule}, id, args...))
}

// deref follows an alias one step. Aliases are never expanded recursively,
// so an alias bomb costs nothing.
func (y *yamlDecoder) deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func (y *yamlDecoder) meta(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		y.errorAt(n, "format-error", "yaml.dataset_not_mapping")
		return
	}
	var m parks.Meta
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], y.deref(n.Content[i+1])
		switch key.Value {
		case "name":
			m.Name = val.Value
		case "region":
			m.Region = val.Value
		case "as_of":
			var d parks.Date
			if err := d.ParseCell(val.Value, nil); err != nil {
				y.errorAt(val, "type-error", "yaml.dataset_as_of", cellWhy(err))
			}
			m.AsOf = d.String()
		case "source":
			m.Source = val.Value
		default:
			y.env.Problems.Add(msg(diag.Problem{Pos: y.pos(key), Severity: diag.Warning, Rule: "extra-label", Value: key.Value}, "yaml.unknown_dataset_key", quoted(key.Value)))
		}
	}
	y.sink.Meta(m, y.pos(n))
}

func (y *yamlDecoder) list(n *yaml.Node, s *parks.Schema) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		y.errorAt(n, "format-error", "yaml.records_not_list", s.Kind)
		return
	}
	for _, item := range n.Content {
		if y.env.Problems.Full() {
			return
		}
		if item.Kind == yaml.AliasNode {
			y.aliasRecord(item)
			continue
		}
		y.record(item, s)
	}
}

// aliasRecord reports a list item that is an alias (*name): of a record it
// is that record a second time, of anything else not a record. Either way
// it is reported at the alias and never expanded, so an alias bomb costs
// one problem per alias written.
func (y *yamlDecoder) aliasRecord(item *yaml.Node) {
	y.env.RowsIn++
	y.env.RowsDropped++
	if item.Alias != nil && item.Alias.Kind == yaml.MappingNode {
		y.errorAt(item, "duplicate-row", "yaml.alias_record", "*"+item.Value, itoa(item.Alias.Line))
		return
	}
	y.errorAt(item, "format-error", "yaml.alias_not_record", "*"+item.Value)
}

func (y *yamlDecoder) record(n *yaml.Node, s *parks.Schema) {
	y.env.RowsIn++
	rs := &rowState{env: y.env, row: y.pos(n), cells: make([]diag.Pos, len(s.Columns))}
	if n.Kind != yaml.MappingNode {
		rs.problem(msg(diag.Problem{Pos: rs.row, Severity: diag.Error, Rule: "format-error"}, "yaml.record_not_mapping"))
		y.env.RowsDropped++
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			rs.id = y.deref(n.Content[i+1]).Value
		}
	}
	rec, parsers := newRecord(s)
	present := make([]bool, len(s.Columns))
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], y.deref(n.Content[i+1])
		c := s.Col(key.Value)
		if c < 0 && s.Derived(key.Value) { // written by parks list; read from its own column
			continue
		}
		if c < 0 {
			p := msg(diag.Problem{Pos: y.pos(key), Severity: diag.Warning, Rule: "extra-label", Value: key.Value}, "yaml.unknown_key", quoted(key.Value))
			if near := parks.Closest(key.Value, s.Names()); near != "" {
				p = msg(p, "yaml.unknown_key_near", quoted(key.Value), quoted(near))
			}
			rs.problem(p)
			continue
		}
		if present[c] {
			rs.problem(msg(diag.Problem{Pos: y.pos(key), Severity: diag.Error, Rule: "duplicate-label", Value: key.Value}, "yaml.duplicate_key", quoted(key.Value)))
			continue
		}
		present[c] = true
		rs.cells[c] = y.pos(val)
		text, ok := y.cellText(val, s.Columns[c])
		if !ok {
			rs.problem(msg(diag.Problem{Pos: y.pos(val), Severity: diag.Error, Rule: "type-error", Field: key.Value}, "yaml.not_scalar."+kindName(val.Kind), key.Value))
			continue
		}
		rs.cell(parsers[c], s.Columns[c], text, c, &y.ctx[s][c])
	}
	rs.missingRequired(s, present)
	rs.emit(rec, y.sink)
}

// cellText turns a YAML value into the text a CSV cell would hold: null is
// blank, a list (for list columns) is joined with '|'.
func (y *yamlDecoder) cellText(n *yaml.Node, c parks.Column) (string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "", true
		}
		return n.Value, true
	case yaml.SequenceNode:
		if c.Type != "list" {
			return "", false
		}
		items := make([]string, 0, len(n.Content))
		for _, it := range n.Content {
			it = y.deref(it)
			if it.Kind != yaml.ScalarNode {
				return "", false
			}
			items = append(items, it.Value)
		}
		return strings.Join(items, "|"), true
	}
	return "", false
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// yamlLines counts the lines of a YAML text as YAML does: "\n", "\r\n", a
// lone "\r", and NEL, LS and PS (U+0085, U+2028, U+2029) each end a line.
func yamlLines(data []byte) int {
	n := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(data, []byte(r))
	}
	return n
}

// yamlContexts works out, as for CSV, the decimal separator each numeric
// column's values show (falling back to the whole file's), so "1,234" is
// read the way the file's other numbers are written. YAML numbers (8.5)
// show a point; quoted "8,5" a comma.
func yamlContexts(root *yaml.Node) map[*parks.Schema][]parks.ParseContext {
	votes := map[*parks.Schema][]parks.DecimalVote{}
	var file parks.DecimalVote
	for i := 0; i+1 < len(root.Content); i += 2 {
		s := map[string]*parks.Schema{"facilities": parks.FacilitySchema, "projects": parks.ProjectSchema}[root.Content[i].Value]
		list := root.Content[i+1]
		if s == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		if votes[s] == nil {
			votes[s] = make([]parks.DecimalVote, len(s.Columns))
		}
		for _, rec := range list.Content {
			if rec.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(rec.Content); j += 2 {
				c := s.Col(rec.Content[j].Value)
				if v := rec.Content[j+1]; c >= 0 && v.Kind == yaml.ScalarNode && (s.Columns[c].Type == "integer" || s.Columns[c].Type == "number") {
					votes[s][c].Add(v.Value)
				}
			}
		}
	}
	for _, vs := range votes {
		for _, v := range vs {
			file.Merge(v)
		}
	}
	out := map[*parks.Schema][]parks.ParseContext{}
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		ctx := make([]parks.ParseContext, len(s.Columns))
		for c := range ctx {
			ctx[c].Decimal = file.Decimal()
			if votes[s] != nil {
				if d := votes[s][c].Decimal(); d != parks.DecimalUnknown {
					ctx[c].Decimal = d
				}
			}
		}
		out[s] = ctx
	}
	return out
}
