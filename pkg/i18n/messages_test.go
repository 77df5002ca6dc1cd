package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
)

var placeholder = regexp.MustCompile(`\{\d+\}`)

// Every message has a non-empty text in every language, with the same
// placeholders, and the Kazakh and Russian texts are not English.
func TestCatalogueComplete(t *testing.T) {
	ids := MessageIDs()
	if len(ids) < 50 {
		t.Fatalf("only %d messages: catalogue not loaded?", len(ids))
	}
	for _, id := range ids {
		en := messages()[id][EN]
		for _, l := range Langs {
			s, ok := messages()[id][l]
			if !ok || strings.TrimSpace(s) == "" {
				t.Errorf("%s: no %s text", id, l)
				continue
			}
			if a, b := sortedPlaceholders(s), sortedPlaceholders(en); !slices.Equal(a, b) {
				t.Errorf("%s: %s has placeholders %v, en has %v", id, l, a, b)
			}
			if l != EN {
				if w := englishWord(s); w != "" {
					t.Errorf("%s: %s text %q has the English word %q", id, l, s, w)
				}
			}
		}
	}
	for id, texts := range messages() {
		for l := range texts {
			if !slices.Contains(Langs, l) {
				t.Errorf("%s: unknown language %q", id, l)
			}
		}
	}
}

func sortedPlaceholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z_'-]*`)

// identifiers are the Latin words a kk or ru text may hold because the user
// types them as they are: file formats, YAML keys, the program's name.
// Column names (snake_case or any schema column) are allowed too.
var identifiers = map[string]bool{
	"parks": true, "CSV": true, "YAML": true, "UTF-": true, "Excel": true, "Excel-": true,
	"dataset": true, "facilities": true, "projects": true, "region": true,
	"Windows-": true, "LibreOffice": true, "LibreOffice-": true, "BOM": true, "NUL": true,
	"xls": true, "xlsx": true, "zip-": true, "CSV-": true, "YAML-": true,
	"park": true, "site": true, "planned": true, "operating": true, // values as typed
}

// englishWord returns the first Latin-script word of a kk or ru text that
// is not a command, flag or identifier (parks, --skip-invalid, -v, 'parks
// validate', --by sector, as_of, CSV), which stay as typed.
func englishWord(s string) string {
	s = regexp.MustCompile("--[a-z-]+( [a-z]+)?|(^|[\\s(])-[a-zA-Z]\\b|'parks [a-z]+'|`parks [a-z -]+`|0x[0-9A-F]+").ReplaceAllString(s, "")
	for _, w := range latinWord.FindAllString(s, -1) {
		if identifiers[w] || strings.Contains(w, "_") || isColumn(w) {
			continue
		}
		return w
	}
	return ""
}

func isColumn(w string) bool {
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		if s.Col(w) >= 0 {
			return true
		}
	}
	return false
}

func TestEnglishWordDetects(t *testing.T) {
	for s, want := range map[string]string{
		"parks: жолдар (--skip-invalid)": "",
		"толық тізім: 'parks validate'":  "",
		"--by sector жобаларды топтайды": "",
		"Жеке, {0}":                "",
		"Total":                    "Total",
		"Инвестиция, bn ₸":         "bn",
		"parks: built-in деректер": "built-in",
		"as_of көрсетілмеген":      "",
		"CSV синтаксисі":           "",
		"сілтеме (alias) табылды":  "alias",
	} {
		if got := englishWord(s); got != want {
			t.Errorf("englishWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// Every column of the schema has a label for `show`, `list` and `schema`.
func TestFieldLabels(t *testing.T) {
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		for _, c := range s.Columns {
			id := "field." + c.Name
			for _, l := range Langs {
				if !Has(id, l) {
					t.Errorf("no %s label %s for column %s", l, id, c.Name)
				}
			}
		}
	}
}

func TestT(t *testing.T) {
	if got, want := T(KK, "note.skipped", 3, 1250, 1247), "parks: қателерге байланысты 1\u00a0250 жолдың 3 жолы есепке алынбады (--skip-invalid); пайдаланылған жолдар: 1\u00a0247"; got != want {
		t.Errorf("T kk note.skipped = %q, want %q", got, want)
	}
	if got, want := T(EN, "note.skipped", 3, 1250, 1247), "parks: 3 of 1,250 rows left out because of errors (--skip-invalid); 1,247 rows used"; got != want {
		t.Errorf("T en note.skipped = %q, want %q", got, want)
	}
	if got, want := T(RU, "col.investment_total", "млрд ₸"), "Инвестиции, млрд ₸"; got != want {
		t.Errorf("T ru col.investment_total = %q, want %q", got, want)
	}
	if got := T(KK, "no.such.id"); got != "no.such.id" {
		t.Errorf("unknown id = %q, want the id itself", got)
	}
}

// Every metric and column the domain declares names its words by message
// id, and each id is in the catalogue (so in en, kk and ru): a new metric
// or column fails here until it is worded.
func TestDomainMessageIDs(t *testing.T) {
	check := func(what, id string) {
		t.Helper()
		if id == "" {
			return
		}
		if _, ok := messages()[id]; !ok {
			t.Errorf("%s: no message %s in messages.yaml", what, id)
		}
	}
	for _, m := range parks.Metrics {
		check("metric "+m.Key, m.DescID())
	}
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		for _, c := range s.Columns {
			check(s.Kind+" column "+c.Name, c.DescID)
			check(s.Kind+" column "+c.Name, c.ConstraintID)
			if c.Unit != "" {
				check(s.Kind+" column "+c.Name, "unitword."+strings.ToLower(c.Unit))
			}
		}
	}
	lev, _ := parks.MetricByKey("leverage")
	if got := T(KK, lev.DescID()); !strings.HasPrefix(got, "жеке ÷ бюджеттік") {
		t.Errorf("leverage in kk = %q", got)
	}
	if got := UnitWord(RU, "KZT"); got != "тенге" {
		t.Errorf("UnitWord(ru, KZT) = %q", got)
	}
}
