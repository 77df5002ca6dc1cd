//go:build unix

package cli

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/safefile"
)

// The child of TestSignalRemovesTempFiles: it makes a temporary file and
// directory as a report being written and excelize unpacking would,
// registers them, says so, and waits to be signalled.
func TestSignalChild(t *testing.T) {
	dir := os.Getenv("PARKS_SIGNAL_CHILD")
	if dir == "" {
		t.Skip("run by TestSignalRemovesTempFiles")
	}
	defer cleanupOnSignal()()
	tmp := filepath.Join(dir, ".report.html.x1.tmp")
	os.WriteFile(tmp, []byte("half a report"), 0o644)
	safefile.Track(tmp)
	unpacked := filepath.Join(dir, "parks-xlsx-1")
	os.MkdirAll(unpacked, 0o755)
	os.WriteFile(filepath.Join(unpacked, "excelize-123"), []byte("<worksheet>"), 0o644)
	safefile.Track(unpacked)
	os.Stdout.WriteString("ready\n")
	time.Sleep(30 * time.Second)
	t.Fatal("not signalled")
}

// SIGINT and SIGTERM remove the temporary files the process registered,
// and it exits 130 or 143.
func TestSignalRemovesTempFiles(t *testing.T) {
	for sig, code := range map[syscall.Signal]int{syscall.SIGINT: ExitInterrupted, syscall.SIGTERM: ExitTerminated} {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignalChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PARKS_SIGNAL_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "ready\n" {
			cmd.Process.Kill()
			t.Fatalf("child said %q", line)
		}
		cmd.Process.Signal(sig)
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != code {
			t.Errorf("%v: %v, want exit %d", sig, err, code)
		}
		for _, p := range []string{".report.html.x1.tmp", "parks-xlsx-1"} {
			if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%v: %s left behind", sig, p)
			}
		}
	}
}
