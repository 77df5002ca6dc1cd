// Package stream is the streaming loader: large CSV files of facilities
// (and projects, projects.go) are read in chunks, decoded on every core and folded into the aggregate
// as they are read, in file order, so that memory does not grow with the
// file and the output is the same bytes as the holding loader's
// (decode.Load without a Streamer, then parks.Aggregate).
//
// Of the loader it sees only decode's StreamLoad, CSVFile and
// CSVFile.Exact (the holding path's row code, which words every problem).
// Most rows of a chunk are read by the fast path (fast.go); a repeated id
// is found with a compact index of id hashes (idindex.go).
package stream

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// Fold asks decode.Load (as its Options.Stream) to aggregate facilities
// while it reads them, instead of holding every record: the aggregate
// commands and validate need the totals and the problems, not the
// records. Large CSV files are then read in chunks, decoded on every core
// and merged in file order, so the output is the same bytes as the
// sequential path's.
//
// Stdin streams like a file (Load makes it one), and a repeated id or an
// exact copy of a row is decided on by a second, repeat pass (see stream);
// many small files are each read at once, without workers.
//
// Loading falls back to the holding path (Load without Fold, then
// parks.Aggregate by the caller) whenever streaming could not give exactly
// the same result: a repeated project id (projects stream after the
// facilities, see projects.go), YAML and workbooks, grouping by sector or
// facility, too many repeated ids
// (maxRepeats), a repeated row without an id, a number whose reading
// depends on the file's decimal separator, a text that is not plain UTF-8,
// a CSV syntax error, a total that overflows, or a bound on the problems
// read (decode.Options.MaxErrors: the holding path stops reading where the
// list is full; no command asks for it since validate reads and counts
// every problem and only bounds what it prints). Loaded.Result is nil then.
// --ignore, --strict and Keep stream.
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
	// Problems, when set, is given the problems of a streaming load in
	// their final order (decode.Load's sorted list) a run at a time, as
	// chunks are merged, instead of the list holding them: the load's
	// Problems then only counts them (validate prints them as they come).
	Problems ProblemSink

	each *Each // set by Each: hand the records over too
}

// ProblemSink receives the problems of a streaming load in order
// (Fold.Problems). It knows nothing of chunks, passes or output formats.
type ProblemSink interface {
	// Add is given the next problems, sorted; it must not keep the slice.
	Add(problems []diag.Problem) error
	// Reset forgets every problem Add was given: the load starts again (a
	// repeat pass) or falls back to the holding path, whose Loaded holds
	// the whole sorted list.
	Reset()
}

// ProblemRenderer is a ProblemSink that renders problems itself, as bytes
// (validate's output formats). A streaming load then has each chunk's
// problems rendered on the worker that decoded the chunk, in parallel,
// and hands the sink the bytes with the problems, in order, so that the
// merger only appends them; problems it could not render ahead (a chunk
// with held rows, a bounded load, a header's problems) still come by Add.
type ProblemRenderer interface {
	ProblemSink
	// NewRender returns a function that appends a problem's rendering to
	// dst; each is called on one goroutine only.
	NewRender() func(dst []byte, p *diag.Problem) []byte
	// AddRendered is Add given the problems' renderings too: problem i's
	// is text[ends[i-1]:ends[i]] (text[:ends[0]] for the first). It must
	// keep neither slice.
	AddRendered(problems []diag.Problem, text []byte, ends []int) error
}

// Stream loads files, folding them, or returns decode.ErrFallback.
func (f *Fold) Stream(files []string, opts decode.Options) (*decode.Loaded, error) {
	if !f.streamable(files, opts) {
		return nil, errFallback
	}
	l, err := stream(files, f, opts)
	if err != nil && f.Problems != nil {
		f.Problems.Reset()
	}
	return l, err
}

// streamable says whether a load may stream; files are the expanded paths.
func (f *Fold) streamable(files []string, opts decode.Options) bool {
	if f == nil || f.By == parks.BySector || f.By == parks.ByFacility || !slices.Contains(parks.Dimensions, f.By) || opts.MaxErrors > 0 {
		return false
	}
	for _, name := range files {
		if name == "-" { // stdin, when Load made it a file: CSV, sniffed or said
			if _, ok := opts.Stdin.(*os.File); !ok || opts.InputFormat != "" && opts.InputFormat != "csv" {
				return false
			}
		} else if opts.InputFormat != "" || strings.ToLower(filepath.Ext(name)) != ".csv" {
			return false
		}
	}
	return len(files) > 0
}

// errFallback stops streaming: the holding path must load the data.
var errFallback = decode.ErrFallback

// maxRepeats bounds the ids that may repeat for a repeat pass: each costs
// a held row and its first position in memory.
const maxRepeats = 1 << 18

