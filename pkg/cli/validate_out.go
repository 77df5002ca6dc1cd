package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
)

// problemWriter writes validate's problems in its output format as they
// come, whether a streaming load hands them on a chunk at a time in their
// final order (stream.ProblemSink) or the holding path's sorted list is
// given at once: both print the same bytes. --max-errors N bounds what is
// printed, N problems of each severity (errors, warnings, info notes);
// everything is still read and counted, and the summary says how many
// were not listed.
//
// A streaming load has the problems of each chunk rendered on the worker
// that decoded it (stream.ProblemRenderer: NewRender, AddRendered), so
// that the merger only appends bytes in order; the holding path's list is
// rendered here, by the same code.
//
// What is written goes to a spool (memory, then an unlinked temporary
// file) and is copied to the output when the load is done: a streaming
// load may start again (a repeat pass, or the holding path) and take back
// what it handed on, and the JSON document starts with the counts. Memory
// stays flat whatever the number of problems. Text and GitHub output to a
// regular file that nothing else writes to skips the copy: the spool
// writes to the output itself and takes it back by truncating it
// (directOut).
type problemWriter struct {
	format string
	lang   i18n.Lang
	max    int // --max-errors; 0: no bound
	spool  spool
	// printed counts the problems written, by severity (Severity+1);
	// notListed those --max-errors left out
	printed   [3]int
	notListed int
	// full: --max-errors problems of a severity are printed; renderers on
	// other goroutines then leave that severity's problems unrendered
	full [3]atomic.Bool
	// first are the first problems written, for a job summary
	first []diag.Problem
	// onReset, when set, is called by Reset (validate lifts its soft
	// memory limit)
	onReset func()
	render  problemRender // for Add
	buf     []byte        // a rendered problem
	// finished: finish wrote the output
	finished bool
	// done and total: the bytes of input merged and in all when the
	// problems printed were printedAt (progress, for guessHead)
	done, total int64
	printedAt   [3]int
}

func newProblemWriter(format string, lang i18n.Lang, maxErrors int) *problemWriter {
	return &problemWriter{format: format, lang: lang, max: maxErrors, render: problemRender{format: format, lang: lang}}
}

// Add writes problems, in order (stream.ProblemSink).
func (w *problemWriter) Add(problems []diag.Problem) error {
	for _, p := range problems {
		if !w.take(p) {
			continue
		}
		w.buf = w.render.append(w.buf[:0], &p)
		if err := w.write(w.buf); err != nil {
			return err
		}
	}
	return nil
}

// NewRender returns a renderer of problems in the output format, for one
// goroutine (stream.ProblemRenderer).
func (w *problemWriter) NewRender() func(dst []byte, p *diag.Problem) []byte {
	r := &problemRender{format: w.format, lang: w.lang}
	return func(dst []byte, p *diag.Problem) []byte {
		if w.max > 0 && w.full[p.Severity+1].Load() {
			return dst // not printed (take): the default --max-errors 1000 of 1M warnings renders 1000
		}
		return r.append(dst, p)
	}
}

// AddRendered writes problems that NewRender's renderers rendered, in
// order: problems[i] is text[ends[i-1]:ends[i]] (stream.ProblemRenderer).
// Runs of problems that are all printed are written at once.
func (w *problemWriter) AddRendered(problems []diag.Problem, text []byte, ends []int) error {
	if w.max == 0 && len(w.first) == stepSummaryRows && len(ends) > 0 { // all printed, none kept
		for i := range problems {
			w.printed[problems[i].Severity+1]++
		}
		return w.write(text[:ends[len(ends)-1]])
	}
	from, to := 0, 0 // the run of text to write
	for i, p := range problems {
		if !w.take(p) {
			if err := w.write(text[from:to]); err != nil {
				return err
			}
			from = ends[i]
		}
		to = ends[i]
	}
	return w.write(text[from:to])
}

