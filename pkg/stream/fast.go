package stream

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// fastChunk is the first try at a chunk of a streamed file: a decoder of
// the well-formed rows that nearly every row of a large file is. It cuts
// the fields straight out of the chunk's bytes (no string per cell), reads
// cells with the field types' ParsePlain, looks districts, sectors and
// sources up in caches that live as long as the worker, and folds each row
// at once.
//
// A row whose problems it knows how to word (a value a field type
// rejects, a district or sector not in the reference data, a row rule's
// finding, too few or too many cells) is worded here, as the exact path
// words it, and folded or left out as that path would. Anything else — a
// quote out of place, a blank line or id, a formula guard, a repeated id,
// a number whose reading depends on the separator — hands the row to the
// exact path (streamFile.exact: decode.CSVFile.Exact), which reads that
// record and words its problems into the same result; the fast path goes
// on after it. So what is printed never depends on which path read a row.
// TestStreamMatchesHolding and FuzzStreamMatchesHolding hold it to that.
type fastChunk struct {
	f     *streamFile
	comma byte
	// plain and quoted scan the text of unquoted and quoted cells
	plain, quoted scanner
	cols          []fastCol // by file column
	rec           parks.Facility
	full          bool        // with Each: every field of rec is read, not only those the fold needs
	env           *decode.Env // reference data, with this worker's caches
	today         time.Time
	// this worker's lookups; sources interns the source texts, which
	// provenance keeps
	districts textCache[districtHit]
	// districtNo numbers the districts this worker has seen; groups holds
	// each one's group in the current chunk's aggregate, when grouping by
	// district (byDistrict), nil until its first facility is folded; district
	// is the current row's (-1: none)
	districtNo map[*parks.District]int
	groups     []*parks.Group
	district   int
	byDistrict bool
	sectors    textCache[sectorHit]
	sources    textCache[string]
	// stops is the bitmap of the chunk's stops (stops.go) and stopBits
	// the current chunk's, nil when the scanners check the text themselves
	stops    stops
	stopBits []uint64
	// quotedSources: sources written with doubled quotes or CR LF, by
	// the cell as written
	quotedSources textCache[sourceHit]
	unescaped     []byte // a quoted cell without its doubled quotes
	digitsV       int64  // the value of the digits row passed in the current cell
	idHash        uint64
	unfiltered    bool
	// rowVotes are the decimal votes of the current row's cells (by file
	// column), voted the columns that have one
	rowVotes []parks.DecimalVote
	voted    []int
	// absent maps the provenance rules whose column the file's header
	// lacks (missing-source, missing-as-of) to that column: the exact path
	// gathers them into one warning at the header (rules.Checker.provenance),
	// so the fast path does too; "" when the rule is ignored
	absent map[string]string
	// rowsHint is the most rows a chunk has had, to size the next one's
	// id list at once
	rowsHint int

	// The current row, for wording its problems: the chunk's bytes, where
	// the row starts and its line (lazily counted: data[counted:] starts at
	// line), where each of its cells starts (its quote, if quoted), its id
	// as written (trimmed), the findings of its cells (an unknown district
	// or sector) and whether one is an error.
	data          []byte
	off           int64 // where data starts in its file
	rowStart      int
	line, counted int
	cellAt        []int
	id            []byte
	pending       []pendingFinding
	bad           bool
	// own are the current row's problems that the row code words before
	// its references' findings (a facility's, csvRows.row): the count of
	// its cells, then each cell its parser rejects, in column order
	own []ownProblem
	// counts are the cell-count problems, by the row's number of cells,
	// but for the value (their arguments shared by the problems: never
	// changed)
	counts map[int]rules.Finding
	// rowIDs are the ids of the chunk's rows with a problem worded, made
	// one string when the chunk is read (setRowIDs): idOf says which
	// problem's RowID is which part of it
	rowIDs []byte
	idOf   []idRef
	// colOf is the file column of each schema column (-1: none); list
	// applies --ignore and --strict to the problems the fast path words,
	// as the exact path's list does
	colOf []int
	list  diag.List
	// keep is the load's Keep when its list is not bounded: a problem
	// of a severity of which the chunk already holds keep on earlier rows
	// cannot be among the first keep of the load (it sorts after them),
	// so it is only counted (chunkResult.unkept), not worded. held counts
	// the chunk's problems by severity (at held[sev+1]) up to
	// res.Problems[counted].
	keep     int
	held     [3]int
	heldUpTo int

	// records is the exact path's row code for the rows handed over,
	// made on the first; text, ends and at are a handed row's cells (see
	// cut)
	records  *decode.Records
	text     []byte
	ends, at []int

	// project is set for a projects file (fastproj.go): what a project
	// row has beyond a facility's cells
	project *fastProject
}

// idRef is the RowID of problem res.Problems[problem]: rowIDs[from:to].
type idRef struct{ problem, from, to int }

// pendingFinding is a finding of a cell of the current row (file column
// col), worded once the row is taken.
type pendingFinding struct {
	f   *rules.Finding
	col int
}

// ownProblem is a problem of the current row's own (ownProblem): a cell
// its parser rejects, at the cell of file column col, or the count of the
// row's cells (col < 0), at the cell that starts at off in the chunk (an
// extra cell) or, with lineEnd, at the end of off's line (a short row:
// where its last cell starts).
type ownProblem struct {
	f       rules.Finding
	col     int
	off     int
	lineEnd bool
}

// fastCol is what the fast path does with one column of the file.
type fastCol struct {
	role     fastRole
	name     string // the schema column's
	required bool
	numeric  bool // counts, money, area: their cells vote on the decimal separator
	plain    parks.PlainParser
	digits   parks.DigitsParser // a whole number: its digits are read by row
	parser   parks.CellParser
	ctx      *parks.ParseContext
}

type fastRole uint8

