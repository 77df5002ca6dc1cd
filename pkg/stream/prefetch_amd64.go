package stream

import "unsafe"

// prefetch asks the CPU to bring the cache line at addr in, without
// waiting for it (PREFETCHT0): a load that misses holds up the
// instructions after it once the reorder buffer is full, a prefetch
// does not.
//
//go:noescape
func prefetch(addr unsafe.Pointer)
