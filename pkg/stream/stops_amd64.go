package stream

import "golang.org/x/sys/cpu"

// haveStops: stopMasks has the instructions it needs (AVX2).
var haveStops = cpu.X86.HasAVX2

// stopMasks writes the masks of stopMasksGo for each block of 64 bytes
// of data[:n] (n a multiple of 64) to out, three words a block: st, l, c.
//
//go:noescape
func stopMasks(data *byte, n int, comma byte, out *uint64)