const (
	fastSkip     fastRole = iota // a column parks does not know
	fastPlain                    // a number, enum or date: ParsePlain, else ParseCell
	fastID                       // hashed for the duplicate index
	fastText                     // free text: only a required one's blankness matters
	fastDistrict                 // resolved through the gazetteer
	fastSectors                  // resolved through the sector list
	fastSource                   // kept in the provenance
	fastFacility                 // a project's facility: joined (fastproj.go)
	fastSector                   // a project's sector: resolved through the sector list
)

// newFastChunk prepares the fast path for one worker and file, or returns
// nil when the file's layout rules it out (a delimiter that is not one
// byte, a required column missing from the header).
func newFastChunk(f *streamFile) *fastChunk {
	if f.comma <= 0 || f.comma >= utf8.RuneSelf || f.comma == '"' || f.comma == '\n' || f.comma == '\r' {
		return nil
	}
	s := parks.FacilitySchema
	if f.project {
		s = parks.ProjectSchema
	}
	fc := &fastChunk{
		f: f, comma: byte(f.comma), cols: make([]fastCol, len(f.cols)), rowVotes: make([]parks.DecimalVote, len(f.cols)),
		env:        &decode.Env{Reference: f.s.env.Fresh()},
		today:      f.s.opts.Today,
		full:       f.s.fold.each != nil,
		unfiltered: reflect.ValueOf(f.s.fold.Filter).IsZero(),
		colOf:      make([]int, len(s.Columns)),
		districtNo: map[*parks.District]int{},
		byDistrict: f.s.fold.By == parks.ByDistrict,
		list:       diag.List{Ignore: f.s.opts.Ignore, Strict: f.s.opts.Strict},
	}
	if f.s.fold.Problems == nil { // a sink is given every problem
		fc.keep = f.s.opts.Keep
	}
	for c := range fc.colOf {
		fc.colOf[c] = slices.Index(f.cols, c)
	}
	fc.cellAt = make([]int, 0, f.width)
	fc.plain = newScanner(fc.comma, '"', '\n', '\r')
	fc.quoted = newScanner('"', '\r')
	var parsers []parks.CellParser
	if f.project {
		fc.project = &fastProject{at: parks.Loc{Cells: make([]diag.Pos, len(s.Columns))}}
		parsers = s.CellParsers(&fc.project.rec)
	} else {
		parsers = s.CellParsers(&fc.rec)
	}
	present := make([]bool, len(s.Columns))
	for i, c := range f.cols {
		if c < 0 {
			continue
		}
		present[c] = true
		col := s.Columns[c]
		fcol := fastCol{name: col.Name, required: col.Required, numeric: f.numeric[i], parser: parsers[c], ctx: &f.csv.Contexts[i], role: fastText}
		switch col.Name {
		case "id":
			fcol.role = fastID
		case "district":
			fcol.role = fastDistrict
		case "sectors":
			fcol.role = fastSectors
		case "source":
			fcol.role = fastSource
		case "facility_id":
			fcol.role = fastFacility
		case "sector":
			fcol.role = fastSector
		default:
			if p, ok := parsers[c].(parks.PlainParser); ok {
				fcol.role, fcol.plain = fastPlain, p
				fcol.digits, _ = parsers[c].(parks.DigitsParser)
			}
		}
		fc.cols[i] = fcol
	}
	for c, col := range s.Columns {
		if col.Required && !present[c] {
			return nil // every row has a problem
		}
	}
	fc.absent = map[string]string{}
	for rule, column := range map[string]string{"missing-source": "source", "missing-as-of": "as_of"} {
		if !present[s.Col(column)] {
			if fc.absent[rule] = column; f.s.opts.Ignore[rule] {
				fc.absent[rule] = ""
			}
		}
	}
	return fc
}

// rebind makes d, the fast path of a file read before, read f, when f's
// header is laid out as that file's (the same delimiter, columns and
// width): its columns' roles and parsers are the same, and its caches
// hold what any file's rows look up. A directory of small files then
// pays for one fast path, not one a file (~100 KB of caches each).
func (d *fastChunk) rebind(f *streamFile) bool {
	old := d.f
	if d.project != nil || f.project || byte(f.comma) != d.comma || f.comma != old.comma || f.width != old.width ||
		!slices.Equal(f.cols, old.cols) || !slices.Equal(f.numeric, old.numeric) {
		return false
	}
	d.f, d.records = f, nil // the exact path's row code is the file's
	for i := range d.cols {
		if d.cols[i].ctx != nil {
			d.cols[i].ctx = &f.csv.Contexts[i]
		}
	}
	return true
}

// maxHandOvers is how many rows of a chunk that cut cannot cut the fast
// path hands to encoding/csv one by one before it hands over the rest of
// the chunk (such a row is nearly always a CSV syntax error or text that
// is not UTF-8, which make the load fall back).
const maxHandOvers = 32

