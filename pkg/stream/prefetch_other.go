//go:build !amd64

package stream

import "unsafe"

// prefetch does nothing here.
func prefetch(addr unsafe.Pointer) {}
