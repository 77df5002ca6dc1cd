package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Fold asks Load to aggregate facilities while it reads them, instead of
// holding every record: the aggregate commands and validate need the
// totals and the problems, not the records. Large CSV files are then read
// in chunks, decoded on every core and merged in file order, so the output
// is the same bytes as the sequential path's.
//
// Loading falls back to the holding path (Load without Fold, then
// parks.Aggregate by the caller) whenever streaming could not give exactly
// the same result: projects (their checks join them to facilities), YAML
// and workbooks, stdin, grouping by sector or facility, a repeated id or
// row (the compact index only knows that two rows may be the same), a
// number whose reading depends on the file's decimal separator, a text
// that is not plain UTF-8, a CSV syntax error or a total that overflows.
// Loaded.Result is nil then. --max-errors, --ignore and --strict stream
// (see merge).
type Fold struct {
	By     parks.Dimension
	Filter parks.Filter
	// Workers decode chunks in parallel (0: GOMAXPROCS); ChunkSize is the
	// size of a chunk (0: 512 KiB). Workers 1 is the sequential path.
	Workers   int
	ChunkSize int
	// Progress, when set, is called after each chunk with the bytes read
	// and the total size of the files.
	Progress func(done, total int64)
}

// streamable says whether a load may stream; files are the expanded paths.
func streamable(files []string, opts Options) bool {
	f := opts.Fold
	if f == nil || f.By == parks.BySector || f.By == parks.ByFacility || !slices.Contains(parks.Dimensions, f.By) ||
		opts.InputFormat != "" {
		return false
	}
	for _, name := range files {
		if name == "-" || strings.ToLower(filepath.Ext(name)) != ".csv" {
			return false
		}
	}
	return len(files) > 0
}

// errFallback stops streaming: the holding path must load the data.
var errFallback = errors.New("fall back to the holding path")

// stream loads CSV files of facilities, folding them as they are read.
func stream(files []string, opts Options) (*Loaded, error) {
	gaz, sec, err := refdata.Reference()
	if err != nil {
		return nil, err
	}
	l := newLoaded(opts)
	l.Files = files
	s := &streamer{
		opts: opts, fold: opts.Fold, l: l,
		env:    &Env{Gazetteer: gaz, Sectors: sec, Problems: &l.Problems},
		res:    parks.NewResult(opts.Fold.By),
		ids:    &idIndex{},
		rows:   map[uint64]bool{},
		absent: map[absentKey]*absentColumn{},
	}
	defer s.ids.close()
	for _, name := range files {
		st, err := os.Stat(name)
		if err != nil {
			return nil, errFallback // Load words the error
		}
		s.total += st.Size()
	}
	for _, name := range files {
		if l.Problems.Full() {
			break // --max-errors: the holding path reads no further file either
		}
		rowsBefore, errsBefore := s.env.RowsIn, len(l.Problems.Problems)
		if err := s.file(name); err != nil {
			return nil, err
		}
		noRows(name, s.env, rowsBefore, errsBefore)
	}
	if !s.ids.unique(opts.Fold.Workers) {
		return nil, errFallback // the same id twice (or two ids with one hash)
	}
	if s.all.Overflow || s.res.Total.Overflow {
		return nil, errFallback // checkFacilityTotals says which facilities
	}
	s.addPending()
	c := &collector{l: l, headers: s.env.headers, absent: s.absent}
	c.reportAbsent()
	l.Problems.Stopped = l.Problems.Stopped || l.Problems.Full()
	l.Inputs = s.env.Inputs
	l.RowsIn = s.env.RowsIn
	l.RowsReported = s.reported + s.env.RowsDropped
	l.RowsUsed = s.used
	l.Problems.Sort()
	l.Result = s.res
	return l, nil
}

// streamer is the state of a streaming load that spans files: the index
// of ids seen, the aggregate and the counts.
type streamer struct {
	opts   Options
	fold   *Fold
	l      *Loaded
	env    *Env
	res    *parks.Result
	all    parks.Totals // every used facility, for overflow
	ids    *idIndex
	rows   map[uint64]bool // content of rows without an id
	absent map[absentKey]*absentColumn

	used, reported int
	done, total    int64
	// stopped: --max-errors was reached; the rest is only read for votes
	stopped bool
	// pending holds a bounded load's findings. The holding path adds them
	// after every row's own problems (collector.crossCheck), so they are
	// added at the end, in file order; only the first MaxErrors of each
	// severity can be kept, the others are counted.
	pending                   []diag.Problem
	pendingErrs, pendingWarns int
	droppedErrs, droppedWarns int
}