// stream loads CSV files of facilities, folding them as they are read.
//
// When an id occurs more than once, the files are streamed a second time
// knowing which ids repeat (a repeat pass): the rows with those ids are
// held, the few of them, and decided on in file order (decode.Repeats),
// the others fold as before. The holding path would hold every record.
//
// The repeat pass decodes again only the chunks that hold a repeated id
// (the id index knows each id's chunk), read at their place in the file;
// every other chunk adds what it added in the first pass, which kept it
// (kept). So one repeated id in a large file costs two chunks more, not
// the file twice.
func stream(files []string, fold *Fold, opts decode.Options) (*decode.Loaded, error) {
	if len(files) > 1 && len(slices.Compact(slices.Sorted(slices.Values(files)))) < len(files) {
		return nil, errFallback // a file given twice: its projects would repeat at the same places
	}
	var p pass
	if len(files) > 1 && mayHoldProjects(files) {
		p.holdProblems = fold.Problems != nil
		if recordFigures {
			p.figs = newFigures()
			defer func() { p.figs.close() }()
		}
	}
	for {
		l, repeated, err := streamPass(files, fold, opts, &p)
		if pr, again := err.(projectRepeats); again && p.phold == nil {
			p.phold = newKeySet(pr)   // the projects pass again (projects.go)
			p.kept, p.redo = nil, nil // added once: a repeat pass decodes every chunk
			debug.FreeOSMemory()      // the first pass's table and buffers, before the next pass's
			if p.hold == nil && p.figs != nil {
				p.figs.close() // recorded again
				p.figs = newFigures()
			}
		} else if err != nil || repeated == nil || p.hold != nil {
			return l, err
		} else {
			p.hold = newKeySet(repeated)
		}
		if fold.Problems != nil {
			fold.Problems.Reset() // the first pass's problems are not all final
		}
	}
}

// pass is what a pass over the files is given. Without hold, the pass
// returns the hashes of the ids that repeat, if any, instead of a load;
// with hold, it holds the rows whose id's hash hold has. table is the
// facilities' table for the projects (made by the first pass when there
// are projects files). With word, the pass is the word pass of the
// projects' sums (projects.go).
type pass struct {
	hold  *keySet
	table *facilityTable
	word  *wordPass
	// kept is what the first pass kept of its chunks, redo the chunks
	// (numbered in file order) that hold a repeated id, with the places of
	// those rows: a repeat pass decodes those rows or chunks again and adds
	// the others' kept results
	kept *kept
	redo map[uint32][]heldPlace
	// holdProblems: the files may hold projects; problems are handed to
	// Fold.Problems only at the end (see mayHoldProjects)
	holdProblems bool
	// figs are the facilities' figures, recorded by the first pass when
	// the files may hold projects
	figs *figures
	// phold has the hashes of the project ids that repeat (projects.go)
	phold *keySet
}

// streamPass streams the files once.
func streamPass(files []string, fold *Fold, opts decode.Options, p *pass) (*decode.Loaded, []uint64, error) {
	load, err := decode.NewStreamLoad(files, opts)
	if err != nil {
		return nil, nil, err
	}
	l := load.Loaded
	hold := p.hold
	if fold.each != nil && fold.each.Start != nil {
		fold.each.Start()
	}
	s := &streamer{
		opts: opts, fold: fold, l: l, load: load, env: load.Env,
		res:   parks.NewResult(fold.By),
		ids:   &idIndex{},
		rows:  map[uint64]bool{},
		hold:  hold,
		table: p.table,
		word:  p.word,
		// the problems of the facilities their projects exceed come last
		holdProblems: p.holdProblems,
		figs:         p.figs,
		recording:    p.figs != nil && hold == nil && p.word == nil,
		phold:        p.phold,
	}
	switch {
	case hold == nil && p.word == nil && fold.each == nil:
		s.keep = &kept{} // Each hands the records over: a repeat pass decodes them again
	case hold != nil && p.kept != nil:
		s.replay, s.redo = p.kept, p.redo
	}
	if p.word != nil {
		s.hold = p.word.hold
	}
	defer s.ids.close()
	sizes := make([]int64, len(files))
	for i, name := range files {
		st, err := os.Stat(name)
		if name == "-" {
			st, err = opts.Stdin.(*os.File).Stat()
		}
		if err != nil {
			return nil, nil, errFallback // Load words the error
		}
		sizes[i] = st.Size()
		s.total += st.Size()
	}
	for i, name := range files {
		rowsBefore := s.env.RowsIn
		errsBefore, _ := l.Problems.Added()
		deferred := len(s.projects)
		if err := s.file(name, sizes[i]); err != nil {
			return nil, nil, err
		}
		if name == "-" {
			name = decode.StdinName
		}
		if len(s.projects) > deferred { // its rows are read after the facilities'
			errs, _ := l.Problems.Added()
			s.projects[deferred].headerErrs = errs - errsBefore
			continue
		}
		load.EndFile(name, rowsBefore, errsBefore)
		if err := s.flush(); err != nil {
			return nil, nil, err
		}
	}
	if s.word != nil {
		return nil, nil, nil
	}
	if hold == nil {
		repeated, places, ok := s.ids.repeats(fold.Workers, maxRepeats, s.keep != nil)
		if !ok {
			return nil, nil, errFallback // too many ids repeat: the holding path
		}
		if len(repeated) > 0 {
			if s.keep != nil {
				p.kept, p.redo = s.keep, map[uint32][]heldPlace{}
				for _, h := range places {
					p.redo[h.chunk()] = append(p.redo[h.chunk()], h)
				}
			}
			if !s.facilityTable(p) {
				return nil, nil, errFallback
			}
			return nil, repeated, nil
		}
		s.keep = nil // no repeat pass: the facilities' table takes its place
	}
	if !s.facilityTable(p) {
		return nil, nil, errFallback
	}
	if s.all.Overflow || s.res.Total.Overflow {
		return nil, nil, errFallback // checkFacilityTotals says which facilities
	}
	if len(s.projects) > 0 {
		p.table = nil // the word pass may do without it
		if err := s.joinProjects(hold); err != nil {
			if _, again := err.(projectRepeats); again && hold != nil {
				s.table.reset()
				p.table = s.table // a repeat pass does not index the facility ids again
			}
			return nil, nil, err
		}
		order := map[string]int{}
		for i, name := range files {
			if name == "-" {
				name = decode.StdinName
			}
			order[name] = i
		}
		slices.SortStableFunc(s.env.Inputs, func(a, b decode.Input) int { return order[a.File] - order[b.File] })
	}
	load.Finish(s.used, s.reported)
	s.holdProblems = false
	if err := s.flush(); err != nil {
		return nil, nil, err
	}
	l.Result = s.res
	return l, nil, nil
}