// take counts a problem as printed, or as left out by --max-errors.
func (w *problemWriter) take(p diag.Problem) bool {
	i := int(p.Severity) + 1
	if w.max > 0 && w.printed[i] >= w.max {
		w.notListed++
		return false
	}
	if len(w.first) < stepSummaryRows {
		w.first = append(w.first, p)
	}
	w.printed[i]++
	if w.printed[i] == w.max {
		w.full[i].Store(true)
	}
	return true
}

// write spools rendered problems; the JSON array's first element loses
// the comma every element is rendered with.
func (w *problemWriter) write(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if w.format == "json" && !w.spool.used() {
		b = b[1:]
	}
	_, err := w.spool.Write(b)
	return err
}

// Reset forgets what was written (stream.ProblemSink).
func (w *problemWriter) Reset() {
	if w.onReset != nil {
		w.onReset()
	}
	w.spool.reset()
	w.printed, w.notListed, w.first = [3]int{}, 0, nil
	for i := range w.full {
		w.full[i].Store(false)
	}
}

// listed is how many problems were written.
func (w *problemWriter) listed() int { return w.printed[0] + w.printed[1] + w.printed[2] }

// problemRender renders problems in an output format. It keeps scratch
// space: one per goroutine.
type problemRender struct {
	format string
	lang   i18n.Lang
	// words words problems in the output language (text) or in English
	// (machine formats)
	words i18n.Wording
	msg   []byte // a message, to escape
	// file and fileText: the last file named, and it as the format writes
	// it (a JSON string, a workflow command's property)
	file     string
	fileText []byte
	// the last texts of these JSON properties, quoted: a file's problems
	// mostly repeat them (jsonCache)
	rule, field, value jsonCache
	// the last message (message): its id and arguments, and msg was
	// worded from them; tail is it as the format writes it (text: with the
	// severity and rule of tailSeverity and tailRule, to the line's end)
	msgID        string
	msgArgs      []any
	msgKnown     bool
	tail         []byte
	tailSeverity diag.Severity
	tailRule     string
}

// jsonCache is the last string quoted as a JSON string.
type jsonCache struct {
	s      string
	quoted []byte
}

// append appends s quoted (appendJSONString), quoting it only when it is
// not the last.
func (c *jsonCache) append(b []byte, s string) []byte {
	if s != c.s || c.quoted == nil {
		c.s, c.quoted = s, appendJSONString(c.quoted[:0], s)
	}
	return append(b, c.quoted...)
}

// text appends s as appendJSONText does (null for "").
func (c *jsonCache) text(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return c.append(b, s)
}

// append appends a problem as validate prints it in the format: a text
// line, a workflow command or a JSON element of the problems array (with
// the comma before it, which the writer drops for the first).
func (r *problemRender) append(b []byte, p *diag.Problem) []byte {
	if r.format == "text" { // i18n.Wording.AppendProblem and a line feed
		r.words.Lang = r.lang
		b = p.Pos.Append(b)
		if r.message(p) || r.tail == nil || p.Severity != r.tailSeverity || p.Rule != r.tailRule {
			r.tail = append(append(append(r.tail[:0], ": "...), p.Severity.String()...), ": "...)
			r.tail = append(append(append(append(r.tail, r.msg...), " ["...), p.Rule...), "]\n"...)
			r.tailSeverity, r.tailRule = p.Severity, p.Rule
		}
		return append(b, r.tail...)
	}
	r.words.Lang = i18n.EN // machine output: English, whatever --lang
	if r.file != p.Pos.File || r.fileText == nil {
		r.file = p.Pos.File
		if r.format == "json" {
			r.fileText = appendJSONString(r.fileText[:0], p.Pos.File)
		} else {
			r.fileText = appendGHProperty(r.fileText[:0], p.Pos.File)
		}
	}
	if r.message(p) || r.tail == nil { // the message as the format writes it
		if r.format == "json" {
			r.tail = appendJSONBytes(r.tail[:0], r.msg)
		} else {
			r.tail = appendGHEscaped(r.tail[:0], r.msg, &ghDataSpecial)
		}
	}
	if r.format == "json" {
		return r.appendJSON(append(b, ",\n    "...), p)
	}
	return appendGHLine(b, p, r.fileText, r.tail)
}

