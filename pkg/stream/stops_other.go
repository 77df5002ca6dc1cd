//go:build !amd64

package stream

import (
	"bytes"
	"unsafe"
)

// haveStops: without vector instructions the bitmap costs what it saves;
// the scanners check the text themselves.
var haveStops = false

// stopBlocks is stopBlocksGo (for the tests).
func stopBlocks(data *byte, n, length int, comma byte, out *uint64, lprev uint64) uint64 {
	return stopBlocksGo(unsafe.Slice(data, length), n, comma, unsafe.Slice(out, n/64), lprev)
}

const haveQuotesLines = false

func quotesLines(data *byte, n int) (quotes, lines int) {
	d := unsafe.Slice(data, n)
	return bytes.Count(d, []byte{'"'}), bytes.Count(d, []byte{'\n'})
}
