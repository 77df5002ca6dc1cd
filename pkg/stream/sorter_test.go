package stream

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSorterMatchesStableSort: whatever fits in memory or spills into
// runs, the records come out as a stable sort of the pairs of parts would
// order them.
func TestSorterMatchesStableSort(t *testing.T) {
	type rec struct {
		a, b []byte
		seq  int
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	part := func() []byte {
		b := make([]byte, rnd.IntN(4))
		for i := range b {
			b[i] = []byte{0, 1, 2, 0xff}[rnd.IntN(4)]
		}
		return b
	}
	for _, tc := range []struct {
		n, limit     int
		reverse, ord bool
	}{{0, 0, false, false}, {1, 0, false, false}, {50, 0, false, false}, {500, 64, false, false}, {500, 1000, false, false}, {3000, 4096, false, false}, {3000, 4096, true, false}, {3000, 4096, false, true}, {50, 0, false, true}, {20000, 1 << 16, false, true}} {
		t.Run(fmt.Sprint(tc.n, "/", tc.limit, "/", tc.reverse, "/", tc.ord), func(t *testing.T) {
			var recs []rec
			s := &Sorter{Limit: tc.limit}
			defer s.Close()
			prepared := 0
			if tc.reverse { // a Compare of its own, told of the keys by Prepare
				s.Compare = func(a, b []byte) int {
					if prepared == 0 {
						t.Fatal("compared before Prepare")
					}
					return bytes.Compare(b, a)
				}
				s.Prepare = func() { prepared++ }
			}
			if tc.ord { // short keys as numbers: zeros after them, then their length
				s.Ord = func(k []byte) (uint64, bool) {
					if len(k) > 7 {
						return 0, false
					}
					var b [8]byte
					copy(b[:], k)
					return binary.BigEndian.Uint64(b[:]) | uint64(len(k)), true
				}
			}
			for i := range tc.n {
				r := rec{part(), part(), i}
				recs = append(recs, r)
				payload := []byte(fmt.Sprint(i))
				if i%97 == 0 { // records longer than a block of the merge
					payload = append(payload, bytes.Repeat([]byte{' '}, rnd.IntN(20000))...)
				}
				if err := s.Add(AppendKey(AppendKey(nil, r.a), r.b), payload); err != nil {
					t.Fatal(err)
				}
			}
			slices.SortStableFunc(recs, func(x, y rec) int {
				c := cmp.Or(bytes.Compare(x.a, y.a), bytes.Compare(x.b, y.b))
				if tc.reverse {
					return -c
				}
				return c
			})
			var got []string
			if err := s.Each(func(p []byte) error { got = append(got, string(bytes.TrimRight(p, " "))); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(recs) || s.Len() != len(recs) {
				t.Fatalf("got %d records, want %d", len(got), len(recs))
			}
			for i, r := range recs {
				if got[i] != fmt.Sprint(r.seq) {
					t.Fatalf("record %d: got %s, want %d", i, got[i], r.seq)
				}
			}
			if tc.limit > 0 && tc.n > 100 && len(s.runs) < 2 {
				t.Errorf("%d runs: the merge is not tested", len(s.runs))
			}
		})
	}
}
