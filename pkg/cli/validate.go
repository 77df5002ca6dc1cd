package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/rules"
	"github.com/parks-kz/parks/pkg/stream"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// validateOptions are the options of `parks validate`.
type validateOptions struct {
	dataOptions
	Paths     []string
	Format    string
	Strict    bool
	Ignore    []string
	MaxErrors int
	Explain   string
}

var validateFormats = []string{"text", "json", "github"}

func newValidateCmd(streams *IO) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check data files and report every problem at its line and column",
		Long: `validate reads the same files and directories as every other command and
reports all problems in one pass, each at its FILE:LINE:COL with its rule id.
It exits 0 when there is no error (warnings allowed), 1 when the data has
errors and 2 when it could not run. 'parks validate --explain RULE' says
what a rule checks and how to fix it.`,
		Example: `  parks validate data/
  parks validate facilities.csv projects.csv -o json
  parks validate data/ -o github --strict
  parks validate --explain row-constraint`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runValidate(streams, opts)
		},
	}
	opts.dataOptions.addFlags(cmd)
	cmd.Flags().Lookup("skip-invalid").Usage = "no effect: validate reports every problem and exits 1 on errors (accepted so the input flags are the same everywhere)"
	cmd.Flags().Lookup("lang").Usage = "language of the messages and the summary line: kk, ru or en (default from PARKS_LANG, then LC_ALL/LC_MESSAGES/LANG, else en)"
	addOutputFlag(cmd, &opts.Format, "text", "output format: text (FILE:LINE:COL lines), json or github (workflow commands); --format is the same flag", validateFormats)
	f := cmd.Flags()
	f.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	f.StringArrayVar(&opts.Ignore, "ignore", nil, "drop the problems of a rule (repeatable)")
	f.IntVar(&opts.MaxErrors, "max-errors", 1000, "stop after this many errors (0: no limit)")
	f.StringVar(&opts.Explain, "explain", "", "say what a rule checks and how to fix it, then exit")
	// the rule catalogue is read when a shell asks, not on every run
	_ = cmd.RegisterFlagCompletionFunc("ignore", lazyCompletion(rules.IDs))
	_ = cmd.RegisterFlagCompletionFunc("explain", lazyCompletion(rules.IDs))
	return cmd
}

