package cli

import "io"

// outWriter is the command's standard output. It remembers the first
// error writing to it, so that a full disk or a file that cannot be written
// ends the command with exit 2 and a message, never with exit 0 and a
// truncated output (`parks summary > /dev/full`); a closed pipe ends it
// with exit 2 and no message (see brokenPipe).
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// ReadFrom copies r to the output the way the output copies best (a
// file to a file in the kernel: validate's spool), remembering an error as
// Write does.
func (o *outWriter) ReadFrom(r io.Reader) (int64, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := io.Copy(o.w, r)
	o.err = err
	return n, err
}

// bytesTo is a safefile writer of fixed bytes.
func bytesTo(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}
