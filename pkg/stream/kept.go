package stream

import (
	"bytes"
	"os"
	"reflect"
	"runtime"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// kept is what a first pass keeps of the facility chunks it merged, in
// file order, for a repeat pass: where each chunk is in its file and what
// it added to the load, summed over runs of neighbouring chunks of a file
// (segments). A repeat pass adds the segments that hold no repeated id as
// they are and decodes only the others again, read at their place
// (streamFile.again): the rows of a chunk without a repeated id come out
// of both passes the same, and the first row with a repeated id too
// (decode.Repeats); only the later rows with it change.
//
// A segment sums at most per chunks; past maxSegments segments, per
// doubles and neighbours are summed, so what is kept does not grow with the
// file: a repeated id costs a segment decoded again, a few chunks of a
// large file. Problems cost memory (their texts): past keepProblems of
// them, or keepBytes in all, a chunk with problems is not kept, and is
// decoded again if a repeat pass comes.
type kept struct {
	chunks   []keptChunk
	segs     []segment
	per      int // the most chunks of a segment
	bytes    int // memory held by the segments' sums, roughly
	problems int // problems held by the segments' sums
	next     int // the next segment a repeat pass adds
	// full: the segments could not be summed below maxSegments, as
	// segments of different files are never summed (many small files):
	// the load keeps nothing, and a repeat pass decodes every chunk again
	full bool
}

// keepProblems and keepBytes bound what kept holds (see kept).
var keepProblems, keepBytes = 4096, 8 << 20

// keptChunk is where one chunk of the first pass is: its file, bytes and
// first line; its rows with an id, and whether a repeat pass may find such
// a row: at its offset (atOffset: idRun.rows has the offsets), or by its
// number, counting records, when those are all its records (no row
// without an id).
type keptChunk struct {
	file                string
	off                 int64
	size                int
	line                int
	rows                int
	locatable, atOffset bool
}

// segment is a run of neighbouring chunks of one file (chunks[first:
// first+n]) and what they added to the load (nil: not kept).
type segment struct {
	first, n int
	sum      *chunkSum
}

// maxSegments bounds the segments kept (see kept).
var maxSegments = 128

// chunkSum is what a run of chunks added to the load, merged as the
// merger merges them.
type chunkSum struct {
	res                           *parks.Result
	all                           parks.Totals
	problems                      []diag.Problem
	unkept                        []unkeptCount
	absent                        decode.Absent
	votes                         []parks.DecimalVote
	badKeys                       []uint64
	rowsIn, used, reported, hands int
	chunks, fast                  int
	size                          int
	ambiguous                     bool
}

// cost is roughly the memory a sum holds.
func (c *chunkSum) cost() int {
	return (int(unsafe.Sizeof(parks.Group{}))+64)*(len(c.res.Groups)+1) + 512*len(c.problems) + // a problem's texts too
		8*len(c.badKeys) + 64*len(c.absent) + 16*len(c.votes) + int(unsafe.Sizeof(chunkSum{}))
}

// add keeps a chunk of the first pass, before the merger recycles its
// result.
func (k *kept) add(c *chunk, res *chunkResult, file string) {
	spec := keptChunk{file: file, off: c.off, size: len(c.data), line: c.line}
	if res.ids != nil {
		spec.rows, spec.atOffset = len(res.ids.keys), res.ids.atOffset
		spec.locatable = spec.atOffset || len(res.rowKeys) == 0
	}
	k.chunks = append(k.chunks, spec)
	i := len(k.chunks) - 1
	k.per = max(k.per, 1)
	keep := k.bytes < keepBytes && (len(res.Problems) == 0 || k.problems+len(res.Problems) <= keepProblems)
	var seg *segment
	if n := len(k.segs); n > 0 && k.segs[n-1].n < k.per && k.chunks[k.segs[n-1].first].file == file && (k.segs[n-1].sum != nil) == keep {
		seg = &k.segs[n-1]
		seg.n++
	} else {
		k.segs = append(k.segs, segment{first: i, n: 1})
		seg = &k.segs[len(k.segs)-1]
		if keep {
			seg.sum = &chunkSum{res: parks.NewResult(res.res.By)}
		}
	}
	if seg.sum != nil {
		k.drop(seg.sum)
		seg.sum.add(res, len(c.data))
		k.hold(seg.sum)
	}
	if len(k.segs) > maxSegments {
		k.per *= 2
		out := k.segs[:1]
		for _, seg := range k.segs[1:] {
			last := &out[len(out)-1]
			if last.n+seg.n > k.per || k.chunks[last.first].file != k.chunks[seg.first].file {
				out = append(out, seg)
				continue
			}
			last.n += seg.n
			if last.sum != nil {
				k.drop(last.sum)
			}
			if seg.sum != nil {
				k.drop(seg.sum)
			}
			if last.sum != nil && seg.sum != nil {
				last.sum.merge(seg.sum)
				k.hold(last.sum)
			} else {
				last.sum = nil // a chunk not kept: the segment is decoded again
			}
		}
		k.segs = out
		k.full = len(k.segs) > maxSegments
	}
}

// hold and drop count what a sum holds in, and out.
func (k *kept) hold(c *chunkSum) { k.bytes, k.problems = k.bytes+c.cost(), k.problems+len(c.problems) }
func (k *kept) drop(c *chunkSum) { k.bytes, k.problems = k.bytes-c.cost(), k.problems-len(c.problems) }

// add adds a chunk's result to the sum.
func (c *chunkSum) add(res *chunkResult, size int) {
	one := &chunkSum{res: res.res, all: res.all, problems: res.Problems, unkept: res.unkept, absent: res.Absent,
		votes: res.Votes, badKeys: res.badKeys, rowsIn: res.RowsIn, used: res.used, reported: res.reported,
		hands: res.handOvers, chunks: 1, size: size, ambiguous: res.ambiguous}
	if res.fast {
		one.fast = 1
	}
	c.merge(one) // copies what it keeps: the merger recycles res
}

// merge adds the sum of the chunks that follow c's in its file.
func (c *chunkSum) merge(d *chunkSum) {
	c.res.Merge(d.res)
	c.all.Merge(&d.all)
	c.problems = append(c.problems, d.problems...)
	c.unkept = append(c.unkept, d.unkept...)
	if len(d.absent) > 0 {
		if c.absent == nil {
			c.absent = decode.Absent{}
		}
		c.absent.Merge(d.absent)
	}
	if c.votes == nil {
		c.votes = make([]parks.DecimalVote, len(d.votes))
	}
	for i, v := range d.votes {
		c.votes[i].Merge(v)
	}
	c.badKeys = append(c.badKeys, d.badKeys...)
	c.rowsIn += d.rowsIn
	c.used += d.used
	c.reported += d.reported
	c.hands += d.hands
	c.chunks += d.chunks
	c.fast += d.fast
	c.size += d.size
	c.ambiguous = c.ambiguous || d.ambiguous
}

// result is a kept sum's result, for the merger to add again.
func (c *chunkSum) result() *chunkResult {
	return &chunkResult{
		Rows: decode.Rows{Problems: c.problems, RowsIn: c.rowsIn, Votes: c.votes, Absent: c.absent},
		res:  c.res, all: c.all, used: c.used, reported: c.reported, handOvers: c.hands, ambiguous: c.ambiguous,
		unkept: c.unkept, badKeys: c.badKeys, size: c.size, replayed: c.chunks, fastChunks: c.fast,
	}
}

// replay says whether a repeat pass adds a segment as the first pass kept
// it: it is kept and none of its chunks holds a repeated id.
func (s *streamer) replays(seg segment) bool {
	if seg.sum == nil {
		return false
	}
	for c := seg.first; c < seg.first+seg.n; c++ {
		if len(s.redo[uint32(c)]) > 0 {
			return false
		}
	}
	return true
}

// replaying returns, in a repeat pass, the first pass's result of the
// small file being read when it can be added as it is, or nil when the
// file is decoded (again).
func (s *streamer) replaying(file string) *chunkResult {
	k := s.replay
	if k == nil || k.next >= len(k.segs) || k.chunks[k.segs[k.next].first].file != file {
		return nil
	}
	seg := k.segs[k.next]
	k.next++
	if seg.n != 1 || !s.replays(seg) {
		return nil
	}
	return seg.sum.result()
}

// again is chunks for a repeat pass: the file's chunks as the first pass
// cut them, those kept and without a repeated id added as they were, the
// others read at their place and decoded on Workers goroutines, merged in
// order.
func (f *streamFile) again(fh *os.File) error {
	s := f.s
	k := s.replay
	from := k.next
	for k.next < len(k.segs) && k.chunks[k.segs[k.next].first].file == f.name {
		k.next++
	}
	segs := k.segs[from:k.next]
	workers := s.fold.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *chunk)
	order := make(chan *chunk, workers+1)     // bounds the chunks in flight
	free := make(recycler[[]byte], workers+3) // chunk buffers, for the reader
	stop := make(chan struct{})
	wg := f.startWorkers(workers, jobs)
	var readErr error
	go func() { // the reader: the chunks of the first pass, in order
		defer close(order)
		defer close(jobs)
		for _, seg := range segs {
			if s.replays(seg) {
				c := &chunk{done: make(chan *chunkResult, 1)}
				c.done <- seg.sum.result()
				select {
				case order <- c:
				case <-stop:
					return
				}
				continue
			}
			if f.patchable(seg) { // a worker patches it (patchJob)
				c := &chunk{seg: &seg, fh: fh, done: make(chan *chunkResult, 1)}
				select {
				case order <- c:
				case <-stop:
					return
				}
				jobs <- c
				continue
			}
			for _, spec := range k.chunks[seg.first : seg.first+seg.n] {
				c := &chunk{line: spec.line, off: spec.off, done: make(chan *chunkResult, 1)}
				buf, ok := free.get()
				if !ok || cap(buf) < spec.size {
					buf = make([]byte, spec.size)
				}
				c.data = buf[:spec.size]
				if _, err := fh.ReadAt(c.data, spec.off); err != nil {
					readErr = err
					return
				}
				select {
				case order <- c:
				case <-stop:
					return
				}
				jobs <- c
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

// patch is a kept segment whose chunks hold rows with a repeated id, and
// those rows decoded again (held: decode.HeldRow), so that the merger
// can take what the first pass added for the later rows with an id out
// of the segment's sum and add what the repeat pass says of them
// (mergePatch), instead of decoding the segment again.
type patch struct {
	seg  segment
	fh   *os.File
	held []decode.HeldRow
	// lines of each held row's record: [first, end)
	lines  [][2]int
	chunks int // chunks with held rows
}

// patchable says whether a segment of a repeat pass may be patched: it is
// kept, and its chunks with rows with a repeated id can be walked record
// by record (patch says the rest).
func (f *streamFile) patchable(seg segment) bool {
	if seg.sum == nil {
		return false
	}
	for c := seg.first; c < seg.first+seg.n; c++ {
		if len(f.s.redo[uint32(c)]) > 0 && !f.s.replay.chunks[c].locatable {
			return false
		}
	}
	return true
}

// patchJob is a worker's part of a repeat pass for a segment that holds
// rows with a repeated id: the segment patched (patch), or, when it
// cannot be, its chunks read and decoded again here, one after the other,
// for the merger to merge in order (chunkResult.parts). Segments are
// patched on every worker: with an id repeated in every chunk, each
// segment is read again and its records counted.
func (f *streamFile) patchJob(c *chunk, decode func(*chunk) *chunkResult, buf *[]byte) *chunkResult {
	seg := *c.seg
	if pt := f.patch(c.fh, seg, buf); pt != nil && !unpatched {
		return &chunkResult{patch: pt, size: seg.sum.size}
	}
	res := &chunkResult{size: seg.sum.size}
	for _, spec := range f.s.replay.chunks[seg.first : seg.first+seg.n] {
		part := &chunk{line: spec.line, off: spec.off, data: make([]byte, spec.size)}
		if _, err := c.fh.ReadAt(part.data, spec.off); err != nil {
			res.Fallback = true // as a read error of the reader
			return res
		}
		res.parts = append(res.parts, chunkPart{part, decode(part)})
	}
	return res
}

// unpatched makes patchJob decode every segment again (tests: as if none
// could be patched).
var unpatched bool

// chunkPart is a chunk of a segment decoded again by patchJob, and its
// result.
type chunkPart struct {
	c   *chunk
	res *chunkResult
}

// patch finds the rows with a repeated id of a kept segment's chunks and
// decodes them (held), or returns nil when the segment is to be decoded
// again whole: it is not kept, or a chunk's rows cannot be found by
// counting records (a row without an id, a record cut otherwise than the
// row code cuts it).
func (f *streamFile) patch(fh *os.File, seg segment, buf *[]byte) *patch {
	s, k := f.s, f.s.replay
	if seg.sum == nil {
		return nil
	}
	pt := &patch{seg: seg, fh: fh}
	for c := seg.first; c < seg.first+seg.n; c++ {
		rows := s.redo[uint32(c)]
		if len(rows) == 0 {
			continue
		}
		spec := k.chunks[c]
		if !spec.locatable {
			return nil
		}
		if spec.atOffset {
			if !f.locateAt(fh, spec, rows, pt, buf) {
				return nil
			}
			pt.chunks++
			continue
		}
		if cap(*buf) < spec.size {
			*buf = make([]byte, spec.size)
		}
		data := (*buf)[:spec.size]
		if _, err := fh.ReadAt(data, spec.off); err != nil {
			return nil
		}
		if !f.locate(data, spec, rows, pt) {
			return nil
		}
		pt.chunks++
	}
	return pt
}

// locate walks the records of a chunk's data, as recordEnd cuts them, and
// decodes again those numbered in rows (sorted) into pt: each must be
// read whole by the row code and held, with the id's hash the index has,
// and the chunk must have as many records as the first pass read rows.
func (f *streamFile) locate(data []byte, spec keptChunk, rows []heldPlace, pt *patch) bool {
	res := &chunkResult{Rows: decode.Rows{Votes: make([]parks.DecimalVote, len(f.cols))}, res: parks.NewResult(f.s.fold.By)}
	p, line, n := 0, spec.line, 0
	for p < len(data) {
		q := p // blank lines: the row code passes them
		for q < len(data) && (data[q] == '\n' || data[q] == '\r' && q+1 < len(data) && data[q+1] == '\n') {
			if data[q] == '\r' {
				q++
			}
			q++
		}
		if q == len(data) {
			break
		}
		line += q - p - bytes.Count(data[p:q], []byte{'\r'})
		end := recordEnd(data, q)
		lines := bytes.Count(data[q:end], []byte{'\n'})
		if len(rows) > 0 && rows[0].row() == n {
			if !f.holdRow(data[q:end], line, rows[0].key, res, pt) {
				return false
			}
			rows = rows[1:]
		}
		line += lines
		p = end
		n++
	}
	if n != spec.rows || len(rows) > 0 {
		return false
	}
	pt.held = append(pt.held, res.Held...)
	return true
}

// holdRow decodes the record rec, at line, into res and notes its lines
// in pt: it must be read whole by the row code and held, with the id's
// hash key.
func (f *streamFile) holdRow(rec []byte, line int, key uint64, res *chunkResult, pt *patch) bool {
	held := len(res.Held)
	if m := f.exact(rec, line, res, 1); m != len(rec) || res.Fallback || len(res.Held) != held+1 ||
		len(res.Problems) > 0 || facilityKey(res.Held[held].ID) != key {
		return false
	}
	last := bytes.Count(rec, []byte{'\n'})
	if rec[len(rec)-1] != '\n' {
		last++
	}
	pt.lines = append(pt.lines, [2]int{line, line + last})
	return true
}

// locatedAt counts the chunks locateAt found its rows in (tests: the
// repeat pass reads rows at their offsets, not only by counting).
var locatedAt atomic.Int64

// atOffsetWindow is how much of a chunk past its last row with a repeated
// id locateAt reads at first: that row's record, unless it is longer
// (tests make it shorter than a record).
var atOffsetWindow = 64 << 10

// locateAt is locate for a chunk whose rows' places are their records'
// offsets (keptChunk.atOffset): it reads the chunk only up to its last row
// with a repeated id, counts the line feeds before each such row for its
// line and decodes it, without walking the records before it.
func (f *streamFile) locateAt(fh *os.File, spec keptChunk, rows []heldPlace, pt *patch, buf *[]byte) bool {
	n := min(spec.size, rows[len(rows)-1].row()+atOffsetWindow)
	read := func(n int) []byte {
		if cap(*buf) < n {
			*buf = make([]byte, n)
		}
		data := (*buf)[:n]
		if _, err := fh.ReadAt(data, spec.off); err != nil {
			return nil
		}
		return data
	}
	data := read(n)
	res := &chunkResult{Rows: decode.Rows{Votes: make([]parks.DecimalVote, len(f.cols))}, res: parks.NewResult(f.s.fold.By)}
	line, counted := spec.line, 0
	for _, h := range rows {
		q := h.row()
		if data == nil || q < counted || q >= spec.size {
			return false
		}
		if q >= len(data) {
			if data = read(spec.size); data == nil {
				return false
			}
		}
		end := recordEnd(data, q)
		if end == len(data) && len(data) < spec.size { // the record goes on past what was read
			if data = read(spec.size); data == nil {
				return false
			}
			end = recordEnd(data, q)
		}
		if q == end || data[q] == '\n' || data[q] == '\r' { // not where a record starts
			return false
		}
		line += bytes.Count(data[counted:q], []byte{'\n'})
		counted = q
		if !f.holdRow(data[q:end], line, h.key, res, pt) {
			return false
		}
	}
	pt.held = append(pt.held, res.Held...)
	locatedAt.Add(1)
	return true
}

// mergePatch merges a patched segment. The first pass read every row as
// if its id were unique; the repeat pass reads the first row with an id
// the same way, and decides on the later ones (decode.Repeats): an exact
// copy is dropped (duplicate-row), another row with the id is an error
// (unique-error, without the row rules' findings). So the segment's sum
// is right but for the later rows: their problems (found by their lines),
// their count as used or left out, and, if used, their sums in their
// group and the total are taken out of it, and the repeat pass's findings
// added. What cannot be taken out is left: the order of the groups (the
// group must be in the load already, so that the row opened no group
// the output shows) and the provenance (the load's group must cover the
// row's source and date already), the absent columns the row needed (the
// load must have noted them), a sum that overflowed. When any of those
// does not hold, or the row's problems are neither in the list nor in its
// counts (Keep), or the problems the repeat pass would word more with a
// kept list could be among the load's first, the segment is decoded
// again (redo).
func (f *streamFile) mergePatch(pt *patch) error {
	s := f.s
	sum := pt.seg.sum
	flt := &s.fold.Filter
	unfiltered := reflect.ValueOf(*flt).IsZero()
	later := make([]bool, len(pt.held))
	seen := map[parks.ID]bool{}
	bad := map[uint64]int{}
	for i := range pt.held {
		h := &pt.held[i]
		if !s.repeats.Has(h.ID) && !seen[h.ID] {
			seen[h.ID] = true
			continue
		}
		later[i] = true
		if len(h.Absent) > 0 && len(h.Absent.Without(s.load.Absent)) > 0 {
			return f.redo(pt)
		}
		if h.BadFindings {
			bad[facilityKey(h.ID)]++
			continue
		}
		if unfiltered || flt.Facility(&h.Facility) {
			g := s.res.Find(&h.Facility)
			if g == nil || sum.res.Find(&h.Facility) == nil || !g.Totals.Prov.Covers(string(h.Facility.Source), h.Facility.AsOf) {
				return f.redo(pt)
			}
		}
	}
	// the held rows' problems in the sum, by their lines (held rows are in
	// file order, their lines apart)
	found := make([][]int, len(pt.held))
	for j := range sum.problems {
		pos := &sum.problems[j].Pos
		i, ok := slices.BinarySearchFunc(pt.lines, pos.Line, func(sp [2]int, line int) int {
			switch {
			case sp[1] <= line:
				return -1
			case sp[0] > line:
				return 1
			}
			return 0
		})
		if ok && pos.File == pt.held[i].Pos.File {
			found[i] = append(found[i], j)
		}
	}
	drop := make([]bool, len(sum.problems))
	var errs, warns, infos int // the problems taken out
	for i := range pt.held {
		h := &pt.held[i]
		if !later[i] {
			continue // the first row with its id: its problems stay
		}
		if len(found[i]) > len(h.Problems)+len(h.Findings) {
			return f.redo(pt) // cannot be: another row's problem on its lines
		}
		for _, want := range [][]diag.Problem{h.Problems, h.Findings} {
			for _, w := range want {
				sev := w.Severity
				if s.opts.Strict && sev != diag.Info {
					sev = diag.Error
				}
				errs, warns, infos = countSeverity(sev, errs, warns, infos)
				j := slices.IndexFunc(found[i], func(j int) bool {
					return !drop[j] && sum.problems[j].Pos == w.Pos && sum.problems[j].Rule == w.Rule
				})
				if j >= 0 {
					drop[found[i][j]] = true
					continue
				}
				// counted only (Keep): taken out of the count
				u := slices.IndexFunc(sum.unkept, func(u unkeptCount) bool { return u.rule == w.Rule && u.sev == sev && u.n > 0 })
				if u < 0 {
					return f.redo(pt)
				}
				sum.unkept[u].n-- // spoils the sum if redone: redo does not read it
			}
		}
	}
	sum.unkept = slices.DeleteFunc(sum.unkept, func(u unkeptCount) bool { return u.n == 0 })
	// With a kept list (Keep) the fast path words the first Keep problems
	// of each severity of a chunk and counts the others (unkept); the
	// repeat pass, which does not count a held row's problems there (they
	// are added apart), words a few more, and the list keeps the load's
	// first Keep of each severity. A problem counted only follows, in the
	// chunk, Keep worded ones, all of which the repeat pass adds too but
	// for those taken out here: it cannot be among the load's first Keep
	// when at least as many of its severity come before it in its file.
	if len(sum.unkept) > 0 {
		e, w := s.l.Problems.Added()
		if infos > 0 || errs > e-f.addedErrs || warns > w-f.addedWarns {
			return f.redo(pt)
		}
	}
	for k, n := range bad {
		if count(sum.badKeys, k) < n {
			return f.redo(pt)
		}
	}
	// take the later rows out of the sum (a failure spoils it: redo does
	// not read it)
	for i := range pt.held {
		if !later[i] {
			continue
		}
		h := &pt.held[i]
		if h.BadFindings {
			if sum.reported--; sum.reported < 0 {
				return f.redo(pt)
			}
			continue
		}
		if sum.used--; sum.used < 0 || !unfiltered && !sum.all.Remove(&h.Facility) {
			return f.redo(pt)
		}
		if unfiltered || flt.Facility(&h.Facility) {
			if !sum.res.Find(&h.Facility).Totals.Remove(&h.Facility) || !sum.res.Total.Remove(&h.Facility) {
				return f.redo(pt)
			}
		}
	}
	for k, n := range bad {
		for ; n > 0; n-- {
			i := slices.Index(sum.badKeys, k)
			sum.badKeys = slices.Delete(sum.badKeys, i, i+1)
		}
	}
	kept := sum.problems[:0]
	for j, p := range sum.problems {
		if !drop[j] {
			kept = append(kept, p)
		}
	}
	clear(sum.problems[len(kept):])
	sum.problems = kept
	res := sum.result()
	// what the repeat pass says of the held rows, in file order
	for i := range pt.held {
		h := &pt.held[i]
		seen := s.repeats.Has(h.ID)
		own, cross, usable, dropped := s.repeats.Resolve(h)
		if !later[i] { // the first row with its id: added by the first pass as the repeat pass adds it
			if seen || dropped || usable == h.BadFindings {
				return errFallback // cannot be
			}
			s.first(h.ID)
			continue
		}
		res.Problems = append(append(res.Problems, own...), cross...)
		switch {
		case dropped:
			s.env.RowsDropped++
		case usable:
			return errFallback // cannot be: a later row is not used
		default:
			res.reported++
		}
	}
	s.l.Patched += pt.chunks
	return f.merge(&chunk{}, res)
}

// countSeverity counts a problem of severity sev.
func countSeverity(sev diag.Severity, errs, warns, infos int) (int, int, int) {
	switch sev {
	case diag.Error:
		return errs + 1, warns, infos
	case diag.Warning:
		return errs, warns + 1, infos
	}
	return errs, warns, infos + 1
}

// count is how many times v is in s.
func count(s []uint64, v uint64) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// redo decodes a patched segment's chunks again and merges them, on the
// merger: the segment could not be patched.
func (f *streamFile) redo(pt *patch) error {
	var fast *fastChunk
	for _, spec := range f.s.replay.chunks[pt.seg.first : pt.seg.first+pt.seg.n] {
		c := &chunk{line: spec.line, off: spec.off, data: make([]byte, spec.size)}
		if _, err := pt.fh.ReadAt(c.data, spec.off); err != nil {
			return errFallback
		}
		if fast == nil {
			fast = newFastChunk(f)
		}
		var res *chunkResult
		if fast != nil {
			res = fast.decode(c)
		} else {
			res = f.decode(c)
		}
		if err := f.merge(c, res); err != nil {
			return err
		}
	}
	return nil
}
