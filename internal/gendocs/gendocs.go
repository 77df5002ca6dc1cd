// Package gendocs writes the command reference of parks — one Markdown page
// and one man page per command — from the cobra command tree, so that the
// reference says what the program does. `make docs` runs it (through
// cmd/parks-docs); TestGeneratedDocsCurrent fails when the committed pages
// differ from a fresh generation.
package gendocs

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/parks-kz/parks/pkg/cli"
)

// Where the pages live, relative to the repository.
const (
	ReferenceDir = "docs/reference"
	ManDir       = "docs/man"
)

// manDate is the date in every man page's footer. It is fixed, not today,
// so that the pages only change when the commands do.
var manDate = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

// Tree builds the command tree as parks runs it, with the completion
// command cobra adds on execution and without cobra's dated footer.
func Tree() *cobra.Command {
	root := cli.NewRootCmd(&cli.IO{
		In:     eofReader{},
		Out:    io.Discard,
		Err:    io.Discard,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return manDate },
	})
	root.InitDefaultCompletionCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return root
}

// Generate writes the Markdown reference into refDir and the man pages into
// manDir, after removing the pages a previous run wrote there.
func Generate(refDir, manDir string) error {
	for _, d := range []struct{ dir, glob string }{{refDir, "*.md"}, {manDir, "*.1"}} {
		if err := os.MkdirAll(d.dir, 0o755); err != nil {
			return err
		}
		old, _ := filepath.Glob(filepath.Join(d.dir, d.glob))
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	if err := doc.GenMarkdownTree(Tree(), refDir); err != nil {
		return err
	}
	return doc.GenManTree(Tree(), &doc.GenManHeader{
		Title:   "PARKS",
		Section: "1",
		Date:    &manDate,
		Source:  "parks",
		Manual:  "parks manual",
	}, manDir)
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
