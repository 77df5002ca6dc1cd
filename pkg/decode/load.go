package decode

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parks-kz/parks/pkg/builtin"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// Options control loading.
type Options struct {
	CSV   CSVOptions
	Today time.Time // for "as_of in the future"; zero means now

	// MaxErrors stops reading after that many errors (0: no bound);
	// Ignore drops rules; Strict turns warnings into errors.
	MaxErrors int
	Ignore    map[string]bool
	Strict    bool
	// Keep bounds the problems Loaded.Problems holds (diag.List.Keep):
	// the others are only counted. 0 holds them all.
	Keep int
	// Stdin is read for the path "-"; InputFormat (csv, yaml or xlsx) says
	// what it holds, "" sniffs it.
	Stdin       io.Reader
	InputFormat string

	// Stream, when set, lets Load stream CSV files of facilities, folding
	// them as they are read (package stream); Loaded.Result is then the
	// aggregate.
	Stream Streamer

	// Map is the user's mapping file (--map): how a report-shaped sheet
	// is laid out, handed to layout.Find; nil lets layout recognise it.
	Map *layout.Mapping
}

// Formats are the input formats; StdinName is how positions name stdin.
var Formats = []string{"csv", "yaml", "xlsx"}

const StdinName = "stdin"

// Loaded is a dataset with everything that was wrong with its files.
// Dataset holds only the usable records; every other row is in Problems.
type Loaded struct {
	Dataset  *parks.Dataset
	Problems diag.List
	Files    []string
	Builtin  bool
	// Inputs says how each file was read, for --verbose.
	Inputs   []Input
	RowsIn   int // data rows read
	RowsUsed int // records in Dataset
	// RowsReported counts rows left out because of an error of their own.
	RowsReported int
	// RowsRecognised counts the rows of report-shaped sheets recognised as
	// titles, header, numbering, subtotals, totals, spacers or notes.
	RowsRecognised int
	// RowsLost counts those of RowsReported that were not read at all: a
	// problem of their file, sheet or header left them out (a CSV quoting
	// error: the rest of the file). FilesUnread counts files of which
	// nothing could be read, whose rows are in no count.
	RowsLost, FilesUnread int
	// ColumnsUnread counts columns not read because of an error of their
	// header cell; their rows are used without them.
	ColumnsUnread int
	// Result is the aggregate asked for with Options.Stream when the load
	// streamed; Dataset is then empty. Nil when the records were held.
	Result *parks.Result
	// Tables are the sheets and CSV files read through pkg/layout (report-
	// shaped, not canonical): how each was understood, for `parks import`.
	Tables []TableUsed
	// Chunks and FastChunks count the chunks a streaming load read and
	// those of them its fast path read (tests check that it is used);
	// HandOvers the rows its fast path handed to the exact path;
	// Redecoded the chunks a repeat pass decoded again (it adds the others
	// as the first pass read them), Patched those of which it decoded only
	// the rows with a repeated id.
	Chunks, FastChunks, HandOvers, Redecoded, Patched int
}

// TableUsed is one sheet (or CSV file) read through pkg/layout: the grid
// as written and the table layout.Find made of it.
type TableUsed struct {
	File  string
	Sheet string // "" for a CSV file
	Grid  *layout.Grid
	Table *layout.Table // never nil: a grid with no table found is not listed (its error says why)
	// NotRead says why the grid was not read as records (an aggregate
	// sheet, a missing column: the two things layout.Find says with a
	// table); nil when it was.
	NotRead *layout.NotRecognised
}

// newLoaded starts an empty result whose problem list applies the
// options' bounds (--max-errors, --ignore, --strict).
func newLoaded(opts Options) *Loaded {
	l := &Loaded{Dataset: &parks.Dataset{}}
	l.Problems.MaxErrors, l.Problems.Ignore, l.Problems.Strict, l.Problems.Keep = opts.MaxErrors, opts.Ignore, opts.Strict, opts.Keep
	return l
}

// Extensions a directory is scanned for.
var Extensions = []string{".csv", ".tsv", ".yaml", ".yml", ".xlsx"}