// message words a problem's message into r.msg, unless it is the last
// one's: the same id and arguments (of the kinds compared here: a file's
// problems mostly repeat a few messages). It says whether r.msg changed.
func (r *problemRender) message(p *diag.Problem) bool {
	if r.msgKnown && p.ID == r.msgID && sameArgs(p.Args, r.msgArgs) {
		return false
	}
	r.msg = r.words.AppendMessage(r.msg[:0], *p)
	clear(r.msgArgs)
	r.msgID, r.msgArgs, r.msgKnown = p.ID, append(r.msgArgs[:0], p.Args...), true
	return true
}

// sameArgs says whether a problem's arguments are those of another, of
// which they are strings and integers (any other word anew).
func sameArgs(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i, x := range a {
		switch x := x.(type) {
		case string:
			if y, ok := b[i].(string); !ok || x != y {
				return false
			}
		case int:
			if y, ok := b[i].(int); !ok || x != y {
				return false
			}
		case int64:
			if y, ok := b[i].(int64); !ok || x != y {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// appendJSONProblem appends a problem as json.MarshalIndent(viewProblem(p),
// "    ", "  ") writes it, the same bytes, without reflection or the view's
// pointers: validate writes one per row of a file. msg is its English
// message.
func appendJSONProblem(b []byte, p diag.Problem, msg []byte) []byte {
	return appendJSONElement(b, p, appendJSONString(nil, p.Pos.File), msg)
}

// appendJSONElement is appendJSONProblem given the file as a JSON string.
func appendJSONElement(b []byte, p diag.Problem, file, msg []byte) []byte {
	line, col := p.Pos.LineCol()
	b = append(append(b, "{\n      \"file\": "...), file...)
	b = append(b, ",\n      \"line\": "...)
	b = appendJSONInt(b, line)
	b = append(b, ",\n      \"column\": "...)
	b = appendJSONInt(b, col)
	b = append(b, ",\n      \"severity\": "...)
	b = appendJSONString(b, p.Severity.String())
	b = append(b, ",\n      \"rule\": "...)
	b = appendJSONString(b, p.Rule)
	b = append(b, ",\n      \"message\": "...)
	b = appendJSONBytes(b, msg)
	b = append(b, ",\n      \"field\": "...)
	b = appendJSONText(b, p.Field)
	b = append(b, ",\n      \"value\": "...)
	b = appendJSONText(b, p.Value)
	b = append(b, ",\n      \"row_id\": "...)
	b = appendJSONText(b, p.RowID)
	b = append(b, ",\n      \"cell\": "...)
	b = appendJSONText(b, p.Pos.Cell)
	return append(b, "\n    }"...)
}

// appendJSON is appendJSONElement of a problem with its message quoted in
// r.tail, its texts quoted once for the problems after that repeat them.
func (r *problemRender) appendJSON(b []byte, p *diag.Problem) []byte {
	line, col := p.Pos.LineCol()
	b = append(append(b, "{\n      \"file\": "...), r.fileText...)
	b = append(b, ",\n      \"line\": "...)
	b = appendJSONInt(b, line)
	b = append(b, ",\n      \"column\": "...)
	b = appendJSONInt(b, col)
	b = append(b, ",\n      \"severity\": "...)
	b = append(b, jsonSeverity(p.Severity)...)
	b = append(b, ",\n      \"rule\": "...)
	b = r.rule.append(b, p.Rule)
	b = append(b, ",\n      \"message\": "...)
	b = append(b, r.tail...)
	b = append(b, ",\n      \"field\": "...)
	b = r.field.text(b, p.Field)
	b = append(b, ",\n      \"value\": "...)
	b = r.value.text(b, p.Value)
	b = append(b, ",\n      \"row_id\": "...)
	b = appendJSONText(b, p.RowID)
	b = append(b, ",\n      \"cell\": "...)
	b = appendJSONText(b, p.Pos.Cell)
	return append(b, "\n    }"...)
}

// jsonSeverity is a severity as a JSON string.
func jsonSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return `"error"`
	case diag.Info:
		return `"info"`
	}
	return `"warning"` // as Severity.String
}

// appendJSONInt appends n, or null for 0 (view.NonZero).
func appendJSONInt(b []byte, n int) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	return diag.AppendInt(b, n)
}

// appendJSONText appends s, or null for "" (view.NonEmpty).
func appendJSONText(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONString appends s quoted as encoding/json quotes it: text
// without a character it escapes is copied, any other goes through
// json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	if plain, ascii := jsonPlain(s); !plain || !ascii && !utf8.ValidString(s) {
		q, _ := json.Marshal(s) // a string always marshals
		return append(b, q...)
	}
	return append(append(append(b, '"'), s...), '"')
}

