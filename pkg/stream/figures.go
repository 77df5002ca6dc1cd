package stream

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// figures are what a facility's projects are checked against (jobs
// planned and created, private and budget investment), recorded for every
// facility row with an id in the first pass over the facilities when the
// files may hold projects (mayHoldProjects), in file order, in an unlinked
// temporary file (53 bytes a row), with where the row is: its offset in
// its file and its line (an offset below zero: not known, a row read by
// encoding/csv). Once the projects are summed, the first record of each id
// says whether its projects exceed it (exceeding), so the facilities'
// table can go before the word pass, which then reads only those rows, at
// their offsets (streamFile.sparse) — or, when one of them has no offset,
// reads only the ids of every row and holds those few (wordRows) —
// instead of reading every row again against the table.
type figures struct {
	file *os.File
	w    *bufio.Writer
	// bufs are the chunks' records, reused once written
	bufs   recycler[[]byte]
	size   int64 // bytes written
	failed bool
	// files are the facility files in the order they were read, from
	// the number of the first record of each; noPlaces: a file has no
	// offsets to read rows at (stdin)
	files    []figuresFile
	noPlaces bool
}

// figuresFile is a facility file and the number of its first record.
type figuresFile struct {
	name string
	from int64
}

const figureBytes = 8 + 4*8 + 1 + 8 + 4

// rowPlace is where a facility row is: its file's name, its offset in
// the file and its line.
type rowPlace struct {
	file string
	off  int64
	line int
}

// startFile notes that the records from here on are the rows of the named
// file.
func (x *figures) startFile(name string) {
	if name == "-" || name == decode.StdinName {
		x.noPlaces = true
	}
	x.files = append(x.files, figuresFile{name, x.size / figureBytes})
}

// fileOf is the name of the file of record r.
func (x *figures) fileOf(r int64) string {
	i, _ := slices.BinarySearchFunc(x.files, r+1, func(f figuresFile, t int64) int { return cmp.Compare(f.from, t) })
	return x.files[i-1].name
}

// recordFigures is false in tests of the word pass without figures (a
// projects file mayHoldProjects does not see).
var recordFigures = true

func newFigures() *figures { return &figures{bufs: make(recycler[[]byte], 8)} }

// counts are the four figures of a facility or project that the sums
// compare, in the order of rules.ProjectSums.
func counts(jobsPlanned, jobsCreated parks.Count, private, budget parks.Money) [4]parks.Count {
	return [4]parks.Count{jobsPlanned, jobsCreated, parks.Count(private), parks.Count(budget)}
}

// appendFigures appends the record of a facility row with an id (key),
// at offset off of its file (below zero: not known) and line line.
func appendFigures(b []byte, key uint64, f *parks.Facility, off int64, line int) []byte {
	b = binary.LittleEndian.AppendUint64(b, key)
	var set byte
	for c, v := range counts(f.JobsPlanned, f.JobsCreated, f.InvestmentPrivate, f.InvestmentBudget) {
		b = binary.LittleEndian.AppendUint64(b, uint64(v.V))
		if v.Set {
			set |= 1 << c
		}
	}
	b = append(b, set)
	b = binary.LittleEndian.AppendUint64(b, uint64(off))
	return binary.LittleEndian.AppendUint32(b, uint32(line))
}

// write appends a chunk's records, in file order (the merger's).
func (x *figures) write(b []byte) {
	if len(b) > 0 && !x.failed {
		if x.file == nil {
			f, err := os.CreateTemp("", "parks-figures-*")
			if err != nil {
				x.failed = true
				return
			}
			os.Remove(f.Name()) // unlinked: gone when closed, whatever happens
			x.file, x.w = f, bufio.NewWriterSize(f, 64<<10)
		}
		if _, err := x.w.Write(b); err != nil {
			x.failed = true
		}
		x.size += int64(len(b))
	}
	x.bufs.put(b[:0])
}

func (x *figures) close() {
	if x != nil && x.file != nil {
		x.file.Close()
	}
}

// record records the figures of a facility row with an id (key) in the
// first pass, with where it is (off below zero: not known). The caller
// asks s.recording first: finding the row's line costs.
func (s *streamer) record(res *chunkResult, key uint64, f *parks.Facility, off int64, line int) {
	if res.figs == nil {
		res.figs, _ = s.figs.bufs.get()
	}
	res.figs = appendFigures(res.figs, key, f, off, line)
}

