package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/safefile"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
)

// initOptions are the options of `parks init`.
type initOptions struct {
	Dir   string
	Force bool
	Lang  string
}

// The files `parks init` writes.
const (
	initFacilitiesCSV = "facilities.csv"
	initProjectsCSV   = "projects.csv"
	initYAML          = "dataset.yaml"
	initXLSX          = "template.xlsx"
	// templateRows is how many rows of the workbook get the drop-down lists.
	templateRows = 1000
)

func newInitCmd(streams *IO) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write an empty, documented dataset skeleton to fill in",
		Long: `init writes an empty dataset for officials to fill in: facilities.csv and
projects.csv with their header rows, dataset.yaml with every column explained
in comments, and template.xlsx with a header row, a note on every column and
drop-down lists for kind, status, district and sector. With --lang kk or ru
the workbook speaks the officials' language: Kazakh or Russian headers,
drop-down values and notes, all of which parks reads back. Fill in whichever
form suits you (or several) and read the directory with any command, e.g.
'parks validate DIR'. Existing files are not overwritten unless --force.`,
		Example: `  parks init data
  parks init data --lang kk     # the workbook in Kazakh
  parks init data --lang ru     # the workbook in Russian
  parks validate data`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return runInit(streams, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite files that already exist")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the workbook's headers, drop-down lists and notes, and of the messages: kk, ru or en")
	return cmd
}

func runInit(streams *IO, opts *initOptions) error {
	lang, err := (&dataOptions{Lang: opts.Lang}).lang(streams)
	if err != nil {
		return err
	}
	gaz, err := refdata.Gazetteer()
	if err != nil {
		return err
	}
	files := []struct {
		name  string
		write func() ([]byte, error)
	}{
		{initFacilitiesCSV, func() ([]byte, error) { return headerCSV(parks.FacilitySchema), nil }},
		{initProjectsCSV, func() ([]byte, error) { return headerCSV(parks.ProjectSchema), nil }},
		{initYAML, func() ([]byte, error) { return exampleYAML(), nil }},
		{initXLSX, func() ([]byte, error) { return templateXLSX(gaz, lang) }},
	}
	if !opts.Force {
		for _, f := range files {
			path := filepath.Join(opts.Dir, f.name)
			if _, err := os.Stat(path); err == nil {
				return localError("usage.exists", path)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return localError("fileerr.cannot_write", path, unwrapPath(err))
			}
		}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return localError("fileerr.cannot_create", opts.Dir, unwrapPath(err))
	}
	for _, f := range files {
		data, err := f.write()
		if err != nil {
			return err
		}
		path := filepath.Join(opts.Dir, f.name)
		if err := safefile.Write(path, bytesTo(data)); err != nil {
			return &exitError{code: ExitError, err: err}
		}
		fmt.Fprintln(streams.Out, i18n.T(lang, "init.wrote", path))
	}
	fmt.Fprintln(streams.Out, i18n.T(lang, "init.next", opts.Dir, "parks validate"))
	return nil
}

// headerCSV is a CSV file with the schema's header row only, with a UTF-8
// byte-order mark so that Excel opens Cyrillic text correctly.
func headerCSV(s *parks.Schema) []byte {
	return []byte("\uFEFF" + strings.Join(s.Names(), ",") + "\r\n")
}

// columnNote explains a column: description, unit, constraints, whether
// required, and the Kazakh and Russian header names it is also read by.
func columnNote(c parks.Column, aliases map[string]refdata.ColumnAliases) string {
	var b strings.Builder
	b.WriteString(i18n.T(i18n.EN, c.DescID))
	if c.Required {
		b.WriteString("; required")
	}
	if c.Unit != "" {
		b.WriteString("; unit: " + c.Unit)
	}
	if c.ConstraintID != "" {
		b.WriteString("; " + i18n.T(i18n.EN, c.ConstraintID))
	}
	if a, ok := aliases[c.Name]; ok {
		if len(a.KK) > 0 {
			b.WriteString("\nkk: " + a.KK[0])
		}
		if len(a.RU) > 0 {
			b.WriteString("\nru: " + a.RU[0])
		}
	}
	return b.String()
}

