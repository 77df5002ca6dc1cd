package stream

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"io"
	"os"
	"slices"
)

// Sorter sorts records by a key (Compare; equal keys keep the order they
// were added in) with bounded memory: records are kept in memory up to
// Limit bytes, then sorted and appended to an unlinked temporary file as
// a run; Each merges the runs and what is still in memory. It is what lets
// a command that prints one row per record in an order of its own (list,
// by district and name) print a million rows in a few MB.
type Sorter struct {
	// Limit is how many bytes of records are kept in memory (0: 4 MiB).
	Limit int
	// Compare orders two keys (nil: bytes.Compare). Keys may stand for
	// something Compare looks up (a name's rank in a dictionary of the
	// load): Prepare is called before records are compared.
	Compare func(a, b []byte) int
	// Prepare, when set, is called before the records in memory are
	// sorted and before the merge, so that Compare knows of every key
	// added so far.
	Prepare func()
	// Ord, when set, gives for a key a number that orders it among the
	// other keys Ord gives a number for as Compare does (ok false: none;
	// called after Prepare): most comparisons then compare two numbers.
	Ord func(key []byte) (ord uint64, ok bool)

	buf  []byte     // records: key length, payload length (uint32 each), key, payload
	offs []sortItem // where each record of buf starts
	n    int
	file *os.File
	w    *bufio.Writer
	runs []sortRun
	end  int64
}

type sortRun struct{ off, size int64 }

// sortItem is a record in memory: where it starts in buf, and its key's
// Ord when it has one.
type sortItem struct {
	ord   uint64
	off   int
	fixed bool
}

