package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
)

// refGHLine is a problem as a workflow command the way it was written
// before rendering appended: strings and strings.Replacer.
func refGHLine(p diag.Problem) string {
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	level := p.Severity.String()
	if p.Severity == diag.Info {
		level = "notice"
	}
	var b strings.Builder
	b.WriteString("::" + level + " file=" + prop.Replace(p.Pos.File))
	line, col := p.Pos.LineCol()
	if line > 0 {
		b.WriteString(",line=" + strconv.Itoa(line))
		if col > 0 {
			b.WriteString(",col=" + strconv.Itoa(col))
		}
	}
	b.WriteString(",title=" + prop.Replace(p.Rule) + "::" + data.Replace(i18n.ProblemMessage(i18n.EN, p)) + "\n")
	return b.String()
}

// hostileProblems are problems whose texts need escaping in every
// format, in several files, of every severity.
func hostileProblems(n int) []diag.Problem {
	texts := []string{"", "plain", "Түркістан “quoted”", `a "b" \c`, "<b>&amp;</b>", "line\nbreak\ttab\r\x01", "bad \xff utf-8",
		"sep \u2028 \u2029", "\u00e2\u0080", "50%, a:b", strings.Repeat("ж", 1200)}
	files := []string{"data/a,b:c.csv", "data/b%.csv", "д/ә.csv", "e\u2028.csv", "book.xlsx"}
	var ps []diag.Problem
	for i := range n {
		s := texts[i%len(texts)]
		p := diag.Problem{Pos: diag.Pos{File: files[i/7%len(files)], Line: i + 2, Col: i % 5 * 9}, Severity: diag.Severity(i%3 - 1),
			Rule: []string{"type-error", "unknown-sector", "ru,le:x"}[i%3], Field: s, Value: "v" + s, RowID: s}
		switch i % 4 {
		case 0: // problem.cell is "{0}: {1}": the arguments are the whole message
			p.ID, p.Args = "cell", []any{s, s}
		case 1:
			p.ID, p.Args = "sector.unknown", []any{diag.Quote(s)}
		case 2:
			p.ID, p.Args = "cell", []any{"jobs_planned", 1220}
		default:
			p.ID = "no.such.message"
		}
		if p.Pos.File == "book.xlsx" {
			p.Pos = diag.Pos{File: p.Pos.File, Cell: "Sheet1!C" + strconv.Itoa(i+2)}
		}
		ps = append(ps, p)
	}
	return ps
}

// TestProblemRenderBytes: a problem rendered in each format is what the
// holding path's writers wrote: the text line of i18n.Problem, the
// workflow command of strings and replacers, the JSON element of
// json.MarshalIndent; a problem after one with the same texts too.
func TestProblemRenderBytes(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, format := range validateFormats {
			r := problemRender{format: format, lang: lang}
			var ps []diag.Problem
			for i, p := range hostileProblems(60) {
				ps = append(ps, p)
				if i%2 == 0 { // the same texts again: the renderer's caches
					p.Pos.Line++
					ps = append(ps, p)
				}
				if i%3 == 0 { // the same message of another rule and severity
					p.Rule, p.Severity = "other-rule", p.Severity%2+1
					ps = append(ps, p)
				}
			}
			for _, p := range ps {
				var want string
				switch format {
				case "text":
					want = i18n.Problem(lang, p) + "\n"
				case "github":
					want = refGHLine(p)
				case "json":
					b, err := json.MarshalIndent(viewProblem(p), "    ", "  ")
					if err != nil {
						t.Fatal(err)
					}
					want = ",\n    " + string(b)
				}
				if got := string(r.append([]byte("x"), &p)); got != "x"+want {
					t.Fatalf("%s %s %v:\n%q\nwant\n%q", lang, format, p, got, "x"+want)
				}
			}
		}
	}
}

