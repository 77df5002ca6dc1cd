package i18n

import (
	"bytes"
	_ "embed"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/collate"
)

//go:embed collation.yaml
var collationYAML []byte

type collation struct {
	IgnorePrefixes []string `yaml:"ignore_prefixes"`
}

var collations = sync.OnceValue(func() map[Lang]collation {
	var m map[Lang]collation
	if err := yaml.Unmarshal(collationYAML, &m); err != nil {
		panic("i18n: embedded collation.yaml: " + err.Error()) // a build defect, caught by tests
	}
	for l, c := range m {
		slices.SortFunc(c.IgnorePrefixes, func(a, b string) int { return len(b) - len(a) })
		m[l] = c
	}
	return m
})

// SortName is the part of a name it is sorted by: the name without a
// leading abbreviation the language ignores ("г. Туркестан" → "Туркестан").
func SortName(l Lang, name string) string {
	for _, p := range collations()[l].IgnorePrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			return rest
		}
	}
	return name
}

// NameOrder compares names the way a reader of the language looks them up:
// by SortName in the language's alphabet (Collator), then by the full name
// so that the order is total. Make one per sort (it holds a collator).
func NameOrder(l Lang) func(a, b string) int {
	c := Collator(l)
	return func(a, b string) int {
		if r := c.CompareString(SortName(l, a), SortName(l, b)); r != 0 {
			return r
		}
		return c.CompareString(a, b)
	}
}

// NameKey is NameOrder as sort keys, for sorting many names: the keys of
// two names compare (CompareNameKeys) as NameOrder compares the names, and
// each name is collated once instead of once per comparison.
type NameKey struct{ sort, full []byte }

// NameKeys makes the keys of names in a language.
func NameKeys(l Lang) func(name string) NameKey {
	c := Collator(l)
	var buf collate.Buffer
	return func(name string) NameKey {
		k := NameKey{sort: bytes.Clone(c.KeyFromString(&buf, SortName(l, name)))}
		buf.Reset()
		k.full = bytes.Clone(c.KeyFromString(&buf, name))
		buf.Reset()
		return k
	}
}

// Parts are a key's two parts, compared one after the other: the sort
// name's collation key, then the full name's.
func (k NameKey) Parts() (sort, full []byte) { return k.sort, k.full }

// CompareNameKeys orders two name keys.
func CompareNameKeys(a, b NameKey) int {
	if c := bytes.Compare(a.sort, b.sort); c != 0 {
		return c
	}
	return bytes.Compare(a.full, b.full)
}
