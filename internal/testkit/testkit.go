// Package testkit holds the few helpers that tests of several packages
// share, so that each is written once. Only tests import it.
package testkit

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/rogpeppe/go-internal/txtar"
)

// ScriptSeeds adds to a fuzz target the real data files of the end-to-end
// tests (every file in testdata/script/*.txtar whose name ends with one of
// exts), so the fuzzers start from the cases people actually write, broken
// ones included.
func ScriptSeeds(f *testing.F, exts ...string) {
	f.Helper()
	_, here, _, _ := runtime.Caller(0)
	scripts, err := filepath.Glob(filepath.Join(filepath.Dir(here), "..", "..", "testdata", "script", "*.txtar"))
	if err != nil || len(scripts) == 0 {
		f.Fatalf("no testscripts for seeds: %v", err)
	}
	n := 0
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			for _, ext := range exts {
				if strings.HasSuffix(file.Name, ext) {
					f.Add(file.Data)
					n++
				}
			}
		}
	}
	if n < 5 {
		f.Fatalf("only %d seeds for %v", n, exts)
	}
}

// CheckCatalogue fails t unless message problem.<id> exists in every
// language, fills all its placeholders from args and uses every argument.
func CheckCatalogue(t testing.TB, id string, args []any) {
	t.Helper()
	if id == "" {
		t.Errorf("message without id (args %v)", args)
		return
	}
	for _, l := range i18n.Langs {
		if !i18n.Has("problem."+id, l) {
			t.Errorf("%s: no %s text in pkg/i18n/messages.yaml", id, l)
			continue
		}
		full := i18n.T(l, "problem."+id, args...)
		if strings.Contains(full, "{") {
			t.Errorf("%s (%s): a placeholder is not filled: %q", id, l, full)
		}
		for n := range args {
			marked := append([]any(nil), args...)
			marked[n] = "\x00unused\x00"
			if i18n.T(l, "problem."+id, marked...) == full {
				t.Errorf("%s (%s): argument {%d} (%v) is not used", id, l, n, args[n])
			}
		}
	}
}

// Facilities is a generated facilities CSV of n rows (seed 1), errors of
// them with a problem of their own: the input of the decoder and
// streaming benchmarks and fuzz targets.
func Facilities(tb testing.TB, n, errors int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := gen.Write(&b, nil, gen.Options{N: n, Seed: 1, Errors: errors}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
