package decode

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
)

// decodeHostile runs a decoder on generated input through the cross-record
// checks, returning what was found and how many bytes were allocated.
func decodeHostile(t *testing.T, file string, data []byte) (*Loaded, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l := checkDecoded(t, file, data, func(env *Env, s Sink) {
		if strings.HasSuffix(file, ".yaml") {
			DecodeYAML(file, data, env, s)
		} else {
			DecodeCSV(file, data, CSVOptions{}, env, s)
		}
	})
	runtime.ReadMemStats(&after)
	return l, after.TotalAlloc - before.TotalAlloc
}

// wantOnly checks that the problems are exactly the given rules, in order.
func wantOnly(t *testing.T, l *Loaded, rules ...string) {
	t.Helper()
	var got []string
	for _, p := range l.Problems.Problems {
		got = append(got, p.Rule)
	}
	if strings.Join(got, " ") != strings.Join(rules, " ") {
		t.Errorf("problems %v; want rules %v", l.Problems.Problems, rules)
	}
}

const mb = 1 << 20

// Each hostile input gets a clear problem, with memory bounded by a small
// multiple of the input (time is measured in BenchmarkHostile, not here).
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("generates large inputs")
	}
	header := "id,name,kind,district,as_of,source,notes\n"
	t.Run("50 MB cell", func(t *testing.T) {
		data := []byte(header + "s1,Alpha,site,Sauran,2025-10-01,akimat,\"" + strings.Repeat("x", 50*mb) + "\"\n")
		l, alloc := decodeHostile(t, "big.csv", data)
		wantOnly(t, l, "limit-error")
		if p := l.Problems.Problems[0]; p.Pos.Line != 2 || p.Pos.Col != 40 {
			t.Errorf("at %v; want big.csv:2:40", p.Pos)
		}
		// encoding/csv grows its buffers by doubling: a linear bound
		if alloc > 10*uint64(len(data)) {
			t.Errorf("allocated %d MB for a %d MB file", alloc/mb, len(data)/mb)
		}
	})
	t.Run("50 MB district", func(t *testing.T) {
		// no "did you mean" over 50 MB: edit distance would take hours
		data := []byte(header + "s1,Alpha,site," + strings.Repeat("Сауран", 5*mb) + ",2025-10-01,akimat,\n")
		l, _ := decodeHostile(t, "district.csv", data)
		wantOnly(t, l, "limit-error")
	})
	t.Run("long unknown column", func(t *testing.T) {
		data := []byte("id,name,district," + strings.Repeat("jobs_plan", 100000) + "\ns1,A,Sauran,1\n")
		l, _ := decodeHostile(t, "col.csv", data)
		wantOnly(t, l, "extra-label", "missing-as-of", "missing-source")
		if msg := i18n.ProblemMessage(i18n.EN, l.Problems.Problems[0]); len(msg) > 300 || strings.Contains(msg, "did you mean") {
			t.Errorf("message of %d bytes: %.200s", len(msg), msg)
		}
	})
	t.Run("a million columns", func(t *testing.T) {
		var b bytes.Buffer
		for i := range 1000000 {
			fmt.Fprintf(&b, "c%d,", i)
		}
		b.WriteString("id\n")
		l, alloc := decodeHostile(t, "wide.csv", b.Bytes())
		wantOnly(t, l, "limit-error")
		if alloc > 10*uint64(b.Len()) {
			t.Errorf("allocated %d MB for a %d MB file", alloc/mb, b.Len()/mb)
		}
	})
	t.Run("a million cells in a row", func(t *testing.T) {
		data := []byte(header + "s1,Alpha,site,Sauran,2025-10-01,akimat,n" + strings.Repeat(",x", 1000000) + "\n")
		l, _ := decodeHostile(t, "long.csv", data)
		wantOnly(t, l, "extra-cell")
	})
	t.Run("a million blank lines", func(t *testing.T) {
		data := []byte(header + strings.Repeat("\n", 1000000) + "s1,Alpha,site,Sauran,2025-10-01,akimat,\n")
		l, _ := decodeHostile(t, "blank.csv", data)
		wantOnly(t, l, "blank-row")
		if msg := i18n.ProblemMessage(i18n.EN, l.Problems.Problems[0]); msg != "1,000,000 blank lines (2–1000001); they hold no record" {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("binary file named .csv", func(t *testing.T) {
		data := make([]byte, 4*mb)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		copy(data, "\x89PNG\r\n\x1a\n")
		l, _ := decodeHostile(t, "image.csv", data)
		if len(l.Problems.Problems) != 1 || l.Problems.Problems[0].Rule != "encoding-error" {
			t.Errorf("problems %v; want one encoding-error", l.Problems.Problems)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		l, _ := decodeHostile(t, "empty.csv", nil)
		wantOnly(t, l, "blank-header")
		l, _ = decodeHostile(t, "empty.yaml", nil)
		wantOnly(t, l, "format-error")
	})
	t.Run("header only", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"h.csv": header, "h.yaml": "facilities: []\nprojects:\n"})
		l, err := Load([]string{dir}, Options{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		wantOnly(t, l, "no-rows", "no-rows")
	})
	t.Run("YAML alias bomb", func(t *testing.T) {
		// nine levels of nine aliases: 387 420 489 records if expanded
		var b strings.Builder
		b.WriteString("a0: &a0 {id: s1, name: A, district: Sauran, as_of: 2025-10-01, source: x}\n")
		for i := 1; i <= 9; i++ {
			fmt.Fprintf(&b, "a%d: &a%d [", i, i)
			for j := range 9 {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "*a%d", i-1)
			}
			b.WriteString("]\n")
		}
		b.WriteString("facilities: *a9\n")
		l, alloc := decodeHostile(t, "bomb.yaml", []byte(b.String()))
		if l.RowsIn > 100 {
			t.Errorf("%d records read: aliases were expanded", l.RowsIn)
		}
		if alloc > 10*mb {
			t.Errorf("allocated %d MB for an alias bomb of %d bytes", alloc/mb, b.Len())
		}
		if !l.Problems.HasErrors() {
			t.Errorf("an alias bomb is not a dataset, yet no error: %v", l.Problems.Problems)
		}
	})
	t.Run("YAML with too many values", func(t *testing.T) {
		data := []byte("facilities:\n" + strings.Repeat("- 1\n", MaxYAMLNodes))
		l, alloc := decodeHostile(t, "many.yaml", data)
		wantOnly(t, l, "limit-error")
		if alloc > 4*uint64(len(data)) {
			t.Errorf("allocated %d MB for a %d MB file", alloc/mb, len(data)/mb)
		}
	})
	t.Run("deeply nested YAML", func(t *testing.T) {
		data := []byte("facilities: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n")
		l, _ := decodeHostile(t, "deep.yaml", data)
		wantOnly(t, l, "format-error")
	})
}

// BenchmarkHostile measures the time of the hostile inputs
// (go test -run=^$ -bench=Hostile ./pkg/decode).
func BenchmarkHostile(b *testing.B) {
	inputs := map[string][]byte{
		"cell50MB.csv":     []byte("id,name,district,notes\ns1,A,Sauran,\"" + strings.Repeat("x", 50*mb) + "\"\n"),
		"district50MB.csv": []byte("id,name,district\ns1,A," + strings.Repeat("Сауран", 5*mb) + "\n"),
		"columns1M.csv":    []byte(strings.Repeat("c,", 1000000) + "id\n"),
		"blank1M.csv":      []byte("id,name,district\n" + strings.Repeat("\n", 1000000) + "s1,A,Sauran\n"),
		"nodes1M.yaml":     []byte("facilities:\n" + strings.Repeat("- 1\n", MaxYAMLNodes)),
	}
	for name, data := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				checkDecoded(b, name, data, func(env *Env, s Sink) {
					if strings.HasSuffix(name, ".yaml") {
						DecodeYAML(name, data, env, s)
					} else {
						DecodeCSV(name, data, CSVOptions{}, env, s)
					}
				})
			}
		})
	}
}
