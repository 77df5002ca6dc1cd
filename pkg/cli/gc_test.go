package cli

import (
	"bytes"
	"math"
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's setting without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(0)
	debug.SetGCPercent(p)
	return p
}

// The collector is paused for a short command and back to the settings
// it had (GOGC, GOMEMLIMIT) once a command reads user files, and after Main.
func TestCollectorPausedUntilUserData(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	restore := pauseCollector()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l != startupHeap {
		t.Errorf("paused: GC percent %d, memory limit %d; want -1 and %d", p, l, startupHeap)
	}
	collectAsUsual()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != 77 || l != math.MaxInt64 {
		t.Errorf("reading user data: GC percent %d, memory limit %d; want 77 and no limit", p, l)
	}
	restore() // nothing left to restore

	var out bytes.Buffer
	for _, args := range [][]string{{"version"}, {"summary", "-o", "json", "../../testdata/snapshots/2025-12-01.yaml"}} {
		if code := Main(args, &IO{Out: &out, Err: &out, Getenv: func(string) string { return "" }}); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, out.String())
		}
		if p := gcPercent(); p != 77 {
			t.Errorf("after %v: GC percent %d, want 77 back", args, p)
		}
	}
}
