package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvRows is a facilities CSV of n rows; bad, when > 0, puts a bare quote
// in the name of that row.
func csvRows(n, bad int) string {
	var b strings.Builder
	b.WriteString("id,name,kind,district,area_ha\n")
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Site %d", i)
		if i == bad {
			name = `Site "Alpha`
		}
		fmt.Fprintf(&b, "f%d,%s,site,Arys city,%d\n", i, name, i)
	}
	return b.String()
}

// --skip-invalid says how many rows it left out, rows lost to a problem of
// their file, sheet or header included: rows in = rows used + rows left
// out, always. A column whose header cell has an error is not read and its
// rows are used without it: said too, never silent.
func TestSkipInvalidCountsEveryRow(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		args  []string
		want  []string // lines of stderr
	}{
		{"bare quote at row 10 of 100", map[string]string{"a.csv": csvRows(100, 10)}, nil, []string{
			"parks: 91 of 100 rows left out because of errors (--skip-invalid); 9 rows used",
			"parks: 91 of the rows left out were not read at all: their file, sheet or header has an error (above)",
		}},
		{"a good file and a broken one", map[string]string{"a.csv": csvRows(5, 0), "b.csv": strings.ReplaceAll(csvRows(20, 3), "f", "g")}, nil, []string{
			"parks: 18 of 25 rows left out because of errors (--skip-invalid); 7 rows used",
		}},
		{"a header without a required column", map[string]string{"a.csv": csvRows(5, 0), "b.csv": strings.ReplaceAll(strings.ReplaceAll(csvRows(7, 0), "f", "g"), ",name,", ",nmae,")}, nil, []string{
			"parks: 7 of 12 rows left out because of errors (--skip-invalid); 5 rows used",
			"parks: 7 of the rows left out were not read at all: their file, sheet or header has an error (above)",
		}},
		{"a column whose header has an error", map[string]string{"a.csv": strings.Replace(csvRows(5, 0), ",kind,", ",Площадь м²,", 1)}, nil, []string{
			"parks: 0 of 5 rows left out because of errors (--skip-invalid); 5 rows used",
			"parks: columns not read because their header cell has an error (above): 1; their rows are used without them",
		}},
		{"not the encoding named", map[string]string{"a.csv": strings.ReplaceAll(csvRows(6, 0), "Site", "\xc0\xf0\xfb\xf1")}, []string{"--encoding", "utf-8"}, []string{
			"parks: 6 of 6 rows left out because of errors (--skip-invalid); 0 rows used",
		}},
		{"a YAML syntax error", map[string]string{"a.csv": csvRows(4, 0), "b.yaml": "facilities:\n  - id: y\n   name: [\n"}, nil, []string{
			"parks: 0 of 4 rows left out because of errors (--skip-invalid); 4 rows used",
			"parks: files that could not be read at all: 1; their rows are in no count",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, cmd := range []string{"summary", "list"} { // streamed and held
				streams, _, errb := testIO()
				args := append(append([]string{cmd, "--skip-invalid", dir}, tc.args...), "-o", "json")
				if code := Main(args, streams); code != ExitOK {
					t.Fatalf("%v: exit %d\n%s", args, code, errb)
				}
				for _, w := range tc.want {
					if !strings.Contains(errb.String(), w+"\n") {
						t.Errorf("%s: stderr lacks %q:\n%s", cmd, w, errb)
					}
				}
			}
		})
	}
}
