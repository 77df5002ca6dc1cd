package stream

import (
	"bytes"
	"cmp"
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
	for _, tc := range []struct{ n, limit int }{{0, 0}, {1, 0}, {50, 0}, {500, 64}, {500, 1000}, {3000, 4096}} {
		t.Run(fmt.Sprint(tc.n, "/", tc.limit), func(t *testing.T) {
			var recs []rec
			s := &Sorter{Limit: tc.limit}
			defer s.Close()
			for i := range tc.n {
				r := rec{part(), part(), i}
				recs = append(recs, r)
				if err := s.Add(AppendKey(AppendKey(nil, r.a), r.b), []byte(fmt.Sprint(i))); err != nil {
					t.Fatal(err)
				}
			}
			slices.SortStableFunc(recs, func(x, y rec) int { return cmp.Or(bytes.Compare(x.a, y.a), bytes.Compare(x.b, y.b)) })
			var got []string
			if err := s.Each(func(p []byte) error { got = append(got, string(p)); return nil }); err != nil {
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
