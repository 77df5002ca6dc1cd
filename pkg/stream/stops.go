package stream

import (
	"bytes"
	"math/bits"
	"unicode/utf8"
)

// stops is a chunk's bitmap of the bytes where the fast path's cell
// scanners may stop (bit i%64 of word i/64 for the byte at i): where
// scanner.scan of the plain cells would stop (the delimiter, a quote, a
// control character other than tab, DEL), and every byte that is not
// ASCII and not part of a two-byte UTF-8 character (U+0080 to U+07FF:
// Cyrillic and Kazakh letters, «»). Made a block of 64 bytes at a time
// with vector instructions (stops_amd64.s), it lets the scanners jump
// from stop to stop (scanPlain, scanQuoted) instead of checking the
// text between, which was a fifth of the CPU of a clean file. At a byte
// that is neither ASCII nor such a character (a character of three or
// four bytes, text that is not UTF-8) the scanner takes over from there.
type stops struct {
	bits []uint64
}

// build makes the bitmap of data (delimiter comma).
func (s *stops) build(data []byte, comma byte) []uint64 {
	words := (len(data) + 63) / 64
	if cap(s.bits) < words {
		s.bits = make([]uint64, words, words+words/4)
	}
	out := s.bits[:words]
	full := len(data) &^ 63
	var lprev uint64
	if full > 0 {
		lprev = stopBlocks(&data[0], full, len(data), comma, &out[0], 0)
	}
	if full < len(data) {
		st, l, c := stopMasksGo(data[full:], comma)
		out[words-1] = combineStops(st, l, c, lprev, 0)
	}
	return out
}

// stopBlocksGo is what stopBlocks does: the words of the blocks of
// data[:n] (n a multiple of 64) into out; lprev is the l mask of the block
// before the first (its bit 63 counts), and it returns the last block's.
func stopBlocksGo(data []byte, n int, comma byte, out []uint64, lprev uint64) uint64 {
	for i := 0; i < n; i += 64 {
		st, l, c := stopMasksGo(data[i:i+64], comma)
		var cnext uint64
		if i+64 < len(data) && data[i+64]&0xc0 == 0x80 {
			cnext = 1
		}
		out[i/64] = combineStops(st, l, c, lprev, cnext)
		lprev = l
	}
	return lprev
}

// combineStops is a block's stop bits from its masks (stopMasksGo): the
// stop bytes, and the lead and continuation bytes that do not pair up
// into a two-byte character. lprev's bit 63 says the byte before the block
// is a lead byte, cnext's bit 0 that the byte after it is a continuation.
func combineStops(st, l, c, lprev, cnext uint64) uint64 {
	paired := l & (c>>1 | cnext<<63)
	follows := c & (l<<1 | lprev>>63)
	return st | l&^paired | c&^follows
}

// stopMasksGo is what stopMasks gives for a block of at most 64 bytes:
// st has the stop bytes (ASCII ones the plain scanner stops at, and the
// bytes that are not ASCII and can be neither lead nor continuation byte
// of a two-byte character), l the lead bytes of two-byte characters
// (0xC2 to 0xDF), c the continuation bytes (0x80 to 0xBF).
func stopMasksGo(data []byte, comma byte) (st, l, c uint64) {
	for i, b := range data {
		bit := uint64(1) << i
		switch {
		case b >= 0xc2 && b <= 0xdf:
			l |= bit
		case b >= 0x80 && b <= 0xbf:
			c |= bit
		case b >= utf8.RuneSelf, b < 0x20 && b != '\t', b == 0x7f, b == comma, b == '"':
			st |= bit
		}
	}
	return st, l, c
}

// nextStop is the offset of the first stop at or after p, or n (the
// length of the chunk) when there is none.
func nextStop(bm []uint64, p, n int) int {
	w := p >> 6
	if w >= len(bm) {
		return n
	}
	if x := bm[w] >> (p & 63); x != 0 {
		return min(p+bits.TrailingZeros64(x), n)
	}
	for w++; w < len(bm); w++ {
		if x := bm[w]; x != 0 {
			return min(w<<6+bits.TrailingZeros64(x), n)
		}
	}
	return n
}

// scanPlain is d.plain.scan(data, p), through the chunk's stops when it
// has them (p is where a character starts, after an ASCII byte or at the
// chunk's start, as every cell's start is).
func (d *fastChunk) scanPlain(data []byte, p int) (int, bool) {
	if d.stopBits == nil {
		return d.plain.scan(data, p)
	}
	q := nextStop(d.stopBits, p, len(data))
	if q >= len(data) || data[q] < utf8.RuneSelf {
		return q, true
	}
	return d.plain.scan(data, q)
}

// scanQuoted is d.quoted.scan(data, p), through the chunk's stops when it
// has them: the quoted scanner stops at fewer bytes (not at the delimiter
// or a line feed), so it goes on past those.
func (d *fastChunk) scanQuoted(data []byte, p int) (int, bool) {
	if d.stopBits == nil {
		return d.quoted.scan(data, p)
	}
	for {
		q := nextStop(d.stopBits, p, len(data))
		if q >= len(data) {
			return q, true
		}
		b := data[q]
		if b >= utf8.RuneSelf {
			return d.quoted.scan(data, q)
		}
		if d.quoted.stop[b] {
			return q, true
		}
		p = q + 1
	}
}

// countQuotesLines is the number of quotes and of line feeds in data: the
// chunk reader's counts (recordBoundary), in one pass where the CPU can.
func countQuotesLines(data []byte) (quotes, lines int) {
	full := 0
	if haveQuotesLines {
		if full = len(data) &^ 63; full > 0 {
			quotes, lines = quotesLines(&data[0], full)
		}
	}
	rest := data[full:]
	return quotes + bytes.Count(rest, []byte{'"'}), lines + bytes.Count(rest, []byte{'\n'})
}
