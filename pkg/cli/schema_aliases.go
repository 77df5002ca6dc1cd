package cli

import (
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/render"
)

// `parks schema --aliases` prints the header aliases table
// (pkg/refdata/aliases.yaml): the Kazakh, Russian and English names each
// canonical column is recognised by in CSV and workbook headers.

// aliasesTable lays out one record kind's header aliases.
func aliasesTable(lang i18n.Lang, s *parks.Schema, style render.Style) (*render.Table, error) {
	table, err := refdata.Aliases()
	if err != nil {
		return nil, err
	}
	byCol := map[string]refdata.ColumnAliases{}
	for _, a := range table {
		byCol[a.Column] = a
	}
	t := &render.Table{
		Title: i18n.T(lang, "schema.aliases.title", i18n.T(lang, "schema.kind."+s.Kind)),
		Header: []string{i18n.T(lang, "schema.col.name"), i18n.T(lang, "schema.aliases.kk"),
			i18n.T(lang, "schema.aliases.ru"), i18n.T(lang, "schema.aliases.en")},
		Numeric: make([]bool, 4),
	}
	for _, c := range s.Columns {
		a := byCol[c.Name]
		row := []string{c.Name, strings.Join(a.KK, "; "), strings.Join(a.RU, "; "), strings.Join(a.EN, "; ")}
		if style == render.Markdown {
			for i := range row {
				row[i] = strings.ReplaceAll(row[i], "|", `\|`)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
