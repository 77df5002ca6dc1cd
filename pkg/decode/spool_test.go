package decode_test

import (
	"testing"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/stream"
)

// TestStdinSpoolBounded: a streaming load copies stdin to a file, but not
// without end (stdin from /dev/zero): past the bound it reads no further
// and the holding path reads that copy (and refuses it: too large, past
// maxFileBytes).
func TestStdinSpoolBounded(t *testing.T) {
	defer decode.SetMaxSpoolBytes(1 << 20)()
	zero := &zeroReader{}
	l, err := decode.Load([]string{"-"}, decode.Options{Stdin: zero, Stream: &stream.Fold{By: parks.ByDistrict}})
	if err != nil {
		t.Fatal(err)
	}
	if errs, _ := l.Problems.Count(); l.Result != nil || errs != 1 { // too large, or here (a small bound) NUL bytes
		t.Errorf("streamed %v, problems %v", l.Result != nil, l.Problems.Problems)
	}
	if zero.n > 2<<20 {
		t.Errorf("read %d bytes of stdin", zero.n)
	}
}

type zeroReader struct{ n int64 }

func (r *zeroReader) Read(p []byte) (int, error) {
	clear(p)
	r.n += int64(len(p))
	return len(p), nil
}
