package decode

import (
	"strconv"
	"strings"
	"unicode"
)

// Ids of a sheet without an id column are derived, so that the same sheet
// always gives the same ids and `parks diff` matches facilities across
// quarters: the district's KATO code (its name in Latin letters when the
// gazetteer does not know it), a dash, and the name in Latin letters
// (Kazakh and Russian letters transliterated, other characters dropped,
// words joined by dashes, at most 48 characters): «МПП "Кентау"» in Kentau
// is 612000000-mpp-kentau. Two rows that give the same id are told apart
// by -2, -3… in the order of the rows. For projects the facility id takes
// the district's place.
func (st *sheetTable) deriveID(values []string) string {
	s := st.s
	first := ""
	if c := s.Col("district"); c >= 0 {
		d := strings.TrimSpace(values[c])
		if dist, ok := st.env.district(d); ok {
			first = dist.KATO
		} else {
			first = slug(d, 24)
		}
	} else if c := s.Col("facility_id"); c >= 0 {
		first = slug(values[c], 48)
	}
	name := slug(values[s.Col("name")], 48)
	id := strings.Trim(first+"-"+name, "-")
	if id == "" {
		id = "row"
	}
	st.ids[id]++
	if n := st.ids[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

// translit writes Kazakh and Russian letters in Latin ones.
var translit = map[rune]string{
	'а': "a", 'ә': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "n", 'о': "o", 'ө': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u", 'ү': "u", 'ф': "f", 'х': "h", 'һ': "h", 'ц': "ts", 'ч': "ch",
	'ш': "sh", 'щ': "sch", 'ъ': "", 'ы': "y", 'і': "i", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// slug is a text in lower-case Latin letters and digits, words joined by
// dashes, cut at a word boundary to at most max bytes.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var part string
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			part = string(r)
		case translit[r] != "" || r == 'ъ' || r == 'ь':
			part = translit[r]
		case unicode.IsDigit(r):
		default:
			if b.Len() > 0 {
				dash = true
			}
			continue
		}
		if part == "" {
			continue
		}
		if dash {
			if b.Len()+1+len(part) > max {
				break
			}
			b.WriteByte('-')
			dash = false
		}
		if b.Len()+len(part) > max {
			break
		}
		b.WriteString(part)
	}
	return b.String()
}