// Load reads the given paths, or the built-in dataset when there are none.
// An error is returned only when loading could not run (unreadable path);
// problems in the data are in Loaded.Problems.
func Load(paths []string, opts Options) (*Loaded, error) {
	ref, err := LoadReference()
	if err != nil {
		return nil, err
	}
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	if len(paths) > 0 && opts.Stream != nil {
		// a directory's entry skipped is a warning the holding path gives
		if files, skipped, err := expandAll(paths); err == nil && len(skipped) == 0 {
			var stdin *os.File
			if slices.Contains(files, "-") && opts.Stdin != nil {
				f, spooled, err := spoolStdin(opts.Stdin)
				if errors.Is(err, errTooLarge) {
					defer f.Close()
					opts.Stdin = f
					goto hold // the holding path refuses it (tooLarge), from the copy
				}
				if err != nil {
					return nil, err
				}
				if spooled {
					defer f.Close()
				}
				if f != nil {
					stdin, opts.Stdin = f, f // a file the stream can read (twice), and the holding path after it
				}
			}
			l, err := opts.Stream.Stream(files, opts)
			if !errors.Is(err, ErrFallback) {
				return l, err
			}
			if stdin != nil {
				if _, err := stdin.Seek(0, io.SeekStart); err != nil {
					return nil, diag.Errorf(err, "err.cannot_read_stdin", err)
				}
			}
		}
	}
hold:
	l := newLoaded(opts)
	c := newCollector(l, nil, nil)
	env := &Env{Reference: ref, LoadState: LoadState{Problems: &l.Problems}}
	if len(paths) == 0 {
		l.Builtin = true
		l.Files = []string{builtin.Name}
		if err := decodeBuiltin(env, c); err != nil {
			return nil, err
		}
	} else {
		files, skipped, err := expandAll(paths)
		if err != nil {
			return nil, err
		}
		for _, s := range skipped {
			l.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: s.path}, Severity: diag.Warning, Rule: "not-regular"}, "file.not_regular", s.kind))
		}
		l.Files = files
		for _, f := range files {
			if l.Problems.Full() {
				break
			}
			if f == "-" {
				if opts.Stdin == nil {
					return nil, diag.Errorf(nil, "err.stdin_no_input")
				}
				data, err := readBounded(opts.Stdin)
				if errors.Is(err, errTooLarge) {
					tooLarge(StdinName, env)
					continue
				}
				if err != nil {
					return nil, diag.Errorf(err, "err.cannot_read_stdin", err)
				}
				format := opts.InputFormat
				if format == "" {
					format = SniffFormat(data)
				}
				rowsBefore, errsBefore := env.RowsIn, errorsAdded(&l.Problems)
				decodeAs(format, StdinName, data, opts, env, c)
				noRows(StdinName, env, rowsBefore, errsBefore)
				continue
			}
			data, err := readFile(f)
			if errors.Is(err, errTooLarge) {
				tooLarge(f, env)
				continue
			}
			if err != nil {
				return nil, cannotRead(f, err)
			}
			rowsBefore, errsBefore := env.RowsIn, errorsAdded(&l.Problems)
			decodeFile(f, data, opts, env, c)
			noRows(f, env, rowsBefore, errsBefore)
		}
	}
	c.crossCheck(opts.Today, env)
	// Reaching the bound stops reading, so there may be more problems.
	l.Problems.Stopped = l.Problems.Stopped || l.Problems.Full()
	l.Inputs = env.Inputs
	l.RowsIn = env.RowsIn + env.RowsLost
	l.RowsRecognised = env.RowsRecognised
	l.RowsLost, l.FilesUnread, l.ColumnsUnread = env.RowsLost, env.FilesUnread, env.ColumnsUnread
	l.Tables = env.Tables
	l.RowsReported += env.RowsDropped + env.RowsLost
	l.RowsUsed = len(l.Dataset.Facilities) + len(l.Dataset.Projects)
	l.Problems.Sort()
	return l, nil
}

// decodeBuiltin reads the built-in dataset from its compiled CSV. It is
// turkestan.yaml to its readers, so it is not listed as CSV inputs.
func decodeBuiltin(env *Env, sink Sink) error {
	meta, err := builtin.Meta()
	if err != nil {
		return err
	}
	sink.Meta(meta, diag.Pos{File: builtin.Name})
	inputs := len(env.Inputs)
	written := CSVOptions{Comma: ',', Encoding: EncUTF8} // as gocsv writes it: nothing to sniff
	DecodeCSV(builtin.Name, builtin.Facilities, written, env, sink)
	DecodeCSV(builtin.Name, builtin.Projects, written, env, sink)
	env.Inputs = env.Inputs[:inputs]
	return nil
}

func decodeFile(name string, data []byte, opts Options, env *Env, sink Sink) {
	format := opts.InputFormat
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".yaml" || ext == ".yml":
		format = "yaml"
	case ext == ".xlsx":
		format = "xlsx"
	case ext == ".tsv" && opts.CSV.Comma == 0:
		opts.CSV.Comma = '\t'
		format = "csv"
	case ext == ".csv" || ext == ".tsv":
		format = "csv"
	}
	decodeAs(format, name, data, opts, env, sink)
}

func decodeAs(format, name string, data []byte, opts Options, env *Env, sink Sink) {
	switch format {
	case "yaml":
		decodeYAML(name, data, opts.CSV.Encoding, env, sink)
	case "xlsx":
		decodeXLSX(name, data, opts.Map, env, sink)
	default:
		decodeCSV(name, data, opts.CSV, opts.Map, env, sink)
	}
}

