package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/jsonschema"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/spf13/cobra"
)

// schemaOptions are the options of `parks schema`.
type schemaOptions struct {
	dataOptions
	Format  string
	Kind    string
	Aliases bool
}

var schemaFormats = []string{"table", "markdown", "json-schema"}

func newSchemaCmd(streams *IO) *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "The columns of each record kind, or a JSON Schema of the YAML format for editors",
		Long: `schema prints the columns parks reads — name, type, whether required, unit,
constraints and description — for facilities and projects. The decoders,
validate and this command read the same definition.

-o json-schema prints a JSON Schema (draft 2020-12) of the YAML dataset
format; point your editor's YAML extension at it to check a file as you type.`,
		Example: `  parks schema
  parks schema --kind project -o markdown
  parks schema -o json-schema > parks.schema.json
  parks schema --aliases --kind facility`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchema(streams, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Kind, "kind", "", "only one record kind: facility or project")
	f.BoolVar(&opts.Aliases, "aliases", false, "print the Kazakh, Russian and English header names each column is recognised by")
	f.StringVar(&opts.Lang, "lang", "", "language of the table headings: kk, ru or en (default from PARKS_LANG, then LC_ALL/LC_MESSAGES/LANG, else en)")
	addOutputFlag(cmd, &opts.Format, "table", "output format: table, markdown or json-schema (--format is the same flag)", schemaFormats)
	_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletion("facility", "project"))
	return cmd
}

func runSchema(streams *IO, opts *schemaOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	if !slices.Contains(schemaFormats, opts.Format) {
		return unknownOutput(opts.Format, schemaFormats)
	}
	schemas := []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema}
	switch opts.Kind {
	case "":
	case "facility":
		schemas = schemas[:1]
	case "project":
		schemas = schemas[1:]
	default:
		return localError("usage.unknown_value", "--kind", strconv.Quote(opts.Kind), diag.Alternatives{"facility", "project"})
	}
	if opts.Format == "json-schema" {
		if opts.Aliases {
			return localError("usage.aliases_table", diag.Alternatives{"-o table", "markdown"})
		}
		if opts.Kind != "" {
			return render.WriteJSON(streams.Out, jsonschema.Record(schemas[0]))
		}
		return render.WriteJSON(streams.Out, jsonschema.Dataset())
	}
	style := render.Plain
	switch {
	case opts.Format == "markdown":
		style = render.Markdown
	case streams.OutTTY:
		style = render.Boxed
	}
	for i, s := range schemas {
		if i > 0 {
			if _, err := streams.Out.Write([]byte("\n")); err != nil {
				return err
			}
		}
		t := schemaTable(lang, s, style)
		if opts.Aliases {
			if t, err = aliasesTable(lang, s, style); err != nil {
				return err
			}
		}
		if t.MaxWidth = termWidth(streams); t.MaxWidth > 0 {
			t.Wrap = t.MaxWidth // descriptions wrap rather than lose words
		}
		if err := render.WriteTable(streams.Out, t, style); err != nil {
			return err
		}
	}
	return nil
}

// yamlList is the YAML list each record kind is written in.
var yamlList = map[string]string{"facility": "facilities", "project": "projects"}

// schemaTable lays out one record kind's columns.
func schemaTable(lang i18n.Lang, s *parks.Schema, style render.Style) *render.Table {
	t := &render.Table{
		Title: i18n.T(lang, "schema.title", i18n.T(lang, "schema.kind."+s.Kind), i18n.T(lang, "schema.where."+s.Kind, "CSV", "facility_id", "YAML "+yamlList[s.Kind]+":")),
		Header: []string{i18n.T(lang, "schema.col.name"), i18n.T(lang, "schema.col.type"), i18n.T(lang, "schema.col.required"),
			i18n.T(lang, "schema.col.unit"), i18n.T(lang, "schema.col.constraints"), i18n.T(lang, "schema.col.description")},
		Numeric: make([]bool, 6),
	}
	for _, c := range s.Columns {
		req := ""
		if c.Required {
			req = i18n.T(lang, "schema.yes")
		}
		row := []string{c.Name, c.Type, req, i18n.UnitWord(lang, c.Unit), i18n.T(lang, c.ConstraintID), i18n.T(lang, c.DescID)}
		if style == render.Markdown {
			for i := range row {
				row[i] = strings.ReplaceAll(row[i], "|", `\|`)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
