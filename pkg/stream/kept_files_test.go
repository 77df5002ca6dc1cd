package stream

import (
	"fmt"
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
)

// Segments of different files are never summed, so a load of many small
// files cannot keep its segments under maxSegments: kept says it is full
// (the load then keeps nothing, and a repeat pass decodes every chunk
// again) instead of going over every segment on each chunk, which made
// 10,000 one-row files take three times as long.
func TestKeptFullOnManyFiles(t *testing.T) {
	k := &kept{}
	for i := range maxSegments + 1 {
		if k.full {
			t.Fatalf("full after %d files, want %d", i, maxSegments+1)
		}
		k.add(&chunk{data: []byte("x\n")}, &chunkResult{res: parks.NewResult(parks.ByDistrict)}, fmt.Sprint("f", i, ".csv"))
	}
	if !k.full {
		t.Errorf("%d one-chunk files: kept is not full (%d segments)", maxSegments+1, len(k.segs))
	}
	one := &kept{} // one file's chunks are summed: never full
	for range 4 * maxSegments {
		one.add(&chunk{data: []byte("x\n")}, &chunkResult{res: parks.NewResult(parks.ByDistrict)}, "big.csv")
	}
	if one.full || len(one.segs) > maxSegments {
		t.Errorf("one file of %d chunks: full %v, %d segments", 4*maxSegments, one.full, len(one.segs))
	}
}