// appendJSONBytes is appendJSONString of text in bytes.
func appendJSONBytes(b []byte, s []byte) []byte {
	if plain, ascii := jsonPlain(s); !plain || !ascii && !utf8.Valid(s) {
		q, _ := json.Marshal(string(s))
		return append(b, q...)
	}
	return append(append(append(b, '"'), s...), '"')
}

// jsonPlain says whether encoding/json writes s as it is, in quotes, if it
// is valid UTF-8: no control character, quote, backslash, <, >, &, U+2028
// or U+2029; and whether s is ASCII (valid UTF-8 then).
func jsonPlain[S string | []byte](s S) (plain, ascii bool) {
	var seen byte // the classes of the bytes seen
	for i := 0; i < len(s); i++ {
		c := s[i]
		k := jsonClass[c]
		if k == 0 {
			if c != 0xe2 || i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) { // U+2028, U+2029
				return false, false
			}
			k = 2
		}
		seen |= k
	}
	return true, seen&2 == 0
}

// jsonClass is 1 for the ASCII bytes encoding/json writes as they are, 2
// for the others it writes as they are, in valid UTF-8, and 0 for those it
// escapes and for 0xe2, which starts U+2028 and U+2029.
var jsonClass = func() (class [256]byte) {
	for c := range 256 {
		switch {
		case c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xe2:
		case c < utf8.RuneSelf:
			class[c] = 1
		default:
			class[c] = 2
		}
	}
	return class
}()

// finish writes the output: the JSON document around the problems, or
// the problems and the summary.
func (w *problemWriter) finish(out io.Writer, l *decode.Loaded) error {
	w.finished = true
	if w.format == "json" {
		return w.finishJSON(out, l)
	}
	if err := w.spool.copyTo(out); err != nil {
		return err
	}
	return writeValidateSummary(out, w.lang, l, w)
}

// finishJSON writes the machine report (docs/output.md), the bytes
// render.WriteJSON writes of the whole document; its shape never changes
// with the language.
func (w *problemWriter) finishJSON(out io.Writer, l *decode.Loaded) error {
	errs, warns := l.Problems.Count()
	head, err := jsonHead(errs, warns+l.Problems.DroppedWarnings, l.Files, w.notListed > 0 || l.Problems.Stopped, w.max)
	if err != nil {
		return err
	}
	if w.listed() == 0 {
		head = append(head, jsonEmpty+"\n"...)
		_, err := out.Write(head)
		return err
	}
	head = append(head, '[')
	if w.spool.placing() {
		err = w.spool.place(head)
	} else if _, err = out.Write(head); err == nil {
		err = w.spool.copyTo(out)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, "\n  ]\n}\n")
	return err
}

