package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
	"github.com/parks-kz/parks/pkg/stream"
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
	f.IntVar(&opts.MaxErrors, "max-errors", 1000, "list at most this many errors, and as many warnings and notes (0: no limit); every problem is still read and counted")
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
			return localError("usage.unknown_rule", strconv.Quote(opts.Explain), rules.IDs())
		}
		_, err := streams.Out.Write([]byte(r.Explain()))
		return err
	}
	if !slices.Contains(validateFormats, opts.Format) {
		return unknownOutput(opts.Format, validateFormats)
	}
	if opts.MaxErrors < 0 {
		return localError("usage.max_errors", opts.MaxErrors)
	}
	ignore := map[string]bool{}
	for _, id := range opts.Ignore {
		for _, id := range strings.Split(id, ",") {
			if _, ok := rules.Lookup(strings.TrimSpace(id)); !ok {
				return localError("usage.unknown_rule_ignore", strconv.Quote(id), rules.IDs())
			}
			ignore[strings.TrimSpace(id)] = true
		}
	}
	paths, lopts, err := opts.loadOptions(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	// no bound on the load: everything is read and counted, and the
	// writer bounds what it prints (--max-errors)
	lopts.Ignore, lopts.Strict = ignore, opts.Strict
	w := newProblemWriter(opts.Format, lang, opts.MaxErrors)
	w.spool.direct, w.spool.start, _ = directOut(streams.Out, streams.Err)
	if opts.Format == "json" && w.spool.direct != nil { // the document's counts come before its problems
		if r, ok := readBack(w.spool.direct); ok {
			w.spool.head, w.spool.reader = w.guessHead, r
		} else {
			w.spool.direct = nil
		}
	}
	defer w.close()
	// validate needs the problems and counts, not the records: stream,
	// printing the problems as they come
	fold, err := streaming(streams, &stream.Fold{By: parks.ByDistrict, Problems: w})
	if err != nil {
		return err
	}
	if fold != nil {
		lopts.Stream = fold
		fold.Progress = w.progress
		// Lifted when the stream resets its problems (a repeat pass, or
		// the holding path, which holds).
		w.onReset = limitHeapWhileStreaming()
		defer w.onReset()
	}
	loaded, err := decode.Load(paths, lopts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	// the holding path's sorted list; a streaming load handed its own on
	if err := w.Add(loaded.Problems.Problems); err != nil {
		return err
	}
	if opts.Verbose {
		printInputs(streams, lang, loaded.Inputs)
	}
	if loaded.Builtin && opts.Format == "text" && !opts.Quiet {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.builtin"))
	}
	appendStepSummary(streams, lang, loaded, w) // in GitHub Actions
	if err := w.finish(streams.Out, loaded); err != nil {
		return err
	}
	if errs, _ := loaded.Problems.Count(); errs > 0 {
		return errInvalidData
	}
	return nil
}

// writeValidateSummary writes "N errors, M warnings in K files (RULE n,
// …)" and, when --max-errors left problems out of the list, how many.
func writeValidateSummary(out io.Writer, lang i18n.Lang, l *decode.Loaded, w *problemWriter) error {
	errs, warns := l.Problems.Count()
	warns += l.Problems.DroppedWarnings
	summary := i18n.T(lang, "validate.summary", errs, warns, len(l.Files))
	if infos := l.Problems.Infos(); infos > 0 {
		summary = i18n.T(lang, "validate.summary_info", errs, warns, infos, len(l.Files))
	}
	if _, err := fmt.Fprintln(out, summary+ruleCounts(lang, l.Problems.ByRule())); err != nil {
		return err
	}
	if l.RowsRecognised > 0 {
		// the rows of report-shaped sheets add up: records + recognised rows
		if _, err := fmt.Fprintln(out, i18n.T(lang, "validate.rows", l.RowsIn+l.RowsRecognised, l.RowsIn, l.RowsReported, l.RowsRecognised)); err != nil {
			return err
		}
	}
	if w.notListed > 0 {
		if _, err := fmt.Fprintln(out, i18n.T(lang, "validate.not_listed", w.notListed, strconv.Itoa(w.max))); err != nil {
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
// and "…" for the others; "" when there is no problem. Rule ids read the
// same in every language; counts group as in the reader's.
func ruleCounts(lang i18n.Lang, byRule map[string]int) string {
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
		fmt.Fprintf(&b, "%s %s", rule, i18n.Formatter{Lang: lang}.Int(int64(byRule[rule])))
	}
	b.WriteString(")")
	return b.String()
}

// writeValidateGitHub writes GitHub Actions workflow commands.
func writeValidateGitHub(w io.Writer, l *diag.List) error {
	r := problemRender{format: "github"}
	var b []byte
	for _, p := range l.Problems {
		b = r.append(b[:0], &p)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}
