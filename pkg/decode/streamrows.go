package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"hash/maphash"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// This file is all that the streaming loader (package stream) sees of the
// loader: a streaming load's state (StreamLoad), the header of a facility
// CSV file (CSVFile), and the holding path's row code for a run of its
// rows (CSVFile.Exact), which words every problem. How the file is cut
// into chunks, read fast and merged is package stream's business.

// Streamer loads files while folding them, instead of holding every
// record (Options.Stream). It returns ErrFallback when the holding path
// must load the data; Load then does.
type Streamer interface {
	Stream(files []string, opts Options) (*Loaded, error)
}

// ErrFallback stops streaming: the holding path must load the data.
var ErrFallback = errors.New("fall back to the holding path")

// StreamLoad is the loader's state of a streaming load across its files:
// the result with its bounded problem list, reference data and counts.
type StreamLoad struct {
	Loaded *Loaded
	Env    *Env // reference data, rows read, inputs
	// Absent gathers the provenance rules whose column a file lacks.
	Absent Absent
	opts   Options
	// worded are the absent columns ReportAbsent worded already
	worded Absent
	// memo is the last header read (OpenCSV)
	memo headerMemo
}

// NewStreamLoad starts a streaming load of files.
func NewStreamLoad(files []string, opts Options) (*StreamLoad, error) {
	ref, err := LoadReference()
	if err != nil {
		return nil, err
	}
	l := newLoaded(opts)
	l.Files = files
	return &StreamLoad{Loaded: l, Env: &Env{Reference: ref, LoadState: LoadState{Problems: &l.Problems}}, Absent: Absent{}, opts: opts}, nil
}

// Options are the load's options.
func (s *StreamLoad) Options() Options { return s.opts }

// CSVFile is a CSV file of facilities or projects whose header has been
// read: what its rows are decoded with.
type CSVFile struct {
	Name   string
	Schema *parks.Schema // parks.FacilitySchema or parks.ProjectSchema
	Comma  rune
	// Cols is the schema column of each file column (-1: unknown), Width
	// the header's number of cells, Contexts each file column's
	// separators and scale, Numeric whether its cells vote on the decimal
	// separator, IDCol the file column of the id (-1: none).
	Cols     []int
	Width    int
	Contexts []parks.ParseContext
	Numeric  []bool
	IDCol    int
	// Body is the offset in the file's first bytes where the records
	// start, BodyLine its line.
	Body, BodyLine int
	// Ambiguous: the header may hold a number whose decimal separator
	// the file decides.
	Ambiguous bool

	s   *StreamLoad
	enc string
}