// decode reads a chunk. A row that has or may have a problem is handed to
// the exact path (streamFile.exact), which reads that record and words its
// problems into the same result, in file order; the fast path goes on
// after it.
func (d *fastChunk) decode(c *chunk) *chunkResult {
	if w := d.f.s.word; w != nil && w.light {
		return d.wordRows(c)
	}
	data := c.data
	f := d.f
	res := f.newChunkResult(c)
	res.ambiguous, res.keys = f.ambiguousIn(data), f.idBuf(max(d.rowsHint, len(data)/256)+16)
	if len(data) <= math.MaxUint32 { // the rows' offsets fit a place (idRun.rows)
		offs, _ := f.rowBufs.get()
		if offs == nil {
			offs = make([]uint32, 0, cap(res.keys))
		}
		res.offs, res.off = offs[:0], c.off
	}
	d.data, d.line, d.counted, d.off = data, c.line, 0, c.off
	if haveStops {
		d.stopBits = d.stops.build(data, d.comma)
	}
	d.held, d.heldUpTo = [3]int{}, len(res.Problems)
	clear(d.groups) // of the last chunk's aggregate
	handOvers, uncut := 0, 0
	var fold decode.RowFunc
	for p := 0; p < len(data) && !res.Fallback; {
		if data[p] == '\n' || data[p] == '\r' {
			p = d.blankLines(data, p, res)
		}
		next, ok := d.row(data, p, res)
		if ok {
			p = next
			continue
		}
		d.discardVotes()
		handOvers++
		if rowStart, end, ok := d.cut(data, p); ok { // the row code reads the cells cut here
			if rowStart < len(data) {
				if fold == nil {
					fold = f.rowFunc(res)
				}
				if d.records == nil {
					d.records = f.csv.NewRecords()
				}
				blankFrom := d.lineAt(p)
				line := d.lineAt(rowStart)
				res.rowOff, res.rowLine = d.off+int64(rowStart), line // for its figures
				d.records.Record(data[rowStart:end], blankFrom, line, d.text, d.ends, d.at, &res.Rows, fold)
				res.rowOff = -1
			}
			p = end
			continue
		}
		line := d.lineAt(p)
		if uncut++; uncut > maxHandOvers {
			f.exact(data[p:], line, res, -1)
			break
		}
		end := recordEnd(data, p)
		if n := f.exact(data[p:end], line, res, 1); n != end-p && !res.Fallback {
			f.exact(data[p+n:], line+bytes.Count(data[p:p+n], []byte{'\n'}), res, -1) // not where the quotes said: read on exactly
			break
		}
		p = end
	}
	d.rowsHint = max(d.rowsHint, len(res.keys))
	res.fast, res.handOvers = handOvers == 0, handOvers
	d.data, d.stopBits = nil, nil
	d.setRowIDs(res)
	return res.done(f)
}

// blankLines passes the blank lines at p (LF or CR LF) when a record of
// a facility file follows them in the chunk, wording their warning as the
// exact path does before the record (decode.Records: blankRows); it
// returns where the record starts, or p when it words nothing (no blank
// line, a lone CR, nothing after them, a projects file): the exact path
// then reads them with the record.
func (d *fastChunk) blankLines(data []byte, p int, res *chunkResult) int {
	q := p
	for q < len(data) && (data[q] == '\n' || data[q] == '\r' && q+1 < len(data) && data[q+1] == '\n') {
		if data[q] == '\r' {
			q++
		}
		q++
	}
	if q == p || q == len(data) || d.project != nil {
		return p
	}
	if pr, ok := decode.BlankLines(d.f.name, d.lineAt(p), d.lineAt(q)); ok {
		d.countHeld(res)
		if !d.unkept(res, &rules.Finding{Rule: pr.Rule, Severity: pr.Severity}) {
			d.add(res, pr)
		}
	}
	return q
}

// setRowIDs gives the problems word worded their rows' ids: one string
// for the chunk, not one per row.
func (d *fastChunk) setRowIDs(res *chunkResult) {
	if len(d.idOf) > 0 {
		ids := string(d.rowIDs)
		for _, r := range d.idOf {
			res.Problems[r.problem].RowID = ids[r.from:r.to]
		}
	}
	d.rowIDs, d.idOf = d.rowIDs[:0], d.idOf[:0]
}

// cut cuts the record at p into cells as encoding/csv reads it, for the
// exact path's row code (decode.Records.Record): the blank lines before
// it are passed, rowStart is where it starts and end where the next
// starts (rowStart == end == len(data) when only blank lines are left);
// d.text holds its cells' text (quotes undone, a CR LF in a quoted cell
// made LF), d.ends where each ends in it, d.at where each starts from
// rowStart (its opening quote, if quoted). False when the record is not
// one encoding/csv reads without an error, or has text that is not UTF-8
// or a control character: encoding/csv and the checks of Exact read it.
func (d *fastChunk) cut(data []byte, p int) (rowStart, end int, ok bool) {
	for p < len(data) && (data[p] == '\n' || data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n') {
		if data[p] == '\r' {
			p++
		}
		p++
	}
	rowStart = p
	if p == len(data) {
		return p, p, true
	}
	d.text, d.ends, d.at = d.text[:0], d.ends[:0], d.at[:0]
	for {
		d.at = append(d.at, p-rowStart)
		if p < len(data) && data[p] == '"' {
			p++
		quoted:
			for {
				q, ok := d.scanQuoted(data, p)
				if !ok || q >= len(data) {
					return 0, 0, false // not UTF-8, or an unclosed quote
				}
				d.text = append(d.text, data[p:q]...)
				switch {
				case data[q] == '"' && q+1 < len(data) && data[q+1] == '"':
					d.text, p = append(d.text, '"'), q+2
				case data[q] == '"':
					p = q + 1
					break quoted
				case data[q] == '\r' && q+1 < len(data) && data[q+1] == '\n':
					d.text, p = append(d.text, '\n'), q+2
				case data[q] == '\r':
					d.text, p = append(d.text, '\r'), q+1
				default:
					return 0, 0, false // a control character
				}
			}
		} else {
			q, ok := d.scanPlain(data, p)
			if !ok {
				return 0, 0, false
			}
			d.text, p = append(d.text, data[p:q]...), q
		}
		d.ends = append(d.ends, len(d.text))
		switch {
		case p >= len(data):
			return rowStart, p, true
		case data[p] == d.comma:
			p++
		case data[p] == '\n':
			return rowStart, p + 1, true
		case data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n':
			return rowStart, p + 2, true
		default:
			return 0, 0, false // a bare quote, text after a closing quote, a lone carriage return, a control character
		}
	}
}

// lineAt is the line of the file where the byte at p of the chunk is, p
// at or after the last offset asked.
func (d *fastChunk) lineAt(p int) int {
	d.line += bytes.Count(d.data[d.counted:p], []byte{'\n'})
	d.counted = p
	return d.line
}

