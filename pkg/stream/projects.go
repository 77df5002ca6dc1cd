package stream

import (
	"bytes"
	"encoding/csv"
	"hash/maphash"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// Projects stream too. Their checks join them to the facilities
// (rules.CrossCheck): a project's facility_id must name a facility, a
// project of a facility with an error is left out, and a facility's
// projects must not add up to more than the facility. So the facility
// files are streamed first, whatever the order of the files; then the
// projects files, against a compact table of the facilities (facilityTable:
// the hash of each id, whether the first facility with it has an error,
// and its projects' sums, 24 bytes a facility); last, the facility files
// are read once more (a word pass) to say, at the facility's cells, which
// facilities the sums exceed. Problems are sorted by position at the end,
// so the order of the passes does not show.
//
// A repeated project id (or a copied project row) makes the load stream
// again, the projects pass holding the rows with the ids that repeat
// (projectRepeats, mergeHeldProjects). A bounded load (--max-errors) that
// reaches its bound, a project total that overflows and a projects file
// given twice fall back to the holding path.

// projectFile is a projects file whose header was read in the facility
// pass: its rows are read once every facility is known.
type projectFile struct {
	name string
	csv  *decode.CSVFile
	// headerErrs are the errors its header added (noRows counts them)
	headerErrs int
}

// facilityTable is what the projects need of the facilities: the hashes
// of the facility ids, sorted, with whether the first facility with each
// has an error and the sums of its projects' figures. A row of the table
// is 24 bytes, so the join's lookup and the sums it adds to are about
// one cache line: the workers add a project's figures as they read it
// (atomically: sums do not depend on their order, and a sum that
// overflows in any order overflows in all, as only figures >= 0 are
// added).
type facilityTable struct {
	rows  []tableRow
	start []int32 // by the hash's top tableBits: the first row with them
}

// tableRow is a facility of the table. The hash's top tableBits are its
// bucket's (start), so key keeps the others, and the flags above them.
// sums[0] is the sum of private investment and, in its low jobsBits, of
// jobs planned; sums[1] of budget investment and jobs created. A sum of
// jobs past 2^jobsBits-1 (about a million) or of investment past
// 2^(64-jobsBits)-1 (17.5 trillion tenge) falls back.
type tableRow struct {
	key  uint64
	sums [2]uint64
}

// tableBytes is what the table costs a facility.
const tableBytes = int(unsafe.Sizeof(tableRow{}))

const (
	tableBits = 16
	lowBits   = 64 - tableBits
	lowMask   = 1<<lowBits - 1
	jobsBits  = 20
	jobsMask  = 1<<jobsBits - 1
)

const (
	flagBad  = 1 << 0
	flagSum  = 1 << 1 // flagSum<<i: a project reported figure i
	flagSeen = 1 << 5 // the word pass met the first facility with the id
)

// newFacilityTable makes the table of the given hashes, in order, once
// each.
func newFacilityTable(keys []uint64) *facilityTable {
	t := makeFacilityTable(len(keys))
	b := 0
	for _, k := range keys {
		b = t.append(k, b)
	}
	t.end(b)
	return t
}

// makeFacilityTable makes an empty table with room for n facilities.
func makeFacilityTable(n int) *facilityTable {
	t := &facilityTable{rows: make([]tableRow, 0, n), start: make([]int32, 1<<tableBits+1)}
	hugePages(t.rows[:n])
	return t
}

// append adds the hash k, greater than the last added; b is the first
// bucket whose start is not set yet, returned for the next.
func (t *facilityTable) append(k uint64, b int) int {
	for top := int(k >> lowBits); b <= top; b++ {
		t.start[b] = int32(len(t.rows))
	}
	t.rows = append(t.rows, tableRow{key: k & lowMask})
	return b
}

// end sets the starts of the buckets from b on, once every hash is added.
func (t *facilityTable) end(b int) {
	for ; b <= 1<<tableBits; b++ {
		t.start[b] = int32(len(t.rows))
	}
}

// flags are the flags of the facility at i.
func (t *facilityTable) flags(i int) uint8 {
	return uint8(atomic.LoadUint64(&t.rows[i].key) >> lowBits)
}

// setFlags sets flags of the facility at i.
func (t *facilityTable) setFlags(i int, flags uint8) {
	if t.flags(i)&flags != flags {
		atomic.OrUint64(&t.rows[i].key, uint64(flags)<<lowBits)
	}
}

// low is the key of the facility at i without its top bits.
func (t *facilityTable) low(i int) uint64 { return atomic.LoadUint64(&t.rows[i].key) & lowMask }

// facilityTable makes the facilities' table in the first pass when there
// are projects files; false when the index cannot be read back.
func (s *streamer) facilityTable(p *pass) bool {
	if len(s.projects) == 0 || s.table != nil {
		return true
	}
	debug.FreeOSMemory() // the facility pass's buffers, given back: the table takes their place, not more
	t, ok := tableOf(s.ids, s.fold.Workers)
	if !ok {
		return false
	}
	p.table, s.table = t, t
	return true
}

// find returns the index of a hash, or -1. The hashes of a bucket are
// spread evenly over its range, so it looks first where k's place in the
// range says and steps from there (a step or two; a binary search
// mispredicted its way through four).
func (t *facilityTable) find(k uint64) int {
	top := k >> lowBits
	lo, hi := int(t.start[top]), int(t.start[top+1])
	if lo == hi {
		return -1
	}
	i := lo + int((k<<tableBits>>32)*uint64(hi-lo)>>32)
	low := k & lowMask
	for i > lo && t.low(i) > low {
		i--
	}
	for i < hi && t.low(i) < low {
		i++
	}
	if i < hi && t.low(i) == low {
		return i
	}
	return -1
}

// prefetch asks for the row where find will look first for k, so that
// its cache miss overlaps with what comes before the lookup.
func (t *facilityTable) prefetch(k uint64) {
	top := k >> lowBits
	lo, hi := int(t.start[top]), int(t.start[top+1])
	if lo < hi {
		prefetch(unsafe.Pointer(&t.rows[lo+int((k<<tableBits>>32)*uint64(hi-lo)>>32)]))
	}
}

// projectSums are the sums of the projects of the facility at i.
func (t *facilityTable) projectSums(i int) rules.ProjectSums {
	var s [4]parks.Sum
	r, flags := &t.rows[i], t.flags(i)
	for c := range s {
		if w := atomic.LoadUint64(&r.sums[c%2]); c < 2 {
			s[c].V = int64(w & jobsMask)
		} else {
			s[c].V = int64(w >> jobsBits)
		}
		if flags&(flagSum<<c) != 0 {
			s[c].N = 1
		}
	}
	return rules.ProjectSums{JobsPlanned: s[0], JobsCreated: s[1], Private: s[2], Budget: s[3]}
}

// add adds a project's figures (set: which it reported) to the sums of
// the facility at i; false when a figure is below zero or a sum passes
// what its bits hold (the holding path decides). Workers add at once, in
// no order: with no figure below zero, a sum that passes its bound in
// one order passes it in the file's too.
func (t *facilityTable) add(i int, set uint8, v *[4]int64) bool {
	var add [2]uint64
	for c := range v {
		if set&(1<<c) == 0 {
			continue
		}
		if v[c] < 0 {
			return false
		}
		if c < 2 {
			if v[c] > jobsMask {
				return false
			}
			add[c] += uint64(v[c])
		} else {
			if v[c] > math.MaxUint64>>jobsBits {
				return false
			}
			add[c-2] += uint64(v[c]) << jobsBits
		}
	}
	r := &t.rows[i]
	for w, a := range add {
		if a == 0 {
			continue
		}
		// the jobs' sum carries into the investment's, or that one wraps
		if n := atomic.AddUint64(&r.sums[w], a); n&jobsMask < a&jobsMask || n < a {
			return false
		}
	}
	if set != 0 {
		t.setFlags(i, set*flagSum)
	}
	return true
}

func facilityKey(id parks.ID) uint64 { return maphash.String(hashSeed, string(id)) }

// tableOf makes the table of the hashes of the index, each once, on the
// given number of goroutines (0: GOMAXPROCS). The index's buckets are by
// the hashes' top bits, so each is a run of the table: a goroutine reads
// a bucket back (idIndex.hashes), sorts it and writes it at the place its
// size gives it (the buckets before it, as many hashes as they hold),
// with the starts of the table's buckets in it; a hash that repeats (a
// repeat pass) leaves a gap, which is closed after. False when the index
// cannot be read back.
func tableOf(x *idIndex, workers int) (*facilityTable, bool) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := x.len()
	t := makeFacilityTable(n)
	rows := t.rows[:n]
	var at [idBuckets + 1]int // where each bucket's hashes go, as many as it holds
	for b := range idBuckets {
		at[b+1] = at[b] + x.bucketLen(b)
	}
	var held [idBuckets]int // each bucket's hashes, once each
	const per = 1 << (tableBits - idBucketBits)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keys, sorted []uint64
			var buf []byte
			var err error
			for b := int(next.Add(1) - 1); b < idBuckets; b = int(next.Add(1) - 1) {
				if keys, buf, err = x.hashes(b, keys[:0], buf); err != nil {
					failed.Store(true)
					return
				}
				sorted = sortBucket(keys, sorted)
				once := slices.Compact(sorted)
				part := rows[at[b] : at[b]+len(once)]
				j := 0
				for tb := b * per; tb < (b+1)*per; tb++ { // relative to the bucket's place until the gaps are closed
					for j < len(once) && int(once[j]>>lowBits) < tb {
						j++
					}
					t.start[tb] = int32(j)
				}
				for i, k := range once {
					part[i] = tableRow{key: k & lowMask}
				}
				held[b] = len(once)
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	to := 0
	for b := range idBuckets {
		if to != at[b] {
			copy(rows[to:], rows[at[b]:at[b]+held[b]])
		}
		for tb := b * per; tb < (b+1)*per; tb++ {
			t.start[tb] += int32(to)
		}
		to += held[b]
	}
	t.rows = rows[:to]
	t.start[1<<tableBits] = int32(to)
	return t, true
}

// sortBucket sorts the hashes of an id bucket (their top idBucketBits
// alike) into out, reused: a counting sort by the table's bucket (the
// next bits), then each table bucket's few (about 15 for a million ids)
// by insertion. A comparison sort of the whole bucket cost three times
// as much.
func sortBucket(keys, out []uint64) []uint64 {
	const per = 1 << (tableBits - idBucketBits)
	out = slices.Grow(out[:0], len(keys))[:len(keys)]
	var next [per + 1]int32
	for _, k := range keys {
		next[(k>>lowBits)%per+1]++
	}
	for tb := range per {
		next[tb+1] += next[tb]
	}
	starts := next
	for _, k := range keys {
		tb := (k >> lowBits) % per
		out[next[tb]] = k
		next[tb]++
	}
	for tb := range per {
		run := out[starts[tb]:starts[tb+1]]
		for i := 1; i < len(run); i++ {
			k, j := run[i], i
			for ; j > 0 && run[j-1] > k; j-- {
				run[j] = run[j-1]
			}
			run[j] = k
		}
	}
	return out
}

// projectRows sets a projects chunk's callbacks: the join to the
// facilities and what each project adds to the chunk's result.
func (f *streamFile) projectRows(res *chunkResult) {
	t := f.s.table
	if ph := f.s.phold; ph != nil {
		res.HoldProject = func(p *parks.Project) bool { return ph.has(maphash.String(hashSeed, string(p.ID))) }
	}
	res.Join = func(id parks.ID) (bool, bool) {
		i := t.find(facilityKey(id))
		return i >= 0, i >= 0 && t.flags(i)&flagBad != 0
	}
	res.Project = func(p *parks.Project, usable, join bool, rowKey uint64) {
		if p.ID == "" {
			res.rowKeys = append(res.rowKeys, rowKey)
		} else {
			res.keys = append(res.keys, maphash.String(hashSeed, string(p.ID)))
		}
		at := -1
		if join {
			at = t.find(facilityKey(p.FacilityID))
		}
		f.addProject(res, p, at, usable)
	}
}

// addProject adds a project to a chunk's result: its figures to the sums
// of the facility at index at of the table (-1: it joins none), and, when
// usable, to the total of the usable projects. Its id's hash is the
// caller's to add.
func (f *streamFile) addProject(res *chunkResult, p *parks.Project, at int, usable bool) {
	if at >= 0 {
		var set uint8
		var v [4]int64
		for c, n := range counts(p.JobsPlanned, p.JobsCreated, p.InvestmentPrivate, p.InvestmentBudget) {
			if n.Set {
				set |= 1 << c
				v[c] = n.V
			}
		}
		if !f.s.table.add(at, set, &v) {
			res.Fallback = true // the holding path words it
		}
		res.joined = true
	}
	if !usable {
		res.reported++
		return
	}
	if p.InvestmentPrivate.V > math.MaxInt64-p.InvestmentBudget.V {
		res.Fallback = true // the record's own total overflows: checkProjectTotals words it
	}
	res.used++
	res.projects.AddProject(p)
}

// joinProjects streams the projects files against the facilities, then
// words the facilities their projects exceed. The facility files have
// been streamed.
func (s *streamer) joinProjects(repeated *keySet) error {
	l := &s.l.Problems
	if s.collision {
		return errFallback // two ids with one hash: the table cannot tell them apart
	}
	for _, k := range s.badKeys {
		if i := s.table.find(k); i >= 0 {
			s.table.setFlags(i, flagBad)
		}
	}
	s.badKeys = nil
	// what the facility pass no longer needs: the table is most of what
	// stays (the id index's buckets, the first block, the figures' buffers)
	s.ids, s.head = nil, nil
	if s.figs != nil {
		s.figs.bufs = nil
	}
	// The table is most of what the projects pass keeps (24 bytes a
	// facility, no pointers: cheap to mark), and the row code's garbage
	// would let the heap grow to twice it before a collection: a soft
	// limit a little above it collects sooner, so memory stays flat. A
	// lower limit (validate's 40 MB, meant for a load without the table)
	// would collect without end once the table is most of it, so this
	// one replaces it until the projects are done. 20 MB over the table:
	// the rest of what the pass keeps is 8-10 MB (chunks, the project
	// ids' index, the runtime's own), so the heap has room to grow
	// between collections (16 MB left 1-2 MB: ten times the collections).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(len(s.table.rows)*tableBytes) + 20<<20))
	s.pids = &idIndex{}
	defer s.pids.close()
	for _, pf := range s.projects {
		rowsBefore := s.env.RowsIn
		errsBefore, _ := l.Added()
		if err := s.projectFile(pf); err != nil {
			return err
		}
		s.load.EndFile(pf.name, rowsBefore, errsBefore-pf.headerErrs)
	}
	if s.projectTotals.Overflow {
		return errFallback // a total that overflows
	}
	repeats, _, ok := s.pids.repeats(s.fold.Workers, maxRepeats, false)
	switch {
	case !ok:
		return errFallback // too many project ids repeat
	case len(repeats) > 0 && s.phold == nil:
		return projectRepeats(repeats)
	case len(repeats) > 0:
		return errFallback // cannot be: the held rows' ids are not in the index
	}
	if s.joined {
		return s.wordExceeding(repeated)
	}
	return nil
}

// projectRepeats is what the projects pass says when project ids repeat:
// their hashes. The load is streamed again (stream), the projects pass
// holding the rows with those ids (Rows.HoldProject) for the merger to
// decide on in file order (mergeHeldProjects).
type projectRepeats []uint64

func (projectRepeats) Error() string { return "project ids repeat" }

// reset clears the sums and flags of the table, for the projects to be
// read again.
func (t *facilityTable) reset() {
	for i := range t.rows {
		t.rows[i] = tableRow{key: t.rows[i].key & lowMask}
	}
}

// mergeHeldProjects adds a projects chunk's problems and its held rows
// (those whose id repeats), deciding in file order which is the first
// with its id, as rules.CrossCheck does: the first counts as any project
// does, another row with the id says unique-error and joins nothing, an
// exact copy says duplicate-row only. False when a sum or total would
// overflow.
func (f *streamFile) mergeHeldProjects(res *chunkResult) bool {
	s := f.s
	pi := 0
	for i := range res.HeldProjects {
		h := &res.HeldProjects[i]
		for ; pi < h.At; pi++ {
			s.l.Problems.Add(res.Problems[pi])
		}
		own, cross, first, dropped := s.repeats.ResolveProject(h)
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
		case first:
			p := &h.Project
			if h.Joined {
				var set uint8
				var v [4]int64
				for c, n := range counts(p.JobsPlanned, p.JobsCreated, p.InvestmentPrivate, p.InvestmentBudget) {
					if n.Set {
						set, v[c] = set|1<<c, n.V
					}
				}
				if at := s.table.find(facilityKey(p.FacilityID)); at < 0 || !s.table.add(at, set, &v) {
					return false
				}
				s.joined = true
			}
			if !h.Usable {
				res.reported++
				continue
			}
			if p.InvestmentPrivate.V > math.MaxInt64-p.InvestmentBudget.V {
				return false // the record's own total overflows: checkProjectTotals words it
			}
			res.used++
			s.projectTotals.AddProject(p)
		default:
			res.reported++
		}
	}
	for ; pi < len(res.Problems); pi++ {
		s.l.Problems.Add(res.Problems[pi])
	}
	res.HeldProjects = nil
	return true
}

