package i18n

import (
	"strconv"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
)

// refT is T as it was before messages were filled by appending
// (appendFilled): every argument made text first, then one pass with a
// strings.Builder. The appending code must write the same bytes.
func refT(lang Lang, id string, args ...any) string {
	m, ok := messages()[id]
	if !ok {
		return id
	}
	s, ok := m[lang]
	if !ok {
		s = m[EN]
	}
	if len(args) == 0 {
		return s
	}
	texts := make([]string, len(args))
	for i, a := range args {
		texts[i] = argText(lang, a)
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		if form, ok := pluralForm(lang, s[open+1:open+end], args); ok {
			b.WriteString(s[:open])
			b.WriteString(form)
			s = s[open+end+1:]
			continue
		}
		n, err := strconv.Atoi(s[open+1 : open+end])
		if err != nil || n < 0 || n >= len(texts) {
			b.WriteString(s[:open+end+1])
			s = s[open+end+1:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteString(texts[n])
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// refProblem is Problem as it was: strings concatenated.
func refProblem(lang Lang, p diag.Problem) string {
	msg := diag.Shorten(refT(lang, "problem."+p.ID, p.Args...), diag.MaxMessageRunes)
	return p.Pos.String() + ": " + p.Severity.String() + ": " + msg + " [" + p.Rule + "]"
}

// problemArgs are arguments of every kind a message is given, hostile
// text included.
var problemArgs = [][]any{
	nil,
	{},
	{"a"},
	{"“local_crafts”", "{1}", "x{0}y"},
	{1, 1220, int64(-5), "3 ошибки"},
	{diag.Text{ID: "word.or"}, &diag.Text{ID: "problem.cell", Args: []any{"f", "v"}}, diag.Names{KK: "Түркістан", RU: "Туркестан", EN: "Turkestan"}},
	{[]string{"a", "b"}, diag.Alternatives{"x", "y"}, 2.5, nil},
	{strings.Repeat("ж", 1500), strings.Repeat("x", 999) + "\xff\xfe", "bad \xff utf-8"},
	{"%s", "\n\r\t", "<&>", "\u2028"},
}

// TestAppendMatchesReference: every message in every language, filled
// with arguments of every kind by T, ProblemMessage and Problem (which
// append), reads byte for byte as the reference's.
func TestAppendMatchesReference(t *testing.T) {
	n := 0
	for _, id := range MessageIDs() {
		for _, lang := range Langs {
			for _, args := range problemArgs {
				if got, want := T(lang, id, args...), refT(lang, id, args...); got != want {
					t.Fatalf("T(%s, %s, %v) = %q; want %q", lang, id, args, got, want)
				}
				pid, ok := strings.CutPrefix(id, "problem.")
				if !ok {
					continue
				}
				p := diag.Problem{Pos: diag.Pos{File: "d/a.csv", Line: n % 7, Col: n % 3 * 40}, Severity: diag.Severity(n%3 - 1), Rule: "type-error", ID: pid, Args: args}
				if n%5 == 0 {
					p.Pos = diag.Pos{File: "b.xlsx", Cell: "Парки!C12"}
				}
				n++
				if got, want := Problem(lang, p), refProblem(lang, p); got != want {
					t.Fatalf("Problem(%s, %v) =\n%q; want\n%q", lang, p, got, want)
				}
				if got := string(AppendProblem([]byte("prefix"), lang, p)); got != "prefix"+refProblem(lang, p) {
					t.Fatalf("AppendProblem(%s, %v) =\n%q; want the prefix and\n%q", lang, p, got, refProblem(lang, p))
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d problem messages: catalogue not loaded?", n)
	}
	// one Wording a language, kept from problem to problem, the same
	// message many times, then another, an unknown one between
	ids := append(MessageIDs(), "problem.no.such.message", "problem.")
	for _, lang := range Langs {
		w := Wording{Lang: lang}
		for i, id := range ids {
			pid, ok := strings.CutPrefix(id, "problem.")
			if !ok {
				continue
			}
			for j := range 2 * len(problemArgs) {
				args := problemArgs[(i+j)%len(problemArgs)]
				p := diag.Problem{Pos: diag.Pos{File: "d/a.csv", Line: j, Col: i}, Severity: diag.Severity(j%3 - 1), Rule: "r", ID: pid, Args: args}
				if got, want := string(w.AppendProblem([]byte("x"), p)), "x"+refProblem(lang, p); got != want {
					t.Fatalf("Wording{%s}.AppendProblem(%v) =\n%q; want\n%q", lang, p, got, want)
				}
			}
		}
	}
	// an unknown id reads as itself
	p := diag.Problem{Pos: diag.Pos{File: "a.csv", Line: 2, Col: 3}, Rule: "r", ID: "no.such.message", Args: []any{"x"}}
	if got, want := Problem(RU, p), refProblem(RU, p); got != want {
		t.Errorf("unknown id: %q; want %q", got, want)
	}
}

func BenchmarkAppendProblem(b *testing.B) {
	p := diag.Problem{Pos: diag.Pos{File: "/data/warn1/facilities.csv", Line: 1111735, Col: 136}, Rule: "unknown-sector",
		ID: "sector.unknown", Args: []any{diag.Quote("local_crafts")}}
	var buf []byte
	w := Wording{Lang: KK}
	for b.Loop() {
		buf = w.AppendProblem(buf[:0], p)
	}
}
