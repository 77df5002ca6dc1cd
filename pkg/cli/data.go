package cli

import (
	"errors"
	"os"
	"runtime/debug"

	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/stream"
	"github.com/spf13/cobra"
)

// dataOptions are the flags of every command that reads a dataset.
type dataOptions struct {
	SkipInvalid bool
	Lang        string
	Encoding    string
	Delimiter   string
	InputFormat string
	Verbose     bool
	Quiet       bool
	Map         string // --map FILE: how a report-shaped sheet is laid out (parks import writes one)

	// fold, set by a command that only needs an aggregate, lets the
	// loader stream instead of holding every record (stream.Fold).
	fold *stream.Fold
	// each, set by a command that prints one row per record (list,
	// --by facility), streams the records to it instead (stream.Each).
	each *stream.Each
	// allProblems, set by a command that shows every problem (report),
	// holds them all; the others hold the few they print and count the
	// rest (decode.Options.Keep).
	allProblems bool
}

func (o *dataOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.SkipInvalid, "skip-invalid", false, "go on with the valid rows when some rows have errors (says on stderr how many were left out)")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "output language: kk, ru or en (default from PARKS_LANG, then LC_ALL/LC_MESSAGES/LANG, then the Windows display language, else en)")
	cmd.Flags().StringVar(&o.Encoding, "encoding", "", "encoding of CSV/YAML input: utf-8, utf-16 or windows-1251 (default: detected)")
	cmd.Flags().StringVar(&o.Delimiter, "delimiter", "", "CSV delimiter: , ; | or tab (default: sniffed from the header and first rows)")
	cmd.Flags().StringVar(&o.InputFormat, "input-format", "", "format of stdin ('-'): csv, yaml or xlsx (default: sniffed)")
	cmd.Flags().BoolVarP(&o.Verbose, "verbose", "v", false, "say on stderr how each file was read (encoding, delimiter, sheet, header row)")
	cmd.Flags().BoolVarP(&o.Quiet, "quiet", "q", false, "no notes on stderr: neither the built-in dataset notice nor the progress of a long load (problems in the data are still printed)")
	cmd.Flags().StringVar(&o.Map, "map", "", "mapping file (YAML) naming the columns and non-data rows of a report-shaped sheet; `parks import` writes one")
	_ = cmd.RegisterFlagCompletionFunc("encoding", fixedCompletion(decode.Encodings...))
	_ = cmd.RegisterFlagCompletionFunc("delimiter", fixedCompletion(",", ";", "|", "tab"))
	_ = cmd.RegisterFlagCompletionFunc("input-format", fixedCompletion(decode.Formats...))
}

// loadOptions turns the input flags into decoder options; PARKS_DATA names
// the dataset when no path is given.
func (o *dataOptions) loadOptions(streams *IO, lang i18n.Lang, paths []string) ([]string, decode.Options, error) {
	opts := decode.Options{Today: streams.Now(), Stdin: streams.In}
	enc, err := decode.NormalizeEncoding(o.Encoding)
	if err != nil {
		return nil, opts, &exitError{code: ExitError, err: err}
	}
	comma, err := decode.ParseDelimiter(o.Delimiter)
	if err != nil {
		return nil, opts, &exitError{code: ExitError, err: err}
	}
	opts.CSV = decode.CSVOptions{Comma: comma, Encoding: enc}
	if o.InputFormat != "" {
		opts.InputFormat = strings.ToLower(o.InputFormat)
		if !slices.Contains(decode.Formats, opts.InputFormat) {
			return nil, opts, localError("usage.unknown_value", "--input-format", strconv.Quote(o.InputFormat), diag.Alternatives(decode.Formats))
		}
	}
	if o.Map != "" {
		if opts.Map, err = readMapping(o.Map, lang); err != nil {
			return nil, opts, err
		}
	}
	if len(paths) == 0 {
		if p := streams.Getenv("PARKS_DATA"); p != "" {
			paths = []string{p}
			if o.Verbose {
				fmt.Fprintln(streams.Err, i18n.T(lang, "input.parks_data", p, "PARKS_DATA"))
			}
		}
	}
	if len(paths) > 0 {
		collectAsUsual() // the user's files may be of any size
	}
	return paths, opts, nil
}