// cellPos is the position of the current row's cell in file column col
// as the exact path gives it (rowState.at): its line, and its column in
// characters from its line's start.
func (d *fastChunk) cellPos(col int) diag.Pos {
	start := d.rowStart
	if col >= 0 && col < len(d.cellAt) {
		start = d.cellAt[col]
	}
	return d.posAt(start)
}

// posAt is the position of offset start of the current row, as cellPos.
func (d *fastChunk) posAt(start int) diag.Pos {
	line := d.lineAt(d.rowStart)
	text := d.data[d.rowStart:start]
	if n := bytes.Count(text, []byte{'\n'}); n > 0 { // a quoted cell of several lines before it
		line += n
		text = text[bytes.LastIndexByte(text, '\n')+1:]
	}
	return diag.Pos{File: d.f.name, Line: line, Col: 1 + decode.CountRunes(text)}
}

// lineEndPos is the position just past the text of the line where offset
// start of the current row is (lineIndex.lineEnd: a CR before its line
// feed is not text).
func (d *fastChunk) lineEndPos(start int) diag.Pos {
	pos := d.posAt(start)
	from := d.rowStart + bytes.LastIndexByte(d.data[d.rowStart:start], '\n') + 1
	end := len(d.data)
	if i := bytes.IndexByte(d.data[start:], '\n'); i >= 0 {
		end = start + i
	}
	pos.Col = 1 + decode.CountRunes(bytes.TrimRight(d.data[from:end], "\r"))
	return pos
}

// ownPos is where an own problem of the current row is.
func (d *fastChunk) ownPos(o *ownProblem) diag.Pos {
	switch {
	case o.col >= 0:
		return d.cellPos(o.col)
	case o.lineEnd:
		return d.lineEndPos(o.off)
	}
	return d.posAt(o.off)
}

// row reads the row at p and folds it; it returns where the next row
// starts, or false when the row needs the exact path.
func (d *fastChunk) row(data []byte, p int, res *chunkResult) (int, bool) {
	if data[p] == '\n' || data[p] == '\r' {
		return 0, false // a blank line (a warning) or a lone carriage return
	}
	cols, comma := d.cols[:d.f.width], d.comma
	cellAt := d.cellAt[:len(cols)]
	d.rec = parks.Facility{Sectors: d.rec.Sectors[:0]}
	d.district = -1
	d.rowStart, d.pending, d.bad, d.own = p, d.pending[:0], false, d.own[:0]
	col := 0
	for ; ; col++ {
		if col == len(cols) { // more cells than the header has
			var ok bool
			if p, ok = d.extraCells(data, p, len(cols)); !ok {
				return 0, false
			}
			col--
			break
		}
		fc := &cols[col]
		cellAt[col] = p
		var cell []byte
		var v int64
		escaped, digits := false, false
		if p < len(data) && data[p] == '"' {
			start := p + 1
			for p = start; ; p++ {
				var ok bool
				if p, ok = d.scanQuoted(data, p); !ok || p >= len(data) {
					return 0, false // not UTF-8, or an unclosed quote (a syntax error)
				}
				if data[p] == '"' {
					if p+1 < len(data) && data[p+1] == '"' {
						escaped = true
						p++
						continue
					}
					break
				}
				if data[p] != '\r' {
					return 0, false // a control character
				}
				escaped = true // CR LF in a quoted cell is LF
			}
			cell, p = data[start:p], p+1
		} else {
			start := p
			if fc.numeric { // most numbers are digits only: read them as such
				for p < len(data) {
					c := data[p] - '0'
					if c >= 10 {
						break
					}
					v = v*10 + int64(c) // the cell's value when it has at most 18 digits
					p++
				}
				digits = p > start && (p == len(data) || data[p] == comma || data[p] == '\n' || data[p] == '\r')
			}
			if !digits {
				var ok bool
				if p, ok = d.scanPlain(data, p); !ok {
					return 0, false
				}
			}
			cell = data[start:p]
		}
		last := true
		switch {
		case p >= len(data):
		case data[p] == comma:
			p, last = p+1, false
		case data[p] == '\n':
			p++
		case data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n':
			p += 2
		default:
			return 0, false // a bare quote, text after a closing quote, a lone carriage return
		}
		switch {
		case digits && fc.digits != nil && len(cell) <= 18: // what cell does with it, without the call
			if !fc.digits.ParseDigits(v, fc.ctx) && fc.parser.ParseCell(string(cell), fc.ctx) != nil {
				return 0, false
			}
		case fc.role == fastSkip:
		default:
			d.digitsV = v
			if !d.cell(fc, col, cell, escaped, digits, res) {
				return 0, false
			}
		}
		if last {
			break
		}
	}
	d.cellAt = cellAt[:col+1]
	if col+1 < len(cols) { // a short row: missing-cell, at the end of its last cell's line
		if d.project != nil || d.f.csv.IDCol > col {
			return 0, false // the exact path reads it without an id (and blank, if it is)
		}
		d.countProblem(col+1, cellAt[col], true, nil)
	}
	if !d.finish(res) {
		return 0, false
	}
	return p, true
}

// extraCells reads the cells of the current row past the header's width
// (the first starts at p) to the record's end, and notes the row's
// extra-cell problem as the row code words it: at the first extra cell,
// with its text. It returns where the next record starts; false when the
// exact path must read the row (a projects file, a record encoding/csv
// would not read, text that is not UTF-8 or has a control character).
func (d *fastChunk) extraCells(data []byte, p, width int) (int, bool) {
	if d.project != nil {
		return 0, false
	}
	first, n := p, width
	var value []byte
	for {
		n++
		start, quoted, escaped := p, p < len(data) && data[p] == '"', false
		if quoted {
			for p++; ; p++ {
				var ok bool
				if p, ok = d.scanQuoted(data, p); !ok || p >= len(data) {
					return 0, false
				}
				if data[p] == '"' {
					if p+1 < len(data) && data[p+1] == '"' {
						escaped = true
						p++
						continue
					}
					break
				}
				if data[p] != '\r' {
					return 0, false // a control character
				}
				escaped = true
			}
			p++
		} else {
			var ok bool
			if p, ok = d.scanPlain(data, p); !ok {
				return 0, false
			}
		}
		if n == width+1 {
			value = data[start:p]
			if quoted { // as encoding/csv gives it: quotes undone
				value = value[1 : len(value)-1]
				if escaped {
					value = d.unescape(value)
				}
			}
		}
		switch {
		case p >= len(data):
		case data[p] == d.comma:
			p++
			continue
		case data[p] == '\n':
			p++
		case data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n':
			p += 2
		default:
			return 0, false // a bare quote, text after a closing quote, a lone carriage return
		}
		d.countProblem(n, first, false, value)
		return p, true
	}
}

