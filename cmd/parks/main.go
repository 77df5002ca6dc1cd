// Command parks analyses the statistics of small industrial parks and
// production sites. All behaviour lives in package cli.
package main

import (
	"os"

	"github.com/parks-kz/parks/pkg/cli"
	"golang.org/x/term"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], &cli.IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}))
}
