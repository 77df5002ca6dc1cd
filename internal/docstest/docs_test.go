package docstest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/parks-kz/parks/pkg/cli"
)

// root is the repository: an absolute path, since the examples run in
// other directories.
var root = func() string {
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return abs
}()

// defaultDir holds the files the examples read unless a block names
// another directory (```console dir=testdata/snapshots) or asks for an
// empty one (```console empty).
const defaultDir = "testdata/docs"

// TestDocExamples runs every ```console block of README.md and docs/**/*.md
// and compares each command's output with the lines under it.
// UPDATE_DOCS=1 rewrites those lines with what parks prints.
func TestDocExamples(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the examples show Unix paths (data/facilities.csv)")
	}
	files := docFiles(t)
	update := os.Getenv("UPDATE_DOCS") == "1"
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(root, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			blocks, err := parseBlocks(lines)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			changed := false
			for _, b := range blocks {
				for i, c := range runBlock(t, name, b) {
					cmd := b.cmds[i]
					if c == strings.Join(lines[cmd.from:cmd.to], "\n") {
						continue
					}
					if update {
						cmd.replacement, changed = &c, true
						b.cmds[i] = cmd
						continue
					}
					t.Errorf("%s:%d: $ %s\n--- the docs show:\n%s\n--- parks prints:\n%s\n(UPDATE_DOCS=1 go test ./internal/docstest rewrites the docs)",
						name, cmd.line+1, cmd.text, strings.Join(lines[cmd.from:cmd.to], "\n"), c)
				}
			}
			if !changed {
				return
			}
			// Rewrite from the end, so earlier line numbers stay valid.
			for bi := len(blocks) - 1; bi >= 0; bi-- {
				for ci := len(blocks[bi].cmds) - 1; ci >= 0; ci-- {
					cmd := blocks[bi].cmds[ci]
					if cmd.replacement == nil {
						continue
					}
					var repl []string
					if *cmd.replacement != "" {
						repl = strings.Split(*cmd.replacement, "\n")
					}
					lines = slices.Concat(lines[:cmd.from], repl, lines[cmd.to:])
				}
			}
			if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: examples rewritten", name)
		})
	}
}

// docFiles lists README.md, CHANGELOG.md and every Markdown file under docs/, relative
// to the repository.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md", "CHANGELOG.md"}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A block is one ```console fence.
type block struct {
	line int    // of the opening fence, 0-based
	dir  string // the directory its commands run in (a copy of it)
	cmds []command
}

// A command is a "$ " line and the output lines under it,
// lines[from:to] of the file.
type command struct {
	line, from, to int
	text           string
	replacement    *string
}

// A generated region is written as
//
//	<!-- $ parks schema --kind facility -o markdown -->
//	…the output, as Markdown the page renders…
//	<!-- end -->
//
// and is run like a console block of one command.
const (
	regionStart = "<!-- $ "
	regionTail  = " -->"
	regionEnd   = "<!-- end -->"
)

func parseBlocks(lines []string) ([]*block, error) {
	var blocks []*block
	var b *block
	var region *block
	for i, l := range lines {
		if b == nil && region == nil && strings.HasPrefix(l, regionStart) && strings.HasSuffix(l, regionTail) {
			text := strings.TrimSuffix(strings.TrimPrefix(l, regionStart), regionTail)
			region = &block{line: i, dir: defaultDir, cmds: []command{{line: i, from: i + 1, text: text}}}
			continue
		}
		if region != nil {
			if l == regionEnd {
				region.cmds[0].to = i
				blocks, region = append(blocks, region), nil
			}
			continue
		}
		switch {
		case b == nil && strings.HasPrefix(l, "```console"):
			b = &block{line: i, dir: defaultDir}
			for _, attr := range strings.Fields(strings.TrimPrefix(l, "```console")) {
				k, v, ok := strings.Cut(attr, "=")
				switch {
				case attr == "empty":
					b.dir = ""
				case ok && k == "dir" && v != "":
					b.dir = v
				default:
					return nil, fmt.Errorf("line %d: unknown attribute %q of a console block (dir=PATH or empty)", i+1, attr)
				}
			}
		case b == nil:
		case strings.HasPrefix(l, "```"):
			if len(b.cmds) > 0 {
				b.cmds[len(b.cmds)-1].to = i
			}
			blocks, b = append(blocks, b), nil
		case strings.HasPrefix(l, "$ "):
			if len(b.cmds) > 0 {
				b.cmds[len(b.cmds)-1].to = i
			}
			b.cmds = append(b.cmds, command{line: i, from: i + 1, text: strings.TrimPrefix(l, "$ ")})
		case len(b.cmds) == 0:
			return nil, fmt.Errorf("line %d: a console block starts with output, not with a \"$ \" command", i+1)
		}
	}
	if b != nil {
		return nil, fmt.Errorf("line %d: console block never closed", b.line+1)
	}
	if region != nil {
		return nil, fmt.Errorf("line %d: no %s after the generated region", region.line+1, regionEnd)
	}
	return blocks, nil
}

// runBlock runs a block's commands one after another in a fresh copy of its
// directory and returns what each printed (stdout and stderr together, in
// the order written), without the final newline.
func runBlock(t *testing.T, file string, b *block) []string {
	t.Helper()
	work := t.TempDir()
	if b.dir != "" {
		if err := copyDir(filepath.Join(root, b.dir), work); err != nil {
			t.Fatalf("%s:%d: %v", file, b.line+1, err)
		}
	}
	t.Chdir(work)
	var outs []string
	code := 0
	for _, c := range b.cmds {
		var out bytes.Buffer
		var err error
		code, err = runCommand(c.text, code, &out)
		if err != nil {
			t.Errorf("%s:%d: $ %s: %v", file, c.line+1, c.text, err)
		}
		outs = append(outs, strings.TrimSuffix(out.String(), "\n"))
	}
	return outs
}

