//go:build !windows

package cli

import (
	"errors"
	"syscall"
)

// PrepareConsole readies the console parks writes to; outside Windows
// terminals take UTF-8 and colour codes as they are, and the language comes
// from the locale variables, so there is nothing to do.
func PrepareConsole(streams *IO) (restore func()) { return func() {} }

// brokenPipe reports whether a write failed because the reader of the pipe
// went away. Writing to a closed standard output pipe raises SIGPIPE,
// which ends parks silently before this is asked; other writers (a
// command's own file) can still see EPIPE.
func brokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