// OpenCSV reads the header of a CSV file from head, the file's first
// bytes (whole lines, or the whole file when whole). It returns nil and no
// error when the header's problems are reported and no row can be read,
// and ErrFallback when the file is not a UTF-8 CSV file of facilities or
// projects the stream can read.
func (s *StreamLoad) OpenCSV(name string, head []byte, whole bool) (*CSVFile, error) {
	if s.opts.Map != nil {
		return nil, ErrFallback // a mapping file: every file is read through layout
	}
	text := head // whole lines, for the header
	if !whole {
		cut := bytes.LastIndexByte(head, '\n')
		if cut < 0 {
			return nil, ErrFallback // a header longer than the block
		}
		text = head[:cut+1]
	}
	bom := 0
	if bytes.HasPrefix(head, utf8BOM) {
		bom = len(utf8BOM)
	}
	l, env := s.Loaded, s.Env
	if f := s.memo.open(name, text, whole, env); f != nil {
		return f, nil
	}
	before := len(l.Problems.Problems)
	unread, lost := env.ColumnsUnread, env.RowsLost
	h, ok := readCSVHeader(name, text, s.opts.CSV, env, nil, layoutIfNotCanonical)
	if ok && h.layout {
		return nil, ErrFallback // a report-shaped sheet: read whole, through layout
	}
	for _, p := range l.Problems.Problems[before:] {
		if p.Rule == "encoding-error" || p.Rule == "format-error" || p.Rule == "blank-header" {
			return nil, ErrFallback // the holding path reads the whole text
		}
	}
	if !ok {
		// the header says what is wrong and no record is read; the holding
		// path counts the rows left out in the whole file
		return nil, ErrFallback
	}
	if h.enc != EncUTF8 || h.rows.schema != parks.FacilitySchema && h.rows.schema != parks.ProjectSchema || h.crOnly {
		return nil, ErrFallback
	}
	bodyOff := int(h.r.InputOffset())
	if !whole && bodyOff >= len(h.data) {
		return nil, ErrFallback
	}
	d := h.rows
	numeric := make([]bool, len(d.cols))
	for i, c := range d.cols {
		if c >= 0 {
			t := d.schema.Columns[c].Type
			numeric[i] = t == "integer" || t == "number"
		}
	}
	ctx, _ := columnContexts(d.cols, h.scales, d.schema, nil)
	f := &CSVFile{
		Name: name, Schema: d.schema, Comma: h.comma, Cols: d.cols, Width: d.width, Contexts: ctx, Numeric: numeric, IDCol: -1,
		Body: bom + bodyOff, BodyLine: 1 + bytes.Count(h.data[:bodyOff], []byte{'\n'}),
		Ambiguous: mayBeAmbiguous(h.data[:bodyOff]),
		s:         s, enc: h.enc,
	}
	if idCol := d.schema.Col("id"); idCol >= 0 {
		f.IDCol = slices.Index(d.cols, idCol)
	}
	if len(l.Problems.Problems) == before && env.ColumnsUnread == unread && env.RowsLost == lost {
		s.memo.remember(text, f, s.opts.CSV.Comma, env)
	}
	return f, nil
}

// headerMemo is the last header OpenCSV read without a problem, by the
// file's first line: a file that starts with the same bytes has the same
// header, read the same way, when that line has no quote (the header is
// that line), the delimiter was said or the line alone decides it
// (sniffHeader), and the rest of the text is UTF-8 without control
// characters (toUTF8 reads it as it is). Such a file is opened without
// reading the header again: a directory of 10,000 small files has one
// header 10,000 times, and reading it cost about half of each file's time.
type headerMemo struct {
	line []byte   // the first line, with its line feed (and a BOM before it)
	f    *CSVFile // as read, Name aside
	cols map[int]bool
}

// remember keeps f, just read from text, when a file that starts as text
// does may be opened as f (see headerMemo).
func (m *headerMemo) remember(text []byte, f *CSVFile, comma rune, env *Env) {
	end := bytes.IndexByte(text, '\n')
	line := text[:end+1]
	bom := 0
	if bytes.HasPrefix(text, utf8BOM) {
		bom = len(utf8BOM)
	}
	if end < 0 || f.Body != end+1 || f.BodyLine != 2 || f.enc != EncUTF8 || end >= sniffBytes || bytes.IndexByte(line, '"') >= 0 {
		return
	}
	if _, ok := sniffHeader(line[bom:]); comma == 0 && !ok {
		return
	}
	h, ok := env.headers[f.Name]
	if !ok || h.Pos.Line != 1 || h.Pos.Col != 1 || h.Pos.Cell != "" {
		return
	}
	m.line = append(m.line[:0], line...)
	m.f, m.cols = f, h.Cols
}

// open is the file that starts as the remembered header's, nil when it
// does not or the rest of its text may not read as the remembered file's.
func (m *headerMemo) open(name string, text []byte, whole bool, env *Env) *CSVFile {
	if m.f == nil || !bytes.HasPrefix(text, m.line) || !whole && len(text) <= len(m.line) {
		return nil
	}
	rest := text[len(m.line):]
	if !utf8.Valid(rest) {
		return nil
	}
	for _, b := range rest {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
			return nil // toUTF8 says where
		}
	}
	f := *m.f
	f.Name = name
	f.Cols, f.Numeric, f.Contexts = slices.Clone(f.Cols), slices.Clone(f.Numeric), slices.Clone(f.Contexts)
	if env.headers == nil {
		env.headers = map[string]rules.Header{}
	}
	env.headers[name] = rules.Header{Pos: diag.Pos{File: name, Line: 1, Col: 1}, Cols: m.cols} // headerAt's, shared: nobody writes to it
	return &f
}