// countProblem notes the current row's cell-count problem (n cells; see
// ownProblem for off and lineEnd): the first of its own, as the row code
// words it first.
func (d *fastChunk) countProblem(n, off int, lineEnd bool, value []byte) {
	f, ok := d.counts[n]
	if !ok {
		if d.counts == nil {
			d.counts = map[int]rules.Finding{}
		}
		f = decode.CellCount(n, d.f.width, "")
		d.counts[n] = f
	}
	if len(value) > 0 {
		f.Value = string(value)
	}
	d.own = slices.Insert(d.own, 0, ownProblem{f: f, col: -1, off: off, lineEnd: lineEnd})
	d.bad = true
}

// cellError notes a cell of the current row that its parser rejects (err)
// as the row code words it, for a facility; false for a project, whose
// row the exact path reads.
func (d *fastChunk) cellError(fc *fastCol, col int, cell string, err error) bool {
	if d.project != nil {
		return false
	}
	d.own = append(d.own, ownProblem{f: decode.CellFinding(fc.name, cell, err), col: col})
	d.bad = true
	return true
}

// cell reads one cell of the current row; false means the row has a
// problem (or may have one) and the chunk goes to the exact path. digits
// says the scan found the cell to be ASCII digits only.
func (d *fastChunk) cell(fc *fastCol, i int, b []byte, escaped, digits bool, res *chunkResult) bool {
	if fc.role == fastSkip {
		return true
	}
	if len(b) > decode.MaxCellBytes {
		return false
	}
	// Whether a cell is blank does not depend on its quotes: a doubled
	// quote is not space, and CR LF is as much space as LF. So free text
	// that is only checked for blankness, and the source, which is looked
	// up as written, are not unescaped.
	switch {
	case fc.role == fastText && !d.full:
		return !fc.required || !blank(b)
	case fc.role == fastSource:
		return d.source(fc, b, escaped)
	case escaped:
		b = d.unescape(b)
	}
	if fc.required && blank(b) {
		return false
	}
	switch fc.role {
	case fastText:
		fc.parser.ParseCell(string(b), fc.ctx) // Text: cannot fail
	case fastPlain:
		if fc.numeric && !digits && !decode.AllDigits(b) {
			if bytes.IndexByte(b, ',') >= 0 {
				return false // "1,234" depends on the file's separator
			}
			decode.VoteDecimal(&d.rowVotes[i], b) // counted when the row is folded
			d.voted = append(d.voted, i)
		}
		if digits && fc.digits != nil && len(b) <= 18 {
			if !fc.digits.ParseDigits(d.digitsV, fc.ctx) {
				return fc.parser.ParseCell(string(b), fc.ctx) == nil
			}
		} else if !fc.plain.ParsePlain(b, fc.ctx) {
			cell := string(b)
			if err := fc.parser.ParseCell(cell, fc.ctx); err != nil {
				return d.cellError(fc, i, cell, err)
			}
		}
	case fastID:
		id, ok := idCell(fc, b)
		if !ok {
			return false
		}
		d.id = append(d.id[:0], id...)
		if d.full {
			d.rec.ID = parks.ID(id)
		}
		d.idHash = maphash.Bytes(hashSeed, id)
	case fastFacility, fastSector:
		return d.project.cell(d, fc, i, b)
	case fastDistrict:
		name := trimSpace(b)
		if len(name) == 0 {
			break // no district to look up (required-value, if required, is the exact path's)
		}
		if name[0] == '\'' {
			return false // maybe a formula guard (parks.Unguard): the exact path reads it
		}
		if d.full {
			d.rec.District = parks.Text(name)
		}
		hit := d.districts.get(name, func(name string) districtHit {
			dist, unknown := rules.District(name, d.env.District, d.env.Gazetteer)
			n, ok := d.districtNo[dist]
			if !ok && unknown == nil {
				n = len(d.districtNo)
				d.districtNo[dist] = n
				d.groups = append(d.groups, nil)
			}
			return districtHit{dist, unknown, n}
		})
		if hit.unknown != nil { // an error: the row is reported
			// the exact path words the district before the sectors
			d.pending, d.bad = slices.Insert(d.pending, 0, pendingFinding{hit.unknown, i}), true
			break
		}
		d.rec.KATO, d.district = hit.dist.KATO, hit.n
	case fastSectors:
		for len(b) > 0 {
			var item []byte
			item, b, _ = bytes.Cut(b, []byte{'|'})
			if item = trimSpace(item); len(item) == 0 {
				continue
			}
			hit := d.sector(item)
			if hit.unknown != nil { // a warning; the name is kept as written
				d.pending = append(d.pending, pendingFinding{hit.unknown, i})
			}
			d.rec.Sectors = append(d.rec.Sectors, hit.code)
		}
	}
	return true
}