// firstBlock is how much of a file is read to find its header: at least
// what sniffDelimiter samples.
const firstBlock = 1 << 20

func (s *streamer) file(name string) error {
	fh, err := os.Open(name)
	if err != nil {
		return errFallback
	}
	defer fh.Close()
	head := make([]byte, firstBlock)
	n, err := io.ReadFull(fh, head)
	head = head[:n]
	whole := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
	if err != nil && !whole {
		return errFallback
	}
	text := head // whole lines, for the header
	if !whole {
		cut := bytes.LastIndexByte(head, '\n')
		if cut < 0 {
			return errFallback // a header longer than the block
		}
		text = head[:cut+1]
	}
	bom := 0
	if bytes.HasPrefix(head, utf8BOM) {
		bom = len(utf8BOM)
	}
	before := len(s.l.Problems.Problems)
	h, ok := readCSVHeader(name, text, s.opts.CSV, s.env, nil)
	for _, p := range s.l.Problems.Problems[before:] {
		if p.Rule == "encoding-error" || p.Rule == "format-error" || p.Rule == "blank-header" {
			return errFallback // the holding path reads the whole text
		}
	}
	if !ok {
		if h == nil && len(s.l.Problems.Problems) == before {
			return errFallback
		}
		return nil // the header says what is wrong; no record is read
	}
	if h.enc != EncUTF8 || h.rows.schema != parks.FacilitySchema || h.crOnly {
		return errFallback
	}
	bodyOff := int(h.r.InputOffset())
	if !whole && bodyOff >= len(h.data) {
		return errFallback
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
	f := &streamFile{
		s: s, name: name, comma: h.comma, cols: d.cols, ctx: ctx, width: d.width, numeric: numeric,
		ambiguous: mayBeAmbiguous(h.data[:bodyOff]),
		votes:     make([]parks.DecimalVote, len(d.cols)),
	}
	if idCol := d.schema.Col("id"); idCol >= 0 {
		f.idCol = slices.Index(d.cols, idCol)
	}
	startLine := 1 + bytes.Count(h.data[:bodyOff], []byte{'\n'})
	if err := f.chunks(fh, head[bom+bodyOff:], int64(len(head)), startLine); err != nil {
		return err
	}
	var file parks.DecimalVote
	for _, v := range f.votes {
		file.Merge(v)
	}
	dec := parks.DecimalUnknown
	if f.ambiguous {
		dec = file.Decimal()
	}
	s.env.Inputs = append(s.env.Inputs, Input{File: name, Format: "csv", Encoding: h.enc, Delimiter: h.comma, Decimal: dec, Kind: d.schema.Kind})
	return nil
}

// streamFile is one CSV file being streamed.
type streamFile struct {
	s         *streamer
	name      string
	comma     rune
	cols      []int
	ctx       []parks.ParseContext
	width     int
	idCol     int
	numeric   []bool
	ambiguous bool
	votes     []parks.DecimalVote
	// sawAmbiguous is set by the first chunk in which mayBeAmbiguous is true
	sawAmbiguous atomic.Bool
	// idBufs and results hold what merged chunks no longer need, for the
	// workers to fill again
	idBufs  recycler[[]uint64]
	results recycler[*parks.Result]
}

// recycler hands what a merged chunk no longer needs to another chunk: a
// new buffer or aggregate for every chunk costs page faults (dear on a
// virtual machine) and collections.
type recycler[T any] chan T

// get is a recycled value, if one is free.
func (r recycler[T]) get() (v T, ok bool) {
	select {
	case v = <-r:
		return v, true
	default:
		return v, false
	}
}

// put offers a value for reuse; it is dropped when enough are waiting.
func (r recycler[T]) put(v T) {
	select {
	case r <- v:
	default:
	}
}

// idBuf is an empty slice for n id hashes, reused when one is free.
func (f *streamFile) idBuf(n int) []uint64 {
	if b, ok := f.idBufs.get(); ok && cap(b) >= n {
		return b[:0]
	}
	return make([]uint64, 0, n)
}

// chunk is a run of whole records of a file.
type chunk struct {
	data []byte
	line int // line of the file where data starts
	done chan *chunkResult
}

// chunkResult is what decoding a chunk gives, merged in file order.
type chunkResult struct {
	problems       []diag.Problem
	findings       []diag.Problem // a bounded load's findings, see streamer.pending
	res            *parks.Result
	all            parks.Totals
	keys           []uint64 // hash of the id of each facility, in order
	ids            *idRun   // the same, ordered by done for the id index
	rowKeys        []uint64 // content of each row without an id
	rowsIn         int
	used, reported int
	absent         map[absentKey]*absentColumn
	votes          []parks.DecimalVote
	ambiguous      bool
	fallback       bool
	fast           bool // read by the fast path
	size           int
}

// chunks cuts the rest of a file into chunks at record boundaries, decodes
// them on Workers goroutines and merges the results in order.
func (f *streamFile) chunks(r io.Reader, first []byte, read int64, line int) error {
	workers := f.s.fold.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := f.s.fold.ChunkSize
	if size <= 0 {
		size = 1 << 19
	}
	jobs := make(chan *chunk)
	order := make(chan *chunk, workers+1) // bounds the chunks in flight
	f.idBufs, f.results = make(recycler[[]uint64], 2*workers+4), make(recycler[*parks.Result], 2*workers+4)
	free := make(recycler[[]byte], workers+3) // chunk buffers, for the reader
	newBuf := func(n int) []byte {
		if b, ok := free.get(); ok && cap(b) >= n {
			return b[:0]
		}
		return make([]byte, 0, n)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fast := newFastChunk(f)
			for c := range jobs {
				if fast != nil {
					c.done <- fast.decode(c)
				} else {
					c.done <- f.decode(c)
				}
			}
		}()
	}
	var readErr error
	go func() { // the reader: cuts chunks where the quote count is even
		defer close(order)
		defer close(jobs)
		buf := append(make([]byte, 0, size+len(first)), first...)
		eof := false
		for {
			for !eof && len(buf) < size {
				if cap(buf) == len(buf) {
					buf = slices.Grow(buf, size)
				}
				n, err := r.Read(buf[len(buf):cap(buf)])
				buf = buf[:len(buf)+n]
				if err == io.EOF {
					eof = true
				} else if err != nil {
					readErr, eof = err, true
				}
			}
			cut := len(buf)
			if !eof {
				cut = recordBoundary(buf)
				if cut <= 0 { // one record longer than a chunk: read more
					size *= 2
					continue
				}
			}
			if cut == 0 {
				return
			}
			c := &chunk{data: buf[:cut], line: line, done: make(chan *chunkResult, 1)}
			line += bytes.Count(c.data, []byte{'\n'})
			select {
			case order <- c:
			case <-stop:
				return
			}
			jobs <- c
			rest := buf[cut:]
			buf = append(newBuf(max(size, len(rest))+size/4), rest...)
			if eof && len(buf) == 0 {
				return
			}
		}
	}()
	var err error
	for c := range order {
		res := <-c.done
		if err == nil {
			err = f.merge(c, res)
			if err != nil {
				close(stop)
			}
		}
		if f.s.fold.Progress != nil {
			f.s.done += int64(res.size)
			f.s.fold.Progress(f.s.done, f.s.total)
		}
		free.put(c.data[:0]) // nothing keeps the chunk's bytes once it is merged
	}
	wg.Wait()
	if err == nil && readErr != nil {
		err = errFallback
	}
	return err
}