// Done records how the file was read, with the decimal separator its
// numbers voted for.
func (f *CSVFile) Done(dec parks.Decimal) {
	f.s.Env.Inputs = append(f.s.Env.Inputs, Input{File: f.Name, Format: "csv", Encoding: f.enc, Delimiter: f.Comma, Decimal: dec, Kind: f.Schema.Kind})
}

// EndFile warns about a file that held no record (rows and problems
// before it as counted when it was started).
func (s *StreamLoad) EndFile(name string, rowsBefore, problemsBefore int) {
	noRows(name, s.Env, rowsBefore, problemsBefore)
}

// Finish completes the load with the counts of used and reported rows:
// the warnings about absent columns, the counts, the problems sorted.
func (s *StreamLoad) Finish(used, reported int) *Loaded {
	l := s.Loaded
	s.ReportAbsent()
	l.Problems.Stopped = l.Problems.Stopped || l.Problems.Full()
	l.Inputs = s.Env.Inputs
	l.RowsIn = s.Env.RowsIn + s.Env.RowsLost
	l.RowsLost, l.FilesUnread, l.ColumnsUnread = s.Env.RowsLost, s.Env.FilesUnread, s.Env.ColumnsUnread
	l.RowsReported = reported + s.Env.RowsDropped + s.Env.RowsLost
	l.RowsUsed = used
	l.Problems.Sort()
	return l
}

// ReportAbsent words the warnings about absent columns gathered so far
// (Absent) that it has not worded yet. They go at a file's header, before
// its rows' problems: a load that hands its problems on as it reads
// (diag.List.Flush) words them as soon as they are known; Finish words
// the others.
func (s *StreamLoad) ReportAbsent() {
	fresh := s.Absent.Without(s.worded)
	if len(fresh) == 0 {
		return
	}
	(&rules.Checker{List: &s.Loaded.Problems, Headers: s.Env.headers, Absent: fresh}).ReportAbsent()
	if s.worded == nil {
		s.worded = Absent{}
	}
	s.worded.Merge(fresh)
}

// Absent gathers, per file, the provenance rules whose column the file's
// header lacks (rules.Absent).
type Absent = rules.Absent

// Rows is what the holding path's row code found in a run of rows.
type Rows struct {
	// Problems are the rows' problems, in file order.
	Problems []diag.Problem
	RowsIn   int
	Votes    []parks.DecimalVote // by file column
	Absent   Absent
	// Hold, when set, says which rows (with an id) Exact holds rather than
	// hands on: those whose id occurs more than once in the files (see
	// HeldRow). It is asked at the row's place in the file.
	Hold func(f *parks.Facility) bool
	// Held are the rows Hold held, in file order.
	Held []HeldRow
	// Join, for a projects file, says whether a facility with the id
	// exists in the dataset and whether it has an error (the first with
	// the id); Project receives each project the row code read, as
	// RowFunc a facility: joined when its facility was found.
	Join    func(facilityID parks.ID) (found, bad bool)
	Project func(p *parks.Project, usable, joined bool, rowKey uint64)
	// HoldProject, when set, says which project rows (with an id) Exact
	// holds rather than hands to Project: those whose id occurs more than
	// once in the projects files (see HeldProject). HeldProjects are the
	// rows it held, in file order.
	HoldProject  func(p *parks.Project) bool
	HeldProjects []HeldProject
	// Fallback: the rows have a problem that only the holding path can
	// word (a CSV syntax error, text that is not UTF-8 or has a control
	// character, a number whose reading depends on the file's separator).
	Fallback bool
}

// RowFunc receives each facility the row code read, in file order: usable
// unless it has an error; rowKey is a hash of the row's cells (equal rows
// have equal keys). The record is reused for the next row.
type RowFunc func(f *parks.Facility, usable bool, rowKey uint64)

