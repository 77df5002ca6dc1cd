package stream

import "golang.org/x/sys/cpu"

// haveStops: stopBlocks has the instructions it needs (AVX2).
var haveStops = cpu.X86.HasAVX2

// stopBlocks writes the bitmap's word of each block of 64 bytes of
// data[:n] (n a multiple of 64, length the chunk's length) to out, as
// stopBlocksGo does.
//
//go:noescape
func stopBlocks(data *byte, n, length int, comma byte, out *uint64, lprev uint64) uint64

// haveQuotesLines: quotesLines has the instructions it needs.
var haveQuotesLines = cpu.X86.HasAVX2 && cpu.X86.HasPOPCNT

// quotesLines counts the quotes and the line feeds of data[:n] (n a
// multiple of 64) in one pass.
//
//go:noescape
func quotesLines(data *byte, n int) (quotes, lines int)