// streamer is the state of a streaming load that spans files: the index
// of ids seen, the aggregate and the counts.
type streamer struct {
	opts decode.Options
	fold *Fold
	load *decode.StreamLoad
	l    *decode.Loaded
	env  *decode.Env
	res  *parks.Result
	all  parks.Totals // every used facility, for overflow
	ids  *idIndex
	rows map[uint64]bool // content of rows without an id
	// hold, in a repeat pass, has the hashes of the ids that repeat;
	// repeats decides on the rows held for them
	hold    *keySet
	repeats decode.Repeats
	// nchunks numbers the facility chunks in file order, for the id
	// index. keep, in a first pass, keeps what each chunk adds; replay,
	// in a repeat pass, is what the first pass kept, and redo the chunks
	// to decode again
	nchunks uint32
	keep    *kept
	replay  *kept
	redo    map[uint32][]heldPlace

	used, reported int
	done, total    int64
	head           []byte     // the first block of each file, reused
	fast           *fastChunk // the last small file's fast path (smallFast)
	// flushed: problems were handed to Fold.Problems, the last at last
	flushed bool
	last    diag.Pos
	// holdProblems: flush waits for the end (pass.holdProblems)
	holdProblems bool
	// pre: the problems the list holds are those of the last chunk merged,
	// rendered on its worker (ProblemRenderer)
	pre *rendered

	// Projects (projects.go): the projects files, read after the
	// facilities; the facility files, for the word pass; the facilities'
	// table; the hashes of the facilities with an error (the first with
	// their id); the first rows of held ids by hash, to find two ids with
	// one hash (collision); the project ids; the total of the usable
	// projects, for overflow; whether any project joined a facility
	projects      []projectFile
	facFiles      []string
	table         *facilityTable
	badKeys       []uint64
	firsts        map[uint64]parks.ID
	collision     bool
	pids          *idIndex
	projectTotals parks.Totals
	joined        bool
	word          *wordPass
	// figs are the facilities' figures (figures.go), recorded by the
	// first pass (recording)
	figs      *figures
	recording bool
	// phold: the project ids that repeat (projects.go)
	phold *keySet
}

// flush hands the problems merged so far to the fold's sink, if it has
// one, with the warnings about absent columns known so far (they go at the
// header). It falls back when they would not come after those handed on
// already, as the sorted list has them: files named out of the order of
// their names or twice, an absent column first needed after a chunk with
// problems.
func (s *streamer) flush() error {
	sink := s.fold.Problems
	if sink == nil || s.holdProblems {
		return nil
	}
	s.load.ReportAbsent()
	pre := s.pre
	s.pre = nil
	if pre != nil && pre.problems != nil { // the list does not hold them (merge)
		ps := pre.problems
		pre.problems = nil
		if s.l.Problems.AddFlushed(ps) { // nothing came between
			defer pre.free()
			if s.flushed && diag.ComparePos(ps[0].Pos, s.last) <= 0 {
				return errFallback
			}
			s.last, s.flushed = ps[len(ps)-1].Pos, true
			return sink.(ProblemRenderer).AddRendered(ps, pre.text, pre.ends)
		}
		for _, p := range ps { // after the warnings at the header: Flush sorts them
			s.l.Problems.Add(p)
		}
	}
	return s.l.Problems.Flush(func(ps []diag.Problem) error {
		if s.flushed && diag.ComparePos(ps[0].Pos, s.last) <= 0 {
			return errFallback
		}
		s.last, s.flushed = ps[len(ps)-1].Pos, true
		if pre != nil && len(pre.ends) == len(ps) && pre.first == ps[0].Pos && pre.last == ps[len(ps)-1].Pos { // nothing came between
			defer pre.free()
			return sink.(ProblemRenderer).AddRendered(ps, pre.text, pre.ends)
		}
		return sink.Add(ps)
	})
}

// rendered is a chunk's problems rendered by its worker
// (ProblemRenderer), for the fold's sink.
type rendered struct {
	text        []byte
	ends        []int
	first, last diag.Pos            // of the first and the last problem
	back        recycler[*rendered] // where it goes once written
	// problems, when set, are the chunk's problems, which the merger
	// hands on with the text without adding them to its list (flush)
	problems []diag.Problem
}

func (r *rendered) free() { r.back.put(r) }

