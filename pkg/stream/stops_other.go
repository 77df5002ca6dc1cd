//go:build !amd64

package stream

import "unsafe"

// haveStops: without vector instructions the bitmap costs what it saves;
// the scanners check the text themselves.
const haveStops = false

// stopMasks is stopMasksGo over data[:n] (for the tests).
func stopMasks(data *byte, n int, comma byte, out *uint64) {
	d := unsafe.Slice(data, n)
	o := unsafe.Slice(out, n/64*3)
	for k := range n / 64 {
		o[3*k], o[3*k+1], o[3*k+2] = stopMasksGo(d[64*k:64*k+64], comma)
	}
}
