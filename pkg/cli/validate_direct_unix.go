//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"golang.org/x/sys/unix"
)

// directOut returns the file validate may write its text and GitHub
// output to as it goes, in place of a spool (see spool.direct), and where
// that output starts: standard output when it is a regular file at its
// end, opened without O_APPEND and not shared with standard error. Only
// there can a reset take back what was written (truncate to start) without
// touching anything else: an appended file or one standard error writes
// to as well may hold other lines after ours; a pipe or terminal cannot
// take anything back. Nor a file whose name says it is data
// (decode.Extensions: `parks validate data/ > data/out.csv`): the load
// might read it while it grows, where a spooled run leaves it empty until
// the end. Its name is asked of /proc (Linux): elsewhere, the spool.
func directOut(out, errOut io.Writer) (f *os.File, start int64, ok bool) {
	if o, isOut := out.(*outWriter); isOut {
		out = o.w
	}
	f, ok = out.(*os.File)
	if !ok {
		return nil, 0, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, 0, false
	}
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(f.Fd())))
	if err != nil || slices.Contains(decode.Extensions, strings.ToLower(filepath.Ext(name))) {
		return nil, 0, false
	}
	if fl, err := unix.FcntlInt(f.Fd(), unix.F_GETFL, 0); err != nil || fl&unix.O_APPEND != 0 {
		return nil, 0, false
	}
	if e, isFile := errOut.(*os.File); isFile {
		if efi, err := e.Stat(); err != nil || os.SameFile(fi, efi) {
			return nil, 0, false
		}
	}
	start, err = f.Seek(0, io.SeekCurrent)
	if err != nil || start != fi.Size() {
		return nil, 0, false // bytes after ours would be cut by a reset
	}
	return f, start, true
}

// readBack opens the file of a direct output again, to read (JSON's
// problems move when its head is longer or shorter than guessed:
// spool.place); standard output redirected with '>' is opened to write
// only. Through /proc (Linux); false elsewhere or when the file cannot be
// read.
func readBack(f *os.File) (*os.File, bool) {
	r, err := os.Open("/proc/self/fd/" + strconv.Itoa(int(f.Fd())))
	if err != nil {
		return nil, false
	}
	fi, err1 := f.Stat()
	ri, err2 := r.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(fi, ri) {
		r.Close()
		return nil, false
	}
	return r, true
}
