package cli

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/parks-kz/parks/pkg/safefile"
)

// Exit codes of a run ended by a signal, as a shell reports them.
const (
	ExitInterrupted = 130 // SIGINT (Ctrl+C)
	ExitTerminated  = 143 // SIGTERM
)

// cleanupOnSignal removes the temporary files the run made (a report's
// .NAME.*.tmp, the directory excelize unpacks large sheets into) when it
// is interrupted or terminated, then exits as a shell reports it. The
// function it returns stops watching.
func cleanupOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			safefile.RemoveTracked()
			if sig == syscall.SIGTERM {
				os.Exit(ExitTerminated)
			}
			os.Exit(ExitInterrupted)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
