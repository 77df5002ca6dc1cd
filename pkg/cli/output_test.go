package cli

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
)

type fullWriter struct {
	n   int
	err error // syscall.ENOSPC when nil
}

func (w *fullWriter) Write(p []byte) (int, error) {
	w.n++
	if w.err != nil {
		return 0, w.err
	}
	return 0, syscall.ENOSPC
}

// A command whose output cannot be written (a full disk, /dev/full) ends
// with exit 2 and says so, whatever the command: tables, version, help.
func TestOutputWriteErrors(t *testing.T) {
	for _, args := range [][]string{
		{"summary", "-o", "markdown"}, {"summary"}, {"list", "-o", "json"}, {"version"}, {"--help"}, {"schema"},
	} {
		streams, _, errb := testIO()
		w := &fullWriter{}
		streams.Out = w
		if code := Main(args, streams); code != ExitError {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, ExitError, errb)
		}
		if want := "parks: cannot write the output: no space left on device\n"; !strings.HasSuffix(errb.String(), want) {
			t.Errorf("%v: stderr %q, want it to end in %q", args, errb, want)
		}
		if w.n == 0 {
			t.Errorf("%v: nothing was written", args)
		}
	}
}

// The message is in the output language; a reader that went away (a broken
// pipe: | head on Windows, where there is no SIGPIPE) gets no message, and
// the exit code still says the output is not whole.
func TestOutputWriteErrorWording(t *testing.T) {
	for _, c := range []struct {
		args []string
		err  error
		want string
	}{
		{[]string{"summary", "--lang", "ru"}, syscall.ENOSPC, "parks: не удалось записать результат: no space left on device\n"},
		{[]string{"list", "--lang", "kk"}, syscall.ENOSPC, "parks: нәтижені шығысқа жазу мүмкін емес: no space left on device\n"},
		{[]string{"list", "-o", "csv"}, syscall.EPIPE, ""},
	} {
		streams, _, errb := testIO()
		streams.Out = &fullWriter{err: c.err}
		if code := Main(c.args, streams); code != ExitError {
			t.Errorf("%v: exit %d, want %d", c.args, code, ExitError)
		}
		if !strings.HasSuffix(errb.String(), c.want) || c.want == "" && strings.Contains(errb.String(), "cannot write") {
			t.Errorf("%v: stderr %q, want it to end in %q", c.args, errb, c.want)
		}
	}
}

// The same with the real /dev/full as standard output.
func TestOutputDevFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no /dev/full")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, args := range [][]string{{"summary", "-o", "markdown"}, {"version"}, {"--help"}} {
		streams, _, errb := testIO()
		streams.Out = f
		if code := Main(args, streams); code != ExitError || !strings.Contains(errb.String(), "cannot write the output") {
			t.Errorf("%v: exit %d; stderr %q", args, code, errb)
		}
	}
}