// printInputs says how each file was read (--verbose).
func printInputs(streams *IO, lang i18n.Lang, inputs []decode.Input) {
	dec := func(d parks.Decimal) string {
		switch d {
		case parks.DecimalComma:
			return "','"
		case parks.DecimalPoint:
			return "'.'"
		}
		return "—"
	}
	for _, in := range inputs {
		switch in.Format {
		case "csv":
			fmt.Fprintln(streams.Err, i18n.T(lang, "input.csv", in.File, in.Encoding, decode.DelimiterName(in.Delimiter), dec(in.Decimal)))
		case "yaml":
			fmt.Fprintln(streams.Err, i18n.T(lang, "input.yaml", in.File, in.Encoding))
		case "xlsx":
			if in.HeaderRow == 0 {
				fmt.Fprintln(streams.Err, i18n.T(lang, "input.xlsx_skipped", in.File, in.Sheet))
				continue
			}
			fmt.Fprintln(streams.Err, i18n.T(lang, "input.xlsx", in.File, in.Sheet, in.HeaderRow, dec(in.Decimal)))
		}
	}
}

// lang resolves the output language from the flag, then the environment.
func (o *dataOptions) lang(streams *IO) (i18n.Lang, error) {
	if o.Lang != "" {
		l := i18n.Lang(strings.ToLower(o.Lang))
		if !slices.Contains(i18n.Langs, l) {
			return "", localError("usage.unknown_value", "--lang", strconv.Quote(o.Lang), diag.Alternatives(toStrings(i18n.Langs)))
		}
		return l, nil
	}
	for _, v := range []string{"PARKS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		val := streams.Getenv(v)
		if val == "" {
			continue
		}
		if l, ok := i18n.FromLocale(val); ok {
			return l, nil
		}
		if v == "PARKS_LANG" {
			return "", localError("usage.unknown_value", "PARKS_LANG", strconv.Quote(strings.ToLower(val)), diag.Alternatives(toStrings(i18n.Langs)))
		}
		return i18n.EN, nil // the first locale variable set decides, as in POSIX
	}
	if streams.UILang != nil {
		return streams.UILang(), nil // Windows: the display language of the user
	}
	return i18n.EN, nil
}

// streaming applies the environment's say on how a large CSV file is
// streamed: PARKS_WORKERS decoding goroutines (1: one after the other;
// default: one per core), or PARKS_STREAM=off to hold every record (the
// path list, show and report take). Both are for measuring and comparing
// the paths; their output is the same bytes.
func streaming(streams *IO, f *stream.Fold) (*stream.Fold, error) {
	if f == nil {
		return nil, nil
	}
	switch v := streams.Getenv("PARKS_STREAM"); v {
	case "", "on":
	case "off":
		return nil, nil
	default:
		return nil, localError("usage.unknown_value", "PARKS_STREAM", strconv.Quote(v), diag.Alternatives{"on", "off"})
	}
	if v := streams.Getenv("PARKS_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return nil, localError("usage.bad_workers", strconv.Quote(v))
		}
		f.Workers = n
	}
	return f, nil
}

// streamHeap is the soft memory limit while a load streams records or
// problems: it keeps some 20 MB live (a sorter's run, the chunks' encoded
// rows, a problem worded per row), and the limit keeps the heap near that
// instead of at twice it.
const streamHeap = 40 << 20

// limitHeapWhileStreaming lowers the soft memory limit to streamHeap (never
// raises it) and returns what restores the limit it found: called when the
// load ends, or when it turns out to hold after all.
func limitHeapWhileStreaming() (restore func()) {
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, streamHeap))
	return func() { debug.SetMemoryLimit(limit) }
}

