//go:build !unix

package stream

import "os"

// openFile opens a file to read (open_unix.go says why not os.Open there).
func openFile(name string) (*os.File, error) { return os.Open(name) }
