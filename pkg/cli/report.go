package cli

import (
	stdio "io"
	"slices"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/report"
	"github.com/parks-kz/parks/pkg/safefile"
	"github.com/spf13/cobra"
)

// reportOptions are the options of `parks report`.
type reportOptions struct {
	dataOptions
	Format string
	Out    string
	Paths  []string
}

func newReportCmd(streams *IO) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [PATH...] --out FILE",
		Short: "Write a finished report: HTML with charts, Markdown with SVG charts, or an Excel workbook",
		Long: `report writes the dataset as a finished report: title, region, as_of and
sources; headline figures; the per-district tables of buildings, investment,
jobs and leverage (the same rows those commands print); charts; the facility
list; and a data-quality section with the validation warnings.

  html      one self-contained file (inline CSS, font and SVG charts; nothing
            is fetched), readable on a phone and printable on A4
  markdown  GitHub-flavoured; each chart is an SVG file next to it
            (report.md → report-jobs.svg, …)
  xlsx      a README sheet, one sheet per table with a native bar chart,
            and a Facilities sheet; numbers stored as numbers

--out - writes the report to stdout: HTML unless --format says otherwise;
Markdown without its charts (the tables carry the same figures), e.g. for
$GITHUB_STEP_SUMMARY; xlsx only when stdout is not a terminal.

The file is written atomically (a temporary file, then a rename). The
command refuses to overwrite an input file, and refuses invalid data unless
--skip-invalid, in which case the data-quality section lists what was left
out. Text follows --lang.`,
		Example: `  parks report --format html --out report.html
  parks report data/ --out report.md --lang kk
  parks report facilities.csv --format xlsx --out report.xlsx --skip-invalid`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runReport(streams, opts)
		},
	}
	opts.dataOptions.addFlags(cmd)
	addOutputFlag(cmd, &opts.Format, "", "output format: html, markdown or xlsx (default: from the --out extension; --format is the same flag)", report.Formats)
	cmd.Flags().StringVar(&opts.Out, "out", "", "file to write (required); - writes to stdout (default format html; Markdown without its SVG charts)")
	return cmd
}

func runReport(streams *IO, opts *reportOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	if opts.Out == "" {
		return localError("usage.required", "--out FILE")
	}
	if opts.Out != "-" {
		if _, _, _, err := safefile.Target(opts.Out); err != nil {
			return &exitError{code: ExitError, err: err} // a directory or device is named as such, before the format is guessed or the data read
		}
	}
	format := opts.Format
	if format == "" && opts.Out == "-" {
		format = "html"
	}
	if format == "" {
		format = report.FormatOf(opts.Out)
		if format == "" {
			return localError("usage.report_format_of", opts.Out, diag.Alternatives{"-o html", "markdown", "xlsx"})
		}
	}
	if !slices.Contains(report.Formats, format) {
		return unknownOutput(format, []string{"html", "markdown", "xlsx"})
	}
	if opts.Out == "-" && format == "xlsx" && streams.OutTTY {
		return localError("usage.report_binary_to_terminal", "> report.xlsx", "--out FILE")
	}
	opts.allProblems = true // the report lists them
	loaded, err := opts.load(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	r, err := buildReport(loaded, lang)
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		return writeReport(streams.Out, r, format)
	}
	for _, out := range r.Outputs(format, opts.Out) {
		if isInput(out, loaded.Files) {
			return localError("usage.input_as_output", out)
		}
	}
	if err := r.Save(format, opts.Out); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return nil
}

// writeReport writes a report to stdout (--out -). A Markdown report has
// no place for its SVG charts there: it is written without them (the
// tables carry the same figures), for a CI step summary or a pipe.
func writeReport(w stdio.Writer, r *report.Report, format string) error {
	var err error
	switch format {
	case "html":
		err = r.WriteHTML(w)
	case "markdown":
		err = r.WriteMarkdown(w, nil)
	case "xlsx":
		err = r.WriteXLSX(w)
	}
	if err != nil {
		return &exitError{code: ExitError, err: diag.Errorf(err, "err.write_report_stdout", err)}
	}
	return nil
}

// buildReport builds the report of a loaded dataset (report.Build).
func buildReport(loaded *decode.Loaded, lang i18n.Lang) (*report.Report, error) {
	r, err := report.Build(report.Source{Dataset: loaded.Dataset, Files: loaded.Files, Problems: loaded.Problems.Problems,
		RowsIn: loaded.RowsIn, RowsUsed: loaded.RowsUsed, RowsReported: loaded.RowsReported}, report.DistrictTables, lang)
	if err != nil {
		return nil, &exitError{code: ExitInvalid, err: err}
	}
	return r, nil
}
