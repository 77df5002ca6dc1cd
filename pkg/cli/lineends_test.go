package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/builtin"
)

// The built-in dataset written with LF, CRLF and CR-only line ends (Excel's
// «CSV (Macintosh)») gives byte-identical JSON from every command that
// reads it, from files and from stdin, and the same problems at the same
// lines from validate.
func TestLineEndsReadAlike(t *testing.T) {
	ends := map[string]string{"lf": "\n", "crlf": "\r\n", "cr": "\r"}
	root := t.TempDir()
	for name, end := range ends {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for file, data := range map[string][]byte{"facilities.csv": builtin.Facilities, "projects.csv": builtin.Projects, "more.yaml": yamlOnly()} {
			text := strings.ReplaceAll(string(data), "\n", end)
			if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func(stdin []byte, args ...string) string {
		t.Helper()
		streams, out, errb := testIO()
		streams.In = bytes.NewReader(stdin)
		code := Main(args, streams)
		return strings.Join([]string{string(rune('0' + code)), out.String(), errb.String()}, "\n--\n")
	}
	for _, args := range [][]string{
		{"list", "-o", "json"}, {"summary", "-o", "json"}, {"investment", "--by", "sector", "-o", "json"}, {"validate", "-o", "json"},
		{"summary", "-o", "json", "facilities.csv"}, {"jobs", "--by", "district", "-o", "json", "facilities.csv"}, // streamed
	} {
		var want string
		for _, name := range []string{"lf", "crlf", "cr"} {
			path, argv := filepath.Join(root, name), args
			if last := args[len(args)-1]; strings.HasSuffix(last, ".csv") {
				path, argv = filepath.Join(path, last), args[:len(args)-1]
			}
			got := run(nil, append(append([]string{}, argv...), path)...)
			got = strings.ReplaceAll(got, filepath.Join(root, name), "DIR")
			if want == "" {
				want = got
				if strings.Count(got, "\"id\"") < 2 && args[0] == "list" {
					t.Fatalf("%v: too few records read:\n%s", args, got)
				}
				continue
			}
			if got != want {
				t.Errorf("%v: %s differs from lf\n--- %s\n%s\n--- lf\n%s", args, name, name, got, want)
			}
		}
	}
	// stdin, sniffed
	var want string
	for _, name := range []string{"lf", "crlf", "cr"} {
		text := strings.ReplaceAll(string(builtin.Facilities), "\n", ends[name])
		got := run([]byte(text), "list", "-o", "json", "-")
		if want == "" {
			want = got
			continue
		}
		if got != want {
			t.Errorf("stdin: %s differs from lf\n--- %s\n%s\n--- lf\n%s", name, name, got, want)
		}
	}
}

// yamlOnly is a small YAML dataset whose ids differ from the built-in CSV's.
func yamlOnly() []byte {
	return []byte(`# a hand-kept file
dataset:
  as_of: 2025-12-01
  source: test
facilities:
  - id: y-one
    name: Y One
    kind: site
    district: Sauran district
    area_ha: 3.5
    status: operating
`)
}