// Exact decodes the rows of data, which starts at the given line of the
// file, with encoding/csv and the holding path's row code, into rows and
// fold: all of them when max < 0, else at most max. It returns how many
// bytes it read (up to the end of the last record read).
func (f *CSVFile) Exact(data []byte, line int, rows *Rows, max int, fold RowFunc) int {
	s := f.s
	col := newCollector(&Loaded{}, s.Env.headers, Absent{})
	col.l.Problems.Ignore, col.l.Problems.Strict = s.opts.Ignore, s.opts.Strict // not Keep: the streamer applies it
	env := &Env{Reference: s.Env.Fresh(), LoadState: LoadState{Problems: &col.l.Problems, headers: s.Env.headers}}
	sink := &rowSink{c: col, rows: rows, today: s.opts.Today, fold: fold, hold: rows.Hold, base: len(rows.Problems)}
	li := newLineIndex(data)
	li.base = line - 1
	d := &csvRows{file: f.Name, li: li, env: env, sink: sink, schema: f.Schema, cols: f.Cols, ctx: f.Contexts, width: f.Width,
		scratch: newScratch(f.Schema)}
	sink.row = &d.scratch.rs
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = f.Comma, -1, true
	prevEnd, prevLine := 0, 1
	var keys rowHasher
	for n := 0; n != max; n++ {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			prevEnd = len(data)
			break
		}
		if err != nil {
			rows.Fallback = true // reportCSVError words it, and stops the file there
			return len(data)
		}
		line, _ := r.FieldPos(0)
		blankRows(f.Name, prevLine+li.base, line+li.base, env)
		end := int(r.InputOffset())
		if text := data[prevEnd:end]; !utf8.Valid(text) || hasControl(text) {
			rows.Fallback = true // toUTF8 and controlCheck word it
			return len(data)
		}
		prevLine += bytes.Count(data[prevEnd:end], []byte{'\n'})
		prevEnd = end
		rows.voteRow(f.Numeric, record)
		sink.rowKey = keys.key(record) // the row's cells as the holding path compares them (duplicate-row)
		sink.recFrom = len(col.l.Problems.Problems)
		d.row(r, record)
	}
	rows.Problems = append(rows.Problems, col.l.Problems.Problems...)
	rows.RowsIn += env.RowsIn
	if rows.Absent == nil {
		rows.Absent = col.Absent
	} else {
		rows.Absent.Merge(col.Absent)
	}
	return prevEnd
}

// voteRow counts a row's numeric cells' votes on the decimal separator;
// a cell such as "1,234", whose reading depends on it, makes a streaming
// load fall back.
func (rows *Rows) voteRow(numeric []bool, record []string) {
	for i, cell := range record {
		if i < len(numeric) && numeric[i] && !AllDigits(cell) {
			if strings.IndexByte(cell, ',') >= 0 {
				rows.Fallback = true // "1,234" depends on the file's separator
			}
			VoteDecimal(&rows.Votes[i], cell)
		}
	}
}

var rowSeed = maphash.MakeSeed()

// Records is Exact for one record at a time that the caller has already
// cut into cells (the streamer's fast path, handing over a row with a
// problem): the same row code, with its set-up (lists, reference caches,
// scratch record) made once per worker and file instead of per call, and
// without encoding/csv reading the bytes again.
type Records struct {
	f     *CSVFile
	col   *collector
	env   *Env
	sink  *rowSink
	d     *csvRows
	li    lineIndex
	cells []string
	pos   cutPositions
	keys  rowHasher
}

// NewRecords prepares Records for one worker.
func (f *CSVFile) NewRecords() *Records {
	s := f.s
	x := &Records{f: f, col: newCollector(&Loaded{}, s.Env.headers, Absent{})}
	x.col.l.Problems.Ignore, x.col.l.Problems.Strict = s.opts.Ignore, s.opts.Strict
	x.env = &Env{Reference: s.Env.Fresh(), LoadState: LoadState{Problems: &x.col.l.Problems, headers: s.Env.headers}}
	x.sink = &rowSink{c: x.col, today: s.opts.Today}
	x.d = &csvRows{file: f.Name, li: &x.li, env: x.env, sink: x.sink, schema: f.Schema, cols: f.Cols, ctx: f.Contexts, width: f.Width,
		scratch: newScratch(f.Schema)}
	x.sink.row = &x.d.scratch.rs
	return x
}