// recordBoundary returns the offset just after the last line break of buf
// that is outside quotes, leaving blank lines before it to the next chunk,
// or 0. In CSV a quote opens or closes a quoted field or is doubled inside
// one, so a line break is between records exactly when the quotes before
// it are even in number (counted from a record boundary). A quote
// elsewhere is a syntax error, which falls back.
func recordBoundary(buf []byte) int {
	quotes := bytes.Count(buf, []byte{'"'})
	end := len(buf)
	for {
		i := bytes.LastIndexByte(buf[:end], '\n')
		if i < 0 {
			return 0
		}
		quotes -= bytes.Count(buf[i+1:end], []byte{'"'})
		if quotes%2 == 0 {
			// Blank lines just before the cut go to the next chunk: a
			// blank line is reported when a record follows it.
			for i > 0 && buf[i-1] == '\n' || i > 1 && buf[i-1] == '\r' && buf[i-2] == '\n' {
				if buf[i-1] == '\r' {
					i--
				}
				i--
			}
			if len(bytes.Trim(buf[:i+1], "\r\n")) == 0 {
				return 0 // blank lines only: read on to the next record
			}
			return i + 1
		}
		end = i
	}
}

// chunkSink does for the records of one chunk what the collector does for
// all records: the record's own checks, then it folds the usable ones.
type chunkSink struct {
	c      *collector
	res    *chunkResult
	today  time.Time
	filter *parks.Filter
	// unfiltered: the aggregate's total is also the overflow check's total
	unfiltered bool
	recFrom    int       // problems before the current record
	row        *rowState // the decoder's state of the current record
	rowKey     uint64    // content of the current row when its id is blank
	// deferFindings: the load is bounded (--max-errors), and the holding
	// path adds findings after every row's own problems (crossCheck)
	deferFindings bool
}