// source reads a source cell, through the worker's caches: of the texts
// of unquoted cells and of quoted ones with nothing to undo, and of quoted
// cells as written (with their doubled quotes or CR LF), whose texts are
// unescaped and trimmed once.
func (d *fastChunk) source(fc *fastCol, b []byte, escaped bool) bool {
	if fc.required && blank(b) {
		return false
	}
	var src string
	if escaped {
		hit := d.quotedSources.get(b, func(raw string) sourceHit {
			t := trimSpace(d.unescape([]byte(raw)))
			return sourceHit{string(t), len(t) > 0 && t[0] == '\''}
		})
		if hit.guard {
			return false // maybe a formula guard (parks.Unguard): the exact path reads it
		}
		src = hit.src
	} else {
		t := trimSpace(b)
		if len(t) == 0 {
			return true // blank: the row rules warn (missing-source)
		}
		if t[0] == '\'' {
			return false // maybe a formula guard (parks.Unguard): the exact path reads it
		}
		src = d.sources.get(t, func(s string) string { return s })
	}
	if src != "" {
		d.rec.Source = parks.Text(src)
	}
	return true
}

// sourceHit is a quoted source cell as written, read: its text, trimmed,
// and whether it may be a formula guard.
type sourceHit struct {
	src   string
	guard bool
}

// finish applies the row rules to the current row, words its problems as
// the exact path does (rowState.finishFacility, then the row rules'
// findings as rowSink.Facility and rules.Checker.Findings place them) and
// folds it, unless it has an error. A project row is finished by
// fastProject.finish.
func (d *fastChunk) finish(res *chunkResult) bool {
	if d.project != nil {
		return d.project.finish(d, res)
	}
	if d.f.s.holds(d.idHash, &d.rec) {
		return false // its id repeats: the exact path holds it
	}
	fs := rules.CheckFacility(&d.rec, d.today)
	bad := d.word(res, fs, parks.FacilitySchema) || d.bad
	d.rowRead(res)
	if d.f.s.recording {
		d.f.s.record(res, d.idHash, &d.rec, d.off+int64(d.rowStart), d.lineAt(d.rowStart))
	}
	if bad {
		res.reportBad(d.idHash)
	} else {
		var group **parks.Group
		if d.district >= 0 && d.byDistrict {
			group = &d.groups[d.district]
		}
		res.fold(&d.rec, &d.f.s.fold.Filter, d.unfiltered, group)
	}
	return true
}

// word words the current row's problems: its cells' findings (pending),
// then the row rules' findings fs at their cells (columns of schema s).
// True when a finding is an error.
func (d *fastChunk) word(res *chunkResult, fs []rules.Finding, s *parks.Schema) (bad bool) {
	if len(d.pending) == 0 && len(fs) == 0 && len(d.own) == 0 {
		return false
	}
	d.countHeld(res)
	// the RowIDs: the id as written, and without a formula guard
	// (parks.Unguard), set once the chunk is read (setRowIDs)
	from := len(d.rowIDs)
	d.rowIDs = append(d.rowIDs, d.id...)
	row := idRef{-1, from, len(d.rowIDs)}
	id := row
	id.from += len(d.id) - len(parks.Unguard(string(d.id))) // no string made: only its length is read

	for i := range d.own { // the row's own problems: its cells' count, its cells
		o := &d.own[i]
		if d.unkept(res, &o.f) {
			continue
		}
		f := &o.f
		d.addRow(res, diag.Problem{Pos: d.ownPos(o), Severity: f.Severity, Rule: f.Rule, Field: f.Column, Value: f.Value, ID: f.ID, Args: f.Args}, row)
	}
	for _, pf := range d.pending { // its references' findings
		f := pf.f
		if d.unkept(res, f) {
			continue
		}
		d.addRow(res, diag.Problem{Pos: d.cellPos(pf.col), Severity: f.Severity, Rule: f.Rule, Field: f.Column, Value: f.Value, ID: f.ID, Args: f.Args}, row)
	}
	for _, f := range fs {
		if column, absent := d.absent[f.Rule]; absent {
			if column != "" {
				if res.Absent == nil {
					res.Absent = decode.Absent{}
				}
				res.Absent.Note(d.f.name, f.Rule, column)
			}
			continue
		}
		if len(d.cellAt) < len(d.cols) || len(d.own) > 0 || len(d.pending) > 0 {
			if c := d.colOf[s.Col(f.Column)]; c >= len(d.cellAt) && (f.Rule == "missing-source" || f.Rule == "missing-as-of") ||
				d.cellErrorAt(f.Column, c) {
				continue // a short row's (missing-cell says so), or at a cell with an error of its own (rules.Checker)
			}
		}
		bad = bad || f.Severity == diag.Error
		if d.unkept(res, &f) {
			continue
		}
		p := diag.Problem{Pos: d.cellPos(d.colOf[s.Col(f.Column)]), Severity: f.Severity, Rule: f.Rule,
			Field: f.Column, Value: f.Value, ID: f.ID, Args: f.Args}
		d.addRow(res, p, id)
	}
	return bad
}

// cellErrorAt says whether the current row has a problem of its own at
// its cell of the column (file column col) that the list holds as an
// error: a finding there is left out (rules.Checker.CellErrors, given the
// row's problems as the list holds them: --ignore and --strict applied).
func (d *fastChunk) cellErrorAt(column string, col int) bool {
	held := func(f *rules.Finding) bool {
		return f.Column == column && !d.list.Ignore[f.Rule] && (f.Severity == diag.Error || d.list.Strict && f.Severity != diag.Info)
	}
	for i := range d.own {
		if d.own[i].col == col && col >= 0 && held(&d.own[i].f) {
			return true
		}
	}
	for _, pf := range d.pending {
		if pf.col == col && col >= 0 && held(pf.f) {
			return true
		}
	}
	return false
}

// countHeld counts the chunk's problems by severity up to the current row
// (see keep).
func (d *fastChunk) countHeld(res *chunkResult) {
	if d.keep > 0 {
		for _, p := range res.Problems[d.heldUpTo:] { // the rows' before this one
			d.held[p.Severity+1]++
		}
		d.heldUpTo = len(res.Problems)
	}
}

