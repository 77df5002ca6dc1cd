// Command gentsv compiles the gazetteer and the sector vocabulary, the YAML
// files people edit (with their comments), into gazetteer.tsv and
// sectors.tsv, which the binary embeds: every command resolves districts
// and sectors, and decoding the YAML was a quarter of the built-in
// summary's instructions.
//
//	gazetteer.tsv: R<TAB>kato<TAB>kk<TAB>ru<TAB>en<TAB>alias|alias… for a
//	               region, then D<TAB>… for each of its districts
//	sectors.tsv:   code<TAB>kk<TAB>ru<TAB>en<TAB>alias|alias…
//
// Run it with `go generate ./pkg/refdata` after editing the YAML; a test
// fails while they differ.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
	"go.yaml.in/yaml/v3"
)

func main() {
	var gaz struct {
		Regions []parks.Region `yaml:"regions"`
	}
	var sec struct {
		Sectors []parks.Sector `yaml:"sectors"`
	}
	read("gazetteer.yaml", &gaz)
	read("sectors.yaml", &sec)
	var g strings.Builder
	for _, r := range gaz.Regions {
		line(&g, "R", r.KATO, r.KK, r.RU, r.EN, r.Aliases)
		for _, d := range r.Districts {
			line(&g, "D", d.KATO, d.KK, d.RU, d.EN, d.Aliases)
		}
	}
	var s strings.Builder
	for _, x := range sec.Sectors {
		line(&s, "", x.Code, x.KK, x.RU, x.EN, x.Aliases)
	}
	write("gazetteer.tsv", g.String())
	write("sectors.tsv", s.String())
}

func line(b *strings.Builder, tag, key, kk, ru, en string, aliases []string) {
	fields := []string{key, kk, ru, en, strings.Join(aliases, "|")}
	if tag != "" {
		fields = append([]string{tag}, fields...)
	}
	for _, f := range append([]string{key, kk, ru, en}, aliases...) {
		if strings.ContainsAny(f, "\t\n|") {
			fail(fmt.Errorf("%q has a tab, a line break or a vertical bar", f))
		}
	}
	b.WriteString(strings.Join(fields, "\t") + "\n")
}

func read(name string, v any) {
	data, err := os.ReadFile(name)
	if err != nil {
		fail(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		fail(fmt.Errorf("%s: %w", name, err))
	}
}

func write(name, text string) {
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gentsv:", err)
	os.Exit(1)
}
