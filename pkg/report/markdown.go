package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/parks-kz/parks/pkg/render"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown; tables go
// through tablewriter's Markdown renderer and each chart is an SVG file
// linked at chartFile(id); a nil chartFile leaves the charts out.
func (r *Report) WriteMarkdown(w io.Writer, chartFile func(id string) string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(r.Title))
	if r.Region != "" {
		fmt.Fprintf(&b, "- **%s:** %s\n", r.t("report.region"), mdEscape(r.Region))
	}
	if r.AsOf != "" {
		fmt.Fprintf(&b, "- **%s:** %s\n", r.t("report.as_of"), r.AsOf)
	}
	for i, s := range r.Sources {
		if i == 0 {
			fmt.Fprintf(&b, "- **%s:**\n", r.t("report.sources"))
		}
		fmt.Fprintf(&b, "  - %s\n", mdEscape(s))
	}
	if len(r.Files) > 0 {
		fmt.Fprintf(&b, "- **%s:** `%s`\n", r.t("report.files"), strings.Join(r.Files, "`, `"))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", r.t("report.headline"))
	head := &render.Table{Header: []string{r.t("report.figure"), r.t("report.value")}, Numeric: []bool{false, true}}
	for _, f := range r.Headline {
		head.Rows = append(head.Rows, []string{f.Label, f.Text})
	}
	if err := render.WriteTable(&b, head, render.Markdown); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n## %s\n\n", r.t("report.tables"))
	for _, t := range r.Tables {
		if err := render.WriteTable(&b, t.Human, render.Markdown); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	if chartFile != nil { // nil: no chart files (a report written to stdout)
		r.writeMarkdownCharts(&b, chartFile)
	}
	fmt.Fprintf(&b, "## %s\n\n", r.t("title.list"))
	if r.Facilities != nil {
		ft := *r.Facilities.HumanTable()
		ft.Title = "" // the section heading names it
		if err := render.WriteTable(&b, &ft, render.Markdown); err != nil {
			return err
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n", r.t("report.quality"), r.Quality.Rows)
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n\n", title)
		for _, p := range items {
			fmt.Fprintf(&b, "- `%s`\n", strings.ReplaceAll(p, "`", "'"))
		}
	}
	list(r.t("report.quality.left_out"), r.Quality.LeftOut)
	list(r.t("report.quality.warnings"), r.Quality.Warnings)
	if len(r.Quality.LeftOut) == 0 && len(r.Quality.Warnings) == 0 {
		fmt.Fprintf(&b, "\n%s\n", r.t("report.quality.ok"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps text from being read as Markdown markup.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", "&lt;").Replace(s)
}

func (r *Report) writeMarkdownCharts(b *strings.Builder, chartFile func(id string) string) {
	fmt.Fprintf(b, "## %s\n\n", r.t("report.charts"))
	for _, c := range r.Charts {
		fmt.Fprintf(b, "### %s\n\n![%s](%s)\n\n", mdEscape(c.Title), mdEscape(c.Title), chartFile(c.ID))
		if c.Note != "" {
			fmt.Fprintf(b, "%s\n\n", mdEscape(c.Note))
		}
	}
}
