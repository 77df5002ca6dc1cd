package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer the progress goroutine and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A long load shows its progress on a terminal, in the output language, for
// every command that loads (list, show and report hold every record and get
// a spinner); never when stderr is not a terminal, or with --quiet, which
// also drops the built-in dataset notice.
func TestProgressOnLongLoads(t *testing.T) {
	defer func(d time.Duration) { progressDelay = d }(progressDelay)
	progressDelay = 0
	slow := func(string) string { return "" }
	for _, tc := range []struct {
		args    []string
		tty     bool
		want    string // on stderr
		notWant string
	}{
		{[]string{"list", "--lang", "ru"}, true, "чтение", ""},
		{[]string{"show", "tus-sip", "--lang", "kk"}, true, "оқылуда", ""},
		{[]string{"summary"}, true, "reading", ""},
		{[]string{"list", "--lang", "ru"}, false, "", "чтение"},
		{[]string{"list", "--quiet"}, true, "", "reading"},
		{[]string{"summary", "-q"}, false, "", "built-in"},
		{[]string{"validate", "--quiet"}, false, "", "built-in"},
		{[]string{"summary"}, false, "built-in", ""},
	} {
		var out bytes.Buffer
		errOut := &syncBuffer{}
		// a slow clock: the load takes long enough for the first frame
		streams := &IO{Out: &out, Err: errOut, ErrTTY: tc.tty, Getenv: slow, Now: func() time.Time {
			time.Sleep(150 * time.Millisecond)
			return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}}
		if code := Main(tc.args, streams); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut.String())
		}
		got := errOut.String()
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%v (tty %v): stderr lacks %q: %q", tc.args, tc.tty, tc.want, got)
		}
		if tc.notWant != "" && strings.Contains(got, tc.notWant) {
			t.Errorf("%v (tty %v): stderr has %q: %q", tc.args, tc.tty, tc.notWant, got)
		}
	}
}
