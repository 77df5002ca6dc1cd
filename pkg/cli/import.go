package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/safefile"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// importOptions are the options of `parks import`.
type importOptions struct {
	dataOptions
	Paths    []string
	Output   string // csv or yaml: the data's format
	Out      string // where the data goes ("-": stdout)
	WriteMap string // where the mapping goes
	csvFlags        // how -o csv is written
}

var importFormats = []string{"csv", "yaml"}

func newImportCmd(streams *IO) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read an official's report-shaped sheet: show how each column and row was understood, save the data and the mapping",
		Long: `import reads a sheet as it is kept by an akimat — title lines, a merged
header of two or three rows, subtotal and total rows, notes — and prints how
every column was understood (its letter, its label as written, the field, the
money unit, why) and what every row that is not data is (title, header,
column numbers, subtotal, total, blank, note).

With -o csv|yaml it writes the data in parks' own form (to stdout, or to
--out FILE); --write-map FILE saves the mapping it used, a small YAML file
you can correct and give to any command with --map FILE, so that next
quarter's sheet is read the same way. A sheet whose layout is not recognised
gets one error that says what was found; exit 1.`,
		Example: `  parks import report.xlsx
  parks import report.xlsx --write-map report.map.yaml
  parks import report.csv -o csv --out facilities.csv
  parks summary next-quarter.xlsx --map report.map.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runImport(streams, opts)
		},
	}
	opts.dataOptions.addFlags(cmd)
	addOutputFlag(cmd, &opts.Output, "", "write the data in parks' own form: csv or yaml (to stdout unless --out)", importFormats)
	cmd.Flags().StringVar(&opts.Out, "out", "", "write the data to this file (format from -o, else from the extension: .yaml/.yml or .csv)")
	opts.csvFlags.addFlags(cmd)
	cmd.Flags().StringVar(&opts.WriteMap, "write-map", "", "write the mapping used to this YAML file, to give to any command with --map")
	return cmd
}

func runImport(streams *IO, opts *importOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	format := strings.ToLower(opts.Output)
	if format == "" && opts.Out != "" && opts.Out != "-" {
		format = "csv"
		if ext := strings.ToLower(filepath.Ext(opts.Out)); ext == ".yaml" || ext == ".yml" {
			format = "yaml"
		}
	}
	if format != "" && !slices.Contains(importFormats, format) {
		return localError("usage.unknown_value", "-o", strconv.Quote(opts.Output), diag.Alternatives(importFormats))
	}
	out := opts.Out
	if format != "" && out == "" {
		out = "-"
	}
	// The account of the sheet goes to stdout, unless the data does.
	say := streams.Out
	if out == "-" {
		say = streams.Err
	}
	dialect, err := opts.dialect(streams, lang, opts.Delimiter)
	if err != nil {
		return err
	}
	paths, lopts, err := opts.loadOptions(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	loaded, err := decode.Load(paths, lopts)
	if err != nil {
		var nr *layout.NotRecognised
		if errors.As(err, &nr) {
			fmt.Fprintln(streams.Err, "parks: "+err.Error())
			return errInvalidData
		}
		return &exitError{code: ExitError, err: err}
	}
	if opts.Verbose {
		printInputs(streams, lang, loaded.Inputs)
	}
	printed := 0
	for i := range loaded.Tables {
		if loaded.Tables[i].Table == nil {
			continue // not even a header: the problems say what was found
		}
		if printed > 0 {
			fmt.Fprintln(say)
		}
		printTable(say, lang, &loaded.Tables[i])
		printed++
	}
	// Sheets read the plain way (a canonical header): said too, so every
	// sheet of a workbook is accounted for.
	for _, in := range loaded.Inputs {
		if in.Format == "xlsx" && in.HeaderRow > 0 && !inTables(loaded.Tables, in.File, in.Sheet) {
			if printed > 0 {
				fmt.Fprintln(say)
			}
			fmt.Fprintln(say, i18n.T(lang, "import.canonical_sheet", in.File+":"+in.Sheet, in.HeaderRow))
			printed++
		}
	}
	errs, _ := loaded.Problems.Count()
	if len(loaded.Tables) == 0 && errs == 0 {
		for _, f := range loaded.Files {
			fmt.Fprintln(say, i18n.T(lang, "import.canonical", f))
		}
	}
	if errs > 0 {
		printProblems(streams, lang, &loaded.Problems, diag.Error, maxPrinted)
		if !opts.SkipInvalid {
			fmt.Fprintln(streams.Err, i18n.T(lang, "note.invalid", errs))
			return errInvalidData
		}
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.skipped", loaded.RowsReported, loaded.RowsIn, loaded.RowsUsed))
	}
	if opts.WriteMap != "" {
		if err := writeMapping(streams, say, lang, opts.WriteMap, loaded); err != nil {
			return err
		}
	}
	if out != "" {
		if err := writeImported(streams, say, lang, out, format, dialect, loaded.Dataset); err != nil {
			return err
		}
	}
	return nil
}

func inTables(tables []decode.TableUsed, file, sheet string) bool {
	for _, t := range tables {
		if t.File == file && t.Sheet == sheet {
			return true
		}
	}
	return false
}

// tableName names a sheet in messages: the grid's own name, else the file
// and sheet.
func tableName(t *decode.TableUsed) string {
	if t.Grid != nil && t.Grid.Name != "" {
		return t.Grid.Name
	}
	if t.Sheet != "" {
		return t.File + ":" + t.Sheet
	}
	return t.File
}

// printTable says how one sheet was understood: its header rows, every
// column and every row that is not data.
func printTable(w io.Writer, lang i18n.Lang, tu *decode.TableUsed) {
	t := tu.Table
	if nr := tu.NotRead; nr != nil {
		switch {
		case nr.Aggregate:
			fmt.Fprintln(w, tu.File+": "+i18n.T(lang, "problem.layout.aggregate", diag.Quote(tu.Sheet)))
			return
		case len(nr.Missing) > 0:
			fmt.Fprintln(w, tableName(tu)+": "+i18n.T(lang, "problem.layout.missing", strings.Join(nr.Missing, ", "), strings.Join(nr.Seen, "; ")))
		}
		// a grid with no header found has no table and is not listed
		// (decode.TableUsed): its error, printed with the others, says why
	}
	kind := i18n.T(lang, "title.list")
	if t.Kind == "projects" {
		kind = i18n.T(lang, "title.projects")
	}
	fmt.Fprintln(w, i18n.T(lang, "import.table", tableName(tu), strings.ToLower(kind), rowSpans(t.HeaderRows)))
	if t.AsOf != "" {
		fmt.Fprintln(w, i18n.T(lang, "import.as_of", t.AsOf))
	} else {
		fmt.Fprintln(w, i18n.T(lang, "import.as_of_none"))
	}
	fmt.Fprintln(w, i18n.T(lang, "import.columns"))
	cols := make([][]string, 0, len(t.Columns))
	for _, c := range t.Columns {
		field, scale := c.Field, ""
		if field == "" {
			field = "— " + i18n.T(lang, "import.not_read")
		}
		if c.Scale > 1 {
			scale = "×" + groupDigits(c.Scale)
		}
		cols = append(cols, []string{layout.ColumnName(c.Index), oneLine(c.Label), field, scale, whyText(lang, c.Why)})
	}
	writeAligned(w, cols)
	var rows [][]string
	data := 0
	for _, r := range t.Rows {
		if r.Role == layout.Data {
			data++
			continue
		}
		label := r.Label
		if label == "" && r.Role == layout.Header && tu.Grid != nil && r.Index < len(tu.Grid.Rows) {
			label = strings.Join(nonEmpty(tu.Grid.Rows[r.Index]), " | ")
		}
		rows = append(rows, []string{strconv.Itoa(r.Index + 1), i18n.T(lang, "role."+r.Role.String()), oneLine(label)})
	}
	if len(rows) > 0 {
		fmt.Fprintln(w, i18n.T(lang, "import.rows"))
		writeAligned(w, rows)
	}
	fmt.Fprintln(w, i18n.T(lang, "import.count", len(t.Rows), data, len(t.Rows)-data))
}

// whyText is layout's reason for a column in the reader's language; a
// reason with particulars (a unit, another column) stays as layout words it.
func whyText(lang i18n.Lang, why string) string {
	id, ok := map[string]string{
		"row number": "why.row_number", "header alias": "why.alias", "header alias (child)": "why.alias_child",
		"words": "why.words", "mapping file": "why.mapping", "unsure: the label fits more than one field": "why.unsure", "": "why.none",
	}[why]
	if !ok {
		return why
	}
	return i18n.T(lang, id)
}

// writeAligned writes rows of cells indented, each column as wide as its
// widest cell (labels are cut at 60 columns), trailing blanks trimmed.
func writeAligned(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], min(runewidth.StringWidth(c), 60))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			if runewidth.StringWidth(c) > 60 {
				c = runewidth.Truncate(c, 60, "…")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// rowSpans writes 0-based rows 1-based, runs joined: [3 4 5] → "4–6".
func rowSpans(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(rows[i]+1)+"–"+strconv.Itoa(rows[j]+1))
		} else {
			parts = append(parts, strconv.Itoa(rows[i]+1))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func groupDigits(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = oneLine(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// writeMapping saves the mapping of the first table (the facilities one
// when there are several), with a comment saying what it is for.
func writeMapping(streams *IO, say io.Writer, lang i18n.Lang, path string, loaded *decode.Loaded) error {
	var tables []*decode.TableUsed
	for i := range loaded.Tables {
		if loaded.Tables[i].Table != nil && loaded.Tables[i].NotRead == nil {
			tables = append(tables, &loaded.Tables[i])
		}
	}
	if len(tables) == 0 {
		return &exitError{code: ExitError, err: errors.New(i18n.T(lang, "import.no_table", strings.Join(loaded.Files, ", ")))}
	}
	tu := tables[0]
	for _, t := range tables {
		if t.Table.Kind != "projects" {
			tu = t
			break
		}
	}
	if len(tables) > 1 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "import.map_first", len(tables), tableName(tu)))
	}
	m := tu.Table.Mapping()
	if m.Sheet == "" {
		m.Sheet = tu.Sheet
	}
	data, err := mappingYAML(m, i18n.T(lang, "import.map_header", filepath.Base(tu.File), "columns", "scales"))
	if err != nil {
		return err
	}
	if err := safefile.Write(path, bytesTo(data)); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	fmt.Fprintln(say, i18n.T(lang, "import.wrote_map", path))
	return nil
}

// mappingYAML is a mapping file: a comment, then the mapping with its
// columns in sheet order (A, B, … AA), not the map's sorted-string order.
func mappingYAML(m *layout.Mapping, comment string) ([]byte, error) {
	var b bytes.Buffer
	for _, line := range wrapWords(comment, 76) {
		b.WriteString("# " + line + "\n")
	}
	var doc yaml.Node
	if err := doc.Encode(m); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if v := doc.Content[i+1]; v.Kind == yaml.MappingNode {
			sortColumnKeys(v)
		}
		if doc.Content[i].Value == "skip_rows" || doc.Content[i].Value == "header_rows" {
			doc.Content[i+1].Style = yaml.FlowStyle
		}
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func sortColumnKeys(n *yaml.Node) {
	type kv struct{ k, v *yaml.Node }
	var pairs []kv
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, kv{n.Content[i], n.Content[i+1]})
	}
	idx := func(s string) int {
		i, ok := layout.ColumnIndex(s)
		if !ok {
			return 1 << 20
		}
		return i
	}
	slices.SortStableFunc(pairs, func(a, b kv) int { return idx(a.k.Value) - idx(b.k.Value) })
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p.k, p.v)
	}
}

func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && runewidth.StringWidth(line+" "+w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// writeImported writes the records in parks' own form: canonical CSV (the
// facilities; projects, when any, in a second file beside it) or one YAML
// file with both.
func writeImported(streams *IO, say io.Writer, lang i18n.Lang, out, format string, dialect render.CSVDialect, ds *parks.Dataset) error {
	// Districts in the gazetteer's canonical (English) names, as parks'
	// own files write them; the sheet's own spelling is kept nowhere else
	// but needs no keeping: it reads back to the same district.
	facilities := make([]*parks.Facility, len(ds.Facilities))
	for i, f := range ds.Facilities {
		c := *f
		if f.KATO != "" {
			if name := view.DistrictName(f.KATO, i18n.EN); name != "" {
				c.District = parks.Text(name)
			}
		}
		facilities[i] = &c
	}
	ds = &parks.Dataset{Meta: ds.Meta, Facilities: facilities, Projects: ds.Projects}
	var b bytes.Buffer
	var projects []byte
	switch format {
	case "yaml":
		doc := render.Object{}
		facs := make([]render.Object, 0, len(ds.Facilities))
		for _, f := range ds.Facilities {
			facs = append(facs, withoutNulls(view.RecordObject(parks.FacilitySchema, f)))
		}
		doc = append(doc, render.Field{Key: "facilities", Value: facs})
		if len(ds.Projects) > 0 {
			ps := make([]render.Object, 0, len(ds.Projects))
			for _, p := range ds.Projects {
				ps = append(ps, withoutNulls(view.RecordObject(parks.ProjectSchema, p)))
			}
			doc = append(doc, render.Field{Key: "projects", Value: ps})
		}
		if err := render.WriteYAML(&b, doc); err != nil {
			return err
		}
	default:
		// parks' own columns, in the CSV form of --csv (guarded against
		// formula injection; the reader takes the guard off again)
		if err := render.WriteGridCSV(&b, recordGrid(parks.FacilitySchema, ds.Facilities), dialect); err != nil {
			return err
		}
		if len(ds.Projects) > 0 {
			var p bytes.Buffer
			if err := render.WriteGridCSV(&p, recordGrid(parks.ProjectSchema, ds.Projects), dialect); err != nil {
				return err
			}
			projects = p.Bytes()
		}
	}
	if out == "-" {
		if _, err := streams.Out.Write(b.Bytes()); err != nil {
			return err
		}
		if projects != nil {
			fmt.Fprintln(streams.Out)
			_, err := streams.Out.Write(projects)
			return err
		}
		return nil
	}
	// the facilities and their projects are replaced as a whole
	var set safefile.Set
	defer set.Abort()
	pp := strings.TrimSuffix(out, filepath.Ext(out)) + "-projects" + filepath.Ext(out)
	err := set.Add(out, bytesTo(b.Bytes()))
	if err == nil && projects != nil {
		err = set.Add(pp, bytesTo(projects))
	}
	if err == nil {
		err = set.Commit()
	}
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	fmt.Fprintln(say, i18n.T(lang, "import.wrote_data", out, len(ds.Facilities), len(ds.Projects)))
	if projects != nil {
		fmt.Fprintln(say, i18n.T(lang, "import.wrote_data", pp, 0, len(ds.Projects)))
	}
	return nil
}

// withoutNulls drops the columns not reported, as people write YAML.
func withoutNulls(o render.Object) render.Object {
	out := o[:0:0]
	for _, f := range o {
		if f.Value == nil {
			continue
		}
		if l, ok := f.Value.([]string); ok && len(l) == 0 {
			continue
		}
		if x, ok := f.Value.(float64); ok && x == float64(int64(x)) {
			f.Value = int64(x) // 100 ha, not !!float 100
		}
		out = append(out, f)
	}
	return out
}

// recordGrid is records as a CSV grid of their schema's columns.
func recordGrid[T any](s *parks.Schema, recs []*T) *render.Grid {
	g := &render.Grid{Columns: s.Names()}
	for _, r := range recs {
		g.Rows = append(g.Rows, s.Values(r))
	}
	return g
}