// SniffFormat tells what a stream holds: a zip archive is a workbook, a
// YAML dataset starts with a comment, "---" or one of its top-level keys,
// anything else is CSV.
func SniffFormat(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return "xlsx"
	}
	text := bytes.TrimPrefix(data, utf8BOM)
	for len(text) > 0 {
		var line []byte
		// a line ends at LF, CRLF or CR alone («CSV (Macintosh)»)
		if i := bytes.IndexAny(text, "\r\n"); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, nil
		}
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0:
			continue
		case line[0] == '#' || bytes.Equal(line, []byte("---")):
			return "yaml"
		}
		for _, key := range []string{"dataset:", "facilities:", "projects:"} {
			if bytes.HasPrefix(line, []byte(key)) {
				return "yaml"
			}
		}
		return "csv"
	}
	return "csv"
}

// expand turns directories into the data files in them, sorted by name.
func expand(paths []string) ([]string, error) {
	files, _, err := expandAll(paths)
	return files, err
}

// skippedEntry is an entry of a directory that is not a regular file: a
// FIFO (reading it would wait for a writer), a device (a link to
// /dev/zero would fill memory), a socket, or a link to one of them.
type skippedEntry struct {
	path string
	kind any // a message argument
}

// expandAll is expand that also lists what it skipped in directories.
// Paths named on the command line are read whatever they are, so that a
// pipe (<(…)) works; their size is bounded when they are read.
func expandAll(paths []string) ([]string, []skippedEntry, error) {
	var out []string
	var skipped []skippedEntry
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, cannotRead(p, err)
		}
		if !st.IsDir() {
			if !slices.Contains(Extensions, strings.ToLower(filepath.Ext(p))) {
				return nil, nil, diag.Errorf(nil, "err.unknown_file_type", p, strings.Join(Extensions, ", "))
			}
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, cannotRead(p, err)
		}
		var found []string
		for _, e := range entries {
			if e.IsDir() || !slices.Contains(Extensions, strings.ToLower(filepath.Ext(e.Name()))) {
				continue
			}
			path := filepath.Join(p, e.Name())
			if kind := irregular(path, e.Type()); kind != nil {
				skipped = append(skipped, skippedEntry{path, kind})
				continue
			}
			found = append(found, path)
		}
		if len(found) == 0 {
			return nil, nil, diag.Errorf(nil, "err.no_data_files", p, strings.Join(Extensions, ", "))
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, skipped, nil
}

// irregular says what a directory entry is when it is not a regular file
// (following a symbolic link), as a message argument; nil when it is one.
func irregular(path string, typ fs.FileMode) any {
	if typ&fs.ModeSymlink != 0 {
		st, err := os.Stat(path)
		if err != nil {
			return diag.Text{ID: "problem.kind.dangling"}
		}
		if st.Mode().IsRegular() {
			return nil
		}
		return diag.Text{ID: "problem.kind.link", Args: []any{kindOf(st.Mode().Type())}}
	}
	if typ.IsRegular() {
		return nil
	}
	return kindOf(typ)
}

func kindOf(typ fs.FileMode) diag.Text {
	switch {
	case typ.IsDir():
		return diag.Text{ID: "problem.kind.dir"}
	case typ&fs.ModeNamedPipe != 0:
		return diag.Text{ID: "problem.kind.fifo"}
	case typ&fs.ModeSocket != 0:
		return diag.Text{ID: "problem.kind.socket"}
	case typ&fs.ModeDevice != 0:
		return diag.Text{ID: "problem.kind.device"}
	}
	return diag.Text{ID: "problem.kind.other"}
}

// maxFileBytes bounds a file the holding path reads into memory (its
// records take several times more): past it the file is refused, not
// read to a fatal out-of-memory (stdin from /dev/zero). The aggregate
// commands stream larger CSV files without this bound. A variable for
// tests.
var maxFileBytes int64 = 512 << 20

var errTooLarge = errors.New("too large")

// readBounded reads all of r, up to maxFileBytes.
func readBounded(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err == nil && int64(len(data)) > maxFileBytes {
		return nil, errTooLarge
	}
	return data, err
}

// readFile reads a named file, up to maxFileBytes: a regular file's size
// is checked first, a pipe's as it is read.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > maxFileBytes {
		return nil, errTooLarge
	}
	return readBounded(f)
}

// tooLarge reports a file past maxFileBytes; nothing of it is read.
func tooLarge(file string, env *Env) {
	env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file}, Severity: diag.Error, Rule: "limit-error"}, "file.too_large", maxFileBytes>>20, "parks summary"))
	env.FilesUnread++
}

