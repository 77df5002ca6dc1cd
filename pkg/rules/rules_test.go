package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCatalogueWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.ID] {
			t.Errorf("rule %s is listed twice", r.ID)
		}
		seen[r.ID] = true
		if !ruleID.MatchString(r.ID) {
			t.Errorf("rule id %q is not lower-case-with-dashes", r.ID)
		}
		if r.Severity != "error" && r.Severity != "warning" && r.Severity != "info" {
			t.Errorf("rule %s: severity %q; want error, warning or info", r.ID, r.Severity)
		}
		if !slices.Contains(Groups, r.Group) {
			t.Errorf("rule %s: group %q is not one of %v", r.ID, r.Group, Groups)
		}
		if strings.TrimSpace(r.Summary) == "" || strings.TrimSpace(r.Fix) == "" {
			t.Errorf("rule %s: summary and fix are required", r.ID)
		}
		if strings.Contains(r.Summary, "\n") {
			t.Errorf("rule %s: summary must be one line", r.ID)
		}
	}
	if _, ok := Lookup("type-error"); !ok {
		t.Error("Lookup(type-error) found nothing")
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup of an unknown id succeeded")
	}
}

var ruleID = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)

// TestEveryRuleInCodeIsCatalogued reads the packages that report problems
// (this one, the format readers, the streaming loader, the domain)
// and checks that every rule-like string literal (lower-case words joined
// by dashes) is a catalogued rule, so no rule can be reported that
// --explain and docs/rules.md do not know.
func TestEveryRuleInCodeIsCatalogued(t *testing.T) {
	var files []string
	for _, dir := range []string{".", "../decode", "../stream", "../layout", "../parks", "../diag"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	if len(files) < 5 {
		t.Fatalf("found only %d source files; the test is looking in the wrong place", len(files))
	}
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if _, ok := n.(*ast.ImportSpec); ok {
				return false
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && ruleID.MatchString(s) {
				used[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
	}
	for _, must := range []string{"type-error", "unique-error", "foreign-key", "missing-cell"} {
		if _, ok := used[must]; !ok {
			t.Fatalf("rule %s not found in the code: the scan is broken", must)
		}
	}
	for id, where := range used {
		if _, ok := Lookup(id); !ok {
			t.Errorf("%s: rule %q is not in rules.yaml", where, id)
		}
	}
}

const (
	readmeBegin = "<!-- rules:begin (generated from pkg/rules/rules.yaml) -->\n"
	readmeEnd   = "<!-- rules:end -->"
)

// TestDocsRules keeps the rules table of docs/rules.md equal to the
// catalogue. UPDATE_GOLDEN=1 rewrites it.
func TestDocsRules(t *testing.T) {
	const path = "../../docs/rules.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, readmeBegin), strings.Index(s, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/rules.md has no %q … %q section", strings.TrimSpace(readmeBegin), readmeEnd)
	}
	want := Markdown()
	got := s[i+len(readmeBegin) : j]
	if got == want {
		return
	}
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, []byte(s[:i+len(readmeBegin)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/rules.md rules section differs from rules.yaml; run UPDATE_GOLDEN=1 go test ./pkg/rules")
}