// Add adds a record.
func (s *Sorter) Add(key, payload []byte) error {
	limit := s.limit()
	if len(s.buf) > 0 && len(s.buf)+8+len(key)+len(payload) > limit {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if s.buf == nil {
		s.buf = make([]byte, 0, limit) // not grown by doubling: a copy and twice the memory
	}
	s.offs = append(s.offs, sortItem{off: len(s.buf)})
	s.buf = binary.LittleEndian.AppendUint32(s.buf, uint32(len(key)))
	s.buf = binary.LittleEndian.AppendUint32(s.buf, uint32(len(payload)))
	s.buf = append(s.buf, key...)
	s.buf = append(s.buf, payload...)
	s.n++
	return nil
}

func (s *Sorter) limit() int {
	if s.Limit <= 0 {
		return 4 << 20
	}
	return s.Limit
}

// Len is the number of records added.
func (s *Sorter) Len() int { return s.n }

// Reset forgets every record.
func (s *Sorter) Reset() {
	s.Close()
	*s = Sorter{Limit: s.Limit, Compare: s.Compare, Prepare: s.Prepare, Ord: s.Ord, buf: s.buf[:0], offs: s.offs[:0]}
}

// Close removes the temporary file.
func (s *Sorter) Close() {
	if s.file != nil {
		s.file.Close()
		s.file = nil
	}
}

func record(b []byte) (key, payload []byte, size int) {
	k := int(binary.LittleEndian.Uint32(b))
	p := int(binary.LittleEndian.Uint32(b[4:]))
	return b[8 : 8+k], b[8+k : 8+k+p], 8 + k + p
}

func (s *Sorter) compare() func(a, b []byte) int {
	if s.Compare != nil {
		return s.Compare
	}
	return bytes.Compare
}

// sort orders the records in memory by key, equal keys by where they
// are in buf (the order they were added in): stable, without the
// O(n log² n) of a stable sort, which on names that repeat compared long
// equal keys 10 times as often. Keys with an Ord compare as numbers, in
// the items, without a look at buf.
func (s *Sorter) sort() {
	if s.Prepare != nil {
		s.Prepare()
	}
	if s.Ord != nil {
		for i := range s.offs {
			k, _, _ := record(s.buf[s.offs[i].off:])
			s.offs[i].ord, s.offs[i].fixed = s.Ord(k)
		}
	}
	compare := s.compare()
	slices.SortFunc(s.offs, func(a, b sortItem) int {
		if a.fixed && b.fixed {
			if a.ord != b.ord {
				return cmp.Compare(a.ord, b.ord)
			}
			return cmp.Compare(a.off, b.off)
		}
		ka, _, _ := record(s.buf[a.off:])
		kb, _, _ := record(s.buf[b.off:])
		if c := compare(ka, kb); c != 0 {
			return c
		}
		return cmp.Compare(a.off, b.off)
	})
}

// spill sorts the records in memory and appends them to the file as a run.
func (s *Sorter) spill() error {
	if s.file == nil {
		f, err := os.CreateTemp("", "parks-sort-*")
		if err != nil {
			return err
		}
		os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
		s.file, s.w = f, bufio.NewWriterSize(f, 1<<16)
	}
	s.sort()
	start := s.end
	for _, it := range s.offs {
		o := it.off
		_, _, n := record(s.buf[o:])
		if _, err := s.w.Write(s.buf[o : o+n]); err != nil {
			return err
		}
		s.end += int64(n)
	}
	s.runs = append(s.runs, sortRun{start, s.end - start})
	s.buf, s.offs = s.buf[:0], s.offs[:0]
	return nil
}

// Each calls fn with every record's payload in key order; fn must not
// keep it.
func (s *Sorter) Each(fn func(payload []byte) error) error {
	s.sort()
	if len(s.runs) == 0 {
		for _, it := range s.offs {
			_, p, _ := record(s.buf[it.off:])
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	// A k-way merge of the runs and of the records still in memory (the
	// last run): the cursor with the least key (the earlier run on a tie)
	// goes next; a small heap of cursors ordered by their keys. A cursor
	// reads its run a block at a time and gives records where they lie in
	// the block.
	compare := s.compare()
	block := max(4<<10, min(64<<10, s.limit()/len(s.runs)))
	cursors := make([]*runCursor, 0, len(s.runs)+1)
	for _, r := range s.runs {
		cursors = append(cursors, &runCursor{ord: s.Ord, file: s.file, off: r.off, left: r.size, buf: make([]byte, 0, block)})
	}
	if len(s.offs) > 0 {
		cursors = append(cursors, &runCursor{ord: s.Ord, mem: s.buf, offs: s.offs})
	}
	h := cursors[:0]
	for i, c := range cursors {
		c.run = i
		if ok, err := c.next(); err != nil {
			return err
		} else if ok {
			h = append(h, c)
		}
	}
	less := func(a, b *runCursor) bool {
		if a.fixed && b.fixed {
			if a.ordKey != b.ordKey {
				return a.ordKey < b.ordKey
			}
			return a.run < b.run
		}
		if c := compare(a.key, b.key); c != 0 {
			return c < 0
		}
		return a.run < b.run
	}
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(h[r], h[l]) {
				m = r
			}
			if !less(h[m], h[i]) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for len(h) > 0 {
		c := h[0]
		if err := fn(c.payload); err != nil {
			return err
		}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if !ok {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		down(0)
	}
	return nil
}

// runCursor reads a run's records one by one: from the file a block at a
// time (file, off, left), or from the records in memory (mem at offs).
type runCursor struct {
	run          int
	key, payload []byte
	fixed        bool // the key has an Ord
	ordKey       uint64
	ord          func([]byte) (uint64, bool)

	file      *os.File
	off, left int64  // where the rest of the run is in the file, its size
	buf       []byte // the block read, buf[pos:] not given yet
	pos       int

	mem  []byte
	offs []sortItem
}

func (c *runCursor) next() (bool, error) {
	ok, err := c.read()
	if ok && c.ord != nil {
		c.ordKey, c.fixed = c.ord(c.key)
	}
	return ok, err
}

func (c *runCursor) read() (bool, error) {
	if c.file == nil {
		if len(c.offs) == 0 {
			return false, nil
		}
		c.key, c.payload, _ = record(c.mem[c.offs[0].off:])
		c.offs = c.offs[1:]
		return true, nil
	}
	if len(c.buf)-c.pos < 8 {
		if err := c.fill(8); err != nil {
			return false, err
		}
		if len(c.buf)-c.pos < 8 {
			return false, nil // the run's end (a run holds whole records)
		}
	}
	k := int(binary.LittleEndian.Uint32(c.buf[c.pos:]))
	p := int(binary.LittleEndian.Uint32(c.buf[c.pos+4:]))
	if len(c.buf)-c.pos < 8+k+p {
		if err := c.fill(8 + k + p); err != nil {
			return false, err
		}
		if len(c.buf)-c.pos < 8+k+p {
			return false, io.ErrUnexpectedEOF
		}
	}
	rec := c.buf[c.pos+8 : c.pos+8+k+p]
	c.key, c.payload = rec[:k], rec[k:]
	c.pos += 8 + k + p
	return true, nil
}

// fill moves what is left of the block to its start and reads more of
// the run after it, at least need bytes in all if the run has them.
func (c *runCursor) fill(need int) error {
	n := copy(c.buf[:cap(c.buf)], c.buf[c.pos:])
	c.buf, c.pos = c.buf[:n], 0
	if need > cap(c.buf) {
		c.buf = slices.Grow(c.buf, need-len(c.buf))
	}
	want := min(int64(cap(c.buf)-n), c.left)
	if want <= 0 {
		return nil
	}
	got, err := c.file.ReadAt(c.buf[n:n+int(want)], c.off)
	c.buf = c.buf[:n+got]
	c.off += int64(got)
	c.left -= int64(got)
	if err == io.EOF && int64(got) == want {
		err = nil
	}
	return err
}

// AppendKey appends a part of a key so that keys made of parts compare
// (bytes.Compare) as their parts compare one after the other: a zero byte
// is written 0 0xff and a part ends with 0 1.
func AppendKey(dst, part []byte) []byte {
	for {
		i := bytes.IndexByte(part, 0)
		if i < 0 {
			break
		}
		dst = append(append(dst, part[:i]...), 0, 0xff)
		part = part[i+1:]
	}
	return append(append(dst, part...), 0, 1)
}
