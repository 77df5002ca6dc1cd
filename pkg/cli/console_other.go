//go:build !windows

package cli

// PrepareConsole readies the console parks writes to; outside Windows
// terminals take UTF-8 and colour codes as they are, and the language comes
// from the locale variables, so there is nothing to do.
func PrepareConsole(streams *IO) (restore func()) { return func() {} }