func (k *chunkSink) Meta(parks.Meta, diag.Pos) {}

func (k *chunkSink) Project(*parks.Project, bool) { k.res.fallback = true }

func (k *chunkSink) Facility(f *parks.Facility, bad bool) {
	delete(k.c.bad, any(f)) // the decoder reuses one record for every row
	k.c.mark(f, bad)
	if f.ID == "" {
		k.res.rowKeys = append(k.res.rowKeys, k.rowKey)
	} else {
		k.res.keys = append(k.res.keys, maphash.String(hashSeed, string(f.ID)))
		if fs := parks.CheckFacility(f, k.today); len(fs) > 0 {
			k.row.resolveCells() // f.Cells is the row's cells: fill them in
			k.c.cellErrs = map[cellKey]bool{}
			if k.deferFindings {
				k.c.deferred = &k.res.findings // merge weighs them against the errors the bounded list kept
			} else {
				for _, p := range k.c.l.Problems.Problems[k.recFrom:] {
					if p.Severity == diag.Error && p.Field != "" {
						k.c.cellErrs[cellKey{p.Pos, p.Field}] = true
					}
				}
			}
			k.c.findings(f, fs, parks.FacilitySchema, f.Cells, f.Pos, string(f.ID))
			k.c.deferred = nil
		}
	}
	if k.c.bad[f] {
		k.res.reported++
		return
	}
	k.res.fold(f, k.filter, k.unfiltered)
}

// fold adds a usable facility to the chunk's aggregate (and, when a filter
// leaves some out, to the total of all used facilities, for overflow).
func (r *chunkResult) fold(f *parks.Facility, filter *parks.Filter, unfiltered bool) {
	if f.InvestmentPrivate.V > math.MaxInt64-f.InvestmentBudget.V {
		r.fallback = true // a record's own total overflows: checkFacilityTotals words it
	}
	r.used++
	if !unfiltered {
		r.all.AddFacility(f) // else the aggregate's total is the total of every used record
	}
	if unfiltered || filter.Facility(f) {
		r.res.AddFacilityToGroup(f) // the chunk's total is made once, by done
	}
}

// done finishes a chunk's result on its worker: the aggregate's total from
// its groups, the ids ordered for the index.
func (r *chunkResult) done(f *streamFile) *chunkResult {
	r.res.TotalOfGroups()
	r.ids = newIDRun(r.keys, f.idBuf(len(r.keys)))
	f.idBufs.put(r.keys)
	r.keys = nil
	return r
}

var hashSeed = maphash.MakeSeed()

// decode reads the records of a chunk, the way DecodeCSV reads a file.
func (f *streamFile) decode(c *chunk) *chunkResult {
	res := f.newChunkResult(c)
	res.ambiguous = f.ambiguousIn(c.data)
	f.exact(c.data, c.line, res, -1, nil)
	return res.done(f)
}

// newChunkResult starts the result of a chunk.
func (f *streamFile) newChunkResult(c *chunk) *chunkResult {
	res, ok := f.results.get()
	if ok {
		res.Reset()
	} else {
		res = parks.NewResult(f.s.fold.By)
	}
	return &chunkResult{res: res, size: len(c.data), votes: make([]parks.DecimalVote, len(f.cols))}
}

