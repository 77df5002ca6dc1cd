package cli

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// run runs parks on the built-in data with an empty environment.
func run(t *testing.T, tty bool, args ...string) (string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &IO{Out: &out, Err: &errOut, OutTTY: tty, Getenv: func(string) string { return "" }})
	if code != ExitOK {
		t.Fatalf("parks %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String(), errOut.String()
}

// Every line of a boxed table is as wide on screen as the others: Cyrillic,
// ₸, — and the no-break spaces of kk and ru numbers are each one column,
// and tablewriter pads by display width.
func TestTableAlignment(t *testing.T) {
	commands := [][]string{
		{"summary"}, {"jobs"}, {"leverage"}, {"investment"}, {"buildings"},
		{"summary", "--by", "sector"}, {"summary", "--by", "facility"}, {"list"}, {"show", "tus-sip"},
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		for _, args := range commands {
			out, _ := run(t, true, append(args, "--lang", lang)...)
			if lang != "en" && len(args) == 1 && args[0] != "buildings" && !strings.Contains(out, "\u00a0") {
				t.Errorf("%s %v: no no-break space in the numbers", lang, args)
			}
			checkBoxes(t, lang+" "+strings.Join(args, " "), out)
		}
	}
}

// checkBoxes checks each boxed table of out: every line from ┌ to └ has
// the same display width, counted independently of tablewriter (every
// character must be narrow, so width is the number of characters).
func checkBoxes(t *testing.T, name, out string) {
	t.Helper()
	in, tables, want := false, 0, 0
	for i, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "┌"):
			in, tables, want = true, tables+1, displayWidth(t, line)
		case !in:
			continue
		}
		if w := displayWidth(t, line); w != want {
			t.Errorf("%s: line %d is %d columns wide, the table %d:\n%s", name, i+1, w, want, line)
		}
		if strings.HasPrefix(line, "└") {
			in = false
		}
	}
	if tables == 0 {
		t.Errorf("%s: no boxed table in\n%s", name, out)
	}
}

func displayWidth(t *testing.T, s string) int {
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			t.Fatalf("%q is a wide character", r)
		}
	}
	return utf8.RuneCountInString(s)
}

var latin = regexp.MustCompile(`[A-Za-z]+`)

// A Kazakh or Russian table of the built-in data has no English in it:
// titles, headers, units, names, totals and notes all come translated.
func TestNoEnglishInTables(t *testing.T) {
	for _, lang := range []string{"kk", "ru"} {
		for _, cmd := range []string{"summary", "buildings", "investment", "jobs", "leverage"} {
			for _, by := range []string{"district", "kind", "status", "sector"} {
				for _, unit := range []string{"auto", "thousand"} {
					out, errOut := run(t, false, cmd, "--by", by, "--lang", lang, "--unit", unit)
					if w := latin.FindString(out); w != "" {
						t.Errorf("%s %s --by %s --unit %s: English word %q in\n%s", lang, cmd, by, unit, w, out)
					}
					if w := latin.FindString(strings.ReplaceAll(errOut, "parks:", "")); w != "" {
						t.Errorf("%s %s --by %s: English word %q on stderr: %s", lang, cmd, by, w, errOut)
					}
				}
			}
		}
	}
}