// Record decodes one record into rows and fold, as Exact would: rec is
// its bytes, from the start of its first line (after blank lines before
// it, which start at line blankFrom; blankFrom == line when there are
// none) to past its line break; line is the line where rec starts. text
// is its cells' text as encoding/csv gives them (quotes undone), cell i
// ending at ends[i] and starting in rec at at[i] (its opening quote, if
// quoted). The caller has checked that rec is UTF-8 without control
// characters and a well-formed CSV record.
func (x *Records) Record(rec []byte, blankFrom, line int, text []byte, ends, at []int, rows *Rows, fold RowFunc) {
	f := x.f
	all := string(text) // one string for the record, as encoding/csv makes
	x.cells = x.cells[:0]
	from := 0
	for _, end := range ends {
		x.cells = append(x.cells, all[from:end])
		from = end
	}
	record := x.cells
	// rec's lines, as newLineIndex finds them; the fast path checked that
	// rec is UTF-8
	x.li.data, x.li.starts, x.li.base = rec, append(x.li.starts[:0], 0), line-1
	x.li.lastLine, x.li.valid = 0, true
	for off := 0; ; {
		i := bytes.IndexByte(rec[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		x.li.starts = append(x.li.starts, off)
	}
	x.pos.at, x.pos.li = at, &x.li
	list := &x.col.l.Problems
	x.sink.rows, x.sink.fold, x.sink.hold, x.sink.base = rows, fold, rows.Hold, len(rows.Problems)
	x.env.RowsIn = 0
	blankRows(f.Name, blankFrom, line, x.env)
	rows.voteRow(f.Numeric, record)
	x.sink.rowKey = x.keys.key(record)
	x.sink.recFrom = len(list.Problems)
	x.d.row(&x.pos, record)
	rows.Problems = append(rows.Problems, list.Problems...)
	clear(list.Problems)
	list.Problems = list.Problems[:0]
	rows.RowsIn += x.env.RowsIn
	if len(x.col.Absent) > 0 {
		if rows.Absent == nil {
			rows.Absent = Absent{}
		}
		rows.Absent.Merge(x.col.Absent)
		x.col.Absent = Absent{}
	}
}

// cutPositions are the positions of a cut record's cells, as encoding/csv
// gives them: the line in the record's bytes and the byte column in it.
type cutPositions struct {
	at []int
	li *lineIndex
}

func (c *cutPositions) FieldPos(i int) (line, col int) {
	if i < 0 || i >= len(c.at) {
		return 0, 0
	}
	off := c.at[i]
	line = c.li.lineOf(off)
	return line, off - c.li.starts[line-1] + 1
}

// rowSink does for the records of a run of rows what the collector does
// for all records: the record's own checks, then it hands them on.
type rowSink struct {
	c       *collector
	today   time.Time
	fold    RowFunc
	recFrom int       // problems before the current record
	row     *rowState // the decoder's state of the current record
	rowKey  uint64    // content of the current row when its id is blank
	rows    *Rows
	hold    func(*parks.Facility) bool
	// base is where this run's problems start in rows.Problems (the
	// streamer may have put problems of rows before it there)
	base int
}

func (k *rowSink) Meta(parks.Meta, diag.Pos) {}

// Project applies to a project what rules.CrossCheck applies once every
// facility is known (Rows.Join): its facility must exist, then its own
// rules, then its facility must be usable. A repeated project id is the
// streamer's to find (it falls back).
func (k *rowSink) Project(p *parks.Project, bad bool) {
	if k.rows.Join == nil {
		k.rows.Fallback = true // projects are checked against facilities
		return
	}
	k.c.Forget(p)
	k.c.Mark(p, bad)
	var h *HeldProject
	var absent Absent
	if p.ID != "" && k.rows.HoldProject != nil && k.rows.HoldProject(p) {
		// checked as the first with its id, its cross problems set apart
		k.row.resolveCells()
		h = &HeldProject{ID: p.ID, RowID: k.row.id, Key: k.rowKey, Pos: p.At.Row(), IDPos: p.At.Cell(parks.ProjectSchema.Col("id")),
			Problems: slices.Clone(k.c.l.Problems.Problems[k.recFrom:]), At: k.base + k.recFrom}
		absent = k.c.Absent
		k.c.Absent, k.c.Deferred = Absent{}, &h.Cross
	}
	found, facilityBad := true, false
	if p.FacilityID != "" {
		found, facilityBad = k.rows.Join(p.FacilityID)
	}
	var fs []rules.Finding
	if found {
		fs = rules.CheckProject(p, k.today)
	}
	if !found || facilityBad || len(fs) > 0 {
		k.row.resolveCells() // p.At.Cells: where the problems go
	}
	if !found {
		k.c.Problem(p, rules.NoFacility(p))
	} else {
		if len(fs) > 0 {
			k.c.CellErrors(k.c.l.Problems.Problems[k.recFrom:])
			k.c.Findings(p, fs, parks.ProjectSchema, p.At.Cols(), p.At.Row(), string(p.ID))
		}
		if facilityBad && !k.c.Bad(p) {
			k.c.Problem(p, rules.FacilityInvalid(p))
		}
	}
	usable := !k.c.Bad(p)
	k.c.Forget(p) // a new record each row: the mark would stay
	if h != nil {
		k.c.l.Problems.Problems = k.c.l.Problems.Problems[:k.recFrom] // the merger adds them, if the row is not a copy
		h.Absent, k.c.Absent, k.c.Deferred = k.c.Absent, absent, nil
		h.Usable, h.Joined = usable, found && p.FacilityID != ""
		h.Project = *p // its text copied: the row's may be reused
		h.Project.At = nil
		h.ID = parks.ID(strings.Clone(string(p.ID)))
		h.Project.ID, h.Project.FacilityID = h.ID, parks.ID(strings.Clone(string(p.FacilityID)))
		h.Project.Name, h.Project.Sector = parks.Text(strings.Clone(string(p.Name))), parks.Text(strings.Clone(string(p.Sector)))
		h.Project.Source, h.Project.Notes = parks.Text(strings.Clone(string(p.Source))), parks.Text(strings.Clone(string(p.Notes)))
		h.RowID = strings.Clone(h.RowID)
		k.rows.HeldProjects = append(k.rows.HeldProjects, *h)
		return
	}
	k.rows.Project(p, usable, found && p.FacilityID != "", k.rowKey)
}

func (k *rowSink) Facility(f *parks.Facility, bad bool) {
	k.c.Forget(f) // the decoder reuses one record for every row
	k.c.Mark(f, bad)
	if f.ID != "" && k.hold != nil && k.hold(f) {
		k.held(f)
		return
	}
	if f.ID != "" {
		if fs := rules.CheckFacility(f, k.today); len(fs) > 0 {
			k.row.resolveCells() // f.At.Cells is the row's cells: fill them in
			k.c.CellErrors(k.c.l.Problems.Problems[k.recFrom:])
			k.c.Findings(f, fs, parks.FacilitySchema, f.At.Cols(), f.At.Row(), string(f.ID))
		}
	}
	k.fold(f, !k.c.Bad(f), k.rowKey)
}

// hasControl is controlCheck's test, eight bytes at a time: in UTF-8 a
// control character is one byte below 0x20 (or 0x7f), never part of a
// longer character.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		// some byte is below 0x20, or is 0x7f
		if (x-ones*0x20)&^x&highs == 0 && ((x^ones*0x7f)-ones)&^(x^ones*0x7f)&highs == 0 {
			continue
		}
		for _, c := range b[i : i+8] {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return true
			}
		}
	}
	for _, c := range b[i:] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return true
		}
	}
	return false
}