// exact decodes the records of data, which starts at the given line of
// the file, with encoding/csv and the holding path's row code, into res:
// all of them when max < 0, else at most max. It returns how many bytes
// it read (up to the end of the last record read). A problem that only
// the holding path can word sets res.fallback. With into, problems are
// added to into's list rather than res's, and reading stops once that
// list is full (--max-errors), as the holding path stops.
func (f *streamFile) exact(data []byte, line int, res *chunkResult, max int, into *Loaded) int {
	col := &collector{l: &Loaded{}, headers: f.s.env.headers, absent: map[absentKey]*absentColumn{}}
	col.l.Problems.Ignore, col.l.Problems.Strict = f.s.opts.Ignore, f.s.opts.Strict // not the bound: see merge
	if into != nil {
		col.l = into // problems go straight to the load's bounded list
	}
	env := &Env{Gazetteer: f.s.env.Gazetteer, Sectors: f.s.env.Sectors, Problems: &col.l.Problems, headers: f.s.env.headers}
	flt := &f.s.fold.Filter
	sink := &chunkSink{c: col, res: res, today: f.s.opts.Today, filter: flt,
		unfiltered: reflect.ValueOf(*flt).IsZero(), deferFindings: f.s.l.Problems.MaxErrors > 0}
	li := newLineIndex(data)
	li.base = line - 1
	d := &csvRows{file: f.name, li: li, env: env, sink: sink, schema: parks.FacilitySchema, cols: f.cols, ctx: f.ctx, width: f.width,
		scratch: newScratch(parks.FacilitySchema)}
	sink.row = &d.scratch.rs
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = f.comma, -1, true
	prevEnd, prevLine := 0, 1
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for n := 0; n != max && !col.l.Problems.Full(); n++ {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			prevEnd = len(data)
			break
		}
		if err != nil {
			res.fallback = true // reportCSVError words it, and stops the file there
			return len(data)
		}
		line, _ := r.FieldPos(0)
		blankRows(f.name, prevLine+li.base, line+li.base, env)
		end := int(r.InputOffset())
		if text := data[prevEnd:end]; !utf8.Valid(text) || hasControl(text) {
			res.fallback = true // toUTF8 and controlCheck word it
			return len(data)
		}
		prevLine += bytes.Count(data[prevEnd:end], []byte{'\n'})
		prevEnd = end
		for i, cell := range record {
			if i < len(f.numeric) && f.numeric[i] && !allDigits(cell) {
				if strings.IndexByte(cell, ',') >= 0 {
					res.fallback = true // "1,234" depends on the file's separator
				}
				voteDecimal(&res.votes[i], cell)
			}
		}
		if f.idCol < 0 || f.idCol >= len(record) || strings.TrimSpace(record[f.idCol]) == "" {
			h.Reset()
			for i, cell := range record {
				if i > 0 {
					h.WriteByte(0)
				}
				h.WriteString(cell)
			}
			sink.rowKey = h.Sum64()
		}
		sink.recFrom = len(col.l.Problems.Problems)
		d.row(r, record)
	}
	if into == nil {
		res.problems = append(res.problems, col.l.Problems.Problems...)
	}
	res.rowsIn += env.RowsIn
	if res.absent == nil {
		res.absent = col.absent
	} else {
		for k, v := range col.absent {
			if res.absent[k] == nil {
				res.absent[k] = v
			}
		}
	}
	return prevEnd
}

// recordEnd is the offset just after the first record of data at or after
// from, past any blank lines before it (which the exact path reports with
// the record), or len(data): the first line break after which the quotes
// since the record's start are even in number (see recordBoundary).
func recordEnd(data []byte, from int) int {
	i := from
	for {
		if i < len(data) && data[i] == '\n' {
			i++
		} else if i+1 < len(data) && data[i] == '\r' && data[i+1] == '\n' {
			i += 2
		} else {
			break
		}
	}
	quotes := 0
	for {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return len(data)
		}
		quotes += bytes.Count(data[i:i+j], []byte{'"'})
		if i += j + 1; quotes%2 == 0 {
			return i
		}
	}
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

// voteDecimal is DecimalVote.Add with a fast path for the form of most
// areas, digits with one point ("176.7657"): a decimal point unless three
// digits follow it ("1.234" may be grouping), as DecimalOf decides.
func voteDecimal[T string | []byte](v *parks.DecimalVote, cell T) {
	dot := -1
	for i := 0; i < len(cell); i++ {
		if cell[i] == '.' {
			dot = i
			break
		}
	}
	if dot > 0 && allDigits(cell[:dot]) && allDigits(cell[dot+1:]) {
		if len(cell)-dot-1 != 3 {
			v.Point++
		}
		return
	}
	v.Add(string(cell))
}

