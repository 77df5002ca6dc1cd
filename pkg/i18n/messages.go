package i18n

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed messages.yaml
var messagesYAML []byte

var (
	catalogOnce sync.Once
	catalog     map[string]map[Lang]string
)

func messages() map[string]map[Lang]string {
	catalogOnce.Do(func() {
		if err := yaml.Unmarshal(messagesYAML, &catalog); err != nil {
			panic("i18n: embedded messages.yaml: " + err.Error()) // a build defect, caught by tests
		}
	})
	return catalog
}

// MessageIDs lists every message id, for completeness tests.
func MessageIDs() []string {
	var ids []string
	for id := range messages() {
		ids = append(ids, id)
	}
	return ids
}

// Has reports whether a message has a text in a language.
func Has(id string, lang Lang) bool {
	_, ok := messages()[id][lang]
	return ok
}

// T returns message id in a language with {0}, {1}… replaced by args;
// English is the fallback, and an unknown id is returned as is so a
// missing message is visible rather than blank.
func T(lang Lang, id string, args ...any) string {
	m, ok := messages()[id]
	if !ok {
		return id
	}
	s, ok := m[lang]
	if !ok {
		s = m[EN]
	}
	f := Formatter{Lang: lang}
	for i, a := range args {
		var text string
		switch x := a.(type) {
		case int:
			text = f.Int(int64(x)) // counts in messages group like the tables
		case int64:
			text = f.Int(x)
		default:
			text = fmt.Sprint(a)
		}
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", text)
	}
	return s
}