// cannotRead is the error of a path that cannot be read, worded in the
// output language where it is printed.
func cannotRead(path string, err error) error {
	cause := unwrapPathError(err)
	return diag.Errorf(cause, "err.cannot_read", path, cause)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// collector gathers the records of every file for the rules that span
// records (rules.Checker, embedded), then keeps the usable ones.
type collector struct {
	rules.Checker
	l          *Loaded
	facilities []*parks.Facility
	projects   []*parks.Project
	metaSet    bool
	text       heldText
}

// newCollector collects into l, whose problem list the rules report to.
func newCollector(l *Loaded, headers map[string]rules.Header, absent rules.Absent) *collector {
	c := &collector{l: l}
	c.List, c.Headers, c.Absent = &l.Problems, headers, absent
	return c
}

func (c *collector) Meta(m parks.Meta, pos diag.Pos) {
	if !c.metaSet {
		c.l.Dataset.Meta, c.metaSet = m, true
	}
	if c.Metas == nil {
		c.Metas = map[string]parks.Meta{}
	}
	c.Metas[pos.File] = m
}

func (c *collector) Facility(f *parks.Facility, bad bool) {
	c.text.facility(f)
	c.facilities = append(c.facilities, f)
	c.Mark(f, bad)
}

func (c *collector) Project(p *parks.Project, bad bool) {
	c.text.project(p)
	c.projects = append(c.projects, p)
	c.Mark(p, bad)
}

// crossCheck applies the rules of the whole dataset, then keeps the
// records without an error in the dataset and counts the others. The
// records' positions (At) are dropped: every problem is said by then.
func (c *collector) crossCheck(today time.Time, env *Env) {
	c.Headers = env.headers
	c.CrossCheck(c.facilities, c.projects, today)
	c.l.Dataset.Facilities = slices.Grow(c.l.Dataset.Facilities, len(c.facilities)-countBad(c, c.facilities))
	c.l.Dataset.Projects = slices.Grow(c.l.Dataset.Projects, len(c.projects)-countBad(c, c.projects))
	for _, f := range c.facilities {
		f.At = nil
		if c.Bad(f) {
			c.l.RowsReported++
		} else {
			c.l.Dataset.Facilities = append(c.l.Dataset.Facilities, f)
		}
	}
	for _, p := range c.projects {
		p.At = nil
		if c.Bad(p) {
			c.l.RowsReported++
		} else {
			c.l.Dataset.Projects = append(c.l.Dataset.Projects, p)
		}
	}
}

// countBad counts the records of recs with an error.
func countBad[R any](c *collector, recs []R) int {
	n := 0
	for _, r := range recs {
		if c.Bad(r) {
			n++
		}
	}
	return n
}

// noRows warns about a file that held no record (rules.NoRows); rows
// read and errors added (errorsAdded) before it as counted when it was
// started. Errors are counted, not looked up in the list: a bounded list
// (Options.Keep) may have shrunk since. A file with an error of its own
// gets no warning, as one with rows.
func noRows(file string, env *Env, rowsBefore, errsBefore int) {
	rules.NoRows(env.Problems, env.headers, file, env.RowsIn > rowsBefore || errorsAdded(env.Problems) > errsBefore, nil)
}

// errorsAdded is how many errors a list was given so far, held or not.
func errorsAdded(l *diag.List) int {
	errs, _ := l.Added()
	return errs
}

// spoolStdin makes standard input a file a streaming load can read like
// any other (and read again): stdin itself when it is a regular file, else
// an unlinked temporary file it is copied to, read from its start. Memory
// stays flat whatever its size.
// spooled says which: the caller closes a temporary file. No file and no
// error: stdin cannot be made a file; it is read as it is.
func spoolStdin(in io.Reader) (f *os.File, spooled bool, err error) {
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if off, err := f.Seek(0, io.SeekCurrent); err == nil && off == 0 {
				return f, false, nil
			}
		}
	}
	tmp, err := os.CreateTemp("", "parks-stdin-*")
	if err != nil {
		return nil, false, nil // no temporary file: stdin is held
	}
	os.Remove(tmp.Name()) // unlinked: gone when closed, whatever happens
	n, err := io.Copy(tmp, io.LimitReader(in, maxSpoolBytes+1))
	if err != nil {
		tmp.Close()
		return nil, false, diag.Errorf(err, "err.cannot_read_stdin", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		tmp.Close()
		return nil, false, err
	}
	if n > maxSpoolBytes {
		return tmp, true, errTooLarge // past what is copied (stdin from /dev/zero)
	}
	return tmp, true, nil
}

// maxSpoolBytes bounds the copy of stdin a streaming load reads: far more
// than the holding path holds (maxFileBytes), not a full disk.
var maxSpoolBytes = 8 * maxFileBytes