func allDigits[T string | []byte](s T) bool {
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

// deferFindings keeps a chunk's findings for the end, leaving out those at a cell
// with an error the bounded list kept (as crossCheck does) and those that
// could not be kept anyway.
func (s *streamer) deferFindings(findings []diag.Problem) {
	if len(findings) == 0 {
		return
	}
	list := &s.l.Problems
	cellErrs := map[cellKey]bool{}
	for _, p := range list.Problems {
		if p.Severity == diag.Error && p.Field != "" {
			cellErrs[cellKey{p.Pos, p.Field}] = true
		}
	}
	for _, p := range findings {
		if list.Ignore[p.Rule] || cellErrs[cellKey{p.Pos, p.Field}] {
			continue
		}
		if list.Strict {
			p.Severity = diag.Error
		}
		switch {
		case p.Severity == diag.Error && s.pendingErrs >= list.MaxErrors:
			s.droppedErrs++
		case p.Severity != diag.Error && s.pendingWarns >= list.MaxErrors:
			s.droppedWarns++
		default:
			if p.Severity == diag.Error {
				s.pendingErrs++
			} else {
				s.pendingWarns++
			}
			s.pending = append(s.pending, p)
		}
	}
}

// addPending adds the findings kept for the end, as crossCheck adds them.
func (s *streamer) addPending() {
	list := &s.l.Problems
	for _, p := range s.pending {
		list.Add(p)
	}
	list.DroppedWarnings += s.droppedWarns
	list.Stopped = list.Stopped || s.droppedErrs > 0
}

// ambiguousIn is mayBeAmbiguous for a chunk. The file's answer is whether
// any chunk has such a number, so once one has, the others need not look.
func (f *streamFile) ambiguousIn(data []byte) bool {
	if f.sawAmbiguous.Load() {
		return true
	}
	if mayBeAmbiguous(data) {
		f.sawAmbiguous.Store(true)
		return true
	}
	return false
}

// merge adds a chunk's result, in file order.
//
// With --max-errors, the chunk whose errors fill the list is read again
// from its start, adding its problems to the list itself and stopping
// after the row that fills it, as the holding path stops; the chunks after
// it only add their decimal votes (the holding path votes over the whole
// file) and may still make the load fall back.
func (f *streamFile) merge(c *chunk, res *chunkResult) error {
	s := f.s
	if res.fallback {
		return errFallback
	}
	if s.stopped {
		f.mergeVotes(res)
		return nil
	}
	if max := s.l.Problems.MaxErrors; max > 0 {
		errs, _ := s.l.Problems.Count()
		for _, p := range res.problems {
			if p.Severity == diag.Error {
				errs++
			}
		}
		if errs >= max {
			again := f.newChunkResult(c)
			again.votes, again.ambiguous = res.votes, res.ambiguous // the whole chunk's
			f.exact(c.data, c.line, again, -1, s.l)
			f.idBufs.put(res.ids.keys)
			f.results.put(res.res)
			if res = again.done(f); res.fallback {
				return errFallback
			}
			s.stopped = true
		}
	}
	if s.ids.perBucket == 0 && res.size > 0 {
		s.ids.reserve(int(s.total * int64(len(res.ids.keys)) / int64(res.size)))
	}
	s.ids.add(res.ids)
	f.idBufs.put(res.ids.keys)
	for _, k := range res.rowKeys {
		if s.rows[k] {
			return errFallback // the same row twice
		}
		s.rows[k] = true
	}
	for _, p := range res.problems {
		s.l.Problems.Add(p)
	}
	s.deferFindings(res.findings)
	s.res.Merge(res.res)
	f.results.put(res.res)
	s.all.Merge(&res.all)
	s.env.RowsIn += res.rowsIn
	s.l.chunks++
	if res.fast {
		s.l.fastChunks++
	}
	s.used += res.used
	s.reported += res.reported
	for k, v := range res.absent {
		if s.absent[k] == nil {
			s.absent[k] = v
		}
	}
	f.mergeVotes(res)
	return nil
}

func (f *streamFile) mergeVotes(res *chunkResult) {
	for i, v := range res.votes {
		f.votes[i].Merge(v)
	}
	f.ambiguous = f.ambiguous || res.ambiguous
}
