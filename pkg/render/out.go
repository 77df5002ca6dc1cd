package render

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SchemaVersion is the version of the JSON/YAML contract (docs/output.md).
// It changes only when a field is removed, renamed or changes its type or
// meaning; new fields do not change it.
const SchemaVersion = 1

// The machine formats the Writer writes.
const (
	JSON = "json"
	YAML = "yaml"
	CSV  = "csv"
	XLSX = "xlsx"
)

// IsMachine reports a format whose content does not change with the
// language (except group names and, in the Excel CSV form, the decimal
// separator).
func IsMachine(format string) bool {
	return format == JSON || format == YAML || format == CSV || format == XLSX
}

// Grid is a flat table for CSV and xlsx: named columns and rows of cells.
// A cell is nil (not reported: an empty cell), string, int64, int,
// float64, bool or []string (written joined by "|").
type Grid struct {
	Columns []string
	Rows    [][]any
}

// GridOf makes a grid of flat objects: the keys of the first are the
// columns, and every object has the same keys in the same order.
func GridOf(rows []Object) *Grid {
	g := &Grid{}
	if len(rows) > 0 {
		for _, f := range rows[0] {
			g.Columns = append(g.Columns, f.Key)
		}
	}
	for _, r := range rows {
		cells := make([]any, len(r))
		for i, f := range r {
			cells[i] = f.Value
		}
		g.Rows = append(g.Rows, cells)
	}
	return g
}

// Output is what a command hands the Writer: the document of JSON and YAML
// and the flat table of CSV and xlsx.
type Output struct {
	Doc   any   // JSON and YAML
	Grid  *Grid // CSV and xlsx
	Sheet string
}

// Writer writes a command's output in one machine format. It is the one
// place that knows how JSON, YAML, CSV and xlsx are written.
type Writer struct {
	Format string
	CSV    CSVDialect
}

// Write writes out in the writer's format.
func (wr Writer) Write(w io.Writer, out Output) error {
	switch wr.Format {
	case JSON:
		return WriteJSON(w, out.Doc)
	case YAML:
		return WriteYAML(w, out.Doc)
	case CSV:
		return WriteGridCSV(w, out.Grid, wr.CSV)
	case XLSX:
		return WriteGridXLSX(w, out.Grid, out.Sheet)
	}
	return fmt.Errorf("render: no machine format %q", wr.Format)
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

// WriteYAML writes a value as YAML with the same content as its JSON:
// the JSON is read back as a YAML node tree (keys in order) and restyled
// as block YAML. Numbers are written as JSON writes them, without tags
// (no `!!float 8`); strings that would read back as something else are
// quoted; lists of scalars stay on one line.
func WriteYAML(w io.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	restyle(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// restyle turns a node tree parsed from JSON into block YAML.
func restyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		restyle(c)
	}
	if n.Kind == yaml.SequenceNode && !slices.ContainsFunc(n.Content, func(c *yaml.Node) bool { return c.Kind != yaml.ScalarNode }) {
		n.Style = yaml.FlowStyle
	}
}

// CSV forms (--csv).
const (
	// RFC4180 is the plain form for scripts and pipes: UTF-8 without a
	// BOM, ',' between cells, '.' in decimals, LF line ends.
	RFC4180 = "rfc4180"
	// Excel is the form a spreadsheet opens by double-click: a UTF-8 BOM,
	// CRLF line ends and, in languages that write a decimal comma (kk,
	// ru), ';' between cells and ',' in decimals.
	Excel = "excel"
)

// CSVForms are the values of --csv.
var CSVForms = []string{RFC4180, Excel}

// CSVDialect is how a grid is written as CSV.
type CSVDialect struct {
	Comma        rune // the cell separator; 0 is ','
	DecimalComma bool // write 1,5 for 1.5
	BOM          bool // start with a UTF-8 byte order mark
	CRLF         bool // end lines with CRLF
	// BoolDigits writes true and false as 1 and 0: a spreadsheet reads
	// true/false as booleans only in English (Russian Excel and Calc want
	// ИСТИНА/ЛОЖЬ, Kazakh Calc АҚИҚАТ/ЖАЛҒАН) and as text elsewhere,
	// while 1 and 0 are numbers in every locale (docs/output.md).
	BoolDigits bool
	// Raw writes text cells exactly as they are. Otherwise a text cell
	// that a spreadsheet would run as a formula gets a leading '.
	Raw bool
}

// DialectOf is the dialect of a CSV form in an output language; comma,
// when not 0, overrides the form's separator.
func DialectOf(form, lang string, comma rune, raw bool) CSVDialect {
	d := CSVDialect{Comma: ',', Raw: raw}
	if form == Excel {
		d.BOM, d.CRLF, d.BoolDigits = true, true, true
		if lang == "kk" || lang == "ru" {
			d.Comma, d.DecimalComma = ';', true
		}
	}
	if comma != 0 {
		d.Comma = comma
	}
	return d
}

// WriteCSV writes objects as CSV in the plain form: the keys of the first
// object are the header; nested values are not allowed; null is an empty
// cell.
func WriteCSV(w io.Writer, rows []Object) error {
	return WriteGridCSV(w, GridOf(rows), CSVDialect{})
}

// WriteGridCSV writes a grid as CSV in a dialect: the lines of CSVLines,
// a buffer at a time.
func WriteGridCSV(w io.Writer, g *Grid, d CSVDialect) error {
	l := NewCSVLines(d)
	buf, err := l.Head(g.Columns)
	for _, r := range g.Rows {
		if err != nil {
			return err
		}
		if len(buf) >= 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
		buf, err = l.Append(buf, r)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf)
	return err
}

func csvCell(v any, d CSVDialect) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return guard(x, d.Raw)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		s := FormatFloat(x)
		if s == "null" {
			return ""
		}
		if d.DecimalComma {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case bool:
		if d.BoolDigits {
			if x {
				return "1"
			}
			return "0"
		}
		return strconv.FormatBool(x)
	case []string:
		return guard(strings.Join(x, "|"), d.Raw)
	}
	return guard(fmt.Sprint(v), d.Raw)
}

// guard neutralises a text cell a spreadsheet would run as a formula (CSV
// injection, OWASP): one that starts with =, +, -, @, a tab or a CR gets a
// leading ' that Excel and Calc show as nothing and that keeps the text
// as text. Numbers are never text cells, so they are not touched.
func guard(s string, raw bool) string {
	if raw || s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Formula reports whether a text cell would be guarded.
func Formula(s string) bool { return guard(s, false) != s }