// maxPrinted bounds the errors other commands print; validate prints all.
const maxPrinted = 20

// load reads the dataset and decides whether the command may go on: with
// errors in the data it prints them and refuses (exit 1) unless
// --skip-invalid, in which case it says how many rows were left out.
func (o *dataOptions) load(streams *IO, lang i18n.Lang, paths []string) (*decode.Loaded, error) {
	paths, opts, err := o.loadOptions(streams, lang, paths)
	if err != nil {
		return nil, err
	}
	if !o.allProblems {
		opts.Keep = maxPrinted
	}
	fold, err := streaming(streams, o.fold)
	if err != nil {
		return nil, err
	}
	p := o.startProgress(streams, lang)
	defer p.finish()
	if fold != nil {
		opts.Stream = fold
		fold.Progress = p.update
	}
	var restoreLimit func()
	if o.each != nil {
		if f, err := streaming(streams, &stream.Fold{}); err == nil && f != nil {
			o.each.Workers, o.each.Progress = f.Workers, p.update
			opts.Stream = o.each
			restoreLimit = limitHeapWhileStreaming() // lifted again if the load holds
		}
	}
	loaded, err := decode.Load(paths, opts)
	if restoreLimit != nil && (err != nil || loaded.Result == nil) {
		restoreLimit()
	}
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	if o.Verbose {
		printInputs(streams, lang, loaded.Inputs)
	}
	p.finish() // before anything else is written to stderr
	if loaded.Builtin && !o.Quiet {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.builtin"))
	}
	errs, warns := loaded.Problems.Count()
	if errs == 0 {
		o.printWarnings(streams, lang, warns)
		return loaded, nil
	}
	if !o.SkipInvalid {
		printProblems(streams, lang, &loaded.Problems, diag.Error, maxPrinted)
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.invalid", errs))
		return nil, errInvalidData
	}
	printProblems(streams, lang, &loaded.Problems, diag.Error, maxPrinted)
	fmt.Fprintln(streams.Err, i18n.T(lang, "note.skipped", loaded.RowsReported, loaded.RowsIn, loaded.RowsUsed))
	if loaded.RowsLost > 0 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.skipped_unread", loaded.RowsLost))
	}
	if loaded.FilesUnread > 0 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.files_unread", loaded.FilesUnread))
	}
	if loaded.ColumnsUnread > 0 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.columns_unread", loaded.ColumnsUnread))
	}
	o.printWarnings(streams, lang, warns)
	return loaded, nil
}

// printWarnings says on stderr how many warnings the data has: the table
// commands do not print them (validate does).
func (o *dataOptions) printWarnings(streams *IO, lang i18n.Lang, warns int) {
	switch {
	case o.allProblems: // the command shows them
	case warns == 1:
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.warning", warns))
	case warns > 1:
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.warnings", warns))
	}
}

// printProblems writes problems of at least a severity, one per line, in
// the FILE:LINE:COL form editors jump to.
func printProblems(streams *IO, lang i18n.Lang, l *diag.List, min diag.Severity, limit int) {
	n, more := 0, 0
	for _, p := range l.Problems {
		if p.Severity < min {
			continue
		}
		if n == limit {
			more++
			continue
		}
		fmt.Fprintln(streams.Err, i18n.Problem(lang, p))
		n++
	}
	if errs, warns := l.Unkept(); min == diag.Error {
		more += errs // counted, not held (decode.Options.Keep)
	} else {
		more += errs + warns
	}
	if more > 0 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.more", more))
	}
}

// readMapping reads a --map file; a file that cannot be read or is not a
// mapping stops the command (exit 2) with what is wrong in it.
func readMapping(path string, lang i18n.Lang) (*layout.Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &exitError{code: ExitError, err: errors.New(i18n.T(lang, "map.unreadable", path, err))}
	}
	m, err := layout.LoadMapping(data)
	if err != nil {
		return nil, &exitError{code: ExitError, err: errors.New(i18n.T(lang, "map.invalid", path, err))}
	}
	return m, nil
}
