package gendocs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGeneratedDocsCurrent regenerates the reference and the man pages in a
// temporary directory and compares them, file by file, with the committed
// ones: a command or flag added, removed or reworded without `make docs`
// fails here.
func TestGeneratedDocsCurrent(t *testing.T) {
	tmp := t.TempDir()
	ref, man := filepath.Join(tmp, "reference"), filepath.Join(tmp, "man")
	if err := Generate(ref, man); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct{ fresh, committed, glob string }{
		{ref, filepath.Join("..", "..", ReferenceDir), "*.md"},
		{man, filepath.Join("..", "..", ManDir), "*.1"},
	} {
		want := names(t, d.fresh, d.glob)
		got := names(t, d.committed, d.glob)
		for _, n := range want {
			if !slices.Contains(got, n) {
				t.Errorf("%s is missing; run make docs", filepath.Join(d.committed, n))
				continue
			}
			a, _ := os.ReadFile(filepath.Join(d.fresh, n))
			b, _ := os.ReadFile(filepath.Join(d.committed, n))
			if string(a) != string(b) {
				t.Errorf("%s is stale; run make docs", filepath.Join(d.committed, n))
			}
		}
		for _, n := range got {
			if !slices.Contains(want, n) {
				t.Errorf("%s documents no command; run make docs", filepath.Join(d.committed, n))
			}
		}
	}
}

// Two generations are the same bytes: nothing in the pages depends on the
// date, the machine or the environment.
func TestGenerateDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Generate(filepath.Join(d, "ref"), filepath.Join(d, "man")); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{"ref", "man"} {
		for _, n := range names(t, filepath.Join(a, sub), "*") {
			x, _ := os.ReadFile(filepath.Join(a, sub, n))
			y, _ := os.ReadFile(filepath.Join(b, sub, n))
			if string(x) != string(y) {
				t.Errorf("%s/%s differs between two runs", sub, n)
			}
		}
	}
}

func names(t *testing.T, dir, glob string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, glob))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		out = append(out, filepath.Base(f))
	}
	return out
}
