package stream

import (
	"os"
	"runtime"
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
// first line.
type keptChunk struct {
	file string
	off  int64
	size int
	line int
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
	k.chunks = append(k.chunks, keptChunk{file: file, off: c.off, size: len(c.data), line: c.line})
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
		if s.redo[uint32(c)] {
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