// VoteDecimal is DecimalVote.Add with a fast path for the form of most
// areas, digits with one point ("176.7657"): a decimal point unless three
// digits follow it ("1.234" may be grouping), as DecimalOf decides.
func VoteDecimal[T string | []byte](v *parks.DecimalVote, cell T) {
	dot := -1
	for i := 0; i < len(cell); i++ {
		if cell[i] == '.' {
			dot = i
			break
		}
	}
	if dot > 0 && AllDigits(cell[:dot]) && AllDigits(cell[dot+1:]) {
		if len(cell)-dot-1 != 3 {
			v.Point++
		}
		return
	}
	v.Add(string(cell))
}

// AllDigits reports whether s is one or more ASCII digits.
func AllDigits[T string | []byte](s T) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// District is the gazetteer's district of a name as written (cached).
func (e *Env) District(name string) (*parks.District, bool) { return e.district(name) }

// Sector is the sector list's code of a name as written (cached), and
// whether it is known.
func (e *Env) Sector(name string) (string, bool) { return e.sector(name) }

// MayBeAmbiguous reports whether data may hold a number whose decimal
// separator the file decides ("1,234" or "1.234").
func MayBeAmbiguous(data []byte) bool { return mayBeAmbiguous(data) }

// HeldRow is a row whose id occurs more than once in the files: a repeat
// pass of the stream holds these few rows, and Repeats decides in file
// order, as the holding path does, whether each is the first with its id,
// an exact copy of an earlier row of its file (duplicate-row: nothing else
// is said of it) or another row with the id (unique-error, and the row
// rules are not applied).
type HeldRow struct {
	ID         parks.ID
	RowID      string // the id as written, which the row's problems name
	Key        uint64 // the row's cells
	Pos, IDPos diag.Pos
	// Problems are the row's own; Findings the row rules', said of a
	// first occurrence only, with the absent columns they note.
	Problems, Findings []diag.Problem
	Absent             Absent
	// Bad: the row has an error of its own; BadFindings: or the row rules
	// found one.
	Bad, BadFindings bool
	Facility         parks.Facility
	// At is where the row's problems go among the run's Rows.Problems.
	At int
}

