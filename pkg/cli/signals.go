package cli

import (
	"os"
	"os/signal"
	"sync"
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
// function it returns stops watching. It watches from the first file
// tracked (safefile.WhenTracked): a run without one — the most, and the
// built-in summary's start-up — sets up no signal handling (os/signal's
// goroutine and thread); interrupted, it ends by the signal, which a shell
// reports as the same 130 or 143.
func cleanupOnSignal() (stop func()) {
	var mu sync.Mutex
	var ch chan os.Signal
	stopped := false
	done := make(chan struct{})
	cancel := safefile.WhenTracked(func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		ch = make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go func(ch chan os.Signal) {
			select {
			case sig := <-ch:
				safefile.RemoveTracked()
				if sig == syscall.SIGTERM {
					os.Exit(ExitTerminated)
				}
				os.Exit(ExitInterrupted)
			case <-done:
			}
		}(ch)
	})
	return func() {
		cancel()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		if ch != nil {
			signal.Stop(ch)
		}
		close(done)
	}
}
