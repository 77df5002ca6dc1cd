package stream

import (
	"cmp"
	"encoding/binary"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// idIndex is the compact index of the ids a streaming load has seen: the
// 64-bit hash of every id, 8 bytes each, kept in idBuckets buckets by the
// hash's top bits. At the end each bucket is searched for a repeated hash
// (hashSet), buckets in parallel. Equal ids always have equal hashes, so
// no duplicate is missed; two different ids with one hash (about one
// chance in 10^7 for five million ids) only make the load fall back to
// the exact holding path.
//
// So that memory does not grow with the file, past spillIDs hashes in
// memory the buckets are appended to an unlinked temporary file, and at
// the end each bucket is read back on its own: a bucket is a 256th of the
// ids. If the file cannot be written the hashes stay in memory.
//
// With each hash goes its place (8 bytes): the number of the chunk it
// came from and its row's number in the chunk (place), so that a repeat
// pass knows which rows of which chunks hold a repeated id (repeats).
type idIndex struct {
	buckets [idBuckets][]uint64 // in memory
	places  [idBuckets][]uint64 // the place of each hash in buckets
	mem     int                 // hashes in buckets
	spill   *os.File
	end     int64                // size of the spill file
	spilled [idBuckets][]spilled // each bucket's parts in the file
	// perBucket is the room a bucket gets when it is first used (reserve)
	perBucket int
	flushBuf  []byte
}

// reserve sizes the buckets for about n ids in all, once: growing 256
// slices by doubling copies and zeroes twice the memory they end with,
// in page faults, which are dear on a virtual machine.
func (x *idIndex) reserve(n int) {
	n = min(n, spillIDs)
	x.perBucket = max(n/idBuckets+n/idBuckets/8+16, 64)
}

// spilled is a part of a bucket in the temporary file: where it starts and
// how many hashes it holds (8 bytes each, then their places, 8 bytes each).
type spilled struct{ off, n int64 }

const (
	idBucketBits = 8
	idBuckets    = 1 << idBucketBits
)

// spillIDs bounds the hashes held in memory (8 bytes each): 1 MiB, which
// the buckets reuse after each spill, so their pages are touched once.
var spillIDs = 1 << 17

// idRun is the hashes of a chunk's ids, ordered by bucket by the worker
// that read the chunk: bucket b is keys[starts[b]:starts[b+1]]; rows[i]
// is where keys[i]'s row is: with atOffset the offset in the chunk where
// its record starts, else its number among the chunk's rows with an id.
type idRun struct {
	keys     []uint64
	rows     []uint32
	starts   [idBuckets + 1]int32
	atOffset bool
}

func bucketOf(k uint64) int { return int(k >> (64 - idBucketBits)) }

// newIDRun orders hashes (in row order) by bucket (a counting sort) into
// buf, their rows' places into rows: offs[i] when offs has an offset for
// every hash (atOffset), else the row's number.
func newIDRun(keys, buf []uint64, rows, offs []uint32) *idRun {
	r := &idRun{keys: buf[:len(keys)], rows: slices.Grow(rows[:0], len(keys))[:len(keys)]}
	r.atOffset = offs != nil && len(offs) == len(keys)
	for _, k := range keys {
		r.starts[bucketOf(k)+1]++
	}
	for b := range idBuckets {
		r.starts[b+1] += r.starts[b]
	}
	next := r.starts
	for i, k := range keys {
		b := bucketOf(k)
		r.keys[next[b]], r.rows[next[b]] = k, uint32(i)
		if r.atOffset {
			r.rows[next[b]] = offs[i]
		}
		next[b]++
	}
	return r
}

// place is where a hash came from: its chunk's number and its row's
// place in the chunk (idRun.rows: an offset or a number).
func place(chunk, row uint32) uint64 { return uint64(chunk)<<32 | uint64(row) }

// add puts the hashes of a chunk's ids in their buckets, with their
// places in the chunk numbered chunk.
func (x *idIndex) add(r *idRun, chunk uint32) {
	for b := range idBuckets {
		if part := r.keys[r.starts[b]:r.starts[b+1]]; len(part) > 0 {
			if x.buckets[b] == nil && x.perBucket > 0 {
				x.buckets[b] = make([]uint64, 0, max(x.perBucket, len(part)))
				x.places[b] = make([]uint64, 0, max(x.perBucket, len(part)))
			}
			x.buckets[b] = append(x.buckets[b], part...)
			for _, row := range r.rows[r.starts[b]:r.starts[b+1]] {
				x.places[b] = append(x.places[b], place(chunk, row))
			}
		}
	}
	if x.mem += len(r.keys); x.mem > spillIDs {
		x.flush()
	}
}

// flush appends every bucket in memory to the file, each as a part: its
// hashes, then their places. The parts are written a few hundred KiB at a
// time, not one call each (256 a flush).
func (x *idIndex) flush() {
	if x.spill == nil {
		f, err := os.CreateTemp("", "parks-ids-*")
		if err != nil {
			spillIDs = math.MaxInt // keep everything in memory
			return
		}
		os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
		x.spill = f
	}
	buf, from, start := x.flushBuf[:0], 0, x.end
	write := func() bool {
		if len(buf) == 0 {
			return true
		}
		if _, err := x.spill.WriteAt(buf, start); err != nil {
			return false
		}
		start += int64(len(buf))
		buf = buf[:0]
		return true
	}
	// buf holds the parts of buckets from to upto (those not empty)
	upto, ok := 0, true
	for b := range x.buckets {
		if len(x.buckets[b]) == 0 {
			continue
		}
		if len(buf) > 0 && len(buf)+16*len(x.buckets[b]) > flushBytes {
			if ok = write(); !ok {
				break
			}
			for ; from < upto; from++ {
				x.spilledDone(from)
			}
		}
		buf = appendUint64s(appendUint64s(buf, x.buckets[b]), x.places[b])
		x.spilled[b] = append(x.spilled[b], spilled{x.end, int64(len(x.buckets[b]))})
		x.end += 16 * int64(len(x.buckets[b]))
		upto = b + 1
	}
	if ok = ok && write(); ok {
		for ; from < upto; from++ {
			x.spilledDone(from)
		}
	} else { // not written: those parts stay in memory
		for b := from; b < upto; b++ {
			if len(x.buckets[b]) > 0 {
				x.spilled[b] = x.spilled[b][:len(x.spilled[b])-1]
			}
		}
		x.end = start
	}
	x.flushBuf = buf[:0]
}

// flushBytes is how much flush writes at a time.
var flushBytes = 256 << 10

// spilledDone empties bucket b, whose part is in the file now.
func (x *idIndex) spilledDone(b int) {
	x.mem -= len(x.buckets[b])
	x.buckets[b] = x.buckets[b][:0]
	x.places[b] = x.places[b][:0]
}

// appendUint64s appends vs to buf, each as 8 little-endian bytes.
func appendUint64s(buf []byte, vs []uint64) []byte {
	if littleEndian && len(vs) > 0 {
		return append(buf, unsafe.Slice((*byte)(unsafe.Pointer(&vs[0])), 8*len(vs))...)
	}
	for _, v := range vs {
		buf = binary.LittleEndian.AppendUint64(buf, v)
	}
	return buf
}

// readUint64s appends to vs the n values of 8 little-endian bytes each at
// off in f, reading them straight into vs's memory when the machine is
// little-endian, else through buf; it returns both.
func readUint64s(f *os.File, off int64, n int, vs []uint64, buf []byte) ([]uint64, []byte, error) {
	if littleEndian {
		at := len(vs)
		vs = slices.Grow(vs, n)[:at+n]
		if n == 0 {
			return vs, buf, nil
		}
		_, err := f.ReadAt(unsafe.Slice((*byte)(unsafe.Pointer(&vs[at])), 8*n), off)
		if err == io.EOF {
			err = nil
		}
		return vs, buf, err
	}
	buf = slices.Grow(buf[:0], 8*n)[:8*n]
	if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
		return vs, buf, err
	}
	for i := 0; i < len(buf); i += 8 {
		vs = append(vs, binary.LittleEndian.Uint64(buf[i:]))
	}
	return vs, buf, nil
}

