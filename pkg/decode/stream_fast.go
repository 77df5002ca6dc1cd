package decode

import (
	"bytes"
	"hash/maphash"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/parks"
)

// fastChunk is the first try at a chunk of a streamed file: a decoder of
// the well-formed rows that nearly every row of a large file is. It cuts
// the fields straight out of the chunk's bytes (no string per cell), reads
// cells with the field types' ParsePlain, looks districts, sectors and
// sources up in caches that live as long as the worker, and folds each row
// at once.
//
// The moment a row needs anything more — a problem of any kind, error or
// warning; a blank id; a quote out of place; a blank line; a number with a
// comma — it gives up, and the chunk is decoded again from its start by the
// exact path (streamFile.decode, on encoding/csv), which words the
// problems. So what is printed never depends on which path read a chunk:
// the fast path only ever reads rows that have no problem, and reads them
// through the same field types, reference data, row rules and fold.
// TestStreamMatchesHolding and FuzzStreamMatchesHolding hold it to that.
type fastChunk struct {
	f     *streamFile
	comma byte
	// stop marks the bytes the scan of an unquoted field stops at: those
	// that end it (the delimiter, a line break, a carriage return, a quote,
	// which there is an error) and those it must look at (the first byte
	// of a multi-byte character, which must be valid UTF-8, and control
	// characters, which are refused)
	stop  [256]bool
	cols  []fastCol // by file column
	rec   parks.Facility
	env   *Env // reference data and this worker's lookup caches
	today time.Time
	// sources interns the source texts: provenance keeps them
	sources    map[string]string
	unescaped  []byte // a quoted cell without its doubled quotes
	idHash     uint64
	unfiltered bool
}

// fastCol is what the fast path does with one column of the file.
type fastCol struct {
	role     fastRole
	required bool
	numeric  bool // counts, money, area: their cells vote on the decimal separator
	plain    parks.PlainParser
	parser   parks.CellParser
	ctx      *parks.ParseContext
}

type fastRole uint8

const (
	fastSkip     fastRole = iota // a column parks does not know
	fastPlain                    // a number, enum or date: ParsePlain, else ParseCell
	fastID                       // hashed for the duplicate index
	fastText                     // free text: only a required one's blankness matters
	fastDistrict                 // resolved through the gazetteer
	fastSectors                  // resolved through the sector list
	fastSource                   // kept in the provenance
)

// newFastChunk prepares the fast path for one worker and file, or returns
// nil when the file's layout rules it out (a delimiter that is not one
// byte, a required column missing from the header).
func newFastChunk(f *streamFile) *fastChunk {
	if f.comma <= 0 || f.comma >= utf8.RuneSelf || f.comma == '"' || f.comma == '\n' || f.comma == '\r' {
		return nil
	}
	s := parks.FacilitySchema
	fc := &fastChunk{
		f: f, comma: byte(f.comma), cols: make([]fastCol, len(f.cols)),
		env:     &Env{Gazetteer: f.s.env.Gazetteer, Sectors: f.s.env.Sectors},
		today:   f.s.opts.Today,
		sources: map[string]string{}, unfiltered: reflect.ValueOf(f.s.fold.Filter).IsZero(),
	}
	for b := range fc.stop {
		fc.stop[b] = b < 0x20 && b != '\t' || b == 0x7f || b >= utf8.RuneSelf
	}
	fc.stop[fc.comma], fc.stop['"'] = true, true
	parsers := s.CellParsers(&fc.rec)
	present := make([]bool, len(s.Columns))
	for i, c := range f.cols {
		if c < 0 {
			continue
		}
		present[c] = true
		col := s.Columns[c]
		fcol := fastCol{required: col.Required, numeric: f.numeric[i], parser: parsers[c], ctx: &f.ctx[i], role: fastText}
		switch col.Name {
		case "id":
			fcol.role = fastID
		case "district":
			fcol.role = fastDistrict
		case "sectors":
			fcol.role = fastSectors
		case "source":
			fcol.role = fastSource
		default:
			if p, ok := parsers[c].(parks.PlainParser); ok {
				fcol.role, fcol.plain = fastPlain, p
			}
		}
		fc.cols[i] = fcol
	}
	for c, col := range s.Columns {
		if col.Required && !present[c] {
			return nil // every row has a problem
		}
	}
	return fc
}

