// Package cli is the command-line interface of parks: one file per command,
// each with an options struct, a constructor that wires its flags and a run
// function that writes to the injected streams.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes, documented in `parks --help` and the README.
const (
	ExitOK      = 0 // success
	ExitInvalid = 1 // the data is invalid (or differs, where a command says so)
	ExitError   = 2 // the command could not run: bad flag, unreadable path
)

// IO is what a command reads and writes. Tests build one with buffers and
// choose whether stdout is a terminal.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	OutTTY bool // stdout is a terminal: draw boxed tables
	// Width is the terminal's width in columns when OutTTY (0: unknown);
	// $COLUMNS overrides it. Boxed tables fit it.
	Width  int
	ErrTTY bool
	Getenv func(string) string
	Now    func() time.Time
	// UILang, when set, is the language of the user's desktop, used when
	// neither --lang nor PARKS_LANG/LC_ALL/LC_MESSAGES/LANG says one (the
	// Windows display language; nil elsewhere).
	UILang func() i18n.Lang
	// NoColor: the terminal cannot show colour codes (a Windows console
	// without virtual terminal processing). NO_COLOR is read besides.
	NoColor bool
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error // nil when the message was already printed
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// localError is a mistake in the command line (exit 2), worded by message
// id and printed in the output language.
func localError(id string, args ...any) error {
	return &exitError{code: ExitError, err: diag.Errorf(nil, id, args...)}
}

// unknownOutput refuses an output format not among formats.
func unknownOutput(format string, formats []string) error {
	return localError("err.unknown_output", strconv.Quote(format), strings.Join(formats, ", "))
}

// flagError words pflag's fixed English errors by message id; an error
// it does not recognise stays as pflag wrote it.
func flagError(err error) any {
	s := err.Error()
	for _, f := range []struct{ prefix, id string }{
		{"unknown flag: ", "flagerr.unknown"},
		{"unknown shorthand flag: ", "flagerr.unknown_shorthand"},
		{"flag needs an argument: ", "flagerr.needs_argument"},
	} {
		if rest, ok := strings.CutPrefix(s, f.prefix); ok {
			return diag.Text{ID: f.id, Args: []any{rest}}
		}
	}
	if m := invalidArgument().FindStringSubmatch(s); m != nil {
		return diag.Text{ID: "flagerr.invalid_argument", Args: []any{m[1], m[2], m[3]}}
	}
	return s
}

// invalidArgument and cobraErrors are compiled when an error is worded,
// not at start-up.
var invalidArgument = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?s)^invalid argument (".*") for (".*") flag: (.*)$`)
})

// invalidData means the data has errors that were already printed: exit 1.
var errInvalidData = &exitError{code: ExitInvalid}

const rootLong = `parks analyses the statistics of small industrial parks and production
sites: buildings, investment, jobs and the leverage of private money on
budget money, per district. With no data path it uses a built-in sample
dataset of Turkestan region.