// rowRead counts the current row as read: its id's hash for the index,
// its cells' decimal votes.
func (d *fastChunk) rowRead(res *chunkResult) {
	res.RowsIn++
	res.keys = append(res.keys, d.idHash)
	if res.offs != nil {
		res.offs = append(res.offs, uint32(d.rowStart))
	}
	for _, i := range d.voted {
		res.Votes[i].Merge(d.rowVotes[i])
	}
	d.discardVotes()
}

// unkept counts a finding of the current row without wording it when it
// cannot be kept (see keep), or when its rule is ignored; false when it
// is to be worded.
func (d *fastChunk) unkept(res *chunkResult, f *rules.Finding) bool {
	if d.keep <= 0 {
		return false
	}
	if d.list.Ignore[f.Rule] {
		return true
	}
	sev := f.Severity
	if d.list.Strict && sev != diag.Info {
		sev = diag.Error
	}
	if d.held[sev+1] < d.keep {
		return false
	}
	for i := range res.unkept {
		if u := &res.unkept[i]; u.rule == f.Rule && u.sev == sev {
			u.n++
			return true
		}
	}
	res.unkept = append(res.unkept, unkeptCount{f.Rule, sev, 1})
	return true
}

// add adds a problem of the current row to the chunk's, through a list
// with the load's --ignore and --strict, as the exact path's list does.
func (d *fastChunk) add(res *chunkResult, p diag.Problem) {
	d.list.Problems = res.Problems
	d.list.Add(p)
	res.Problems, d.list.Problems = d.list.Problems, nil
}

// addRow is add of a problem whose RowID is id in rowIDs (setRowIDs).
func (d *fastChunk) addRow(res *chunkResult, p diag.Problem, id idRef) {
	n := len(res.Problems)
	d.add(res, p)
	if len(res.Problems) > n && id.to > id.from {
		id.problem = n
		d.idOf = append(d.idOf, id)
	}
}

// discardVotes forgets the decimal votes of the current row: they count
// once the row is folded, and a row handed to the exact path votes there.
func (d *fastChunk) discardVotes() {
	for _, i := range d.voted {
		d.rowVotes[i] = parks.DecimalVote{}
	}
	d.voted = d.voted[:0]
}

// idCell is an id cell's text, trimmed; false when the exact path must
// read it (a formula guard, a space inside).
func idCell(fc *fastCol, b []byte) ([]byte, bool) {
	id := trimSpace(b)
	if len(id) > 0 && id[0] == '\'' {
		return nil, false // maybe a formula guard (parks.Unguard): the exact path reads it
	}
	for _, c := range id {
		if c <= ' ' || c >= utf8.RuneSelf { // maybe a space: ID.ParseCell decides
			return id, fc.parser.ParseCell(string(id), fc.ctx) == nil
		}
	}
	return id, true
}

// sector is what a sector's name stands for, through the worker's cache.
func (d *fastChunk) sector(name []byte) sectorHit {
	return d.sectors.get(name, func(name string) sectorHit {
		code, unknown := rules.Sector(name, d.env.Sector)
		return sectorHit{code, unknown}
	})
}

// unescape is a quoted cell's text as encoding/csv gives it: a doubled
// quote is one quote, and a line break written CR LF is LF.
func (d *fastChunk) unescape(b []byte) []byte {
	out := d.unescaped[:0]
	for {
		i := 0
		for i < len(b) && b[i] != '"' && b[i] != '\r' {
			i++
		}
		out = append(out, b[:i]...)
		switch {
		case i == len(b):
			d.unescaped = out
			return out
		case i+1 < len(b) && (b[i] == '"' && b[i+1] == '"' || b[i] == '\r' && b[i+1] == '\n'):
			out = append(out, b[i+1]) // one quote; LF
			b = b[i+2:]
		default:
			out = append(out, b[i])
			b = b[i+1:]
		}
	}
}

// blank says whether a cell is empty or white space only; inlined for a
// cell that starts with printable ASCII or a character from U+00C0 to
// U+07FF, none of which is space (see notSpaceAt).
func blank(b []byte) bool {
	return (len(b) == 0 || b[0]-0x21 >= 0x5e && b[0]-0xc3 >= 0x1d) && len(trimSpace(b)) == 0
}

// trimSpace is bytes.TrimSpace, quick for a cell that starts and ends with
// a letter or digit: bytes.TrimSpace looks up the Unicode tables for a
// cell that starts with a Cyrillic letter.
func trimSpace(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	if notSpaceAt(b, false) && notSpaceAt(b, true) {
		return b
	}
	return bytes.TrimSpace(b)
}

// notSpaceAt reports whether b's first (or last) character is surely not
// white space: ASCII other than space and controls, or a two-byte
// character from U+00C0 (Unicode's white space below U+0800 is all in
// ASCII and U+0080..U+00BF). Anything else is left to bytes.TrimSpace.
func notSpaceAt(b []byte, last bool) bool {
	lead := b[0]
	if last {
		n := len(b)
		if b[n-1] < utf8.RuneSelf {
			return b[n-1] > ' '
		}
		if n < 2 || b[n-1]&0xc0 != 0x80 {
			return false
		}
		lead = b[n-2]
	} else if lead < utf8.RuneSelf {
		return lead > ' '
	}
	return lead >= 0xc3 && lead <= 0xdf
}

// scanner finds where the text of a cell stops, checking on the way that
// it is UTF-8 without control characters (what toUTF8 and controlCheck
// require of the whole file).
type scanner struct {
	// stop marks the bytes scan stops at: the given ones, control
	// characters other than tab and line feed, and the first byte of a
	// multi-byte character, which scan checks and passes
	stop [256]bool
	// eq has the stops from space up eight times over, for finding them
	// eight bytes at a time with the controls (tab and line feed among
	// them, which the byte loop then passes); a stop given once fills both
	eq [2]uint64
}

