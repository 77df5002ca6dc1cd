package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
)

// parseWorkflowCommand reads a line the way the GitHub Actions runner does
// (ActionCommand.TryParseV2): "::name k=v,k=v::message", with the values
// and the message unescaped.
func parseWorkflowCommand(line string) (name string, props map[string]string, msg string, ok bool) {
	if !strings.HasPrefix(line, "::") {
		return "", nil, "", false
	}
	rest := line[2:]
	end := strings.Index(rest, "::")
	if end < 0 {
		return "", nil, "", false
	}
	head, msg := rest[:end], rest[end+2:]
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	props = map[string]string{}
	name, list, _ := strings.Cut(head, " ")
	if list != "" {
		for _, kv := range strings.Split(list, ",") {
			k, v, found := strings.Cut(kv, "=")
			if !found || k == "" {
				return "", nil, "", false
			}
			props[k] = unescape.Replace(v)
		}
	}
	return name, props, unescape.Replace(msg), true
}

func TestGitHubCommandsRoundTrip(t *testing.T) {
	var l diag.List
	// problem.cell is "{0}: {1}": the arguments are the whole message
	l.Add(diag.Problem{Pos: diag.Pos{File: "data/a,b:c.csv", Line: 4, Col: 23}, Severity: diag.Error, Rule: "type-error", Field: "jobs_planned", Value: "50%",
		ID: "cell", Args: []any{"jobs_planned", "“50%” is not a count\nsecond line"}})
	l.Add(diag.Problem{Pos: diag.Pos{File: "data/x.csv"}, Severity: diag.Warning, Rule: "no-rows", ID: "cell", Args: []any{"x", "empty"}})
	l.Add(diag.Problem{Pos: diag.Pos{File: "book.xlsx", Cell: "Sheet1!C12"}, Severity: diag.Error, Rule: "type-error", ID: "cell", Args: []any{"y", "bad"}})
	var buf bytes.Buffer
	if err := writeValidateGitHub(&buf, &l); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines; want 3:\n%s", len(lines), buf.String())
	}
	want := []struct {
		name  string
		props map[string]string
		msg   string
	}{
		{"error", map[string]string{"file": "data/a,b:c.csv", "line": "4", "col": "23", "title": "type-error"}, "jobs_planned: “50%” is not a count\nsecond line"},
		{"warning", map[string]string{"file": "data/x.csv", "title": "no-rows"}, "x: empty"},
		{"error", map[string]string{"file": "book.xlsx", "line": "12", "col": "3", "title": "type-error"}, "y: bad"},
	}
	for i, line := range lines {
		name, props, msg, ok := parseWorkflowCommand(line)
		if !ok {
			t.Errorf("line %d is not a workflow command: %q", i+1, line)
			continue
		}
		if name != want[i].name || msg != want[i].msg || len(props) != len(want[i].props) {
			t.Errorf("line %d: %q parsed as %s %v %q; want %s %v %q", i+1, line, name, props, msg, want[i].name, want[i].props, want[i].msg)
			continue
		}
		for k, v := range want[i].props {
			if props[k] != v {
				t.Errorf("line %d: %s=%q; want %q", i+1, k, props[k], v)
			}
		}
	}
}

// TestRuleCounts: the summary line counts problems by rule, most first,
// equal counts by rule id, five rules at most.
func TestRuleCounts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		byRule map[string]int
		want   string
	}{
		{"none", nil, ""},
		{"zero counts only", map[string]int{"type-error": 0}, ""},
		{"one", map[string]int{"type-error": 1}, " (type-error 1)"},
		{"most first", map[string]int{"type-error": 3, "unknown-sector": 1200}, " (unknown-sector 1,200, type-error 3)"},
		{"ties by id", map[string]int{"b-rule": 2, "a-rule": 2, "c-rule": 5}, " (c-rule 5, a-rule 2, b-rule 2)"},
		{"five", map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}, " (e 5, d 4, c 3, b 2, a 1)"},
		{"six: the last left out", map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}, " (f 6, e 5, d 4, c 3, b 2, …)"},
		{"many ties", map[string]int{"g": 1, "f": 1, "e": 1, "d": 1, "c": 1, "b": 1, "a": 1}, " (a 1, b 1, c 1, d 1, e 1, …)"},
	} {
		if got := ruleCounts(i18n.EN, tc.byRule); got != tc.want {
			t.Errorf("%s: ruleCounts(%v) = %q; want %q", tc.name, tc.byRule, got, tc.want)
		}
	}
}

// TestJSONProblemBytes: validate's JSON elements are the bytes
// json.MarshalIndent writes, for text that needs escaping too.
func TestJSONProblemBytes(t *testing.T) {
	texts := []string{"", "plain", "Түркістан “quoted”", `a "b" \c`, "<b>&amp;</b>", "line\nbreak\ttab\r\x01", "bad \xff utf-8", "sep \u2028 \u2029", "\u00e2\u0080"}
	for i, s := range texts {
		// problem.cell is "{0}: {1}": the arguments are the whole message
		p := diag.Problem{Pos: diag.Pos{File: s, Line: i, Col: i * 7}, Severity: diag.Severity(i%3 - 1), Rule: "type-error", ID: "cell", Args: []any{s, s},
			Field: s, Value: "v" + s, RowID: ""}
		if i%2 == 1 {
			p.Pos = diag.Pos{File: "book.xlsx", Cell: "Sheet1!C" + fmt.Sprint(i+1)}
		}
		want, err := json.MarshalIndent(viewProblem(p), "    ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONProblem(nil, p, i18n.AppendProblemMessage(nil, i18n.EN, p)); string(got) != string(want) {
			t.Errorf("%q:\n%s\nwant\n%s", s, got, want)
		}
	}
}
