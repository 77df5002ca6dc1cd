//go:build unix

package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/gen"
)

// TestValidateDirectOutput: validate's output to a regular file is written
// there as the problems come (directOut; JSON's head put in front at the
// end, spool.place), and is the same
// bytes as through the spool and as the holding path's, after what the
// file held; a repeat pass or a fall back to the holding path, once
// megabytes are written, takes them back (never twice, never lost).
func TestValidateDirectOutput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]gen.Options{
		"warnings":      {N: 7000, Seed: 3, WarnEvery: 1},
		"repeated late": {N: 7000, Seed: 4, WarnEvery: 1, RepeatLate: true},
		"copied row":    {N: 7000, Seed: 5, WarnEvery: 1, CopyRow: 7},
		"errors":        {N: 7000, Seed: 6, WarnEvery: 1, Errors: 300},
		"falls back":    {N: 7000, Seed: 7, WarnEvery: 1},
	}
	for name, opts := range files {
		var b bytes.Buffer
		if err := gen.Write(&b, nil, opts); err != nil {
			t.Fatal(err)
		}
		if name == "falls back" {
			b.WriteString("F99999,\"an unclosed quote\n") // a CSV syntax error: the holding path
		}
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".csv")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range validateFormats {
			args := []string{"validate", "--max-errors", "0", "-o", format, path}
			streams, out, _ := testIO()
			code := Main(args, streams)
			want := out.String()
			if len(want) <= spoolMemory {
				t.Fatalf("%s: %d bytes of output: too few to leave the spool's memory", name, len(want))
			}
			held, heldOut, _ := testIO()
			held.Getenv = func(k string) string { return map[string]string{"PARKS_STREAM": "off"}[k] }
			if heldCode := Main(args, held); heldCode != code || heldOut.String() != want {
				t.Fatalf("%s, %s: the spooled output (exit %d) differs from the holding path's (exit %d)", name, format, code, heldCode)
			}

			f, err := os.Create(filepath.Join(dir, "out"))
			if err != nil {
				t.Fatal(err)
			}
			const before = "what the file held\n"
			f.WriteString(before)
			streams, _, errb := testIO()
			streams.Out = f
			if _, _, ok := directOut(f, errb); !ok {
				t.Fatal("a regular file is not written directly")
			}
			got := Main(args, streams)
			f.Close()
			data, err := os.ReadFile(f.Name())
			if err != nil {
				t.Fatal(err)
			}
			if got != code || string(data) != before+want {
				t.Errorf("%s, %s: written directly (exit %d, %d bytes) differs from the spool's output (exit %d, %d bytes)",
					name, format, got, len(data)-len(before), code, len(want))
			}
		}
	}
}

// TestDirectOutNot: output that cannot be taken back is spooled: a file
// opened to append, one standard error writes to too, one with bytes
// after the position, one named as data (.csv), a pipe; and a run that
// ends before finish takes its output back.
func TestDirectOutNot(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out")
	os.WriteFile(name, []byte("kept\n"), 0o644)
	appended, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer appended.Close()
	if _, _, ok := directOut(appended, nil); ok {
		t.Error("a file opened to append is written directly")
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, _, ok := directOut(f, nil); ok {
		t.Error("a file with bytes after the position is written directly")
	}
	f.Seek(0, 2)
	if _, _, ok := directOut(&outWriter{w: f}, f); ok {
		t.Error("the file standard error writes to is written directly")
	}
	data, err := os.Create(filepath.Join(dir, "out.CSV"))
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	if _, _, ok := directOut(data, nil); ok {
		t.Error("a file named as data the load may read is written directly")
	}
	r, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer pw.Close()
	if _, _, ok := directOut(pw, nil); ok {
		t.Error("a pipe is written directly")
	}

	out, start, ok := directOut(&outWriter{w: f}, nil)
	if !ok || start != 5 {
		t.Fatalf("directOut = %v, %d", ok, start)
	}
	w := newProblemWriter("text", "en", 0)
	w.spool.direct, w.spool.start = out, start
	for range 3 {
		w.spool.Write(bytes.Repeat([]byte("a problem\n"), spoolMemory/5))
	}
	if fi, _ := f.Stat(); fi.Size() <= spoolMemory {
		t.Fatalf("%d bytes written directly", fi.Size())
	}
	w.close() // without finish: an error ended the run
	if data, _ := os.ReadFile(name); string(data) != "kept\n" {
		t.Errorf("a run that did not finish left %d bytes", len(data))
	}
}

// TestSpoolPlace: a direct spool with a head (JSON) holds its first bytes,
// writes the rest to the output after room for the head as guessed, and
// puts the head in front at the end, moving what it wrote when the guess
// was short or long (holding more while the guess is not sure); the output is the same bytes whatever the guess, after
// what the file held, and its position is left at their end.
func TestSpoolPlace(t *testing.T) {
	var body bytes.Buffer
	for i := 0; body.Len() < 3*spoolMemory+12345; i++ {
		body.WriteString(strings.Repeat(strconv.Itoa(i), i%40) + "\n")
	}
	const before = "kept\n"
	for _, head := range []string{"", "{\n  \"problems\": [", strings.Repeat("h", 3000)} {
		for _, guess := range []int64{0, 1, int64(len(head)) - 1, int64(len(head)), int64(len(head)) + 7, 1 << 20} {
			f, err := os.Create(filepath.Join(t.TempDir(), "out"))
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(before)
			w, err := os.OpenFile(f.Name(), os.O_WRONLY, 0) // as '>' opens standard output
			if err != nil {
				t.Fatal(err)
			}
			w.Seek(0, io.SeekEnd)
			r, ok := readBack(w)
			if !ok {
				t.Fatal("a direct output cannot be read back")
			}
			asked := 0 // not sure of the guess the first two times
			s := spool{direct: w, start: int64(len(before)), head: func() (int64, bool) { asked++; return guess, asked > 2 }, reader: r}
			for b := body.Bytes(); len(b) > 0; {
				n := min(len(b), 1+len(b)%(spoolMemory/3))
				if _, err := s.Write(b[:n]); err != nil {
					t.Fatal(err)
				}
				b = b[n:]
			}
			if !s.placing() {
				t.Fatal("the spool did not write to its output")
			}
			if err := s.place([]byte(head)); err != nil {
				t.Fatal(err)
			}
			w.WriteString("end\n") // at the position left
			w.Close()
			r.Close()
			f.Close()
			got, _ := os.ReadFile(f.Name())
			if want := before + head + body.String() + "end\n"; string(got) != want {
				t.Errorf("head %d bytes, guess %d: %d bytes, not the %d written", len(head), guess, len(got), len(want))
			}
		}
	}
}