func newScanner(stops ...byte) scanner {
	var s scanner
	for b := range s.stop {
		s.stop[b] = b < 0x20 && b != '\t' && b != '\n' || b == 0x7f || b >= utf8.RuneSelf
	}
	for _, b := range stops {
		s.stop[b] = true
	}
	n := 0
	for _, b := range stops {
		if b >= 0x20 && b != 0x7f && n < len(s.eq) { // the others are caught as controls
			s.eq[n] = ones * uint64(b)
			n++
		}
	}
	for ; n > 0 && n < len(s.eq); n++ {
		s.eq[n] = s.eq[0]
	}
	return s
}

const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f

// zeroBytes has 0x80 in exactly the bytes of v that are zero ("Bit
// Twiddling Hacks": determine if a word has a zero byte, exact form).
func zeroBytes(v uint64) uint64 { return ^((v&lows + lows) | v | lows) }

// scan returns the offset of the first byte from p that is a stop byte
// and not part of a valid multi-byte character, or len(data); false when
// the text is not UTF-8. p is where a character starts.
//
// It reads eight bytes at a time: stops are found in the ASCII bytes, and
// the bytes before the first are passed when they are ASCII or two-byte
// characters (U+0080 to U+07FF: Cyrillic and Kazakh letters, «», №'s
// neighbours), so text of words and spaces in any of the file's languages
// is passed a word at a time; anything else (a character of three or four
// bytes, text that is not UTF-8) is left to the byte loop.
func (s *scanner) scan(data []byte, p int) (int, bool) {
	eq0, eq1 := s.eq[0], s.eq[1]
	for p+8 <= len(data) {
		x := binary.LittleEndian.Uint64(data[p : p+8])
		// the controls (below 0x20), DEL and the stop bytes among the
		// ASCII bytes: bit 7 of their byte is set in m, and of some bytes
		// after the first, which is all that is read of m (the borrow
		// of x-y into the byte after a zero one)
		c, q, del := x^eq0, x^eq1, x^ones*0x7f
		m := ((x-ones*0x20)&^x | (c-ones)&^c | (q-ones)&^q | (del-ones)&^del) & highs
		hi := x & highs
		if hi == 0 {
			if m == 0 {
				p += 8
				continue
			}
			p += bits.TrailingZeros64(m) / 8 // ASCII up to there
		} else {
			// bit 7 of each byte: a continuation byte (10xxxxxx), the
			// lead byte of a two-byte character (110xxxxx, not the
			// overlong C0 or C1), or bad: the lead of a longer one, a
			// continuation not after a lead, a lead not before one
			b6, b5 := x<<1&highs, x<<2&highs
			cont, lead := hi&^b6, hi&b6&^b5
			bad := hi&b6&b5 | lead&^((x&0x1e1e1e1e1e1e1e1e)+lows) | (cont ^ lead<<8) | m
			// passed: the bytes before the first bad one, less a lead
			// byte just before it (or at the end)
			n := bits.TrailingZeros64(bad|(bad>>8|1<<63)&lead) / 8
			p += n
			if n >= 7 {
				continue
			}
		}
		switch b := data[p]; {
		case b < utf8.RuneSelf:
			if s.stop[b] {
				return p, true
			}
			p++ // tab or line feed
		case b >= 0xc2 && b <= 0xdf && data[p+1]&0xc0 == 0x80: // p+1 < len(data): the word had a byte after
			p += 2
		default:
			return s.scanBytes(data, p)
		}
	}
	return s.scanBytes(data, p)
}

// scanBytes is scan a byte at a time, for the last bytes of data and
// for characters of three and four bytes and text that is not UTF-8.
func (s *scanner) scanBytes(data []byte, p int) (int, bool) {
	for p < len(data) {
		b := data[p]
		switch {
		case !s.stop[b]:
			p++
		case b >= 0xc2 && b <= 0xdf && p+1 < len(data) && data[p+1]&0xc0 == 0x80:
			p += 2
		case b >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(data[p:])
			if r == utf8.RuneError && size == 1 {
				return p, false
			}
			p += size
		default:
			return p, true
		}
	}
	return p, true
}

// textCache remembers what short texts, still in a file's bytes, stand
// for (a district, a sector, an interned source): a Go map of strings
// hashes every byte of the key, which cost more than all the numbers of a
// row. This is an open-addressing table keyed by a cheap hash of the
// length and the first and last eight bytes, compared in full; a text it
// does not hold is looked up the slow way and added while there is room.
type textCache[V any] struct {
	slots [textCacheSlots]textSlot[V]
}

type textSlot[V any] struct {
	key  string
	val  V
	used bool
}

const (
	textCacheBits  = 9
	textCacheSlots = 1 << textCacheBits
	textCacheProbe = 4 // slots tried for a key before giving up
)

func textHash(b []byte) uint64 {
	var first, last uint64
	if n := len(b); n >= 8 {
		first, last = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	} else {
		for i, c := range b {
			first |= uint64(c) << (8 * i)
		}
		last = first
	}
	return (first*0x9e3779b97f4a7c15 ^ last*0xc2b2ae3d27d4eb4f ^ uint64(len(b))) * 0x94d049bb133111eb
}

// get returns the value of key, calling miss (and remembering what it
// gives) when the cache does not hold it.
func (c *textCache[V]) get(key []byte, miss func(string) V) V {
	h := textHash(key) >> (64 - textCacheBits)
	for i := range uint64(textCacheProbe) {
		s := &c.slots[(h+i)&(textCacheSlots-1)]
		if !s.used {
			k := string(key)
			s.key, s.val, s.used = k, miss(k), true
			return s.val
		}
		if s.key == string(key) {
			return s.val
		}
	}
	return miss(string(key))
}

// sectorHit is what a sector's name stands for: its code (the name as
// written when unknown) and rules.Sector's warning when it is unknown.
type sectorHit struct {
	code    string
	unknown *rules.Finding
}

// districtHit is a district's name looked up: the district, or
// rules.District's error.
type districtHit struct {
	dist    *parks.District
	unknown *rules.Finding
	n       int // the district's number on this worker (fastChunk.groups)
}