// littleEndian: the machine's uint64s are the spill file's bytes.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// len is the number of hashes in the index.
func (x *idIndex) len() int {
	n := x.mem
	for b := range x.spilled {
		for _, part := range x.spilled[b] {
			n += int(part.n)
		}
	}
	return n
}

// bucketLen is the number of hashes in bucket b.
func (x *idIndex) bucketLen(b int) int {
	n := len(x.buckets[b])
	for _, part := range x.spilled[b] {
		n += int(part.n)
	}
	return n
}

// hashes appends the hashes of bucket b to keys, in no order (those in
// memory, then those of each part flush spilled: its hashes, 8 bytes
// each, before their places), reading through buf; it returns both.
func (x *idIndex) hashes(b int, keys []uint64, buf []byte) ([]uint64, []byte, error) {
	keys = append(keys, x.buckets[b]...)
	for _, part := range x.spilled[b] {
		var err error
		if keys, buf, err = readUint64s(x.spill, part.off, int(part.n), keys, buf); err != nil {
			return keys, buf, err
		}
	}
	return keys, buf, nil
}

// close removes the temporary file.
func (x *idIndex) close() {
	if x.spill != nil {
		// the kernel frees the file's pages on its last close (16 MB for
		// 1M ids: milliseconds): not on the load's way out
		go x.spill.Close()
		x.spill = nil
	}
}