// decode reads a chunk, or reports false when a row needs the exact path.
func (d *fastChunk) decode(c *chunk) (*chunkResult, bool) {
	data := c.data
	f := d.f
	res := &chunkResult{res: parks.NewResult(f.s.fold.By), size: len(data), votes: make([]parks.DecimalVote, len(f.cols)),
		ambiguous: f.ambiguousIn(data), fast: true}
	width, comma := f.width, d.comma
	for p := 0; p < len(data); {
		if data[p] == '\n' || data[p] == '\r' {
			return nil, false // a blank line (a warning) or a lone carriage return
		}
		d.rec = parks.Facility{Sectors: d.rec.Sectors[:0]}
		col := 0
		for {
			var cell []byte
			escaped := false
			if p < len(data) && data[p] == '"' {
				start, q := p+1, p+1
				for {
					i := bytes.IndexByte(data[q:], '"')
					if i < 0 {
						return nil, false // an unclosed quote: a syntax error
					}
					if q += i; q+1 < len(data) && data[q+1] == '"' {
						escaped, q = true, q+2
						continue
					}
					break
				}
				cell, p = data[start:q], q+1
				if !utf8.Valid(cell) || hasControl(cell) {
					return nil, false // toUTF8 and controlCheck word it
				}
				escaped = escaped || bytes.IndexByte(cell, '\r') >= 0
			} else {
				start := p
			scan:
				for p < len(data) {
					b := data[p]
					if !d.stop[b] {
						p++
						continue
					}
					switch {
					case b >= 0xc2 && b <= 0xdf && p+1 < len(data) && data[p+1]&0xc0 == 0x80:
						p += 2 // two bytes: Cyrillic and Kazakh letters
					case b >= utf8.RuneSelf:
						r, size := utf8.DecodeRune(data[p:])
						if r == utf8.RuneError && size == 1 {
							return nil, false // not UTF-8
						}
						p += size
					default:
						break scan // the end of the field, or a control character (refused below)
					}
				}
				cell = data[start:p]
			}
			last := true
			switch {
			case p >= len(data):
			case data[p] == comma:
				p, last = p+1, false
			case data[p] == '\n':
				p++
			case data[p] == '\r' && p+1 < len(data) && data[p+1] == '\n':
				p += 2
			default:
				return nil, false // a bare quote, text after a closing quote, a lone carriage return
			}
			if col < width && !d.cell(&d.cols[col], col, cell, escaped, res) {
				return nil, false
			}
			col++
			if last {
				break
			}
		}
		if col != width || !d.finish(res) {
			return nil, false
		}
	}
	return res, true
}

// cell reads one cell of the current row; false means the row has a
// problem (or may have one) and the chunk goes to the exact path.
func (d *fastChunk) cell(fc *fastCol, i int, b []byte, escaped bool, res *chunkResult) bool {
	if fc.role == fastSkip {
		return true
	}
	if len(b) > MaxCellBytes {
		return false
	}
	if escaped {
		b = d.unescape(b)
	}
	if fc.required && len(trimSpace(b)) == 0 {
		return false
	}
	switch fc.role {
	case fastPlain:
		if fc.numeric && !allDigits(b) {
			if bytes.IndexByte(b, ',') >= 0 {
				return false // "1,234" depends on the file's separator
			}
			voteDecimal(&res.votes[i], b)
		}
		if !fc.plain.ParsePlain(b, fc.ctx) {
			return fc.parser.ParseCell(string(b), fc.ctx) == nil
		}
	case fastID:
		id := trimSpace(b)
		for _, c := range id {
			if c <= ' ' || c >= utf8.RuneSelf { // maybe a space: ID.ParseCell decides
				if fc.parser.ParseCell(string(id), fc.ctx) != nil {
					return false
				}
				break
			}
		}
		d.idHash = maphash.Bytes(hashSeed, id)
	case fastDistrict:
		dist, ok := d.env.districtOf(trimSpace(b))
		if !ok {
			return false
		}
		d.rec.KATO = dist.KATO
	case fastSectors:
		for len(b) > 0 {
			item := b
			if j := bytes.IndexByte(b, '|'); j >= 0 {
				item, b = b[:j], b[j+1:]
			} else {
				b = nil
			}
			if item = trimSpace(item); len(item) == 0 {
				continue
			}
			code, known := d.env.sectorOf(item)
			if !known {
				return false // an unknown sector is a warning
			}
			d.rec.Sectors = append(d.rec.Sectors, code)
		}
	case fastSource:
		src := trimSpace(b)
		if len(src) == 0 {
			return false // a missing source is a warning
		}
		s, ok := d.sources[string(src)]
		if !ok {
			s = string(src)
			if len(d.sources) < lookupCacheMax {
				d.sources[s] = s
			}
		}
		d.rec.Source = parks.Text(s)
	}
	return true
}

// finish applies the row rules to the current row and folds it.
func (d *fastChunk) finish(res *chunkResult) bool {
	if len(parks.CheckFacility(&d.rec, d.today)) > 0 {
		return false
	}
	res.rowsIn++
	res.keys = append(res.keys, d.idHash)
	res.fold(&d.rec, &d.f.s.fold.Filter, d.unfiltered)
	return true
}

// unescape is a quoted cell's text as encoding/csv gives it: a doubled
// quote is one quote, and a line break written CR LF is LF.
func (d *fastChunk) unescape(b []byte) []byte {
	out := d.unescaped[:0]
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"' && i+1 < len(b) && b[i+1] == '"':
			i++
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			continue
		}
		out = append(out, b[i])
	}
	d.unescaped = out
	return out
}

// trimSpace is bytes.TrimSpace, quick for a cell that starts and ends with
// a letter or digit: bytes.TrimSpace looks up the Unicode tables for a
// cell that starts with a Cyrillic letter.
func trimSpace(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	if notSpaceAt(b, false) && notSpaceAt(b, true) {
		return b
	}
	return bytes.TrimSpace(b)
}

// notSpaceAt reports whether b's first (or last) character is surely not
// white space: ASCII other than space and controls, or a character between
// U+0100 and U+167F, where Unicode has no white space.
func notSpaceAt(b []byte, last bool) bool {
	var r rune
	if last {
		if c := b[len(b)-1]; c < utf8.RuneSelf {
			return c > ' '
		}
		r, _ = utf8.DecodeLastRune(b)
	} else {
		if c := b[0]; c < utf8.RuneSelf {
			return c > ' '
		}
		r, _ = utf8.DecodeRune(b)
	}
	return r >= 0x100 && r < 0x1680
}
