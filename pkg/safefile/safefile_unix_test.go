//go:build unix

package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemps fails when a temporary file is left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	tracked.Lock()
	defer tracked.Unlock()
	if len(tracked.paths) != 0 {
		t.Errorf("still tracked: %v", tracked.paths)
	}
}

func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	// as root a broken check would replace the system's /dev/null: a node
	// of its own then (an unprivileged test cannot replace /dev/null)
	null := os.DevNull
	if os.Geteuid() == 0 {
		null = filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]string{
		fifo: "it is a named pipe (FIFO), not a regular file",
		sub:  "it is a directory, not a regular file",
		null: "it is a device, not a regular file",
	} {
		err := Write(path, text("report"))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", path, err, want)
		}
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	if st, err := os.Stat(null); err != nil || st.Mode()&fs.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v", null, err)
	}
	noTemps(t, dir)
}

func TestSymlinkIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.html")
	os.WriteFile(target, []byte("old"), 0o640)
	os.Chmod(target, 0o640)
	link := filepath.Join(dir, "report.html")
	if err := os.Symlink("real.html", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, text("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if got := read(t, target); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o640 {
		t.Errorf("target's mode %v, want 0640", st.Mode().Perm())
	}
	dangling := filepath.Join(dir, "nowhere.html")
	os.Symlink(filepath.Join(dir, "missing", "x.html"), dangling)
	if err := Write(dangling, text("x")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("dangling link: %v", err)
	}
	noTemps(t, dir)
}

func TestModes(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.md")
	os.WriteFile(secret, []byte("old"), 0o600)
	os.Chmod(secret, 0o600)
	wide := filepath.Join(dir, "wide.md")
	os.WriteFile(wide, []byte("old"), 0o666)
	os.Chmod(wide, 0o664)
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "new.md")
	for _, p := range []string{secret, wide, fresh} {
		if err := Write(p, text("new")); err != nil {
			t.Fatal(err)
		}
	}
	for p, want := range map[string]fs.FileMode{secret: 0o600, wide: 0o664, fresh: 0o640} {
		if st, _ := os.Stat(p); st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), st.Mode().Perm(), want)
		}
	}
	noTemps(t, dir)
}

// A failed write leaves the old file and no temporary file; a set is
// replaced only when every file of it was written.
func TestAtomic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "a-chart.svg")
	os.WriteFile(a, []byte("old a"), 0o644)
	os.WriteFile(b, []byte("old b"), 0o644)
	boom := errors.New("boom")
	if err := Write(a, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	var s Set
	if err := s.Add(b, text("new b")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(a, func(io.Writer) error { return boom }); err == nil {
		t.Fatal("no error")
	}
	s.Abort()
	if read(t, a) != "old a" || read(t, b) != "old b" {
		t.Errorf("a failed set changed files: %q %q", read(t, a), read(t, b))
	}
	noTemps(t, dir)
	s = Set{}
	s.Add(b, text("new b"))
	s.Add(a, text("new a"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, a) != "new a" || read(t, b) != "new b" {
		t.Errorf("set: %q %q", read(t, a), read(t, b))
	}
	noTemps(t, dir)
}

// Writing into a directory that cannot be written is an error that names
// the path.
func TestUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := Write(filepath.Join(dir, "r.html"), text("x")); err == nil || !strings.Contains(err.Error(), "r.html") {
		t.Errorf("error %v", err)
	}
}

func TestRemoveTracked(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".x.tmp")
	os.WriteFile(p, nil, 0o644)
	d := filepath.Join(dir, "parks-xlsx-1")
	os.MkdirAll(filepath.Join(d, "sub"), 0o755)
	Track(p)
	Track(d)
	RemoveTracked()
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s not removed", p)
	}
	if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s not removed", d)
	}
}

// Replacing a file keeps its mode, and — as root — its owner and group:
// `sudo parks report --out ~user/report.html` leaves the report the user's.
func TestWriteKeepsOwnerAndMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil { // nobody:nogroup
		t.Fatal(err)
	}
	if err := Write(path, text("new")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	if sys.Uid != 65534 || sys.Gid != 65534 || st.Mode().Perm() != 0o640 || read(t, path) != "new" {
		t.Errorf("owner %d:%d, mode %v, text %q; want 65534:65534, -rw-r-----, new", sys.Uid, sys.Gid, st.Mode(), read(t, path))
	}
}