// prerender renders a chunk's problems on its worker, for a sink that
// renders them (ProblemRenderer): sorted as the list's Flush sorts them,
// each as the list holds it (diag.List.AsAdded). Not for a chunk with
// held rows, whose problems merge with theirs.
func (f *streamFile) prerender(res *chunkResult, render func([]byte, *diag.Problem) []byte) {
	list := &f.s.l.Problems // its settings only: the merger changes the rest
	if render == nil || len(res.Problems) == 0 || len(res.Held) > 0 || res.Fallback {
		return
	}
	diag.SortProblems(res.Problems)
	pre, ok := f.rendered.get()
	if !ok {
		pre = &rendered{back: f.rendered}
	}
	pre.text, pre.ends = pre.text[:0], pre.ends[:0]
	kept := res.Problems[:0] // those the list would not drop
	for i := range res.Problems {
		p := &res.Problems[i]
		if !list.AsAdded(p) { // made what the list will hold: Add does it again, to the same
			continue
		}
		if len(pre.ends) == 0 {
			pre.first = p.Pos
		}
		pre.last = p.Pos
		pre.text = render(pre.text, p)
		pre.ends = append(pre.ends, len(pre.text))
		if len(kept) < i {
			kept = append(kept, *p)
		} else {
			kept = kept[:i+1] // in place
		}
	}
	clear(res.Problems[len(kept):])
	res.Problems = kept
	if len(pre.ends) == 0 {
		pre.free() // all ignored
		return
	}
	res.pre = pre
}

// firstBlock is how much of a file is read to find its header: at least
// what sniffDelimiter samples.
const firstBlock = 1 << 20

// smallFile is the most rows' bytes of a file read whole in the first
// block that are decoded at once by the exact path on the loading
// goroutine, not cut into chunks for the workers: setting those up costs
// more than a few rows do (a directory of 10,000 one-row files).
const smallFile = 32 << 10

// file streams one file; size is its size when the load began.
func (s *streamer) file(name string, size int64) error {
	var fh *os.File
	if name == "-" { // stdin as a file (Load), read from its start
		fh, name = s.opts.Stdin.(*os.File), decode.StdinName
		if _, err := fh.Seek(0, io.SeekStart); err != nil {
			return errFallback
		}
	} else {
		var err error
		if fh, err = openFile(name); err != nil {
			return errFallback
		}
		defer fh.Close()
	}
	if s.head == nil {
		s.head = make([]byte, firstBlock) // one for all the files: many small files pay for it once
	}
	head := s.head[:firstBlock]
	n, err := fh.Read(head)
	switch {
	case err != nil:
	case n < len(head) && int64(n) == size:
		err = io.EOF // the whole file, as its size said: not a read more to learn it
	default: // a short read, or a file larger than the block or than it was
		var m int
		m, err = io.ReadFull(fh, head[n:])
		n += m
	}
	head = head[:n]
	whole := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
	if err != nil && !whole {
		return errFallback
	}
	if name == decode.StdinName && s.opts.InputFormat == "" && decode.SniffFormat(head) != "csv" {
		return errFallback // YAML or a workbook
	}
	csvf, err := s.load.OpenCSV(name, head, whole)
	if csvf == nil {
		return err // nil: the header says what is wrong; no record is read
	}
	if csvf.Schema == parks.ProjectSchema {
		if s.fold.each != nil {
			return errFallback // Each hands over facilities, in one pass
		}
		if s.word == nil {
			s.projects = append(s.projects, projectFile{name: name, csv: csvf})
		}
		return nil
	}
	s.facFiles = append(s.facFiles, name)
	if name == decode.StdinName {
		s.facFiles[len(s.facFiles)-1] = "-"
	}
	f := s.newStreamFile(csvf, name)
	if s.recording {
		s.figs.startFile(name)
	}
	if w := s.word; w != nil && w.places != nil { // the word pass, at the rows it words
		err := f.sparse(fh, w.places[name])
		f.done()
		return err
	}
	startLine := csvf.BodyLine
	small := smallFile
	if size := s.fold.ChunkSize; size > 0 {
		small = min(small, size) // tests' small chunks still cut small files
	}
	if body := head[csvf.Body:]; whole && len(body) <= small {
		// A small file is one chunk, read here: no workers or buffers to
		// set up for a few rows.
		c := &chunk{data: body, line: startLine, off: int64(csvf.Body)}
		var res *chunkResult
		if kept := s.replaying(name); kept != nil {
			res = kept
		} else if fast := s.smallFast(f); fast != nil {
			res = fast.decode(c)
		} else {
			res = f.decode(c)
		}
		if err := f.merge(c, res); err != nil {
			return err
		}
	} else if s.replay != nil {
		if err := f.again(fh); err != nil {
			return err
		}
	} else if err := f.chunks(fh, body, int64(len(head)), startLine); err != nil {
		return err
	}
	f.done()
	return nil
}

// smallFast is the fast path for a small file, read on the loading
// goroutine: the last small file's, when f's header is laid out as its.
func (s *streamer) smallFast(f *streamFile) *fastChunk {
	if s.fast != nil && s.fast.rebind(f) {
		return s.fast
	}
	s.fast = newFastChunk(f)
	return s.fast
}