Exit codes:
  0  success
  1  the data is invalid (errors are printed as FILE:LINE:COL)
     or, with parks diff --fail-on-change, the datasets differ
  2  the command could not run (bad flag, unreadable path)`

// NewRootCmd builds the command tree.
func NewRootCmd(streams *IO) *cobra.Command {
	root := newRoot(streams)
	var cmds []*cobra.Command
	for _, c := range commands {
		cmds = append(cmds, c.make(streams))
	}
	root.AddCommand(cmds...)
	runErrors(root)
	addGroups(root)
	addCompletions(root, streams)
	return root
}

// commands are parks's commands, in the order --help lists them.
var commands = []struct {
	name string
	make func(*IO) *cobra.Command
}{
	{"summary", newSummaryCmd}, {"buildings", newBuildingsCmd}, {"investment", newInvestmentCmd}, {"jobs", newJobsCmd},
	{"leverage", newLeverageCmd}, {"list", newListCmd}, {"show", newShowCmd}, {"chart", newChartCmd},
	{"explain", newExplainCmd}, {"diff", newDiffCmd}, {"validate", newValidateCmd}, {"schema", newSchemaCmd},
	{"init", newInitCmd}, {"import", newImportCmd}, {"trend", newTrendCmd}, {"report", newReportCmd},
	{"version", newVersionCmd},
}

// rootFor is the command tree a run needs: when its first argument names a
// command, the root with that command alone — the others' flags cost ~100
// page faults of the built-in summary's start-up — and the whole tree
// otherwise (help, completion, a flag before the command, a command
// mistyped, which is answered with the names of the others).
func rootFor(args []string, streams *IO) *cobra.Command {
	if len(args) > 0 {
		for _, c := range commands {
			if c.name == args[0] {
				root := newRoot(streams)
				root.AddCommand(c.make(streams))
				runErrors(root)
				addCompletions(root, streams)
				return root
			}
		}
	}
	return NewRootCmd(streams)
}

// newRoot is the root command without its commands.
func newRoot(streams *IO) *cobra.Command {
	root := &cobra.Command{
		Use:           "parks",
		Short:         "Statistics of small industrial parks and production sites",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	root.SetIn(streams.In)
	// --version prints the same line as `parks version`; the line is
	// worked out only when asked (it reads the build information).
	root.Version = Version
	root.SetVersionTemplate(`{{parksVersion}}` + "\n")
	// Long only: -v is --verbose in every command that reads data (one
	// meaning per flag); `parks -v` alone still prints the version, with a
	// note (execute).
	root.Flags().Bool("version", false, "print the version of parks")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &exitError{code: ExitError, err: diag.Errorf(err, "err.see_help", flagError(err), cmd.CommandPath())}
	})
	return root
}

func init() {
	cobra.AddTemplateFunc("parksVersion", versionLine)
	cobra.EnableCommandSorting = false // --help lists commands in the order they are added
}

// commandGroups are the headings of `parks --help`, in order, with the
// commands under each; a command not listed here fails a test.
var commandGroups = []struct {
	id, title string
	commands  []string
}{
	{"tables", "Tables:", []string{"summary", "buildings", "investment", "jobs", "leverage", "list", "show", "chart"}},
	{"checks", "Checks:", []string{"validate", "explain"}},
	{"reports", "Reports:", []string{"report"}},
	{"snapshots", "Snapshots:", []string{"diff", "trend"}},
	{"setup", "Set-up:", []string{"init", "import", "schema", "version", "completion", "help"}},
}

// addGroups sorts the commands under the headings of commandGroups.
func addGroups(root *cobra.Command) {
	group := map[string]string{}
	for _, g := range commandGroups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, name := range g.commands {
			group[name] = g.id
		}
	}
	for _, c := range root.Commands() {
		c.GroupID = group[c.Name()]
	}
	root.SetHelpCommandGroupID(group["help"])
	root.SetCompletionCommandGroupID(group["completion"])
}

// Main runs parks with arguments and returns the exit code.
func Main(args []string, streams *IO) int {
	defer pauseCollector()()
	if streams.Getenv == nil {
		streams.Getenv = os.Getenv
	}
	if streams.Now == nil {
		streams.Now = time.Now
	}
	defer cleanupOnSignal()()
	out := &outWriter{w: streams.Out}
	run := *streams
	run.Out = out
	code := execute(args, &run, out)
	if out.err != nil {
		// a reader that stopped reading (| head) has what it wanted: no
		// message, as on Linux, where SIGPIPE ends parks; the exit code
		// still says the output is not whole
		if !brokenPipe(out.err) {
			fmt.Fprintf(streams.Err, "parks: %s\n", i18n.T(errorLang(nil, streams, args), "err.cannot_write_output", out.err))
		}
		return ExitError
	}
	return code
}

// execute runs the command line and returns the exit code. A failed
// write to out is left to Main to word.
func execute(args []string, streams *IO, out *outWriter) int {
	if len(args) == 1 && args[0] == "-v" {
		// `parks -v` used to be --version; alone it still is, with a note on
		// stderr, while every other -v means --verbose.
		lang, err := (&dataOptions{}).lang(streams)
		if err != nil {
			lang = i18n.EN
		}
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.version_short_flag"))
		args = []string{"--version"}
	}
	root := rootFor(args, streams)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && (out.err == nil || !errors.Is(ee.err, out.err)) {
			fmt.Fprintf(streams.Err, "parks: %s\n", i18n.ErrorText(errorLang(cmd, streams, args), ee.err))
		}
		return ee.code
	}
	// Every error a command's run returns is an *exitError (runErrors
	// wraps the others), so this one is cobra's own: an unknown command, a
	// wrong number of arguments, a required flag missing: a usage error.
	lang := errorLang(cmd, streams, args)
	text, suggestions := cobraError(err)
	fmt.Fprintf(streams.Err, "parks: %s\n", i18n.ErrorText(lang, text))
	if len(suggestions) > 0 {
		fmt.Fprintf(streams.Err, "\n%s\n", i18n.T(lang, "cobraerr.did_you_mean"))
		for _, s := range suggestions {
			fmt.Fprintf(streams.Err, "\t%s\n", s)
		}
		fmt.Fprintln(streams.Err)
	}
	fmt.Fprintln(streams.Err, i18n.T(lang, "cobraerr.run_help", "'parks --help'"))
	return ExitError
}

// cobraError words cobra's fixed English errors by message id, and splits
// off the commands it suggests for an unknown one; an error it does not
// recognise stays as cobra wrote it.
func cobraError(err error) (error, []string) {
	s := err.Error()
	var suggestions []string
	if head, rest, ok := strings.Cut(s, "\n\nDid you mean this?\n"); ok {
		s = head
		for _, line := range strings.Split(rest, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				suggestions = append(suggestions, line)
			}
		}
	}
	for _, p := range cobraErrors() {
		if m := p.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			return diag.Errorf(nil, p.id, args...), suggestions
		}
	}
	return errors.New(s), suggestions
}

type cobraErrorPattern struct {
	re *regexp.Regexp
	id string
}

var cobraErrors = sync.OnceValue(func() []cobraErrorPattern {
	return []cobraErrorPattern{
		{regexp.MustCompile(`^unknown command (".*") for (".*")$`), "cobraerr.unknown_command"},
		{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), "cobraerr.accepts"},
		{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), "cobraerr.at_most"},
		{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), "cobraerr.at_least"},
		{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`), "cobraerr.between"},
		{regexp.MustCompile(`^required flag\(s\) (.*) not set$`), "cobraerr.required_flags"},
	}
})

