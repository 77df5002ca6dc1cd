// Command gentsv compiles the gazetteer, the sector vocabulary and the
// header aliases, the YAML files people edit (with their comments), into
// gazetteer.tsv, sectors.tsv and aliases.tsv, which the binary embeds:
// every command resolves districts and sectors and every CSV header goes
// through the aliases, and decoding the YAML was a quarter of the built-in
// summary's instructions.
//
//	gazetteer.tsv: R<TAB>kato<TAB>kk<TAB>ru<TAB>en<TAB>alias|alias… for a
//	               region, then D<TAB>… for each of its districts
//	sectors.tsv:   code<TAB>kk<TAB>ru<TAB>en<TAB>alias|alias…
//	aliases.tsv:   column<TAB>kk|kk…<TAB>ru|ru…<TAB>en|en…
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
	var ali struct {
		Columns []struct {
			Column     string
			KK, RU, EN []string
		} `yaml:"columns"`
	}
	read("gazetteer.yaml", &gaz)
	read("sectors.yaml", &sec)
	read("aliases.yaml", &ali)
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
	var a strings.Builder
	for _, c := range ali.Columns {
		fields := []string{c.Column}
		for _, list := range [][]string{c.KK, c.RU, c.EN} {
			check(list...)
			fields = append(fields, strings.Join(list, "|"))
		}
		check(c.Column)
		a.WriteString(strings.Join(fields, "\t") + "\n")
	}
	write("gazetteer.tsv", g.String())
	write("sectors.tsv", s.String())
	write("aliases.tsv", a.String())
}

// check refuses a text that the tab-separated form cannot hold.
func check(texts ...string) {
	for _, f := range texts {
		if strings.ContainsAny(f, "\t\n|") {
			fail(fmt.Errorf("%q has a tab, a line break or a vertical bar", f))
		}
	}
}

func line(b *strings.Builder, tag, key, kk, ru, en string, aliases []string) {
	fields := []string{key, kk, ru, en, strings.Join(aliases, "|")}
	if tag != "" {
		fields = append([]string{tag}, fields...)
	}
	check(append([]string{key, kk, ru, en}, aliases...)...)
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