func (s *streamer) newStreamFile(csvf *decode.CSVFile, name string) *streamFile {
	f := &streamFile{
		s: s, csv: csvf, name: name, comma: csvf.Comma, cols: csvf.Cols, width: csvf.Width, numeric: csvf.Numeric,
		ambiguous: csvf.Ambiguous,
		votes:     make([]parks.DecimalVote, len(csvf.Cols)),
	}
	f.addedErrs, f.addedWarns = s.l.Problems.Added()
	return f
}

// done records how the file was read, with the decimal separator its
// numbers voted for.
func (f *streamFile) done() {
	var file parks.DecimalVote
	for _, v := range f.votes {
		file.Merge(v)
	}
	f.csv.Done(file.Decimal()) // what the file writes, needed or not (--verbose)
}

// streamFile is one CSV file being streamed.
type streamFile struct {
	s         *streamer
	csv       *decode.CSVFile // the holding path's row code
	name      string
	comma     rune
	cols      []int
	width     int
	numeric   []bool
	ambiguous bool
	votes     []parks.DecimalVote
	project   bool // a projects file (projects.go, fastproj.go)
	// addedErrs and addedWarns are the load's problems before the file's
	// rows (mergePatch)
	addedErrs, addedWarns int
	// sawAmbiguous is set by the first chunk in which mayBeAmbiguous is true
	sawAmbiguous atomic.Bool
	// idBufs and results hold what merged chunks no longer need, for the
	// workers to fill again
	idBufs   recycler[[]uint64]
	rowBufs  recycler[[]uint32] // idRun.rows
	results  recycler[*parks.Result]
	problems recycler[[]diag.Problem]
	recBufs  recycler[[]byte] // with Each
	rendered recycler[*rendered]
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
	line int   // line of the file where data starts
	off  int64 // offset in the file where data starts
	done chan *chunkResult
	// seg, in a repeat pass, is a kept segment for a worker to patch,
	// read from fh (patchJob); data is nil
	seg *segment
	fh  *os.File
}

// chunkResult is what decoding a chunk gives, merged in file order.
type chunkResult struct {
	// Rows has the problems, rows read, decimal votes, absent columns and
	// whether the load must fall back
	decode.Rows
	res  *parks.Result
	all  parks.Totals
	keys []uint64 // hash of the id of each facility, in order
	// offs is where each of keys' records starts in the chunk, while each
	// is known (a chunk the fast path read; the rows it hands to the row
	// code): a repeat pass then reads a row with a repeated id at its
	// place (locateAt); off is the chunk's offset in its file
	offs           []uint32
	off            int64
	ids            *idRun   // keys ordered by done for the id index
	rowKeys        []uint64 // content of each row without an id
	used, reported int
	ambiguous      bool
	marks          []int // the place of each held row (parks.Result.Mark)
	fast           bool  // read by the fast path
	// unkept counts the problems the fast path left out unworded (Keep)
	unkept    []unkeptCount
	handOvers int // rows the fast path handed to the exact path
	size      int
	// replayed: the result of this many chunks kept by the first pass
	// (chunkSum.result), fastChunks of them read by the fast path
	replayed, fastChunks int
	// a projects chunk's: whether a project joined a facility (its
	// figures went to the facility's sums), the total of its usable
	// projects; a facilities chunk's: the hashes of the ids of the rows
	// with an error
	joined   bool
	projects parks.Totals
	badKeys  []uint64
	figs     []byte // its facilities' figures, when recording (figures.go)
	// rowOff and rowLine are where the row the exact path reads is, for
	// its figures (rowOff below zero: not known)
	rowOff  int64
	rowLine int
	// with Each: the records that pass the filter, encoded (encode), the
	// offset in recs of each held row and the held rows used
	enc    encoder
	recs   []byte
	heldAt []int
	held   []heldRec
	// pre: the problems rendered by the worker (prerender)
	pre *rendered
	// patch: a kept segment and its rows with a repeated id, decoded
	// again (mergePatch); parts: the chunks of a segment that could not
	// be patched, decoded again by the same worker (patchJob)
	patch *patch
	parts []chunkPart
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
	order := make(chan *chunk, workers+1)     // bounds the chunks in flight
	free := make(recycler[[]byte], workers+3) // chunk buffers, for the reader
	newBuf := func(n int) []byte {
		if b, ok := free.get(); ok && cap(b) >= n {
			return b[:0]
		}
		return make([]byte, 0, n)
	}
	stop := make(chan struct{})
	wg := f.startWorkers(workers, jobs)
	var readErr error
	go func() { // the reader: cuts chunks where the quote count is even
		defer close(order)
		defer close(jobs)
		buf := append(make([]byte, 0, size+len(first)), first...)
		off := read - int64(len(first))
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
			cut, lines := len(buf), 0 // lines: the line feeds in buf[:cut]
			// tests' small chunks cut the first block too (it is read whole
			// to find the header): their files cross many chunks
			if !eof || f.s.fold.ChunkSize > 0 && len(buf) > size {
				end := len(buf)
				if f.s.fold.ChunkSize > 0 {
					end = min(end, size)
				}
				if cut, lines = recordBoundary(buf[:end]); cut <= 0 { // one record longer than a chunk: read more
					size *= 2
					continue
				}
			} else {
				lines = bytes.Count(buf, []byte{'\n'})
			}
			if cut == 0 {
				return
			}
			c := &chunk{data: buf[:cut], line: line, off: off, done: make(chan *chunkResult, 1)}
			line += lines
			off += int64(cut)
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
	err := f.mergeInOrder(order, stop, free)
	wg.Wait()
	if err == nil && readErr != nil {
		err = errFallback
	}
	return err
}

// mergeInOrder merges the chunks as order gives them, when each is
// decoded; on the first error it closes stop (the reader and workers
// end) and drains the rest. A merged chunk's bytes go back to free:
// nothing keeps them.
func (f *streamFile) mergeInOrder(order <-chan *chunk, stop chan struct{}, free recycler[[]byte]) error {
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
		if c.data != nil {
			free.put(c.data[:0])
		}
	}
	return err
}

