// Command parks analyses the statistics of small industrial parks and
// production sites. All behaviour lives in package cli.
package main

import (
	"os"

	"github.com/parks-kz/parks/pkg/cli"
	"golang.org/x/term"
)

func main() {
	streams := &cli.IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
	if streams.OutTTY {
		streams.Width, _, _ = term.GetSize(int(os.Stdout.Fd()))
	}
	restore := cli.PrepareConsole(streams) // Windows: UTF-8 code page, colours, display language
	stopProfile := cpuProfile()
	code := cli.Main(os.Args[1:], streams)
	stopProfile()
	restore()
	os.Exit(code)
}