// exceeding reads the figures back against the table of summed projects:
// the hashes of the ids whose first facility its projects exceed, with
// their sums, and where those facilities' rows are, in file order (nil
// when one of them is not known). False when the figures cannot be read.
// The file is read in parts on the given number of goroutines; the
// records of the ids that repeat (repeated, nil when none does) are kept
// aside with their place and decided on after, in file order, so that
// only the first with an id counts.
func (x *figures) exceeding(t *facilityTable, repeated *keySet, workers int) ([]uint64, map[uint64]rules.ProjectSums, []rowPlace, bool) {
	if x.failed {
		return nil, nil, nil, false
	}
	sums := map[uint64]rules.ProjectSums{}
	if x.file == nil {
		return nil, sums, nil, true // no facility row with an id
	}
	if err := x.w.Flush(); err != nil {
		return nil, nil, nil, false
	}
	n := int(x.size / figureBytes)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, n/4096), 1)
	type part struct {
		keys     []uint64
		sums     []rules.ProjectSums
		at       []numberedPlace // where each key's row is
		repeated []int           // the records of a repeated id, by number
		err      error
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &parts[w]
			buf := make([]byte, 1600*figureBytes)
			for from, to := n*w/workers, n*(w+1)/workers; from < to; {
				m := min(to-from, 1600)
				b := buf[:m*figureBytes]
				if _, p.err = x.file.ReadAt(b, int64(from)*figureBytes); p.err != nil {
					return
				}
				for r := 0; r < m; r++ {
					if r+prefetchAhead < m {
						t.prefetch(binary.LittleEndian.Uint64(b[(r+prefetchAhead)*figureBytes:]))
					}
					rec := b[r*figureBytes : (r+1)*figureBytes]
					key := binary.LittleEndian.Uint64(rec)
					if repeated != nil && repeated.has(key) {
						p.repeated = append(p.repeated, from+r)
						continue
					}
					if s, ok := exceeds(t, t.find(key), rec); ok {
						p.keys, p.sums, p.at = append(p.keys, key), append(p.sums, s), append(p.at, x.placeOf(int64(from+r), rec))
					}
				}
				from += m
			}
		}()
	}
	wg.Wait()
	var keys []uint64
	var at []numberedPlace // where each key's row is
	rec := make([]byte, figureBytes)
	for w := range parts {
		p := &parts[w]
		if p.err != nil {
			return nil, nil, nil, false
		}
		for i, k := range p.keys {
			keys, at = append(keys, k), append(at, p.at[i])
			sums[k] = p.sums[i]
		}
		for _, r := range p.repeated { // in file order: parts are
			if _, err := x.file.ReadAt(rec, int64(r)*figureBytes); err != nil {
				return nil, nil, nil, false
			}
			key := binary.LittleEndian.Uint64(rec)
			i := t.find(key)
			if i < 0 || t.flags(i)&flagSeen != 0 {
				continue // not the first facility with the id
			}
			t.setFlags(i, flagSeen)
			if s, ok := exceeds(t, i, rec); ok {
				keys, at = append(keys, key), append(at, x.placeOf(int64(r), rec))
				sums[key] = s
			}
		}
	}
	return keys, sums, x.places(at), true
}

// numberedPlace is where the row of record n is (off below zero: not
// known).
type numberedPlace struct {
	n int64
	rowPlace
}

// placeOf is where the row of rec, record n, is.
func (x *figures) placeOf(n int64, rec []byte) numberedPlace {
	return numberedPlace{n, rowPlace{x.fileOf(n), int64(binary.LittleEndian.Uint64(rec[41:])), int(binary.LittleEndian.Uint32(rec[49:]))}}
}

// places are where the given rows are, in file order; nil when one of
// them is not known (read by encoding/csv) or no row is given.
func (x *figures) places(at []numberedPlace) []rowPlace {
	if x.noPlaces || len(at) == 0 || !sparseWord {
		return nil
	}
	slices.SortFunc(at, func(a, b numberedPlace) int { return cmp.Compare(a.n, b.n) })
	places := make([]rowPlace, len(at))
	for i, p := range at {
		if p.off < 0 {
			return nil // the word pass reads every row's id
		}
		places[i] = p.rowPlace
	}
	return places
}

