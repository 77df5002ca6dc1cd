package i18n

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
)

//go:generate go run ./internal/gencatalog

// messagesTSV is messages.yaml compiled by `go generate` (see
// internal/gencatalog): the YAML is what people edit; these lines, "id TAB
// lang TAB text", are what start-up reads, cutting them without copying
// the texts (JSON cost a fifth of the built-in summary's instructions).
//
//go:embed messages.tsv
var messagesTSV string

var (
	catalogOnce sync.Once
	catalog     map[string]map[Lang]string
)

func messages() map[string]map[Lang]string {
	catalogOnce.Do(func() {
		catalog = make(map[string]map[Lang]string, 512)
		for rest := messagesTSV; rest != ""; {
			var line, id, lang, text string
			line, rest, _ = strings.Cut(rest, "\n")
			id, line, _ = strings.Cut(line, "\t")
			lang, text, _ = strings.Cut(line, "\t")
			if strings.IndexByte(text, '\\') >= 0 {
				text = unescapeTSV(text)
			}
			m := catalog[id]
			if m == nil {
				m = make(map[Lang]string, len(Langs))
				catalog[id] = m
			}
			m[Lang(lang)] = text
		}
	})
	return catalog
}

// unescapeTSV undoes gencatalog's \\, \n and \t.
func unescapeTSV(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Has reports whether a message has a text in a language.
func Has(id string, lang Lang) bool {
	_, ok := messages()[id][lang]
	return ok
}

// T returns message id in a language with {0}, {1}… replaced by args;
// English is the fallback, and an unknown id is returned as is so a
// missing message is visible rather than blank. Integer arguments are
// grouped the language's way (1 220, 1,220); a diag.Text argument is itself
// a message, translated; a []string is a list joined with commas. A
// selector {N|one|other} picks the noun form that agrees with argument N
// (plural.go).
func T(lang Lang, id string, args ...any) string {
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
	return string(appendFilled(make([]byte, 0, len(s)+32), lang, s, args))
}

// appendFilled appends a message text with {0}, {1}… and the selectors
// filled in from args (T), in one pass, so that an argument that contains
// "{1}" (a cell as written) is not itself filled in.
func appendFilled(b []byte, lang Lang, s string, args []any) []byte {
	for {
		open, end, ok := nextPlaceholder(s)
		if !ok {
			break
		}
		if form, ok := pluralForm(lang, s[open+1:open+end], args); ok {
			b = append(b, s[:open]...)
			b = append(b, form...)
			s = s[open+end+1:]
			continue
		}
		n, err := strconv.Atoi(s[open+1 : open+end])
		if err != nil || n < 0 || n >= len(args) {
			b = append(b, s[:open+end+1]...)
			s = s[open+end+1:]
			continue
		}
		b = append(b, s[:open]...)
		if a, ok := args[n].(string); ok { // most arguments: a value as written, quoted
			b = append(b, a...)
		} else {
			b = append(b, argText(lang, args[n])...)
		}
		s = s[open+end+1:]
	}
	return append(b, s...)
}

// nextPlaceholder finds the first {…} of a message text: s[open] is '{' and
// s[open+end] the '}' that closes it; false when there is none.
func nextPlaceholder(s string) (open, end int, ok bool) {
	if open = strings.IndexByte(s, '{'); open < 0 {
		return 0, 0, false
	}
	if end = strings.IndexByte(s[open:], '}'); end < 0 {
		return 0, 0, false
	}
	return open, end, true
}

func argText(lang Lang, a any) string {
	switch x := a.(type) {
	case int:
		return Formatter{Lang: lang}.Int(int64(x)) // counts in messages group like the tables
	case int64:
		return Formatter{Lang: lang}.Int(x)
	case diag.Text:
		return T(lang, x.ID, x.Args...)
	case diag.Names:
		switch lang {
		case "kk":
			return x.KK
		case "ru":
			return x.RU
		}
		return x.EN
	case *diag.Text:
		return T(lang, x.ID, x.Args...)
	case []string:
		return strings.Join(x, ", ")
	case diag.Alternatives: // "A, B or C"
		if len(x) < 2 {
			return strings.Join(x, "")
		}
		return strings.Join(x[:len(x)-1], ", ") + " " + T(lang, "word.or") + " " + x[len(x)-1]
	case error:
		return ErrorText(lang, x)
	case string:
		return x
	}
	return fmt.Sprint(a)
}

// UnitWord is the word of a column's unit code (ha, KZT, jobs …) in a
// language: the message unitword.<code in lower case>; "" for no unit.
func UnitWord(lang Lang, unit string) string {
	if unit == "" {
		return ""
	}
	return T(lang, "unitword."+strings.ToLower(unit))
}

// ProblemMessage is a problem's message in a language: its message id
// (problem.<ID> in messages.yaml) filled with its arguments, at most
// diag.MaxMessageRunes long. This and Problem are where a problem becomes
// text; machine formats render it in English.
func ProblemMessage(lang Lang, p diag.Problem) string {
	return string(AppendProblemMessage(nil, lang, p))
}

// AppendProblemMessage appends ProblemMessage's text to b, without
// making strings on the way: validate words a problem per row of a file.
func AppendProblemMessage(b []byte, lang Lang, p diag.Problem) []byte {
	w := Wording{Lang: lang}
	return w.AppendMessage(b, p)
}

// Wording words problems in a language, keeping the last message it
// used, cut at its placeholders: a file with the same problem on every
// row looks its message up and reads it once. One per goroutine.
type Wording struct {
	Lang Lang
	id   string // the last message's id, its language and its text
	lang Lang
	text string
	// known: id has a text; pieces: the text cut at its placeholders,
	// nil when it has a plural selector (appendFilled fills it)
	known  bool
	pieces []piece
}

// piece is a run of a message's text and the placeholder after it
// ({arg}, written as raw), if any (arg < 0: none).
type piece struct {
	text string
	arg  int
	raw  string
}

// AppendMessage appends a problem's message (ProblemMessage) to b.
func (w *Wording) AppendMessage(b []byte, p diag.Problem) []byte {
	start := len(b)
	if p.ID != w.id || w.Lang != w.lang || !w.known {
		w.look(p.ID)
	}
	switch {
	case !w.known:
		b = append(append(b, "problem."...), p.ID...) // an unknown id as is, as T has it
	case len(p.Args) == 0:
		b = append(b, w.text...)
	case w.pieces == nil:
		b = appendFilled(b, w.Lang, w.text, p.Args)
	default:
		for _, pc := range w.pieces {
			b = append(b, pc.text...)
			switch {
			case pc.arg < 0:
			case pc.arg >= len(p.Args):
				b = append(b, pc.raw...)
			default:
				if a, ok := p.Args[pc.arg].(string); ok {
					b = append(b, a...)
				} else {
					b = append(b, argText(w.Lang, p.Args[pc.arg])...)
				}
			}
		}
	}
	return shortenTail(b, start, diag.MaxMessageRunes)
}

// AppendProblem appends a problem's line (Problem) to b.
func (w *Wording) AppendProblem(b []byte, p diag.Problem) []byte {
	b = p.Pos.Append(b)
	b = append(append(append(b, ": "...), p.Severity.String()...), ": "...)
	b = w.AppendMessage(b, p)
	return append(append(append(b, " ["...), p.Rule...), ']')
}

// look finds the text of message problem.<id> and cuts it as appendFilled
// reads it.
func (w *Wording) look(id string) {
	w.id, w.lang, w.text, w.known, w.pieces = id, w.Lang, "", false, w.pieces[:0]
	m, ok := messages()["problem."+id]
	if !ok {
		return
	}
	s, ok := m[w.Lang]
	if !ok {
		s = m[EN]
	}
	w.text, w.known = s, true
	for {
		open, end, ok := nextPlaceholder(s)
		if !ok {
			break
		}
		inner := s[open+1 : open+end]
		if strings.IndexByte(inner, '|') >= 0 {
			w.pieces = nil // a selector: appendFilled
			return
		}
		if n, err := strconv.Atoi(inner); err != nil || n < 0 {
			w.pieces = append(w.pieces, piece{text: s[:open+end+1], arg: -1})
		} else {
			w.pieces = append(w.pieces, piece{text: s[:open], arg: n, raw: s[open : open+end+1]})
		}
		s = s[open+end+1:]
	}
	w.pieces = append(w.pieces, piece{text: s, arg: -1})
}

// shortenTail cuts b[start:] as diag.Shorten cuts a text to n characters.
func shortenTail(b []byte, start, n int) []byte {
	if len(b)-start <= n { // bytes ≥ runes: short enough
		return b
	}
	i, count := start, 0
	for i < len(b) && count < n {
		_, size := utf8.DecodeRune(b[i:])
		i += size
		count++
	}
	if i >= len(b) {
		return b
	}
	return append(b[:i], "…"...)
}

// Problem writes a problem the way every command prints it,
// FILE:LINE:COL: error: MESSAGE [rule], with the message in the reader's
// language. The position, the severity word and the rule id stay as they
// are, for editors and CI tools that parse the line.
func Problem(lang Lang, p diag.Problem) string {
	return string(AppendProblem(nil, lang, p))
}

// AppendProblem appends Problem's line (without a line break) to b.
func AppendProblem(b []byte, lang Lang, p diag.Problem) []byte {
	w := Wording{Lang: lang}
	return w.AppendProblem(b, p)
}