func runValidate(streams *IO, opts *validateOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	if opts.Explain != "" {
		r, ok := rules.Lookup(opts.Explain)
		if !ok {
			return usageError("unknown rule %q; the rules are: %s", opts.Explain, strings.Join(rules.IDs(), ", "))
		}
		_, err := streams.Out.Write([]byte(r.Explain()))
		return err
	}
	if !slices.Contains(validateFormats, opts.Format) {
		return usageError("unknown output format %q; use %s", opts.Format, strings.Join(validateFormats, ", "))
	}
	if opts.MaxErrors < 0 {
		return usageError("--max-errors must be 0 (no limit) or more, not %d", opts.MaxErrors)
	}
	ignore := map[string]bool{}
	for _, id := range opts.Ignore {
		for _, id := range strings.Split(id, ",") {
			if _, ok := rules.Lookup(strings.TrimSpace(id)); !ok {
				return usageError("unknown rule %q in --ignore; the rules are: %s", id, strings.Join(rules.IDs(), ", "))
			}
			ignore[strings.TrimSpace(id)] = true
		}
	}
	paths, lopts, err := opts.loadOptions(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	lopts.MaxErrors, lopts.Ignore, lopts.Strict = opts.MaxErrors, ignore, opts.Strict
	// validate needs the problems and counts, not the records: stream
	fold, err := streaming(streams, &stream.Fold{By: parks.ByDistrict})
	if err != nil {
		return err
	}
	if fold != nil {
		lopts.Stream = fold
	}
	loaded, err := decode.Load(paths, lopts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if opts.Verbose {
		printInputs(streams, lang, loaded.Inputs)
	}
	if loaded.Builtin && opts.Format == "text" && !opts.Quiet {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.builtin"))
	}
	appendStepSummary(streams, lang, loaded, opts.MaxErrors) // in GitHub Actions
	probs := &loaded.Problems
	errs, _ := probs.Count()
	switch opts.Format {
	case "json":
		err = writeValidateJSON(streams.Out, loaded, opts.MaxErrors)
	case "github":
		err = writeValidateGitHub(streams.Out, probs)
		if err == nil {
			err = writeValidateSummary(streams.Out, lang, loaded, opts.MaxErrors)
		}
	default:
		for _, p := range probs.Problems {
			if _, err = fmt.Fprintln(streams.Out, i18n.Problem(lang, p)); err != nil {
				break
			}
		}
		if err == nil {
			err = writeValidateSummary(streams.Out, lang, loaded, opts.MaxErrors)
		}
	}
	if err != nil {
		return err
	}
	if errs > 0 {
		return errInvalidData
	}
	return nil
}

// writeValidateSummary writes "N errors, M warnings in K files" and, when
// the list was bounded, how much it left out.
func writeValidateSummary(w io.Writer, lang i18n.Lang, l *decode.Loaded, maxErrors int) error {
	errs, warns := l.Problems.Count()
	warns += l.Problems.DroppedWarnings
	summary := i18n.T(lang, "validate.summary", errs, warns, len(l.Files))
	if infos := l.Problems.Infos(); infos > 0 {
		summary = i18n.T(lang, "validate.summary_info", errs, warns, infos, len(l.Files))
	}
	if _, err := fmt.Fprintln(w, summary+ruleCounts(l.Problems.ByRule())); err != nil {
		return err
	}
	if l.RowsRecognised > 0 {
		// the rows of report-shaped sheets add up: records + recognised rows
		if _, err := fmt.Fprintln(w, i18n.T(lang, "validate.rows", l.RowsIn+l.RowsRecognised, l.RowsIn, l.RowsReported, l.RowsRecognised)); err != nil {
			return err
		}
	}
	if l.Problems.Stopped {
		if _, err := fmt.Fprintln(w, i18n.T(lang, "validate.stopped", maxErrors)); err != nil {
			return err
		}
	}
	if n := l.Problems.DroppedWarnings; n > 0 {
		if _, err := fmt.Fprintln(w, i18n.T(lang, "validate.more_warnings", n)); err != nil {
			return err
		}
	}
	return nil
}

// summaryRules is how many rules the summary line counts apart.
const summaryRules = 5

// ruleCounts is the summary line's count of problems by rule,
// " (unknown-sector 1200, type-error 3, …)": the rules with the most
// problems first, equal counts by rule id, at most summaryRules of them
// and "…" for the others; "" when there is no problem. Rule ids and
// numbers read the same in every language.
func ruleCounts(byRule map[string]int) string {
	rules := make([]string, 0, len(byRule))
	for rule, n := range byRule {
		if n > 0 {
			rules = append(rules, rule)
		}
	}
	if len(rules) == 0 {
		return ""
	}
	slices.SortFunc(rules, func(a, b string) int {
		return cmp.Or(cmp.Compare(byRule[b], byRule[a]), cmp.Compare(a, b))
	})
	var b strings.Builder
	b.WriteString(" (")
	for i, rule := range rules {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == summaryRules {
			b.WriteString("…")
			break
		}
		fmt.Fprintf(&b, "%s %d", rule, byRule[rule])
	}
	b.WriteString(")")
	return b.String()
}

// writeValidateGitHub writes GitHub Actions workflow commands, so problems
// show as annotations on the lines of a pull request.
func writeValidateGitHub(w io.Writer, l *diag.List) error {
	for _, p := range l.Problems {
		props := []string{"file=" + ghProperty(p.Pos.File)}
		line, col := p.Pos.LineCol()
		if line > 0 {
			props = append(props, fmt.Sprintf("line=%d", line))
			if col > 0 {
				props = append(props, fmt.Sprintf("col=%d", col))
			}
		}
		props = append(props, "title="+ghProperty(p.Rule))
		level := p.Severity.String()
		if p.Severity == diag.Info {
			level = "notice" // the workflow command of an info note
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(i18n.ProblemMessage(i18n.EN, p))); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message as the Actions runner
// expects (toolkit's escapeData).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value (escapeProperty).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// writeValidateJSON writes the machine report (docs/output.md); its shape
// never changes with the language.
func writeValidateJSON(w io.Writer, l *decode.Loaded, maxErrors int) error {
	errs, warns := l.Problems.Count()
	doc := view.ValidateDoc{
		SchemaVersion: render.SchemaVersion,
		Valid:         errs == 0,
		Errors:        errs,
		Warnings:      warns + l.Problems.DroppedWarnings,
		Files:         append([]string{}, l.Files...),
		StoppedEarly:  l.Problems.Stopped,
		MaxErrors:     view.NonZero(maxErrors),
		Problems:      make([]view.Problem, 0, len(l.Problems.Problems)),
	}
	for _, p := range l.Problems.Problems {
		line, col := p.Pos.LineCol()
		doc.Problems = append(doc.Problems, view.Problem{
			File: p.Pos.File, Line: view.NonZero(line), Column: view.NonZero(col),
			Severity: p.Severity.String(), Rule: p.Rule,
			Message: i18n.ProblemMessage(i18n.EN, p), // machine output: English, whatever --lang
			Field:   view.NonEmpty(p.Field), Value: view.NonEmpty(p.Value), RowID: view.NonEmpty(p.RowID), Cell: view.NonEmpty(p.Pos.Cell),
		})
	}
	return render.WriteJSON(w, doc)
}