// projectFile streams the rows of a projects file.
func (s *streamer) projectFile(pf projectFile) error {
	var fh *os.File
	if pf.name == decode.StdinName {
		fh = s.opts.Stdin.(*os.File)
	} else {
		var err error
		if fh, err = os.Open(pf.name); err != nil {
			return errFallback
		}
		defer fh.Close()
	}
	if _, err := fh.Seek(int64(pf.csv.Body), io.SeekStart); err != nil {
		return errFallback
	}
	f := s.newStreamFile(pf.csv, pf.name)
	f.project = true
	if err := f.chunks(fh, nil, int64(pf.csv.Body), pf.csv.BodyLine); err != nil {
		return err
	}
	f.done()
	return nil
}

// wordExceeding reads the facility files once more, holding the first
// facility of each id whose projects add up to more than it (and every
// row of an id that repeats, to know which is the first), and says so at
// its cells, as rules.CrossCheck does. With the facilities' figures
// (figures.go) it knows those ids before it reads: the table goes, and
// the pass reads only the rows' ids (wordRows); without them (a projects
// file its first line did not give away) it reads every row and asks the
// table.
func (s *streamer) wordExceeding(repeated *keySet) error {
	t := s.table
	c := &rules.Checker{List: &s.l.Problems}
	opts := s.opts
	opts.MaxErrors, opts.Keep = 0, 1 // its own problems are said already; Strict stays: a warning made an error hides a finding at its cell
	sumsOf := func(key uint64) (rules.ProjectSums, bool) {
		i := t.find(key)
		if i < 0 || t.flags(i)&flagSeen != 0 {
			return rules.ProjectSums{}, false // not the first facility with the id
		}
		t.setFlags(i, flagSeen)
		return t.projectSums(i), true
	}
	word := &wordPass{
		hold: repeated,
		exceeds: func(key uint64, f *parks.Facility) bool {
			i := t.find(key)
			if i < 0 || t.flags(i)&(flagSum*15) == 0 {
				return false
			}
			sums := t.projectSums(i)
			return len(rules.CheckSumsAgainst(f, &sums)) > 0
		},
	}
	if s.figs != nil {
		keys, exceeded, places, ok := s.figs.exceeding(t, repeated, s.fold.Workers)
		if !ok {
			return errFallback
		}
		if len(keys) == 0 {
			return nil // no facility to word
		}
		s.table, t = nil, nil
		word.hold, word.exceeds, word.light = union(keys, repeated), nil, true
		if places != nil { // read at their places, only the first row with each of those ids is held
			word.hold, word.places = newKeySet(keys), map[string][]rowPlace{}
			for _, p := range places {
				word.places[p.file] = append(word.places[p.file], p)
			}
		}
		sumsOf = func(key uint64) (rules.ProjectSums, bool) {
			sums, ok := exceeded[key]
			delete(exceeded, key) // the first facility with the id only
			return sums, ok
		}
	}
	word.held = func(h *decode.HeldRow) {
		sums, ok := sumsOf(facilityKey(h.ID))
		if !ok {
			return
		}
		if fs := rules.CheckSumsAgainst(&h.Facility, &sums); len(fs) > 0 {
			c.CellErrors(h.Problems)
			c.Findings(&h.Facility, fs, parks.FacilitySchema, h.Facility.At.Cols(), h.Facility.At.Row(), string(h.Facility.ID))
		}
	}
	fold := *s.fold
	fold.Problems, fold.Progress = nil, nil // its problems are said already
	_, _, err := streamPass(s.facFiles, &fold, opts, &pass{word: word})
	return err
}

