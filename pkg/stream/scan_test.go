package stream

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// referenceScan is scanner.scan written the simple way: the first byte
// from p that is one of stops, a control character other than tab and
// line feed, or starts text that is not UTF-8 (then false).
func referenceScan(data []byte, p int, stops []byte) (int, bool) {
	for p < len(data) {
		b := data[p]
		if b >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(data[p:])
			if r == utf8.RuneError && size == 1 {
				return p, false
			}
			p += size
			continue
		}
		for _, s := range stops {
			if b == s {
				return p, true
			}
		}
		if b < 0x20 && b != '\t' && b != '\n' || b == 0x7f {
			return p, true
		}
		p++
	}
	return p, true
}

func checkScan(t *testing.T, data []byte, stops ...byte) {
	t.Helper()
	s := newScanner(stops...)
	for p := 0; p <= len(data); p++ {
		got, gotOK := s.scan(data, p)
		want, wantOK := referenceScan(data, p, stops)
		if got != want || gotOK != wantOK {
			t.Fatalf("scan(%q, %d) with stops %q = %d, %v; want %d, %v", data, p, stops, got, gotOK, want, wantOK)
		}
	}
}

func TestScan(t *testing.T) {
	long := strings.Repeat("Түркістан, «Ordabasy» — №5;\t\"x\"\r\n", 5)
	cases := []string{"", "a", "a,b\n", long, long[1:], long[:len(long)-1], "\xc0\x80", "\xc1\xbf,", "ab\xe2\x80\x94cdefghij", "abcdefg\xd0", "abcdefg\xd0\x90",
		"abcdefg\xd0\x90bcdefgh", "abcdefg\xd0abcdefgh", "abcdef\xe2\x80\x94bcdefghi", "abcdefgh\x80", "abcdefgh\x01", "abcdefgh\x7f", "\xef\xbf\xbd12345678",
		"\xed\xa0\x80abcdefgh", "abcdefg\xf0\x9f\x98\x80abcdefgh", strings.Repeat("ж", 40) + "\xd0", strings.Repeat("ж", 40) + ",\n",
		"жж ж,жжжж", "ж жж\xd0,жжж", "ааа б\xd0\x90\xd0", "a\xd0\xd0\x90bbbbbbb", "aaaaaa\xd0,aaaaaaaa"}
	for _, c := range cases {
		for _, comma := range []byte{',', ';', '\t', '|', 0x01} {
			checkScan(t, []byte(c), comma, '"', '\n', '\r')
		}
		checkScan(t, []byte(c), '"', '\r')
	}
}

// FuzzScan holds scanner.scan to referenceScan: where it stops decides
// which rows the fast path reads and which it hands to the exact path.
func FuzzScan(f *testing.F) {
	f.Add([]byte("F1,Түркістан «x»,\"a,\"\"b\"\"\r\nc\",1.5\r\n"), byte(','))
	f.Add([]byte("abcdefg\xd0\x90bcdefgh\xe2\x80\x94;\t"), byte(';'))
	f.Add([]byte("a\tb\x00 ж ж,ж\xd0"), byte('\t'))
	f.Fuzz(func(t *testing.T, data []byte, comma byte) {
		if comma == '"' || comma == '\n' || comma == '\r' || comma == 0 || comma >= utf8.RuneSelf {
			return // newFastChunk's delimiters only
		}
		if len(data) > 200 {
			data = data[:200] // checkScan scans from every byte
		}
		checkScan(t, data, comma, '"', '\n', '\r')
		checkScan(t, data, '"', '\r')
	})
}

// BenchmarkScan scans every cell of a chunk of a generated file.
func BenchmarkScan(b *testing.B) {
	data, err := os.ReadFile("/tmp/parks-bench/shapes1000000/clean/facilities.csv")
	if err != nil {
		b.Skip(err)
	}
	data = data[:1<<19]
	b.SetBytes(int64(len(data)))
	s := newScanner(',', '"', '\n', '\r')
	before := cpuTime()
	for b.Loop() {
		for p := 0; p < len(data); p++ {
			p, _ = s.scan(data, p)
		}
	}
	reportCPU(b, before, int64(len(data)))
}

// cpuTime is the process's user and system CPU time so far: on a shared
// machine, benchmarks compare it rather than wall time (reportCPU).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports a benchmark's throughput by CPU time (cpu-MB/s), from
// a cpuTime taken before its loop: the wall time of a loaded machine says
// little.
func reportCPU(b *testing.B, before time.Duration, bytes int64) {
	if d := cpuTime() - before; d > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
}

// FuzzUnescape holds fastChunk.unescape to encoding/csv's reading of a
// quoted cell: a doubled quote is one, CR LF is LF.
func FuzzUnescape(f *testing.F) {
	f.Add(`a""b""""c` + "\r\n\r\r\"\"\n")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ReplaceAll(strings.ReplaceAll(s, `""`, `"`), "\r\n", "\n")
		var d fastChunk
		if got := string(d.unescape([]byte(s))); got != want {
			t.Fatalf("unescape(%q) = %q, want %q", s, got, want)
		}
	})
}