// held keeps the current row, its problems and the row rules' findings
// for Repeats to decide on.
func (k *rowSink) held(f *parks.Facility) {
	list := &k.c.l.Problems
	k.row.resolveCells()
	h := HeldRow{ID: f.ID, RowID: k.row.id, Key: k.rowKey, Pos: f.At.Row(), IDPos: f.At.Cell(parks.FacilitySchema.Col("id")),
		Problems: slices.Clone(list.Problems[k.recFrom:]), Bad: k.c.Bad(f), At: k.base + k.recFrom}
	list.Problems = list.Problems[:k.recFrom] // the merger adds them, if the row is not a copy
	if fs := rules.CheckFacility(f, k.today); len(fs) > 0 {
		k.c.CellErrors(h.Problems)
		absent := k.c.Absent
		k.c.Absent, k.c.Deferred = Absent{}, &h.Findings
		k.c.Findings(f, fs, parks.FacilitySchema, f.At.Cols(), f.At.Row(), string(f.ID))
		h.Absent, k.c.Absent, k.c.Deferred = k.c.Absent, absent, nil
	}
	h.BadFindings = k.c.Bad(f)
	h.Facility = *f
	h.Facility.Sectors, h.Facility.At = slices.Clone(f.Sectors), &parks.Loc{Pos: f.At.Row(), Cells: slices.Clone(f.At.Cols())}
	k.rows.Held = append(k.rows.Held, h)
}

// HeldProject is a project row whose id occurs more than once in the
// projects files: a second pass over the projects holds these few rows,
// checked as if each were the first with its id, and Repeats decides in
// file order, as the holding path does, whether each is the first (its
// problems and figures count), an exact copy of an earlier row of its
// file (duplicate-row: nothing else is said of it) or another row with
// the id (its own problems and unique-error; it joins no facility).
type HeldProject struct {
	ID         parks.ID
	RowID      string
	Key        uint64 // the row's cells
	Pos, IDPos diag.Pos
	// Problems are the row's own; Cross those rules.CrossCheck says of
	// the first row with the id (a missing facility, the project's rules,
	// a facility with an error), with the absent columns they note.
	Problems, Cross []diag.Problem
	Absent          Absent
	// Usable and Joined are what Rows.Project is told of a first row.
	Usable, Joined bool
	Project        parks.Project
	// At is where the row's problems go among the run's Rows.Problems.
	At int
}