// runCommand runs one example line: parks (in-process, through cli.Main),
// or one of the few commands the docs use to show files.
func runCommand(line string, lastCode int, out *bytes.Buffer) (int, error) {
	words, err := splitWords(line)
	if err != nil {
		return 0, err
	}
	env := map[string]string{}
	for len(words) > 0 && isAssignment(words[0]) {
		k, v, _ := strings.Cut(words[0], "=")
		env[k] = v
		words = words[1:]
	}
	var stdin []byte
	if i := slices.Index(words, "<"); i >= 0 {
		if i != len(words)-2 {
			return 0, errors.New("< FILE must end the line")
		}
		if stdin, err = os.ReadFile(words[i+1]); err != nil {
			return 0, err
		}
		words = words[:i]
	}
	if len(words) == 0 {
		return 0, errors.New("no command")
	}
	switch name, args := words[0], words[1:]; {
	case name == "parks":
		code := cli.Main(args, &cli.IO{
			In:     bytes.NewReader(stdin),
			Out:    out,
			Err:    out,
			Getenv: func(k string) string { return env[k] },
		})
		return code, nil
	case len(env) > 0 || stdin != nil:
		return 0, errors.New("VAR=value and < FILE only with parks")
	case name == "echo" && len(args) == 1 && args[0] == "$?":
		fmt.Fprintln(out, lastCode)
	case name == "cat" && len(args) == 1:
		data, err := os.ReadFile(args[0])
		if err != nil {
			return 0, err
		}
		out.Write(data)
	case name == "ls" && len(args) <= 1:
		dir := "."
		if len(args) == 1 {
			dir = args[0]
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return 0, err
		}
		for _, e := range entries {
			fmt.Fprintln(out, e.Name())
		}
	case name == "sed" && len(args) == 3 && args[0] == "-n" && strings.HasSuffix(args[1], "p"):
		from, to, ok := strings.Cut(strings.TrimSuffix(args[1], "p"), ",")
		a, err1 := strconv.Atoi(from)
		z, err2 := strconv.Atoi(to)
		if !ok || err1 != nil || err2 != nil || a < 1 || z < a {
			return 0, errors.New("sed: only -n A,Bp FILE")
		}
		f, err := os.Open(args[2])
		if err != nil {
			return 0, err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan() && n <= z; n++ {
			if n >= a {
				fmt.Fprintln(out, sc.Text())
			}
		}
	default:
		return 0, errors.New("not a command the docs test runs: use parks, echo $?, cat FILE, ls [DIR] or sed -n A,Bp FILE, or a ```sh block for commands shown without output")
	}
	return 0, nil
}

func isAssignment(w string) bool {
	k, _, ok := strings.Cut(w, "=")
	if !ok || k == "" {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// splitWords splits a command line as sh would for the examples: words
// separated by spaces, '…' and "…" quoting, \ escaping, # starting a
// comment. Pipes and other shell syntax are refused.
func splitWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
			continue
		case r == '#' && !inWord:
			return words, nil
		case r == '\'':
			j := slices.Index(rs[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unclosed '")
			}
			w.WriteString(string(rs[i+1 : i+1+j]))
			i += j + 1
		case r == '"':
			i++
			for ; i < len(rs) && rs[i] != '"'; i++ {
				if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`, rs[i+1]) {
					i++
				}
				w.WriteRune(rs[i])
			}
			if i == len(rs) {
				return nil, errors.New(`unclosed "`)
			}
		case r == '\\' && i+1 < len(rs):
			i++
			w.WriteRune(rs[i])
		case strings.ContainsRune("|;&>`()", r):
			return nil, fmt.Errorf("shell syntax %q is not run by the docs test; show the command in a ```sh block", r)
		default:
			w.WriteRune(r)
		}
		inWord = true
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// copyDir copies the files of src into dst. A file named NAME.cp1251 is
// written as NAME in Windows-1251, so that a fixture of a Russian-locale
// export stays readable in the repository.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(target, ".cp1251") {
			target = strings.TrimSuffix(target, ".cp1251")
			if data, err = charmap.Windows1251.NewEncoder().Bytes(data); err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// TestDocLinks checks that every relative link of README.md and docs/
// names a file or directory of the repository.
func TestDocLinks(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, name := range docFiles(t) {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range link.FindAllStringSubmatch(line, -1) {
				target, _, _ := strings.Cut(m[1], "#")
				if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				path := filepath.Join(root, filepath.Dir(name), filepath.FromSlash(target))
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s:%d: link to %s: no such file in the repository", name, i+1, m[1])
				}
			}
		}
	}
}

// TestDocPaths checks that every repository path the docs name in backticks
// (`pkg/parks/metrics.go`) exists, so that "where does X live" stays
// answered. A path with a placeholder in capitals (`pkg/cli/COMMAND.go`)
// or a wildcard is skipped.
func TestDocPaths(t *testing.T) {
	path := regexp.MustCompile("`((?:pkg|cmd|internal|testdata|scripts|docs)/[A-Za-z0-9_./-]*)`")
	placeholder := regexp.MustCompile(`(^|/)[A-Z]{3,}[./]`)
	for _, name := range docFiles(t) {
		if strings.HasPrefix(name, "docs/reference/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range path.FindAllStringSubmatch(line, -1) {
				p := strings.TrimSuffix(m[1], "/")
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err == nil || placeholder.MatchString(p+"/") {
					continue
				}
				t.Errorf("%s:%d: %s: no such file or directory in the repository", name, i+1, p)
			}
		}
	}
}