// wordPass is the state of the word pass: which rows it holds, and what
// it does with each held row, in file order; light: hold has every id it
// words, and its rows are read by their ids only (wordRows); places, when
// not nil: the rows it words are these, by file, and only they are read
// (streamFile.sparse).
type wordPass struct {
	hold    *keySet
	exceeds func(key uint64, f *parks.Facility) bool
	held    func(h *decode.HeldRow)
	light   bool
	places  map[string][]rowPlace
}

// sparseRows counts the rows sparse read (for the tests).
var sparseRows atomic.Int64

// sparse is the word pass's reading of a facility file when the figures
// told where the rows to word are (places, in file order): each is read
// at its offset (pread), cut and handed to the exact path, which holds
// it, as wordRows does, on every core; the held rows are then worded in
// file order. The rest of the file is not read.
func (f *streamFile) sparse(fh *os.File, places []rowPlace) error {
	if len(places) == 0 {
		return nil
	}
	workers := f.s.fold.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, len(places)/64), 1)
	parts := make([]*chunkResult, workers)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := f.newChunkResult(&chunk{})
			parts[w] = res
			d := newFastChunk(f)
			fold := f.rowFunc(res) // sets res.Hold
			buf := make([]byte, 16<<10)
			for _, p := range places[len(places)*w/workers : len(places)*(w+1)/workers] {
				var data []byte
				for {
					n, err := fh.ReadAt(buf, p.off)
					if err != nil && err != io.EOF {
						res.Fallback = true
						return
					}
					data = buf[:n]
					if end := recordEnd(data, 0); end < n || n < len(buf) {
						data = data[:end]
						break
					}
					buf = make([]byte, 2*len(buf)) // a record longer than buf, or just as long
				}
				if d != nil {
					if rowStart, end, ok := d.cut(data, 0); ok && rowStart == 0 && end == len(data) {
						if d.records == nil {
							d.records = f.csv.NewRecords()
						}
						d.records.Record(data, p.line, p.line, d.text, d.ends, d.at, &res.Rows, fold)
						continue
					}
				}
				f.exact(data, p.line, res, 1)
			}
			sparseRows.Add(int64(len(places)))
		}()
	}
	wg.Wait()
	for _, res := range parts {
		if res.Fallback {
			return errFallback
		}
		for i := range res.Held {
			f.s.word.held(&res.Held[i])
		}
	}
	return nil
}

