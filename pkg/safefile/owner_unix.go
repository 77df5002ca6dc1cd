//go:build unix

package safefile

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the new file the owner and group of the file it
// replaces, best effort: only root may give a file to another user (so
// `sudo parks report --out` keeps a user's report theirs); anyone may give
// it a group they belong to. A refusal leaves the new file the writer's.
func keepOwner(f *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid() {
		return
	}
	if f.Chown(int(st.Uid), int(st.Gid)) != nil {
		_ = f.Chown(-1, int(st.Gid)) // not root: the group alone, if it is ours
	}
}
