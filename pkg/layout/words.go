package layout

import (
	"strings"
	"sync"
	"unicode"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// phrase is a stem of one or more folded words: a text matches it when
// some run of its words begins with the phrase's words, in order.
type phrase []string

// fieldRule is a LayoutField with its stems folded.
type fieldRule struct {
	field string
	all   [][]phrase
	not   []phrase
}

// vocab is layout.yaml ready to match.
type vocab struct {
	fields       []fieldRule
	rowNumber    map[string]bool
	total        []phrase
	totalFiller  map[string]bool
	districtKind map[string]bool
	adjEndings   [][2]string
	region       []phrase
	part         []phrase
	note         []phrase
	zero         map[string]bool
	notReported  map[string]bool
	kinds        map[string]string // folded word → canonical
	statuses     map[string]string
	months       map[string][]phrase // language → 12 stems
	derived      map[string]string   // folded label → the field parks computes
	noteSheets   map[string]bool     // folded sheet names
}

var (
	vocabOnce sync.Once
	vocabV    *vocab
	vocabErr  error
)

func words() (*vocab, error) {
	vocabOnce.Do(func() {
		w, err := refdata.Layout()
		if err != nil {
			vocabErr = err
			return
		}
		vocabV = compile(w)
	})
	return vocabV, vocabErr
}

func compile(w *refdata.LayoutWords) *vocab {
	v := &vocab{rowNumber: map[string]bool{}, totalFiller: map[string]bool{}, districtKind: map[string]bool{}, zero: map[string]bool{}, notReported: map[string]bool{},
		kinds: map[string]string{}, statuses: map[string]string{}, months: map[string][]phrase{},
		derived: map[string]string{}, noteSheets: map[string]bool{}}
	var expand func(list []string, depth int) []phrase
	expand = func(list []string, depth int) []phrase {
		var out []phrase
		for _, s := range list {
			if strings.HasPrefix(s, "$") && depth < 4 {
				out = append(out, expand(w.Sets[s[1:]], depth+1)...)
				continue
			}
			if p := phrase(strings.Fields(Fold(s))); len(p) > 0 {
				out = append(out, p)
			}
		}
		return out
	}
	for _, f := range w.Fields {
		r := fieldRule{field: f.Field, not: expand(f.Not, 0)}
		for _, g := range f.All {
			r.all = append(r.all, expand(g, 0))
		}
		v.fields = append(v.fields, r)
	}
	for _, s := range w.RowNumber {
		for _, x := range strings.Fields(Fold(s)) {
			v.rowNumber[x] = true
		}
	}
	v.total, v.region, v.part, v.note = expand(w.Total, 0), expand(w.Region, 0), expand(w.Part, 0), expand(w.Note, 0)
	for _, s := range w.TotalFiller {
		v.totalFiller[Fold(s)] = true
	}
	for _, s := range w.DistrictKind {
		v.districtKind[Fold(s)] = true
	}
	for _, e := range w.AdjectiveEndings {
		if len(e) == 2 {
			v.adjEndings = append(v.adjEndings, [2]string{Fold(e[0]), Fold(e[1])})
		}
	}
	for _, s := range w.Markers.Zero {
		v.zero[markerKey(s)] = true
	}
	for _, s := range w.Markers.NotReported {
		v.notReported[markerKey(s)] = true
	}
	for canon, list := range w.Kinds {
		for _, s := range list {
			v.kinds[Fold(s)] = canon
		}
	}
	for canon, list := range w.Statuses {
		for _, s := range list {
			v.statuses[Fold(s)] = canon
		}
	}
	for lang, list := range w.Months {
		v.months[lang] = expand(list, 0)
	}
	for field, list := range w.Derived {
		for _, s := range list {
			v.derived[Fold(s)] = field
		}
	}
	for _, s := range w.NoteSheets {
		v.noteSheets[Fold(s)] = true
	}
	return v
}

// has reports whether the words contain the phrase, each word beginning
// with the phrase's word; at is where, -1 when not.
func has(ws []string, p phrase) (at int) {
	for i := 0; i+len(p) <= len(ws); i++ {
		ok := true
		for j, stem := range p {
			if !strings.HasPrefix(ws[i+j], stem) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func hasAny(ws []string, ps []phrase) bool {
	for _, p := range ps {
		if has(ws, p) >= 0 {
			return true
		}
	}
	return false
}

// markerKey is how a cell is compared with the markers: trimmed, lower
// case, inner spaces single.
func markerKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// Marker says whether a numeric cell holds a statistics marker instead of
// a figure: zero for «-», «–», «—» (the phenomenon is absent), notReported
// for «…», «н/д», «х» and the like. The words are in layout.yaml.
func Marker(cell string) (zero, notReported bool) {
	v, err := words()
	if err != nil || len(cell) > 40 {
		return false, false
	}
	k := markerKey(cell)
	return v.zero[k], v.notReported[k]
}

// KindWord is the canonical kind a report writes as words («малый
// промышленный парк», «өндірістік алаң»), "" when it is not one.
func KindWord(cell string) string {
	v, err := words()
	if err != nil {
		return ""
	}
	return v.kinds[Fold(cell)]
}

// StatusWord is the canonical status a report writes as words
// («действует», «салынуда»), "" when it is not one.
func StatusWord(cell string) string {
	v, err := words()
	if err != nil {
		return ""
	}
	return v.statuses[Fold(cell)]
}

// DerivedColumn is the field a column parks computes names («Total
// investment, ₸» → investment_total_kzt, «Leverage», kato), "" when the
// label names none. Such a column, read back, is not read: parks computes
// it again. A money unit at the end of the label is taken off.
func DerivedColumn(label string) string {
	v, err := words()
	if err != nil {
		return ""
	}
	ws := strings.Fields(Fold(label))
	for len(ws) > 0 {
		if f := v.derived[strings.Join(ws, " ")]; f != "" {
			return f
		}
		last := ws[len(ws)-1]
		if _, scale := parks.ScaleWord(last); !scale && !parks.CurrencyMark(last) {
			return ""
		}
		ws = ws[:len(ws)-1]
	}
	return ""
}

// NoteSheet reports whether a sheet's name says it describes the workbook
// (README, «Описание», «Түсіндірме»…) rather than holds a table.
func NoteSheet(name string) bool {
	v, err := words()
	return err == nil && v.noteSheets[Fold(name)]
}
