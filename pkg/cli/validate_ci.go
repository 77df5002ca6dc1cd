package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
)

// stepSummaryRows bounds the problems listed in a job summary: GitHub
// shows at most 1 MiB of it, and the annotations and the log have them all.
const stepSummaryRows = 100

// appendStepSummary adds validate's result as Markdown to the file that
// $GITHUB_STEP_SUMMARY names, when it is set (in a GitHub Actions job): a
// heading with the counts and a table of the problems, in the output
// language. It appends, as GitHub expects of every step; a summary that
// cannot be written is a warning, not a failed check.
func appendStepSummary(streams *IO, lang i18n.Lang, l *decode.Loaded, w *problemWriter) {
	path := streams.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = f.WriteString(stepSummary(lang, l, w))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(streams.Err, "parks: warning: GITHUB_STEP_SUMMARY: %v\n", unwrapPath(err))
	}
}

// stepSummary is the Markdown of a job summary: the first problems the
// log lists (problemWriter.first).
func stepSummary(lang i18n.Lang, l *decode.Loaded, w *problemWriter) string {
	var b strings.Builder
	errs, warns := l.Problems.Count()
	warns += l.Problems.DroppedWarnings
	icon := "✅"
	switch {
	case errs > 0:
		icon = "❌"
	case warns > 0:
		icon = "⚠️"
	}
	fmt.Fprintf(&b, "### %s %s: %s\n\n", icon, i18n.T(lang, "ci.summary.title"), i18n.T(lang, "validate.summary", errs, warns, len(l.Files)))
	if w.listed() == 0 {
		b.WriteString(i18n.T(lang, "ci.summary.ok") + "\n\n")
		return b.String()
	}
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n",
		i18n.T(lang, "ci.col.where"), i18n.T(lang, "ci.col.severity"), i18n.T(lang, "ci.col.rule"), i18n.T(lang, "ci.col.problem"))
	for _, p := range w.first {
		sev := "⚠️ " + p.Severity.String()
		if p.Severity == diag.Error {
			sev = "❌ " + p.Severity.String()
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s |\n", mdCode(p.Pos.String()), sev, mdCode(p.Rule), mdCell(i18n.ProblemMessage(lang, p)))
	}
	b.WriteString("\n")
	if n := w.listed() - len(w.first); n > 0 {
		b.WriteString(i18n.T(lang, "ci.summary.more", n) + "\n\n")
	}
	if w.notListed > 0 {
		b.WriteString(i18n.T(lang, "validate.not_listed", w.notListed, strconv.Itoa(w.max)) + "\n\n")
	}
	return b.String()
}

// mdCell makes text safe in a Markdown table cell: one line, pipes escaped.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// mdCode makes text safe inside a code span of a table cell.
func mdCode(s string) string {
	return strings.ReplaceAll(mdCell(s), "`", "'")
}