// startWorkers makes the file's recyclers and starts workers that decode
// the chunks of jobs; the WaitGroup is done when jobs is closed and they
// are.
func (f *streamFile) startWorkers(workers int, jobs <-chan *chunk) *sync.WaitGroup {
	f.idBufs, f.results = make(recycler[[]uint64], 2*workers+4), make(recycler[*parks.Result], 2*workers+4)
	f.rowBufs = make(recycler[[]uint32], 2*workers+4)
	f.problems = make(recycler[[]diag.Problem], 2*workers+4)
	f.recBufs = make(recycler[[]byte], 2*workers+4)
	f.rendered = make(recycler[*rendered], 2*workers+4)
	renderer, _ := f.s.fold.Problems.(ProblemRenderer)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fast := newFastChunk(f)
			var render func([]byte, *diag.Problem) []byte
			if renderer != nil && !f.s.holdProblems {
				render = renderer.NewRender()
			}
			decode := func(c *chunk) *chunkResult {
				var res *chunkResult
				if fast != nil {
					res = fast.decode(c)
				} else {
					res = f.decode(c)
				}
				f.prerender(res, render)
				return res
			}
			var patchBuf []byte
			for c := range jobs {
				if c.seg != nil {
					c.done <- f.patchJob(c, decode, &patchBuf)
				} else {
					c.done <- decode(c)
				}
			}
		}()
	}
	return &wg
}

// recordBoundary returns the offset just after the last line break of buf
// that is outside quotes, leaving blank lines before it to the next chunk,
// or 0, and the line feeds before it. In CSV a quote opens or closes a quoted field or is doubled inside
// one, so a line break is between records exactly when the quotes before
// it are even in number (counted from a record boundary). A quote
// elsewhere is a syntax error, which falls back.
func recordBoundary(buf []byte) (int, int) {
	quotes, lines := countQuotesLines(buf)
	end := len(buf)
	for {
		i := bytes.LastIndexByte(buf[:end], '\n')
		if i < 0 {
			return 0, 0
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
				return 0, 0 // blank lines only: read on to the next record
			}
			return i + 1, lines - bytes.Count(buf[i+1:], []byte{'\n'})
		}
		end = i
	}
}

// fold adds a usable facility to the chunk's aggregate (and, when a filter
// leaves some out, to the total of all used facilities, for overflow).
// group, when not nil, is where the caller remembers the facility's group
// in this chunk (nil until the first: parks.Result.GroupOf), which saves
// looking it up by its key.
func (r *chunkResult) fold(f *parks.Facility, filter *parks.Filter, unfiltered bool, group **parks.Group) {
	if f.InvestmentPrivate.V > math.MaxInt64-f.InvestmentBudget.V {
		r.Fallback = true // a record's own total overflows: checkFacilityTotals words it
	}
	r.used++
	if !unfiltered {
		r.all.AddFacility(f) // else the aggregate's total is the total of every used record
	}
	if unfiltered || filter.Facility(f) {
		switch { // the chunk's total is made once, by done
		case group == nil:
			r.res.AddFacilityToGroup(f)
		case *group == nil:
			*group = r.res.GroupOf(f)
			fallthrough
		default:
			r.res.AddToGroup(*group, f)
		}
		if r.enc != nil {
			r.recs = encode(r.recs, r.enc, f)
		}
	}
}

// done finishes a chunk's result on its worker: the aggregate's total from
// its groups, the ids ordered for the index.
func (r *chunkResult) done(f *streamFile) *chunkResult {
	r.res.TotalOfGroups()
	rows, _ := f.rowBufs.get()
	r.ids = newIDRun(r.keys, f.idBuf(len(r.keys)), rows, r.offs)
	f.idBufs.put(r.keys)
	if r.offs != nil {
		f.rowBufs.put(r.offs)
	}
	r.keys, r.offs = nil, nil
	if r.enc != nil {
		f.s.fold.each.encoders.Put(r.enc)
		r.enc = nil
	}
	return r
}

var hashSeed = maphash.MakeSeed()

// decode reads the records of a chunk, the way DecodeCSV reads a file.
func (f *streamFile) decode(c *chunk) *chunkResult {
	res := f.newChunkResult(c)
	res.ambiguous = f.ambiguousIn(c.data)
	f.exact(c.data, c.line, res, -1)
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
	problems, _ := f.problems.get() // a warning on every row: a chunk's list is long
	r := &chunkResult{res: res, size: len(c.data), Rows: decode.Rows{Votes: make([]parks.DecimalVote, len(f.cols)), Problems: problems}, rowOff: -1}
	if e := f.s.fold.each; e != nil {
		r.enc = e.encoders.Get().(encoder)
		r.recs, _ = f.recBufs.get()
	}
	return r
}

