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

// Sorter sorts records by a byte key (bytes.Compare; equal keys keep the
// order they were added in) with bounded memory: records are kept in
// memory up to Limit bytes, then sorted and appended to an unlinked
// temporary file as a run; Each merges the runs. It is what lets a command
// that prints one row per record in an order of its own (list, by
// district and name) print a million rows in a few MB.
type Sorter struct {
	// Limit is how many bytes of records are kept in memory (0: 4 MiB).
	Limit int

	buf  []byte // records: key length, payload length (uint32 each), key, payload
	offs []int  // where each record of buf starts
	n    int
	file *os.File
	w    *bufio.Writer
	runs []sortRun
	end  int64
}

type sortRun struct{ off, size int64 }

// Add adds a record.
func (s *Sorter) Add(key, payload []byte) error {
	limit := s.Limit
	if limit <= 0 {
		limit = 4 << 20
	}
	if len(s.buf) > 0 && len(s.buf)+8+len(key)+len(payload) > limit {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if s.buf == nil {
		s.buf = make([]byte, 0, limit) // not grown by doubling: a copy and twice the memory
	}
	s.offs = append(s.offs, len(s.buf))
	s.buf = binary.LittleEndian.AppendUint32(s.buf, uint32(len(key)))
	s.buf = binary.LittleEndian.AppendUint32(s.buf, uint32(len(payload)))
	s.buf = append(s.buf, key...)
	s.buf = append(s.buf, payload...)
	s.n++
	return nil
}

// Len is the number of records added.
func (s *Sorter) Len() int { return s.n }

// Reset forgets every record.
func (s *Sorter) Reset() {
	s.Close()
	*s = Sorter{Limit: s.Limit, buf: s.buf[:0], offs: s.offs[:0]}
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

// sort orders the records in memory by key, equal keys by where they
// are in buf (the order they were added in): stable, without the
// O(n log² n) of a stable sort, which on names that repeat compared long
// equal keys 10 times as often.
func (s *Sorter) sort() {
	slices.SortFunc(s.offs, func(a, b int) int {
		ka, _, _ := record(s.buf[a:])
		kb, _, _ := record(s.buf[b:])
		if c := bytes.Compare(ka, kb); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
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
	for _, o := range s.offs {
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
	if len(s.runs) == 0 {
		s.sort()
		for _, o := range s.offs {
			_, p, _ := record(s.buf[o:])
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.offs) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	s.buf = nil
	// A k-way merge: the cursor with the least key (the earlier run on a
	// tie) goes next; a small heap of run indexes ordered by their keys.
	cursors := make([]*runCursor, 0, len(s.runs))
	for _, r := range s.runs {
		c := &runCursor{r: bufio.NewReaderSize(io.NewSectionReader(s.file, r.off, r.size), 1<<15)}
		if ok, err := c.next(); err != nil {
			return err
		} else if ok {
			c.run = len(cursors)
			cursors = append(cursors, c)
		}
	}
	less := func(a, b *runCursor) bool {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c < 0
		}
		return a.run < b.run
	}
	h := cursors
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

// runCursor reads a run's records one by one.
type runCursor struct {
	r            *bufio.Reader
	run          int
	rec          []byte
	key, payload []byte
}

func (c *runCursor) next() (bool, error) {
	var head [8]byte
	if _, err := io.ReadFull(c.r, head[:]); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, err
	}
	k := int(binary.LittleEndian.Uint32(head[:]))
	p := int(binary.LittleEndian.Uint32(head[4:]))
	c.rec = slices.Grow(c.rec[:0], k+p)[:k+p]
	if _, err := io.ReadFull(c.r, c.rec); err != nil {
		return false, err
	}
	c.key, c.payload = c.rec[:k], c.rec[k:]
	return true, nil
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
