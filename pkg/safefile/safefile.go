// Package safefile writes the files parks makes (reports, charts, the
// files of parks init) so that writing never damages what a path names:
//
//   - only a regular file is replaced: a directory, FIFO, device or socket
//     at the path is refused (as root, `--out /dev/null` once replaced the
//     system's /dev/null with a report);
//   - a symbolic link is written through: its target is replaced and the
//     link kept (a link that points nowhere is refused);
//   - an existing file keeps its permission bits, and its owner and group
//     where the system allows it (root may keep any owner: `sudo parks
//     report --out` leaves a user's report theirs; another user keeps the
//     group when they belong to it, else the file becomes theirs); a new
//     file gets 0666 less the umask, as any file a program creates;
//   - the file is replaced atomically: the text goes to a temporary file in
//     the same directory, is synced and closed, each step's error checked,
//     then renamed over the path; a failure leaves the old file as it was;
//   - a Set of files (a Markdown report and its SVG charts) is written to
//     temporary files first, and renamed only when every one is written.
//
// Temporary files are registered (Track) while they exist, so that a
// signal handler can remove them (RemoveTracked) before the process ends.
package safefile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/parks-kz/parks/pkg/diag"
	_ "github.com/parks-kz/parks/pkg/i18n" // words its errors (diag.TextError) in English for every program using it
)

// Write replaces the file at path with what write writes, as the package
// describes.
func Write(path string, write func(io.Writer) error) error {
	var s Set
	defer s.Abort()
	if err := s.Add(path, write); err != nil {
		return err
	}
	return s.Commit()
}

// Set is files written together: Add writes each to its temporary file,
// Commit renames them all over their paths, Abort (deferred) removes what
// was not committed.
type Set struct {
	files []pending
}

type pending struct {
	path, target, tmp string
	untrack           func()
}

// Add writes one file of the set to a temporary file beside its target.
func (s *Set) Add(path string, write func(io.Writer) error) (err error) {
	target, perm, exists, err := Target(path)
	if err != nil {
		return err
	}
	f, err := create(target, perm)
	if err != nil {
		return cannotWrite(path, err)
	}
	p := pending{path: path, target: target, tmp: f.Name(), untrack: Track(f.Name())}
	defer func() {
		if err != nil {
			f.Close()
			p.remove()
		}
	}()
	if err = write(f); err != nil {
		return cannotWrite(path, err)
	}
	// an existing file keeps its owner (best effort) and its bits, which
	// the umask may have cut (after chown, which may clear some)
	if exists {
		if st, err := os.Stat(target); err == nil {
			keepOwner(f, st)
		}
		if err = f.Chmod(perm); err != nil {
			return cannotWrite(path, err)
		}
	}
	if err = f.Sync(); err != nil {
		return cannotWrite(path, err)
	}
	if err = f.Close(); err != nil {
		return cannotWrite(path, err)
	}
	s.files = append(s.files, p)
	return nil
}

// Commit renames every written file over its target.
func (s *Set) Commit() error {
	files := s.files
	s.files = nil
	for i, p := range files {
		if err := os.Rename(p.tmp, p.target); err != nil {
			for _, q := range files[i:] {
				q.remove()
			}
			return cannotWrite(p.path, err)
		}
		p.untrack()
	}
	return nil
}

// Abort removes the temporary files of a set not committed.
func (s *Set) Abort() {
	for _, p := range s.files {
		p.remove()
	}
	s.files = nil
}

func (p pending) remove() {
	os.Remove(p.tmp)
	p.untrack()
}

// Target is the file writing path replaces (path itself, or the file a
// symbolic link at path points to), the permission bits it gets, and
// whether it exists. It fails for a path that is neither a regular file
// nor absent, and for a symbolic link that points nowhere.
func Target(path string) (target string, perm fs.FileMode, exists bool, err error) {
	target = path
	st, err := os.Lstat(path)
	if err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return "", 0, false, diag.Errorf(err, "fileerr.dangling_link", path, unwrap(err))
		}
		st, err = os.Stat(target)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, 0o666, false, nil // less the umask, applied by the system on create
	case err != nil:
		return "", 0, false, cannotWrite(path, err)
	case st.Mode().IsRegular():
		return target, st.Mode().Perm(), true, nil
	}
	return "", 0, false, diag.Errorf(nil, "fileerr.not_regular", path, kind(st.Mode()))
}

func kind(m fs.FileMode) diag.Text {
	switch {
	case m.IsDir():
		return diag.Text{ID: "filekind.directory"}
	case m&fs.ModeNamedPipe != 0:
		return diag.Text{ID: "filekind.fifo"}
	case m&fs.ModeSocket != 0:
		return diag.Text{ID: "filekind.socket"}
	case m&fs.ModeDevice != 0:
		return diag.Text{ID: "filekind.device"}
	}
	return diag.Text{ID: "filekind.other"}
}

// cannotWrite is the error of a file that could not be written, worded in
// the output language where it is printed (diag.TextError); the system's
// reason is its cause.
func cannotWrite(path string, err error) error {
	return diag.Errorf(err, "fileerr.cannot_write", path, unwrap(err))
}

// create makes a new temporary file beside target, with perm less the
// umask (never wider than the file it replaces).
func create(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, diag.Errorf(err, "fileerr.cannot_create_in", dir, unwrap(err))
		}
		return f, nil
	}
	return nil, diag.Errorf(nil, "fileerr.no_temp_in", dir)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

var tracked struct {
	sync.Mutex
	paths map[string]int
	// onTrack is called once, on the first Track after WhenTracked
	onTrack func()
}

// WhenTracked calls f when a file is first tracked (at once if one is):
// a run that makes no temporary file, the most, sets no signal handler up
// (cli's cleanupOnSignal). The function it returns cancels a call not made.
func WhenTracked(f func()) (cancel func()) {
	tracked.Lock()
	defer tracked.Unlock()
	if len(tracked.paths) > 0 {
		f()
		return func() {}
	}
	tracked.onTrack = f
	return func() {
		tracked.Lock()
		defer tracked.Unlock()
		tracked.onTrack = nil
	}
}

// Track registers a temporary file or directory the process made, for
// RemoveTracked; the function it returns unregisters it (once it is
// removed or renamed into place).
func Track(path string) (untrack func()) {
	tracked.Lock()
	defer tracked.Unlock()
	if tracked.paths == nil {
		tracked.paths = map[string]int{}
	}
	tracked.paths[path]++
	if f := tracked.onTrack; f != nil {
		tracked.onTrack = nil
		f()
	}
	return sync.OnceFunc(func() {
		tracked.Lock()
		defer tracked.Unlock()
		if tracked.paths[path]--; tracked.paths[path] <= 0 {
			delete(tracked.paths, path)
		}
	})
}

// RemoveTracked removes every registered temporary file and directory: a
// signal handler calls it before the process exits.
func RemoveTracked() {
	tracked.Lock()
	defer tracked.Unlock()
	for path := range tracked.paths {
		os.RemoveAll(path)
	}
	tracked.paths = nil
}