const jsonEmpty = "[]\n}"

// jsonHead is the machine report (docs/output.md) up to its problems
// array, as render.WriteJSON writes it.
func jsonHead(errs, warns int, files []string, stopped bool, maxErrors int) ([]byte, error) {
	doc := view.ValidateDoc{
		SchemaVersion: render.SchemaVersion,
		Valid:         errs == 0,
		Errors:        errs,
		Warnings:      warns,
		Files:         append([]string{}, files...),
		StoppedEarly:  stopped,
		MaxErrors:     view.NonZero(maxErrors),
		Problems:      []view.Problem{},
	}
	head, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(head, []byte(jsonEmpty)) {
		return nil, fmt.Errorf("validate JSON: the document does not end with its problems")
	}
	return head[:len(head)-len(jsonEmpty)], nil
}

// progress records how much of the input a streaming load has merged,
// of how much, and the problems printed by then (stream.Fold.Progress).
func (w *problemWriter) progress(done, total int64) {
	w.done, w.total, w.printedAt = done, total, w.printed
}

// guessHead is a guess of the length of the JSON report before its
// problems (and the array's '['), for a direct spool (spool.head): the
// counts printed so far, or as many again in the rest of the input as in
// what is merged of it, and the file of the first problem. A guess is
// right unless the counts end near a power of ten or several files are
// read; a wrong one costs a move of what was written once the load ends.
func (w *problemWriter) guessHead() (int64, bool) {
	var files []string
	if len(w.first) > 0 && w.first[0].Pos.File != "" {
		files = []string{w.first[0].Pos.File}
	}
	errs, warns := w.printed[diag.Error+1], w.printed[diag.Warning+1]
	// with --max-errors the problems printed are bounded: a move costs little
	sure := w.max > 0
	if w.max == 0 && w.done > 0 && w.total > w.done { // as many again in the rest of the input
		scale := float64(w.total) / float64(w.done)
		errs = int(float64(w.printedAt[diag.Error+1]) * scale)
		warns = int(float64(w.printedAt[diag.Warning+1]) * scale)
		sure = true
	}
	head, err := jsonHead(errs, warns, files, w.notListed > 0, w.max)
	if err != nil {
		return 0, true
	}
	return int64(len(head)) + 1, sure
}

// close lets the spool's file go. A direct spool's output stays once
// finish has written the rest; a run that ends before takes it back, as
// a spool's output is never printed then.
func (w *problemWriter) close() {
	if w.finished {
		w.spool.direct, w.spool.file = nil, nil
	}
	w.spool.reset()
	if w.spool.reader != nil {
		w.spool.reader.Close()
	}
}

// viewProblem is a problem as the JSON report has it: English, whatever
// --lang, null where a position or detail is not known.
func viewProblem(p diag.Problem) view.Problem {
	line, col := p.Pos.LineCol()
	return view.Problem{
		File: p.Pos.File, Line: view.NonZero(line), Column: view.NonZero(col),
		Severity: p.Severity.String(), Rule: p.Rule,
		Message: i18n.ProblemMessage(i18n.EN, p), // machine output: English, whatever --lang
		Field:   view.NonEmpty(p.Field), Value: view.NonEmpty(p.Value), RowID: view.NonEmpty(p.RowID), Cell: view.NonEmpty(p.Pos.Cell),
	}
}

// appendGHLine appends a problem as a GitHub Actions workflow command, so
// that it shows as an annotation on its line of a pull request: file is
// its file as a property (appendGHProperty), msg its English message
// escaped as a command's data (appendGHEscaped with ghDataSpecial).
func appendGHLine(b []byte, p *diag.Problem, file, msg []byte) []byte {
	level := p.Severity.String()
	if p.Severity == diag.Info {
		level = "notice" // the workflow command of an info note
	}
	b = append(append(append(append(b, "::"...), level...), " file="...), file...)
	line, col := p.Pos.LineCol()
	if line > 0 {
		b = diag.AppendInt(append(b, ",line="...), line)
		if col > 0 {
			b = diag.AppendInt(append(b, ",col="...), col)
		}
	}
	b = appendGHProperty(append(b, ",title="...), p.Rule)
	return append(append(append(b, "::"...), msg...), '\n')
}