// TestAddRenderedMatchesAdd: problems handed to the writer rendered on
// other goroutines (AddRendered, in runs of any length, with Add's runs
// and a Reset between) print the same bytes, the same counts and the same
// job summary rows as Add, in every format and with --max-errors.
func TestAddRenderedMatchesAdd(t *testing.T) {
	ps := hostileProblems(200)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KK, i18n.RU} {
		for _, format := range validateFormats {
			for _, max := range []int{0, 1, 3, 50, 1000} {
				want := newProblemWriter(format, lang, max)
				for i := 0; i < len(ps); {
					n := min(1+rng.IntN(9), len(ps)-i)
					if err := want.Add(ps[i : i+n]); err != nil {
						t.Fatal(err)
					}
					i += n
				}
				for try := range 3 {
					got := newProblemWriter(format, lang, max)
					render := got.NewRender()
					if try == 2 { // a first pass taken back
						text, ends := renderAll(render, ps[:5])
						if err := got.AddRendered(ps[:5], text, ends); err != nil {
							t.Fatal(err)
						}
						got.Reset()
					}
					for i := 0; i < len(ps); {
						n := min(1+rng.IntN(30), len(ps)-i)
						run := ps[i : i+n]
						var err error
						if try == 1 && rng.IntN(3) == 0 {
							err = got.Add(run)
						} else {
							text, ends := renderAll(render, run)
							err = got.AddRendered(run, text, ends)
						}
						if err != nil {
							t.Fatal(err)
						}
						i += n
					}
					name := fmt.Sprintf("%s %s --max-errors %d, try %d", lang, format, max, try)
					var a, b bytes.Buffer
					if err := want.spool.copyTo(&a); err != nil {
						t.Fatal(err)
					}
					if err := got.spool.copyTo(&b); err != nil {
						t.Fatal(err)
					}
					if a.String() != b.String() {
						t.Fatalf("%s: rendered\n%s\nwant\n%s", name, b.String(), a.String())
					}
					if got.printed != want.printed || got.notListed != want.notListed || len(got.first) != len(want.first) {
						t.Fatalf("%s: printed %v, not listed %d, first %d; want %v, %d, %d", name, got.printed, got.notListed, len(got.first), want.printed, want.notListed, len(want.first))
					}
				}
			}
		}
	}
}

func renderAll(render func([]byte, *diag.Problem) []byte, ps []diag.Problem) (text []byte, ends []int) {
	for i := range ps {
		text = render(text, &ps[i])
		ends = append(ends, len(text))
	}
	return text, ends
}

// TestSpoolSpills: a spool larger than its memory moves to a file and
// gives back every byte in order; a reset forgets them.
func TestSpoolSpills(t *testing.T) {
	var s spool
	defer s.reset()
	var want bytes.Buffer
	for i := 0; want.Len() < 6*spoolMemory; i++ {
		line := []byte(strings.Repeat(strconv.Itoa(i), i%300) + "\n")
		if i%500 == 0 { // a chunk's problems at once
			line = bytes.Repeat(line, spoolMemory/len(line)/(1+i%3))
		}
		want.Write(line)
		if _, err := s.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if s.file == nil {
		t.Fatal("the spool did not move to a file")
	}
	var got bytes.Buffer
	if err := s.copyTo(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("spool gave back %d bytes, not the %d written", got.Len(), want.Len())
	}
	s.reset()
	got.Reset()
	if err := s.copyTo(&got); err != nil || got.Len() != 0 || s.used() {
		t.Fatalf("after reset: %d bytes, %v", got.Len(), err)
	}
}

// BenchmarkProblemRender: a warning of the unknown-sector shape (a file
// with one on every row) rendered in each format.
func BenchmarkProblemRender(b *testing.B) {
	p := diag.Problem{Pos: diag.Pos{File: "/tmp/parks-bench/shapes1000000/warn1/facilities.csv", Line: 1111735, Col: 136},
		Rule: "unknown-sector", Field: "sectors", Value: "local_crafts", RowID: "F999999", ID: "sector.unknown", Args: []any{diag.Quote("local_crafts")}}
	for _, format := range validateFormats {
		b.Run(format, func(b *testing.B) {
			r := problemRender{format: format, lang: i18n.KK}
			var buf []byte
			for b.Loop() {
				buf = r.append(buf[:0], &p)
			}
			b.SetBytes(int64(len(buf)))
		})
	}
}