// errorLang is the language of an error's message: --lang of the command
// when it was read (else as args give it: cobra reads no flag of a command
// it does not know), else the environment's; English when either is wrong.
func errorLang(cmd *cobra.Command, streams *IO, args []string) i18n.Lang {
	o := &dataOptions{}
	var f *pflag.Flag
	if cmd != nil {
		f = cmd.Flags().Lookup("lang")
	}
	if f != nil && f.Changed {
		o.Lang = f.Value.String()
	} else {
		for i, a := range args {
			if a == "--" {
				break
			}
			if v, ok := strings.CutPrefix(a, "--lang="); ok {
				o.Lang = v
			} else if a == "--lang" && i+1 < len(args) {
				o.Lang = args[i+1]
			}
		}
	}
	lang, err := o.lang(streams)
	if err != nil {
		return i18n.EN
	}
	return lang
}

// runErrors makes every error a command's run returns an *exitError (exit
// 2 unless the command chose its code), so Main tells them by type from
// cobra's own errors about the command line.
func runErrors(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			var ee *exitError
			if err != nil && !errors.As(err, &ee) {
				return &exitError{code: ExitError, err: err}
			}
			return err
		}
	}
	for _, c := range cmd.Commands() {
		runErrors(c)
	}
}

// A short command (the built-in summary, help, schema) makes a few MB of
// garbage decoding its embedded catalogue, reference data and dataset, and
// collecting it cost a quarter of its instructions. So the collector
// waits until the heap reaches startupHeap, and runs as usual again once
// a command starts reading the user's files (collectAsUsual), whose size
// is unknown.
const startupHeap = 64 << 20

var restoreCollector func()

// pauseCollector defers collections until startupHeap; the function it
// returns restores the settings it found (GOGC, GOMEMLIMIT).
func pauseCollector() (restore func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(min(startupHeap, debug.SetMemoryLimit(-1)))
	restoreCollector = func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	return collectAsUsual
}

// collectAsUsual turns the collector back to its settings before Main.
func collectAsUsual() {
	if restoreCollector != nil {
		restoreCollector()
		restoreCollector = nil
	}
}