// appendGHProperty appends a workflow command's property value, escaped
// as the Actions runner expects (toolkit's escapeProperty).
func appendGHProperty[S string | []byte](b []byte, s S) []byte {
	return appendGHEscaped(b, s, &ghPropertySpecial)
}

// The characters a workflow command's message (toolkit's escapeData) and
// its property values (escapeProperty) escape.
var ghDataSpecial, ghPropertySpecial = byteSet("%\r\n"), byteSet("%\r\n:,")

func byteSet(chars string) (set [256]bool) {
	for i := range len(chars) {
		set[chars[i]] = true
	}
	return set
}

// appendGHEscaped appends s with the characters of special as %XX
// (toolkit's escapeData and escapeProperty; all are ASCII).
func appendGHEscaped[S string | []byte](b []byte, s S, special *[256]bool) []byte {
	const hex = "0123456789ABCDEF"
	from := 0 // what is not yet appended
	for i := 0; i < len(s); i++ {
		if c := s[i]; special[c] {
			b = append(append(b, s[from:i]...), '%', hex[c>>4], hex[c&15])
			from = i + 1
		}
	}
	return append(b, s[from:]...)
}

// spoolMemory is how much a spool holds in memory before it moves to a
// temporary file, in one write; spoolHeld how much a direct spool with a
// head may hold waiting for a better guess.
const spoolMemory, spoolHeld = 1 << 20, 4 << 20

// spool keeps output for later: in memory up to spoolMemory, the rest in
// an unlinked temporary file (in memory when none can be made).
//
// A direct spool's file is the output itself (directOut: a regular file
// at its end, not appended to, not shared with standard error), from
// start: what it holds is written where it is to be read, and copyTo only
// writes what is left in memory. A reset takes the output back to start.
type spool struct {
	buf  bytes.Buffer
	file *os.File
	n    int64 // bytes written since the last reset
	// noFile: no temporary file could be made
	noFile bool
	// direct, when set, is the output the spool writes to (from start)
	direct *os.File
	start  int64
	// head, when set with direct (JSON), guesses the length of what is to
	// come before the spooled bytes, known only at the end (not sure: a
	// better guess may come, up to spoolHeld bytes later): the first bytes
	// are held in memory (held) and the rest written directly from
	// start+guess+len(held); place puts the head and held in front
	head  func() (guess int64, sure bool)
	held  []byte
	guess int64
	// reader reads the direct output (it may be open to write only)
	reader *os.File
	// err is a reset that could not take the output back: the spool
	// fails from then on
	err error
}

// used says whether anything was written since the last reset.
func (s *spool) used() bool { return s.n > 0 }

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.n += int64(len(p))
	if s.buf.Len()+len(p) < spoolMemory || !s.open() {
		s.buf.Write(p)
		return len(p), nil
	}
	if s.err != nil {
		return 0, s.err
	}
	// to the file: what the buffer holds, then p, unless it is small (a
	// chunk's problems are not copied twice)
	if s.buf.Len() > 0 {
		if err := s.spill(s.buf.Bytes()); err != nil {
			return 0, err
		}
		s.buf.Reset()
	}
	if len(p) < spoolMemory/4 {
		s.buf.Write(p)
		return len(p), nil
	}
	return len(p), s.spill(p)
}

