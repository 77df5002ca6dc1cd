package stream

import (
	"encoding/binary"
	"sync"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
)

// Each asks decode.Load (as its Options.Stream) to hand over every usable
// facility that passes Filter, in file order, instead of holding the
// records: the commands that print one row per record (list,
// --by facility) need each record once, not all of them at once.
//
// It streams exactly where Fold streams, with the same problems, counts
// and fallbacks (Loaded.Result is the aggregate by district). A record is
// encoded on the goroutine that decodes it (Encode, made once per
// goroutine by NewEncoder, so that it may keep a collator) and its
// encoding is handed to Record in file order. Record may be called before
// the load knows that it must fall back or read the files again (a
// repeat pass): Start says that what Record was given so far is void, and
// a load that falls back returns a Loaded without Result. So Record
// spools; the caller prints only once Load has returned.
type Each struct {
	Filter parks.Filter
	// Workers, ChunkSize (0: 128 KiB) and Progress are Fold's.
	Workers   int
	ChunkSize int
	Progress  func(done, total int64)
	// NewEncoder makes an Encode for one goroutine: it appends to buf what
	// Record is to get of f, and must not keep f. f.At, where it was
	// read, is not to be read (problems are worded by the loader).
	NewEncoder func() func(buf []byte, f *parks.Facility) []byte
	// Start is called when a pass over the files begins.
	Start func()
	// Record gets each record's encoding, in file order; it must not keep
	// rec. An error stops the load.
	Record func(rec []byte) error

	encoders sync.Pool
}

// Stream loads files, handing their records to Record, or returns
// decode.ErrFallback.
func (e *Each) Stream(files []string, opts decode.Options) (*decode.Loaded, error) {
	e.encoders.New = func() any { return e.NewEncoder() }
	size := e.ChunkSize
	if size <= 0 {
		size = 1 << 17 // a chunk's encoded records are a few times its size, held until merged
	}
	f := &Fold{By: parks.ByDistrict, Filter: e.Filter, Workers: e.Workers, ChunkSize: size, Progress: e.Progress, each: e}
	return f.Stream(files, opts)
}

type encoder = func(buf []byte, f *parks.Facility) []byte

// encode appends a record to recs, framed by its length.
func encode(recs []byte, enc encoder, f *parks.Facility) []byte {
	start := len(recs)
	recs = append(recs, 0, 0, 0, 0)
	recs = enc(recs, f)
	binary.LittleEndian.PutUint32(recs[start:], uint32(len(recs)-start-4))
	return recs
}

// heldRec is a record a repeat pass decided on, encoded, and where it goes
// among a chunk's records.
type heldRec struct {
	at  int // offset in chunkResult.recs
	rec []byte
}

// deliver hands a merged chunk's records to Record, in file order, the
// held ones at their places.
func (e *Each) deliver(recs []byte, held []heldRec) error {
	p := 0
	for _, h := range held {
		if err := e.records(recs[p:h.at]); err != nil {
			return err
		}
		p = h.at
		if err := e.records(h.rec); err != nil {
			return err
		}
	}
	return e.records(recs[p:])
}

func (e *Each) records(b []byte) error {
	for len(b) > 0 {
		n := binary.LittleEndian.Uint32(b)
		if err := e.Record(b[4 : 4+n]); err != nil {
			return err
		}
		b = b[4+n:]
	}
	return nil
}