func aliasMap() map[string]refdata.ColumnAliases {
	out := map[string]refdata.ColumnAliases{}
	if table, err := refdata.Aliases(); err == nil {
		for _, a := range table {
			out[a.Column] = a
		}
	}
	return out
}

// yamlExamples are illustrative values for the commented YAML example.
var yamlExamples = map[string]string{
	"id": "turkistan-ip-1", "facility_id": "turkistan-ip-1", "name": "Example industrial park", "kind": "park",
	"district": "Turkistan city", "area_ha": "100.5", "buildings_planned": "12", "buildings_built": "8",
	"buildings_under_construction": "2", "projects_planned": "10", "projects_launched": "6",
	"jobs_planned": "6 040", "jobs_created": "1 200", "investment_private_kzt": "10,4 млрд",
	"investment_budget_kzt": "4 000 000 000", "import_substitution_kzt": "1,5 млрд",
	"sectors": "[furniture, food]", "sector": "furniture", "status": "operating", "as_of": "2025-01-01",
	"source": "akimat press release", "notes": "illustrative figures",
}

// exampleYAML is a dataset file with empty lists and a commented example
// record of each kind, every column explained.
func exampleYAML() []byte {
	var b bytes.Buffer
	b.WriteString(`# parks dataset (YAML). Fill in the lists below; each record is a mapping of
# column: value. Blank or absent means "not reported" (not zero). Numbers may
# be written as people write them: "6 040", "8,5", "10,4 млрд". Run
# 'parks schema' for the columns and 'parks validate' to check the file.
#
# dataset:
#   name: Industrial parks of Turkestan region
#   region: Turkistan region
#   as_of: 2025-01-01
#   source: akimat press release
`)
	aliases := aliasMap()
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		list := yamlList[s.Kind]
		fmt.Fprintf(&b, "\n%s: []\n# Example (remove the [] above and the leading '# '):\n# %s:\n", list, list)
		for i, c := range s.Columns {
			example := yamlExamples[c.Name]
			if s == parks.ProjectSchema && c.Name == "id" {
				example = "turkistan-ip-1-furniture"
			} else if s == parks.ProjectSchema && c.Name == "name" {
				example = "Example furniture workshop"
			}
			prefix := "    "
			if i == 0 {
				prefix = "  - "
			}
			note := strings.ReplaceAll(columnNote(c, aliases), "\n", "; ")
			fmt.Fprintf(&b, "# %s%s: %s    # %s\n", prefix, c.Name, example, note)
		}
	}
	return b.Bytes()
}