// Machine formats are the same in every language except the group names.
func TestMachineFormatsIgnoreLanguage(t *testing.T) {
	groupLine := map[string]*regexp.Regexp{
		"json": regexp.MustCompile(`^\s*"group": `),
		"yaml": regexp.MustCompile(`^\s*(- )?group: `),
	}
	for _, args := range [][]string{
		{"summary"}, {"summary", "--by", "kind"}, {"summary", "--by", "status"}, {"investment", "--by", "sector"},
		{"leverage", "--by", "facility"}, {"jobs", "--sort", "jobs_planned"},
	} {
		name := strings.Join(args, " ")
		for _, format := range []string{"json", "yaml"} {
			en, _ := run(t, false, append(args, "-o", format, "--lang", "en")...)
			for _, lang := range []string{"kk", "ru"} {
				other, _ := run(t, false, append(args, "-o", format, "--lang", lang)...)
				el, ol := strings.Split(en, "\n"), strings.Split(other, "\n")
				if len(el) != len(ol) {
					t.Errorf("%s -o %s: %s has %d lines, en %d", name, format, lang, len(ol), len(el))
					continue
				}
				translated := false
				for i := range el {
					switch {
					case el[i] == ol[i]:
					case groupLine[format].MatchString(el[i]) && groupLine[format].MatchString(ol[i]):
						translated = true
					default:
						t.Errorf("%s -o %s --lang %s: line %d differs:\n%s\n%s", name, format, lang, i+1, el[i], ol[i])
					}
				}
				if !translated && args[len(args)-1] != "facility" {
					t.Errorf("%s -o %s --lang %s: the group names are not translated", name, format, lang)
				}
			}
		}
		enOut, _ := run(t, false, append(args, "-o", "csv", "--lang", "en")...)
		en := readCSV(t, enOut)
		for _, lang := range []string{"kk", "ru"} {
			otherOut, _ := run(t, false, append(args, "-o", "csv", "--lang", lang)...)
			other := readCSV(t, otherOut)
			if len(en) != len(other) || !slices.Equal(en[0], other[0]) {
				t.Errorf("%s -o csv --lang %s: header or row count differs", name, lang)
				continue
			}
			for i := 1; i < len(en); i++ {
				if !slices.Equal(en[i][1:], other[i][1:]) { // column 0 is the group
					t.Errorf("%s -o csv --lang %s: row %d differs beyond the group:\n%v\n%v", name, lang, i, en[i], other[i])
				}
			}
		}
	}
}

func readCSV(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][0] != "group" {
		t.Fatalf("bad CSV (%v):\n%s", err, out)
	}
	return recs
}

func TestListMachineFormatsIgnoreLanguage(t *testing.T) {
	for _, format := range []string{"json", "yaml", "csv"} {
		en, _ := run(t, false, "list", "-o", format, "--lang", "en")
		for _, lang := range []string{"kk", "ru"} {
			if other, _ := run(t, false, "list", "-o", format, "--lang", lang); other != en {
				t.Errorf("list -o %s differs between en and %s", format, lang)
			}
		}
	}
}

// diff and trend follow the same rules: names in the reader's alphabet in
// tables, one order and identical content (but group names) in JSON.
func TestSnapshotsCommandsLanguage(t *testing.T) {
	snap := func(d string) string { return "../../testdata/snapshots/" + d + ".yaml" }
	for _, args := range [][]string{
		{"trend", snap("2025-12-01"), snap("2026-03-01"), "--metric", "jobs_created"},
		{"diff", snap("2025-12-01"), snap("2026-03-01"), "--metric", "jobs_created"},
	} {
		ru, _ := run(t, false, append(args, "--lang", "ru")...)
		arys, baidibek, turk, tulk := strings.Index(ru, "г. Арысь"), strings.Index(ru, "Байдибекский район"), strings.Index(ru, "г. Туркестан"), strings.Index(ru, "Тюлькубасский район")
		if arys < 0 || !(arys < baidibek && baidibek < turk && turk < tulk) {
			t.Errorf("%s --lang ru: cities do not sort by their names:\n%s", args[0], ru)
		}
		en, _ := run(t, false, append(args, "-o", "json", "--lang", "en")...)
		kk, _ := run(t, false, append(args, "-o", "json", "--lang", "kk")...)
		el, kl := strings.Split(en, "\n"), strings.Split(kk, "\n")
		if len(el) != len(kl) {
			t.Errorf("%s -o json: kk has %d lines, en %d", args[0], len(kl), len(el))
			continue
		}
		for i := range el {
			if el[i] != kl[i] && !(strings.Contains(el[i], `"group": `) && strings.Contains(kl[i], `"group": `)) {
				t.Errorf("%s -o json: line %d differs beyond the group:\n%s\n%s", args[0], i+1, el[i], kl[i])
			}
		}
	}
}
