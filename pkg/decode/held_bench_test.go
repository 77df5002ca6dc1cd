package decode

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parks-kz/parks/internal/testkit"
)

// BenchmarkHeldRecordBytes measures what a held record costs (show,
// report, diff, trend, explain and every fallback hold them all): the live
// heap after a holding load of N generated records, less the heap before
// it, per record (B/record), with the file's bytes per row beside it.
func BenchmarkHeldRecordBytes(b *testing.B) {
	const n = 20000
	path := filepath.Join(b.TempDir(), "facilities.csv")
	data := testkit.Facilities(b, n, 0)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var perRecord float64
	for b.Loop() {
		before := live()
		l, err := Load([]string{path}, Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil || len(l.Dataset.Facilities) != n {
			b.Fatalf("load: %v", err)
		}
		perRecord = float64(live()-before) / n
		runtime.KeepAlive(l)
	}
	b.ReportMetric(perRecord, "B/record")
	b.ReportMetric(float64(len(data))/n, "file-B/record")
}
