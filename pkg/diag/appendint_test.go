package diag

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendInt: AppendInt writes what strconv.AppendInt writes, at every
// number of digits and their edges, and after what b holds.
func TestAppendInt(t *testing.T) {
	ns := []int{0, 1, 9, 10, 11, 99, 100, 101, 999999999, 1e9, 1e9 + 1, -1, -10, math.MaxInt, math.MinInt}
	for p := 1; p <= 1e9; p *= 10 {
		ns = append(ns, p-1, p, p+1, 7*p/3)
	}
	for n := range 100000 {
		ns = append(ns, n*97)
	}
	for _, n := range ns {
		if got, want := string(AppendInt([]byte("x:"), n)), "x:"+strconv.Itoa(n); got != want {
			t.Fatalf("AppendInt(%d) = %q, want %q", n, got, want)
		}
	}
}