// templateXLSX is a workbook with a sheet per record kind: the header row
// with a note on every column, frozen, and drop-down lists for kind,
// status and district (the district names from a hidden sheet).
func templateXLSX(gaz *parks.Gazetteer, lang i18n.Lang) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	aliases := aliasMap()
	const listSheet = "lists"
	var districts []string
	for _, r := range gaz.Regions {
		for i := range r.Districts {
			districts = append(districts, r.Districts[i].Name(string(lang)))
		}
	}
	sectors, err := refdata.Sectors()
	if err != nil {
		return nil, err
	}
	lists := map[string][]string{"kind": enumWords(lang, "kind.", parks.Kinds), "status": enumWords(lang, "status.", parks.Statuses),
		"district": districts, "sector": sectorWords(lang, sectors)}
	listRef := map[string]string{}
	if _, err := f.NewSheet(listSheet); err != nil {
		return nil, err
	}
	col := 0
	for _, name := range []string{"kind", "status", "district", "sector"} {
		col++
		// values only, no header row: the sheet must not read as data
		colName, _ := excelize.ColumnNumberToName(col)
		for i, v := range lists[name] {
			if err := f.SetCellStr(listSheet, fmt.Sprintf("%s%d", colName, i+1), v); err != nil {
				return nil, err
			}
		}
		listRef[name] = fmt.Sprintf("%s!$%s$1:$%s$%d", listSheet, colName, colName, len(lists[name]))
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		sheet := yamlList[s.Kind]
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return nil, err
		}
		for j, c := range s.Columns {
			colName, _ := excelize.ColumnNumberToName(j + 1)
			header := templateHeader(c, aliases, lang)
			if err := f.SetCellStr(sheet, colName+"1", header); err != nil {
				return nil, err
			}
			if err := f.AddComment(sheet, excelize.Comment{Cell: colName + "1", Author: "parks",
				Paragraph: []excelize.RichTextRun{{Text: templateNote(c, aliases, lang)}}}); err != nil {
				return nil, err
			}
			if err := f.SetColWidth(sheet, colName, colName, float64(max(12, utf8.RuneCountInString(header)+2))); err != nil {
				return nil, err
			}
			if ref, ok := listRef[c.Name]; ok {
				dv := excelize.NewDataValidation(true)
				dv.Sqref = fmt.Sprintf("%s2:%s%d", colName, colName, templateRows)
				dv.SetSqrefDropList(ref)
				dv.SetError(excelize.DataValidationErrorStyleStop, header, i18n.T(lang, "init.list_error"))
				if err := f.AddDataValidation(sheet, dv); err != nil {
					return nil, err
				}
			}
		}
		last, _ := excelize.ColumnNumberToName(len(s.Columns))
		if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
			return nil, err
		}
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetVisible(listSheet, false); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// templateHeader is a column's header in the template: the canonical name
// in English, the first Kazakh or Russian alias (which the readers know) in
// kk and ru.
func templateHeader(c parks.Column, aliases map[string]refdata.ColumnAliases, lang i18n.Lang) string {
	a := aliases[c.Name]
	switch {
	case lang == i18n.KK && len(a.KK) > 0:
		return a.KK[0]
	case lang == i18n.RU && len(a.RU) > 0:
		return a.RU[0]
	}
	return c.Name
}

// templateNote is the note on a header cell: in English the description
// with the kk and ru names (columnNote); in kk and ru the description,
// whether required, the unit and constraints in that language, and the
// column's name in parks.
func templateNote(c parks.Column, aliases map[string]refdata.ColumnAliases, lang i18n.Lang) string {
	if lang == i18n.EN {
		return columnNote(c, aliases)
	}
	var b strings.Builder
	b.WriteString(i18n.T(lang, c.DescID))
	if c.Required {
		b.WriteString("; " + i18n.T(lang, "init.note.required"))
	}
	if c.Unit != "" {
		b.WriteString("; " + i18n.T(lang, "init.note.unit", i18n.UnitWord(lang, c.Unit)))
	}
	if c.ConstraintID != "" {
		b.WriteString("; " + i18n.T(lang, c.ConstraintID))
	}
	b.WriteString("\n" + i18n.T(lang, "init.note.name", c.Name))
	return b.String()
}

// enumWords are the drop-down values of an enumerated column: the codes in
// English, the words of the language in kk and ru (the readers take both).
func enumWords[T ~string](lang i18n.Lang, prefix string, values []T) []string {
	out := toStrings(values)
	if lang != i18n.EN {
		for i, v := range out {
			out[i] = i18n.T(lang, prefix+v)
		}
	}
	return out
}

// sectorWords are the drop-down values of the sector column: the codes in
// English, the sector names in kk and ru.
func sectorWords(lang i18n.Lang, sectors *parks.Sectors) []string {
	out := make([]string, len(sectors.List))
	for i := range sectors.List {
		out[i] = sectors.List[i].Code
		if lang != i18n.EN {
			out[i] = sectors.List[i].Label(string(lang))
		}
	}
	return out
}
