//go:build unix

package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// parksgen writes its files as parks writes its outputs (pkg/safefile): a
// file written again keeps its mode, a FIFO at the path is refused and
// left as it was (os.Create opened it and would have blocked or written
// into it).
func TestCommandWritesSafely(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := Command([]string{"-n", "3", "-o", dir}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	path := filepath.Join(dir, "facilities.csv")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if code := Command([]string{"-n", "5", "-o", dir}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after writing again, want -rw-------", st.Mode())
	}
	if b, _ := os.ReadFile(path); bytes.Count(b, []byte("\n")) < 6 {
		t.Errorf("%d lines, want the header and at least 5 rows", bytes.Count(b, []byte("\n")))
	}

	fifo := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(fifo, "facilities.csv"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	stderr.Reset()
	if code := Command([]string{"-n", "3", "-o", fifo}, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a regular file") {
		t.Errorf("over a FIFO: exit %d, %q", code, stderr.String())
	}
	if st, err := os.Lstat(filepath.Join(fifo, "facilities.csv")); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO is gone: %v %v", st, err)
	}
}