// open makes the spool's temporary file, if it has none; false when none
// can be made (the output is then held in memory).
func (s *spool) open() bool {
	if s.file == nil && s.direct != nil {
		if s.head != nil { // the head goes in front at the end: leave it room
			guess, sure := s.head()
			if !sure && s.buf.Len() < spoolHeld {
				return false // in memory until the guess is better
			}
			s.held = append(s.held[:0], s.buf.Bytes()...)
			s.buf.Reset()
			s.guess = max(guess, 0)
			if _, err := s.direct.Seek(s.start+s.guess+int64(len(s.held)), io.SeekStart); err != nil {
				s.err = err
			}
		}
		s.file = s.direct
	}
	if s.file == nil {
		if s.noFile {
			return false
		}
		f, err := os.CreateTemp("", "parks-validate-*")
		if err != nil {
			s.noFile = true
			return false
		}
		os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
		s.file = f
	}
	return true
}

// spill writes to the spool's file.
func (s *spool) spill(p []byte) error {
	if _, err := s.file.Write(p); err != nil {
		if s.direct != nil {
			return err // the output's own error
		}
		return fmt.Errorf("cannot keep validate's output in a temporary file: %w", err)
	}
	return nil
}

// copyTo writes what the spool holds, in order: w is the output, a direct
// spool's file (its bytes are where they belong: only the memory's follow).
func (s *spool) copyTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	if s.file != nil && s.file != s.direct {
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, s.file); err != nil {
			return err
		}
	}
	_, err := w.Write(s.buf.Bytes())
	return err
}

// reset empties the spool; a direct spool's output is cut back to where
// it started.
func (s *spool) reset() {
	s.buf.Reset()
	switch {
	case s.file == nil:
	case s.file == s.direct:
		if s.n > 0 && s.err == nil {
			if _, err := s.direct.Seek(s.start, io.SeekStart); err != nil {
				s.err = err
			} else if err := s.direct.Truncate(s.start); err != nil {
				s.err = err
			}
		}
	default:
		s.file.Close()
	}
	s.file, s.n = nil, 0
	s.held, s.guess = s.held[:0], 0
}

// placing says whether the spool writes to a direct output and must have
// what comes before it put in front (place).
func (s *spool) placing() bool { return s.head != nil && s.file != nil && s.file == s.direct }

// place puts head in front of what a direct spool with head holds, at
// start: the bytes written to the output move to follow head and held
// when head's length was not the guess (shiftFile), and the output's
// position is left at their end.
func (s *spool) place(head []byte) error {
	if s.err != nil {
		return s.err
	}
	if s.buf.Len() > 0 {
		if err := s.spill(s.buf.Bytes()); err != nil {
			return err
		}
		s.buf.Reset()
	}
	end, err := s.direct.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	from := s.start + s.guess + int64(len(s.held))
	to := s.start + int64(len(head)) + int64(len(s.held))
	if to != from {
		if err := shiftFile(s.reader, s.direct, from, to, end-from); err != nil {
			return err
		}
		end += to - from
		if to < from {
			if err := s.direct.Truncate(end); err != nil {
				return err
			}
		}
		if _, err := s.direct.Seek(end, io.SeekStart); err != nil {
			return err
		}
	}
	if _, err := s.direct.WriteAt(head, s.start); err != nil {
		return err
	}
	_, err = s.direct.WriteAt(s.held, s.start+int64(len(head)))
	return err
}

// shiftFile moves n bytes of a file at from to to, a block at a time, in
// the order that reads every byte before it is overwritten; r reads the
// file, f writes it.
func shiftFile(r, f *os.File, from, to, n int64) error {
	buf := make([]byte, min(n, 1<<20))
	for done := int64(0); done < n; {
		k := min(int64(len(buf)), n-done)
		at := done // moving towards the start: from the first block
		if to > from {
			at = n - done - k // towards the end: from the last
		}
		if _, err := r.ReadAt(buf[:k], from+at); err != nil {
			return err
		}
		if _, err := f.WriteAt(buf[:k], to+at); err != nil {
			return err
		}
		done += k
	}
	return nil
}