// unique reports whether no hash occurs twice, checking buckets on the
// given number of goroutines (0: GOMAXPROCS).
func (x *idIndex) unique(workers int) bool {
	keys, _, ok := x.repeats(workers, 0, false)
	return ok && len(keys) == 0
}

// heldPlace is where a row with a repeated id is (place), and the hash of
// its id.
type heldPlace struct{ at, key uint64 }

func (h heldPlace) chunk() uint32 { return uint32(h.at >> 32) }
func (h heldPlace) row() int      { return int(uint32(h.at)) }

// repeats returns the hashes that occur more than once, in no order, and,
// with inChunks, the places of their rows, sorted; or false when there
// are more than max (0: stop at the first) or the index cannot be read
// back.
func (x *idIndex) repeats(workers, max int, inChunks bool) ([]uint64, []heldPlace, bool) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var dup atomic.Bool // too many, or unreadable
	var mu sync.Mutex
	var found []uint64
	var places []heldPlace
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var all, rep, allPlaces []uint64
			var in []heldPlace
			var buf []byte
			var set hashSet
			for b := int(next.Add(1) - 1); b < idBuckets && !dup.Load(); b = int(next.Add(1) - 1) {
				var err error
				// the hashes first; their places only for a bucket with a repeat
				if all, buf, err = x.hashes(b, all[:0], buf); err != nil {
					dup.Store(true) // cannot tell: the holding path can
					return
				}
				if rep = set.repeated(all, rep[:0], max); len(rep) > 0 {
					in = in[:0]
					if inChunks {
						allPlaces = append(allPlaces[:0], x.places[b]...)
						for _, part := range x.spilled[b] {
							if allPlaces, buf, err = readUint64s(x.spill, part.off+8*part.n, int(part.n), allPlaces, buf); err != nil {
								dup.Store(true)
								return
							}
						}
						in = placesOf(rep, all, allPlaces, in)
					}
					mu.Lock()
					found = append(found, rep...)
					places = append(places, in...)
					over := len(found) > max
					mu.Unlock()
					if over {
						dup.Store(true)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(places, func(a, b heldPlace) int { return cmp.Compare(a.at, b.at) })
	return found, places, !dup.Load()
}

// placesOf appends to out the place of each hash of keys that is one of
// rep (places[i] is keys[i]'s).
func placesOf(rep, keys, places []uint64, out []heldPlace) []heldPlace {
	want := newKeySet(rep)
	for i, k := range keys {
		if want.has(k) {
			out = append(out, heldPlace{places[i], k})
		}
	}
	return out
}

// hashSet finds a repeated hash in a bucket: an open-addressing table
// twice the bucket's size, reused from bucket to bucket. The hashes are
// uniformly spread already (maphash), so their low bits index the table;
// 0 marks an empty slot, and the hash 0 is counted apart.
type hashSet struct{ slots []uint64 }

// repeats reports whether a value occurs twice in keys.
func (h *hashSet) repeats(keys []uint64) bool { return len(h.repeated(keys, nil, 0)) > 0 }

// repeated appends to out each value that occurs more than once in keys,
// once, stopping when out holds more than max.
func (h *hashSet) repeated(keys, out []uint64, max int) []uint64 {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	if cap(h.slots) < size {
		h.slots = make([]uint64, size)
	}
	h.slots = h.slots[:size]
	clear(h.slots)
	mask, zeros := uint64(size-1), 0
	// seen twice: the hash's slot is marked by a set bit in twice
	twice := make(map[uint64]bool)
	for _, k := range keys {
		if k == 0 {
			if zeros++; zeros == 2 {
				out = append(out, 0)
			}
		} else {
			for i := k & mask; ; i = (i + 1) & mask {
				if h.slots[i] == 0 {
					h.slots[i] = k
					break
				}
				if h.slots[i] == k {
					if !twice[k] {
						twice[k] = true
						out = append(out, k)
					}
					break
				}
			}
		}
		if len(out) > max {
			return out
		}
	}
	return out
}
