// Command parks-docs writes the command reference (docs/reference/*.md) and
// the man pages (docs/man/*.1) from parks' command tree: `make docs`.
package main

import (
	"fmt"
	"os"

	"github.com/parks-kz/parks/internal/gendocs"
)

func main() {
	if err := gendocs.Generate(gendocs.ReferenceDir, gendocs.ManDir); err != nil {
		fmt.Fprintln(os.Stderr, "parks-docs:", err)
		os.Exit(1)
	}
}
