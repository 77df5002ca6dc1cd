// Package rules holds every rule of a dataset beyond reading a cell, next
// to its catalogue entry: a record's own rules (row.go), totals that must
// fit (totals.go), the rules across records and files and the placing of
// each finding at its cell (checker.go, cross.go), and the catalogue of
// every rule id parks reports — id, severity, a one-line summary and how
// to fix it (rules.yaml, embedded, read by `parks validate --explain` and
// docs/rules.md). The format readers (pkg/decode) report what is wrong
// with a file's structure or a cell as they read it, under the same ids;
// messages are worded in pkg/i18n/messages.yaml.
package rules

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed rules.yaml
var rulesYAML []byte

// Rule is one entry of the catalogue.
type Rule struct {
	ID           string `yaml:"id"`
	Group        string `yaml:"group"`
	Severity     string `yaml:"severity"`
	Frictionless bool   `yaml:"frictionless"`
	Summary      string `yaml:"summary"`
	Fix          string `yaml:"fix"`
}

// Groups lists the rule groups in the order they are documented.
var Groups = []string{"file", "structure", "cell", "key", "domain"}

var (
	once    sync.Once
	all     []Rule
	loadErr error
)

// All returns every rule in catalogue order.
func All() []Rule {
	once.Do(func() {
		loadErr = yaml.Unmarshal(rulesYAML, &all)
		if loadErr != nil {
			loadErr = fmt.Errorf("embedded rules.yaml: %w", loadErr)
		}
	})
	if loadErr != nil {
		panic(loadErr) // a build defect, caught by the package's tests
	}
	return all
}

// Lookup returns the rule with an id.
func Lookup(id string) (Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// IDs lists every rule id in catalogue order.
func IDs() []string {
	var out []string
	for _, r := range All() {
		out = append(out, r.ID)
	}
	return out
}

// Explain is the text `parks validate --explain` prints for a rule.
func (r Rule) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s rule", r.ID, r.Severity, r.Group)
	if r.Frictionless {
		b.WriteString(", same name as in Frictionless Data")
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(&b, "Checks: %s\n\nFix:    %s\n", r.Summary, r.Fix)
	return b.String()
}

// Markdown writes the catalogue as the rules table of docs/rules.md, one table row
// per rule, grouped.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| group | rule | severity | what it checks | how to fix |\n| --- | --- | --- | --- | --- |\n")
	for _, g := range Groups {
		for _, r := range All() {
			if r.Group != g {
				continue
			}
			id := "`" + r.ID + "`"
			if r.Frictionless {
				id += " ¹"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.Group, id, r.Severity, cellText(r.Summary), cellText(r.Fix))
		}
	}
	b.WriteString("\n¹ same name and meaning as in Frictionless Data's validator.\n")
	return b.String()
}

func cellText(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