// sparseWord is false in tests of the word pass that reads every row's
// id (wordRows), as when a row to word was read by encoding/csv.
var sparseWord = true

// prefetchAhead is how many records ahead exceeding asks for the table's
// row: the lookups go all over the table, and each would miss the cache.
const prefetchAhead = 8

// exceeds says whether the projects of the facility at i of the table
// exceed the figures of rec, a facility's record, and gives their sums.
func exceeds(t *facilityTable, i int, rec []byte) (rules.ProjectSums, bool) {
	if i < 0 || t.flags(i)&(flagSum*15) == 0 {
		return rules.ProjectSums{}, false // no project reported a figure
	}
	var c [4]parks.Count
	for j := range c {
		c[j] = parks.Count{V: int64(binary.LittleEndian.Uint64(rec[8+8*j:])), Set: rec[40]&(1<<j) != 0}
	}
	f := parks.Facility{JobsPlanned: c[0], JobsCreated: c[1], InvestmentPrivate: parks.Money(c[2]), InvestmentBudget: parks.Money(c[3])}
	s := t.projectSums(i)
	return s, len(rules.CheckSumsAgainst(&f, &s)) > 0
}

// wordRows is the word pass's reading of a chunk when the figures told
// which facilities to word: each row is passed over by its id (cut
// straight out of the bytes when it is the first cell and not quoted,
// else with cut), and only a row whose id the pass holds — or whose id
// has a formula guard, which the row code reads — is handed to the exact
// path, which holds it. A row cut cannot cut sends the rest of the chunk
// to the exact path.
func (d *fastChunk) wordRows(c *chunk) *chunkResult {
	data, f := c.data, d.f
	res := f.newChunkResult(c)
	d.data, d.line, d.counted = data, c.line, 0
	fold := f.rowFunc(res) // sets res.Hold
	hold := f.s.word.hold
	idCol := -1
	for i := range d.cols {
		if d.cols[i].role == fastID {
			idCol = i
		}
	}
	for p := 0; p < len(data) && !res.Fallback; {
		start := p
		for start < len(data) && (data[start] == '\n' || data[start] == '\r' && start+1 < len(data) && data[start+1] == '\n') {
			start++
		}
		if start == len(data) {
			break
		}
		var id []byte
		cut, rowStart, end := false, 0, 0
		q := start
		for idCol == 0 && q < len(data) && data[q] != d.comma && data[q] != '\n' && data[q] != '\r' && data[q] != '"' {
			q++
		}
		if idCol == 0 && (q == len(data) || data[q] != '"') {
			id, end = trimSpace(data[start:q]), recordEnd(data, p)
		} else {
			var ok bool
			if rowStart, end, ok = d.cut(data, p); !ok {
				f.exact(data[p:], d.lineAt(p), res, -1)
				break
			}
			if cut = true; idCol > 0 && idCol < len(d.ends) {
				id = d.text[d.ends[idCol-1]:d.ends[idCol]]
			} else if idCol == 0 {
				id = d.text[:d.ends[0]]
			}
			id = trimSpace(id)
		}
		if len(id) == 0 || id[0] != '\'' && !hold.has(maphash.Bytes(hashSeed, id)) {
			p = end
			continue
		}
		if !cut {
			var ok bool
			if rowStart, end, ok = d.cut(data, p); !ok {
				f.exact(data[p:], d.lineAt(p), res, -1)
				break
			}
		}
		if d.records == nil {
			d.records = f.csv.NewRecords()
		}
		d.records.Record(data[rowStart:end], d.lineAt(p), d.lineAt(rowStart), d.text, d.ends, d.at, &res.Rows, fold)
		p = end
	}
	d.data = nil
	return res.done(f)
}

// union is a key set of the keys of a and of b (either may be nil).
func union(keys []uint64, b *keySet) *keySet {
	if b != nil {
		for _, k := range b.slots {
			if k != 0 {
				keys = append(keys, k)
			}
		}
		if b.zero {
			keys = append(keys, 0)
		}
	}
	return newKeySet(keys)
}
