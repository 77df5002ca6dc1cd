package cli

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/stream"
)

// nameOrder keys records for a stream.Sorter by district, then name
// (view.SortFacilities), or by name alone, in a language's collation.
//
// A name's collation key is some 400 bytes for 40 letters, and names
// repeat, so the names of a load go into a dictionary: a record's key is
// the district's rank (2 bytes) and the name's number in the dictionary
// (a 0 byte, then 4 bytes), and the sorter's Compare orders the numbers by
// the names' ranks, which Prepare works out from the dictionary before
// each sort. The dictionary holds up to nameDictBytes of names and keys;
// a name past that is keyed by its collation key itself (a 1 byte, then
// the key), as every name was before. Equal keys, whatever their form, compare
// equal, so that names that collate alike stay in file order.
type nameOrder struct {
	lang      i18n.Lang
	districts map[string]uint16 // district ranks (districtRanks); nil: by name alone

	limit int // nameDictBytes

	mu    sync.Mutex
	ids   map[string]uint32
	names []string // by number
	keys  [][]byte // the collation keys (stream.AppendKey of the parts), by number
	size  int

	// The sorter's view, made by prepare on the goroutine that sorts.
	seen  [][]byte
	ranks []uint32
}

// nameDictBytes bounds the dictionary of names.
const nameDictBytes = 4 << 20

func newNameOrder(lang i18n.Lang, districts map[string]uint16) *nameOrder {
	return &nameOrder{lang: lang, districts: districts, limit: nameDictBytes, ids: map[string]uint32{}}
}

// sorter makes a sorter of records keyed by the order's keys.
func (o *nameOrder) sorter() stream.Sorter {
	return stream.Sorter{Compare: o.compare, Prepare: o.prepare, Ord: o.ord}
}

// key makes, for one worker, the key of a record.
func (o *nameOrder) key() func(dst []byte, f *parks.Facility) []byte {
	keyOf := i18n.NameKeys(o.lang)
	collate := func(name string) []byte {
		s, full := keyOf(name).Parts()
		return stream.AppendKey(stream.AppendKey(nil, s), full)
	}
	local := map[string]uint32{}  // names of the dictionary this worker met
	inline := map[string][]byte{} // the last few thousand names not in it
	return func(dst []byte, f *parks.Facility) []byte {
		if o.districts != nil {
			r, ok := o.districts[f.KATO]
			if !ok {
				r = math.MaxUint16 // not a district of the gazetteer: cannot be (the loader resolves it there)
			}
			dst = binary.BigEndian.AppendUint16(dst, r)
		}
		name := string(f.Name)
		if id, ok := local[name]; ok {
			return binary.BigEndian.AppendUint32(append(dst, 0), id)
		}
		k, ok := inline[name]
		if !ok {
			id, stored, full := o.lookup(name, collate)
			if !full {
				local[stored] = id
				return binary.BigEndian.AppendUint32(append(dst, 0), id)
			}
			k = collate(name)
			if len(inline) >= 4096 {
				clear(inline)
			}
			inline[strings.Clone(name)] = k
		}
		return append(append(dst, 1), k...)
	}
}

// lookup gives a name's number in the dictionary, adding it if there is
// room, and the dictionary's copy of the name; full when it is not there.
func (o *nameOrder) lookup(name string, collate func(string) []byte) (id uint32, stored string, full bool) {
	o.mu.Lock()
	id, ok := o.ids[name]
	if ok {
		stored = o.names[id]
	}
	room := o.size < o.limit
	o.mu.Unlock()
	if ok {
		return id, stored, false
	}
	if !room {
		return 0, "", true
	}
	k := collate(name) // outside the lock: it takes microseconds
	o.mu.Lock()
	defer o.mu.Unlock()
	if id, ok := o.ids[name]; ok { // another worker added it meanwhile
		return id, o.names[id], false
	}
	stored = strings.Clone(name)
	id = uint32(len(o.names))
	o.ids[stored] = id
	o.names = append(o.names, stored)
	o.keys = append(o.keys, k)
	o.size += len(stored) + len(k) + 64
	return id, stored, false
}

// prepare ranks the names of the dictionary, for compare: names whose keys
// are equal have the same rank.
func (o *nameOrder) prepare() {
	o.mu.Lock()
	o.seen = o.keys[:len(o.keys):len(o.keys)]
	o.mu.Unlock()
	if len(o.ranks) == len(o.seen) {
		return
	}
	byKey := make([]uint32, len(o.seen))
	for i := range byKey {
		byKey[i] = uint32(i)
	}
	slices.SortFunc(byKey, func(a, b uint32) int { return bytes.Compare(o.seen[a], o.seen[b]) })
	o.ranks = make([]uint32, len(o.seen))
	rank := uint32(0)
	for i, id := range byKey {
		if i > 0 && !bytes.Equal(o.seen[byKey[i-1]], o.seen[id]) {
			rank++
		}
		o.ranks[id] = rank
	}
}

// compare orders two keys as their districts' and names' keys compare.
func (o *nameOrder) compare(a, b []byte) int {
	if o.districts != nil {
		if c := cmp.Compare(binary.BigEndian.Uint16(a), binary.BigEndian.Uint16(b)); c != 0 {
			return c
		}
		a, b = a[2:], b[2:]
	}
	if a[0] == 0 && b[0] == 0 {
		ia, ib := binary.BigEndian.Uint32(a[1:]), binary.BigEndian.Uint32(b[1:])
		if ia == ib {
			return 0
		}
		return cmp.Compare(o.ranks[ia], o.ranks[ib])
	}
	return bytes.Compare(o.collated(a), o.collated(b))
}

// collated is the collation key of a name's key.
func (o *nameOrder) collated(k []byte) []byte {
	if k[0] == 0 {
		return o.seen[binary.BigEndian.Uint32(k[1:])]
	}
	return k[1:]
}

// ord is a key as a number, when its name is in the dictionary: the
// district's rank, then the name's.
func (o *nameOrder) ord(k []byte) (uint64, bool) {
	var d uint64
	if o.districts != nil {
		d, k = uint64(binary.BigEndian.Uint16(k)), k[2:]
	}
	if k[0] != 0 {
		return 0, false
	}
	return d<<32 | uint64(o.ranks[binary.BigEndian.Uint32(k[1:])]), true
}