// exact decodes the records of data, which starts at the given line of
// the file, with the holding path's row code (decode.CSVFile.Exact) into
// res: all of them when max < 0, else at most max. It returns how many
// bytes it read.
func (f *streamFile) exact(data []byte, line int, res *chunkResult, max int) int {
	return f.csv.Exact(data, line, &res.Rows, max, f.rowFunc(res))
}

// rowFunc is what the exact path does with each row it reads into res:
// its id's hash for the index, and the fold. It sets res.Hold in a repeat
// pass.
func (f *streamFile) rowFunc(res *chunkResult) decode.RowFunc {
	flt := &f.s.fold.Filter
	unfiltered := reflect.ValueOf(*flt).IsZero()
	if f.project && res.Project == nil {
		f.projectRows(res)
	}
	if s := f.s; (s.hold != nil || s.word != nil) && res.Hold == nil {
		res.Hold = func(r *parks.Facility) bool {
			if !s.holds(maphash.String(hashSeed, string(r.ID)), r) {
				return false
			}
			res.marks = append(res.marks, res.res.Mark()) // its place, should it be folded
			res.heldAt = append(res.heldAt, len(res.recs))
			return true
		}
	}
	return func(r *parks.Facility, usable bool, rowKey uint64) {
		if r.ID == "" {
			res.rowKeys = append(res.rowKeys, rowKey)
		} else {
			res.keys = append(res.keys, maphash.String(hashSeed, string(r.ID)))
			if res.offs != nil && res.rowOff >= res.off { // cut by the fast path: where it starts is known
				res.offs = append(res.offs, uint32(res.rowOff-res.off))
			}
			if f.s.recording {
				f.s.record(res, res.keys[len(res.keys)-1], r, res.rowOff, res.rowLine)
			}
		}
		if !usable {
			if r.ID == "" {
				res.reported++
			} else {
				res.reportBad(res.keys[len(res.keys)-1])
			}
			return
		}
		res.fold(r, flt, unfiltered, nil)
	}
}

// reportBad counts a facility left out for an error of its own; the hash
// of its id is kept for the projects (a project of the first facility
// with an id that has an error is left out too).
func (r *chunkResult) reportBad(key uint64) {
	r.reported++
	r.badKeys = append(r.badKeys, key)
}

