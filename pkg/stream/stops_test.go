package stream

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf8"
)

// checkStops holds the chunk's stop bitmap to scanner.scan: the scanners
// through it (scanPlain, scanQuoted) stop where scan stops, from every
// byte a cell may start at (the chunk's start and after an ASCII byte).
func checkStops(t *testing.T, data []byte, comma byte) {
	t.Helper()
	// stopBlocks against stopBlocksGo
	full := len(data) &^ 63
	if full > 0 {
		got, want := make([]uint64, full/64), make([]uint64, full/64)
		for _, lprev := range []uint64{0, 1 << 63} {
			gotL := stopBlocks(&data[0], full, len(data), comma, &got[0], lprev)
			wantL := stopBlocksGo(data, full, comma, want, lprev)
			if !slices.Equal(got, want) || gotL != wantL {
				t.Fatalf("stopBlocks(%q, %q, %x) = %x, %x; want %x, %x", data, comma, lprev, got, gotL, want, wantL)
			}
		}
	}
	if q, l := countQuotesLines(data); q != bytes.Count(data, []byte{'"'}) || l != bytes.Count(data, []byte{'\n'}) {
		t.Fatalf("countQuotesLines(%q) = %d, %d", data, q, l)
	}
	var s stops
	d := &fastChunk{plain: newScanner(comma, '"', '\n', '\r'), quoted: newScanner('"', '\r')}
	d.stopBits = s.build(data, comma)
	for p := 0; p <= len(data); p++ {
		if p > 0 && data[p-1] >= utf8.RuneSelf {
			continue
		}
		got, gotOK := d.scanPlain(data, p)
		want, wantOK := d.plain.scan(data, p)
		if got != want || gotOK != wantOK {
			t.Fatalf("scanPlain(%q, %d) with %q = %d, %v; scan gives %d, %v", data, p, comma, got, gotOK, want, wantOK)
		}
		got, gotOK = d.scanQuoted(data, p)
		want, wantOK = d.quoted.scan(data, p)
		if got != want || gotOK != wantOK {
			t.Fatalf("scanQuoted(%q, %d) = %d, %v; scan gives %d, %v", data, p, got, gotOK, want, wantOK)
		}
	}
}

func TestStops(t *testing.T) {
	if !haveStops {
		t.Log("no stopMasks on this CPU: the Go masks only")
	}
	long := "Түркістан, «Ordabasy» — №5;\t\"x\"\r\n" + string([]byte{0x7f, 0x01, 0xc0, 0x80, 0xc1, 0xbf, 0xdf, 0xbf, 0xe0, 0xc2, 0xc2, 0x80, 0xff, 0x80})
	var all []byte
	for b := range 256 {
		all = append(all, byte(b), 'a', byte(b), 0xd0, byte(b), byte(b))
	}
	cases := [][]byte{nil, []byte("a"), []byte(long), bytes.Repeat([]byte(long), 7), bytes.Repeat([]byte("ж"), 32), append(bytes.Repeat([]byte("ж"), 32), 'a', 0xd0),
		append([]byte("a"), bytes.Repeat([]byte("ж"), 40)...), append(bytes.Repeat([]byte("a"), 63), 0xd0, 0x90, 'b'), append(bytes.Repeat([]byte("a"), 64), 0x90, 'b'), all}
	for _, c := range cases {
		for _, comma := range []byte{',', ';', '\t', '|', 0x01} {
			checkStops(t, c, comma)
		}
	}
}

// FuzzStops holds the stop bitmap and the scanners through it to
// scanner.scan (checkStops).
func FuzzStops(f *testing.F) {
	f.Add([]byte("F1,Түркістан «x»,\"a,\"\"b\"\"\r\nc\",1.5\r\nabcdefg\xd0\x90bcdefgh\xe2\x80\x94;\t\x7f aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xd0"), byte(','))
	f.Fuzz(func(t *testing.T, data []byte, comma byte) {
		if comma == '"' || comma == '\n' || comma == '\r' || comma == 0 || comma >= utf8.RuneSelf {
			return // newFastChunk's delimiters only
		}
		if len(data) > 400 {
			data = data[:400]
		}
		checkStops(t, data, comma)
	})
}

// TestBlank holds blank to bytes.TrimSpace on cells that start with every
// kind of character the quick test passes or leaves to trimSpace.
func TestBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t", "a", " a", "a ", "!", "~", "\u0085", "\u00a0", "\u00a0x", "\u00c0", "ж", " ж ", "\u2003", "\u2003x", "\u3000", "—", "\x7f"} {
		if got, want := blank([]byte(s)), len(bytes.TrimSpace([]byte(s))) == 0; got != want {
			t.Errorf("blank(%q) = %v, want %v", s, got, want)
		}
	}
}