// mayHoldProjects says whether any of the files looks like a projects
// file by its first line (a facility_id column, as layout.SchemaOfHeader
// tells the schema), read with a comma, a semicolon or a tab. When it
// does, a load that hands its problems on as it reads (Fold.Problems)
// keeps them until the word pass has said the facilities' too, so that
// they are handed on in order. Only a guess: a projects file it misses
// makes the load fall back (the order check of flush), one it takes
// wrongly only keeps the problems longer.
func mayHoldProjects(files []string) bool {
	buf := make([]byte, 64<<10)
	var last []byte // the last first line read: files of one header are read once
	for _, name := range files {
		if name == "-" {
			continue // stdin: a projects file there falls back
		}
		fh, err := openFile(name)
		if err != nil {
			continue
		}
		n, _ := fh.Read(buf[:4<<10]) // a header's line, mostly: one read for a small file
		if n > 0 && bytes.IndexByte(buf[:n], '\n') < 0 {
			m, _ := io.ReadFull(fh, buf[n:])
			n += m
		}
		fh.Close()
		line, _, _ := bytes.Cut(bytes.TrimPrefix(buf[:n], []byte("\xef\xbb\xbf")), []byte("\n"))
		if last != nil && bytes.Equal(line, last) {
			continue
		}
		last = append(last[:0], line...)
		for _, comma := range []rune{',', ';', '\t'} {
			r := csv.NewReader(bytes.NewReader(line))
			r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
			if header, err := r.Read(); err == nil && len(header) > 1 && layout.SchemaOfHeader(header) == parks.ProjectSchema {
				return true
			}
		}
	}
	return false
}
