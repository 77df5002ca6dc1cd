package stream

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
)

// A generated file (errors of many kinds, quoted cells with line breaks)
// with LF, CRLF and CR-only line ends gives the same problems, counts and
// aggregate, whether the load holds the records or may stream them, small
// (read whole) or larger than the first block the streaming path reads.
func TestLineEndsLoadAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of LF, CRLF and CR files on both loaders: run without -short")
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{300, 12000} {
		var buf bytes.Buffer
		if err := gen.Write(&buf, nil, gen.Options{N: n, Seed: 3, Errors: 40, NoDuplicateIDs: true}); err != nil {
			t.Fatal(err)
		}
		lf := buf.Bytes()
		if n > 1000 && len(lf) <= firstBlock {
			t.Fatalf("%d rows are only %d bytes", n, len(lf))
		}
		type result struct {
			problems           []string
			in, used, reported int
			total              parks.Totals
			sources            []string
		}
		load := func(name string, data []byte, fold bool) result {
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			opts := decode.Options{Today: today}
			if fold {
				opts.Stream = &Fold{By: parks.ByDistrict}
			}
			l, err := decode.Load([]string{path}, opts)
			if err != nil {
				t.Fatal(err)
			}
			var r result
			for _, p := range l.Problems.Problems {
				p.Pos.File = "F"
				r.problems = append(r.problems, i18n.Problem(i18n.EN, p))
			}
			r.in, r.used, r.reported = l.RowsIn, l.RowsUsed, l.RowsReported
			if l.Result != nil {
				r.total = l.Result.Total
			} else {
				res, err := parks.Aggregate(l.Dataset, parks.ByDistrict, parks.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				r.total = res.Total
			}
			// the provenance's cache of the last source depends on the order
			// records were folded in; its sources are what is shown
			r.sources = r.total.Prov.Sources()
			r.total.Prov = parks.Provenance{From: r.total.Prov.From, To: r.total.Prov.To}
			return r
		}
		for _, fold := range []bool{false, true} {
			want := load("lf.csv", lf, fold)
			if want.in < n || len(want.problems) == 0 {
				t.Fatalf("%d rows: read %d rows, %d problems", n, want.in, len(want.problems))
			}
			for _, end := range []string{"\r\n", "\r"} {
				got := load("x.csv", bytes.ReplaceAll(lf, []byte("\n"), []byte(end)), fold)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%d rows, fold %v, line end %q: %d rows in, %d used, %d problems; LF: %d, %d, %d\nfirst: %v\nLF first: %v",
						n, fold, end, got.in, got.used, len(got.problems), want.in, want.used, len(want.problems), first(got.problems), first(want.problems))
				}
			}
		}
	}
}

func first(ss []string) []string { return ss[:min(3, len(ss))] }
