//go:build !unix

package safefile

import (
	"io/fs"
	"os"
)

// keepOwner: files on this system have no Unix owner to keep.
func keepOwner(*os.File, fs.FileInfo) {}
