// Command gencatalog compiles pkg/i18n/messages.yaml, the catalogue people
// edit, into messages.tsv, which the binary embeds: one line per message and
// language, "id<TAB>lang<TAB>text", with backslash, line feed and tab in the
// text written \\, \n and \t. Every command reads the catalogue at
// start-up; cutting these lines costs a few hundredths of decoding YAML or
// JSON (and the texts are not copied).
//
// Run it with `go generate ./pkg/i18n` after editing messages.yaml; a test
// fails while the two differ.
package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

func main() {
	data, err := os.ReadFile("messages.yaml")
	if err != nil {
		fail(err)
	}
	var catalog map[string]map[string]string
	if err := yaml.Unmarshal(data, &catalog); err != nil {
		fail(fmt.Errorf("messages.yaml: %w", err))
	}
	escape := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`)
	var b strings.Builder
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range catalog {
			if !yield(id) {
				return
			}
		}
	}) {
		texts := catalog[id]
		langs := make([]string, 0, len(texts))
		for l := range texts {
			langs = append(langs, l)
		}
		slices.Sort(langs)
		for _, l := range langs {
			if strings.ContainsAny(id+l, "\t\n\\") {
				fail(fmt.Errorf("message id %q or language %q has a tab, line break or backslash", id, l))
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\n", id, l, escape.Replace(texts[l]))
		}
	}
	if err := os.WriteFile("messages.tsv", []byte(b.String()), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gencatalog:", err)
	os.Exit(1)
}