// holds says whether a row is held: its id repeats (a repeat pass), or,
// in the word pass, its id repeats or its projects exceed it.
func (s *streamer) holds(key uint64, f *parks.Facility) bool {
	if s.hold != nil && s.hold.has(key) {
		return true
	}
	return s.word != nil && s.word.exceeds != nil && s.word.exceeds(key, f)
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

// ambiguousIn is mayBeAmbiguous for a chunk. The file's answer is whether
// any chunk has such a number, so once one has, the others need not look.
func (f *streamFile) ambiguousIn(data []byte) bool {
	if f.sawAmbiguous.Load() {
		return true
	}
	if decode.MayBeAmbiguous(data) {
		f.sawAmbiguous.Store(true)
		return true
	}
	return false
}

// merge adds a chunk's result, in file order.
func (f *streamFile) merge(c *chunk, res *chunkResult) error {
	s := f.s
	if res.Fallback {
		return errFallback
	}
	if s.word != nil { // the word pass: only the held rows matter
		for i := range res.Held {
			s.word.held(&res.Held[i])
		}
		f.idBufs.put(res.ids.keys)
		f.results.put(res.res)
		return nil
	}
	if res.patch != nil {
		return f.mergePatch(res.patch)
	}
	for _, p := range res.parts { // a segment decoded again by one worker
		if err := f.merge(p.c, p.res); err != nil {
			return err
		}
	}
	if res.parts != nil {
		return nil
	}
	var n uint32 // the chunk's number, among the facility chunks
	if !f.project && res.replayed == 0 {
		n = s.nchunks
		s.nchunks++
		if s.keep != nil {
			if s.keep.add(c, res, f.name); s.keep.full {
				s.keep = nil // many files: a repeat pass decodes them all again, as each is small
			}
		}
	}
	if f.project {
		s.joined = s.joined || res.joined
		s.projectTotals.Merge(&res.projects)
	}
	if ids := s.ids; s.hold == nil || f.project { // a repeat pass knows the facility ids already
		if f.project {
			ids = s.pids
		}
		if ids.perBucket == 0 && res.size > 0 {
			ids.reserve(int(s.total * int64(len(res.ids.keys)) / int64(res.size)))
		}
		ids.add(res.ids, n)
	}
	s.badKeys = append(s.badKeys, res.badKeys...)
	if res.figs != nil {
		s.figs.write(res.figs)
	}
	if res.ids != nil {
		f.idBufs.put(res.ids.keys)
		f.rowBufs.put(res.ids.rows)
	}
	if s.hold == nil || f.project { // else the first pass found no row twice
		for _, k := range res.rowKeys {
			if s.rows[k] {
				return errFallback // the same row twice
			}
			s.rows[k] = true
		}
	}
	if len(res.HeldProjects) > 0 {
		if !f.mergeHeldProjects(res) {
			return errFallback
		}
	} else if len(res.Held) == 0 {
		if res.pre != nil && len(s.l.Problems.Problems) > 0 {
			res.pre.free() // the list holds others: it is handed on by Add
			res.pre = nil
		}
		if res.pre != nil {
			res.pre.problems = res.Problems // flush hands them on with their text
		} else {
			for _, p := range res.Problems {
				s.l.Problems.Add(p)
			}
		}
		s.pre, res.pre = res.pre, nil
	} else if !f.mergeHeld(res) {
		return errFallback
	}
	if e := s.fold.each; e != nil {
		if err := e.deliver(res.recs, res.held); err != nil {
			return err
		}
		f.recBufs.put(res.recs[:0])
	}
	for _, u := range res.unkept {
		s.l.Problems.AddUnkept(u.rule, u.sev, u.n)
	}
	s.l.Problems.Compact() // with Keep, a warning on every row costs no memory per row
	s.res.Merge(res.res)
	if res.replayed == 0 {
		f.results.put(res.res)
	}
	s.all.Merge(&res.all)
	s.env.RowsIn += res.RowsIn
	switch {
	case res.replayed > 0:
		s.l.Chunks += res.replayed
		s.l.FastChunks += res.fastChunks
	default:
		s.l.Chunks++
		if res.fast {
			s.l.FastChunks++
		}
		if s.hold != nil && !f.project {
			s.l.Redecoded++
		}
	}
	s.l.HandOvers += res.handOvers
	s.used += res.used
	s.reported += res.reported
	s.load.Absent.Merge(res.Absent)
	f.mergeVotes(res)
	err := s.flush()    // hands on res.Problems (rendered) or the list's
	clear(res.Problems) // added by value: the texts stay alive in the list only
	f.problems.put(res.Problems[:0])
	return err
}

// mergeHeld adds a chunk's problems and findings with those of the rows
// a repeat pass held, each at its row's place, deciding on the held rows
// in file order; it folds those used into the chunk's aggregate. False
// when the load must fall back.
func (f *streamFile) mergeHeld(res *chunkResult) bool {
	s := f.s
	flt := &s.fold.Filter
	unfiltered := reflect.ValueOf(*flt).IsZero()
	pi := 0
	for i := range res.Held {
		h := &res.Held[i]
		for ; pi < h.At; pi++ {
			s.l.Problems.Add(res.Problems[pi])
		}
		seen := s.repeats.Has(h.ID)
		own, cross, usable, dropped := s.repeats.Resolve(h)
		if !seen && !dropped { // the first row with its id
			if k := s.first(h.ID); !usable {
				s.badKeys = append(s.badKeys, k)
			}
		}
		for _, p := range own {
			s.l.Problems.Add(p)
		}
		for _, p := range cross {
			s.l.Problems.Add(p)
		}
		s.load.Absent.Merge(h.Absent) // set for a first row only
		switch {
		case dropped:
			s.env.RowsDropped++
		case usable:
			if h.Facility.InvestmentPrivate.V > math.MaxInt64-h.Facility.InvestmentBudget.V {
				return false // a record's own total overflows: checkFacilityTotals words it
			}
			res.used++
			if !unfiltered {
				res.all.AddFacility(&h.Facility)
			}
			if unfiltered || flt.Facility(&h.Facility) {
				res.res.AddFacilityAt(&h.Facility, res.marks[i])
				if e := s.fold.each; e != nil {
					enc := e.encoders.Get().(encoder)
					res.held = append(res.held, heldRec{res.heldAt[i], encode(nil, enc, &h.Facility)})
					e.encoders.Put(enc)
				}
			}
		default:
			res.reported++
		}
	}
	for ; pi < len(res.Problems); pi++ {
		s.l.Problems.Add(res.Problems[pi])
	}
	res.res.Reorder()
	res.res.TotalOfGroups()
	res.Held, res.marks, res.heldAt = nil, nil, nil
	return true
}

// first notes the first row with an id, to find two ids with one hash
// (collision), and returns the hash.
func (s *streamer) first(id parks.ID) uint64 {
	k := facilityKey(id)
	if other, ok := s.firsts[k]; ok && other != id {
		s.collision = true
	}
	if s.firsts == nil {
		s.firsts = map[uint64]parks.ID{}
	}
	s.firsts[k] = id
	return k
}

func (f *streamFile) mergeVotes(res *chunkResult) {
	for i, v := range res.Votes {
		f.votes[i].Merge(v)
	}
	f.ambiguous = f.ambiguous || res.ambiguous
}

// unkeptCount is a number of problems of a rule and severity counted, not
// held (diag.List.AddUnkept).
type unkeptCount struct {
	rule string
	sev  diag.Severity
	n    int
}

// keySet is a set of hashes (the ids that repeat), asked for every row of
// a repeat pass: open addressing, twice as many slots as keys.
type keySet struct {
	slots []uint64
	zero  bool
}

func newKeySet(keys []uint64) *keySet {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	k := &keySet{slots: make([]uint64, size)}
	mask := uint64(size - 1)
	for _, key := range keys {
		if key == 0 {
			k.zero = true
			continue
		}
		i := key & mask
		for k.slots[i] != 0 && k.slots[i] != key {
			i = (i + 1) & mask
		}
		k.slots[i] = key
	}
	return k
}

func (k *keySet) has(key uint64) bool {
	if key == 0 {
		return k.zero
	}
	mask := uint64(len(k.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch k.slots[i] {
		case key:
			return true
		case 0:
			return false
		}
	}
}
