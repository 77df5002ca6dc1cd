//go:build unix

package stream

import (
	"os"
	"syscall"
)

// openFile opens a file to read, without os.Open's registration with the
// runtime's poller: for a regular file that is a fcntl pair to make it
// non-blocking, an epoll_ctl that fails and a fcntl pair to make it
// blocking again, 7 system calls where 2 do (open and os.NewFile's one
// fcntl). A directory of 10,000 small files opens each twice
// (mayHoldProjects, then the stream).
func openFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