// Repeats decides what the held rows of a repeat pass are, given in file
// order (HeldRow, HeldProject).
type Repeats struct {
	first    map[parks.ID]diag.Pos     // id → the id cell of its first row
	projects map[parks.ID]diag.Pos     // the same for project ids
	rows     map[string]map[uint64]int // file → row's cells → its line
}

// ResolveProject is Resolve for a held project row: the problems to add
// at its place (own) and those CrossCheck adds (cross), whether it is the
// first with its id (used as Usable and Joined say) and whether it is
// dropped as an exact copy. It clears h.Absent unless the row is first.
func (r *Repeats) ResolveProject(h *HeldProject) (own, cross []diag.Problem, first, dropped bool) {
	if r.projects == nil {
		r.projects = map[parks.ID]diag.Pos{}
	}
	switch v, p := r.decide(r.projects, h.Pos, h.IDPos, h.Key, h.ID, h.RowID, "key.duplicate_project"); v {
	case copiedRow:
		h.Absent = nil
		return []diag.Problem{p}, nil, false, true
	case repeatedID:
		h.Absent = nil
		return h.Problems, []diag.Problem{p}, false, false
	}
	return h.Problems, h.Cross, true, false
}

// verdict is what a held row is to the rows before it.
type verdict uint8

const (
	firstWithID verdict = iota
	copiedRow           // an exact copy of an earlier row of its file
	repeatedID          // a later row with an id seen before
)

// decide is Resolve's and ResolveProject's one judgement: the row's
// verdict and, unless it is the first with its id (which it then notes
// in seen), the problem that says so — duplicate-row as csvRows.row words
// it, or unique-error (dupMsg) as rules.CrossCheck does.
func (r *Repeats) decide(seen map[parks.ID]diag.Pos, pos, idPos diag.Pos, key uint64, id parks.ID, rowID, dupMsg string) (verdict, diag.Problem) {
	if r.rows == nil {
		r.rows = map[string]map[uint64]int{}
	}
	file := r.rows[pos.File]
	if file == nil {
		file = map[uint64]int{}
		r.rows[pos.File] = file
	}
	if line, dup := file[key]; dup {
		return copiedRow, msg(diag.Problem{Pos: pos, Severity: diag.Error, Rule: "duplicate-row", RowID: rowID}, "csv.duplicate_row", itoa(line))
	}
	file[key] = pos.Line
	if firstAt, dup := seen[id]; dup {
		return repeatedID, diag.Problem{Pos: idPos, Severity: diag.Error, Rule: "unique-error",
			Field: "id", Value: string(id), RowID: string(id),
			ID: dupMsg, Args: []any{diag.Quote(string(id)), firstAt.String()}}
	}
	seen[id] = idPos
	return firstWithID, diag.Problem{}
}

// Has says whether a row with the id was decided on already.
func (r *Repeats) Has(id parks.ID) bool {
	_, ok := r.first[id]
	return ok
}

// Resolve decides what a held row is: the problems to add at the row's
// place (own) and those the holding path adds when it checks the whole
// dataset (cross: the row rules' findings, or unique-error), whether the
// row is used, and whether it is dropped as an exact copy (counted apart,
// as Env.RowsDropped). It clears h.Absent unless the row is the first with
// its id.
func (r *Repeats) Resolve(h *HeldRow) (own, cross []diag.Problem, usable, dropped bool) {
	if r.first == nil {
		r.first = map[parks.ID]diag.Pos{}
	}
	switch v, p := r.decide(r.first, h.Pos, h.IDPos, h.Key, h.ID, h.RowID, "key.duplicate_facility"); v {
	case copiedRow:
		h.Absent = nil
		return []diag.Problem{p}, nil, false, true
	case repeatedID:
		h.Absent = nil
		return h.Problems, []diag.Problem{p}, false, false
	}
	return h.Problems, h.Findings, !h.BadFindings, false
}
