package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/spf13/cobra"
)

// outputOptions are the output flags of every command that writes a table
// or a document: -o, and for CSV its form (--csv) and --csv-raw.
type outputOptions struct {
	Output string
	csvFlags
}

// csvFlags choose how CSV is written (docs/output.md).
type csvFlags struct {
	CSV    string
	CSVRaw bool
}

// addOutputFlags wires -o with the formats a command writes, and the CSV
// flags when it writes CSV.
func (o *outputOptions) addOutputFlags(cmd *cobra.Command, formats []string) {
	addOutputFlag(cmd, &o.Output, "table", "output format: "+strings.Join(formats, ", "), formats)
	if slices.Contains(formats, render.CSV) {
		o.csvFlags.addFlags(cmd)
	}
}

// addFlags wires --csv and --csv-raw.
func (c *csvFlags) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.CSV, "csv", "", "form of -o csv: rfc4180 (plain, for scripts) or excel (BOM, CRLF, ';' and decimal comma in kk and ru) (default from PARKS_CSV, else rfc4180)")
	f.BoolVar(&c.CSVRaw, "csv-raw", false, "write CSV text cells as they are, even those a spreadsheet would run as a formula (=, +, -, @)")
	_ = cmd.RegisterFlagCompletionFunc("csv", fixedCompletion(render.CSVForms...))
}

// dialect is the CSV dialect of the flags: the form from --csv, else
// PARKS_CSV, else RFC 4180; --delimiter, when given, separates the output
// cells too (it is not silently ignored).
func (c *csvFlags) dialect(streams *IO, lang i18n.Lang, delimiter string) (render.CSVDialect, error) {
	form, from := c.CSV, "--csv"
	if form == "" {
		form, from = strings.ToLower(strings.TrimSpace(streams.Getenv("PARKS_CSV"))), "PARKS_CSV"
	}
	if form == "" {
		form = render.RFC4180
	}
	if !slices.Contains(render.CSVForms, form) {
		return render.CSVDialect{}, localError("usage.unknown_value", from, strconv.Quote(form), diag.Alternatives(render.CSVForms))
	}
	comma, err := decode.ParseDelimiter(delimiter)
	if err != nil {
		return render.CSVDialect{}, &exitError{code: ExitError, err: err}
	}
	return render.DialectOf(form, string(lang), comma, c.CSVRaw), nil
}

// checkOutput refuses a format the command does not write.
func (o *outputOptions) checkOutput(formats []string) error {
	if !slices.Contains(formats, o.Output) {
		return unknownOutput(o.Output, formats)
	}
	return nil
}

// machine reports whether -o chose a machine format.
func (o *outputOptions) machine() bool { return render.IsMachine(o.Output) }

// writer is the machine writer of -o (the CSV dialect from csvFlags).
func (o *outputOptions) writer(streams *IO, lang i18n.Lang, delimiter string) (render.Writer, error) {
	w := render.Writer{Format: o.Output}
	if o.Output == render.XLSX && streams.OutTTY {
		return w, localError("usage.binary_to_terminal", "> table.xlsx")
	}
	if o.Output != render.CSV {
		return w, nil
	}
	var err error
	w.CSV, err = o.dialect(streams, lang, delimiter)
	return w, err
}

// writeOutput writes a command's machine output in the format of -o.
func (o *outputOptions) writeOutput(streams *IO, lang i18n.Lang, delimiter string, out render.Output) error {
	w, err := o.writer(streams, lang, delimiter)
	if err != nil {
		return err
	}
	return w.Write(streams.Out, out)
}
