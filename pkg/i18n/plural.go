package i18n

import (
	"strconv"
	"strings"
)

// Plural forms. A message picks the noun form that agrees with a count by
// a selector {N|form|form…}: argument N is the count, and the forms are in
// the order of the language's plural categories (CLDR cardinal rules, for
// whole numbers):
//
//	en: one, other             "{0} {0|file|files}"          1 file, 2 files
//	ru: one, few, many         "{0} {0|ошибка|ошибки|ошибок}" 1 ошибка, 3 ошибки, 5 ошибок, 21 ошибка
//	kk: one, other             nouns do not agree with a numeral ("3 қате"), so kk texts need no selector
//
// A selector with fewer forms than categories uses its last form for the
// rest; an argument that is not a whole number takes the last form.

// PluralForms is how many forms a selector of a language may have.
var PluralForms = map[Lang]int{EN: 2, RU: 3, KK: 2}

// PluralIndex is the plural category of a whole number n in a language, as
// an index into a selector's forms.
func PluralIndex(lang Lang, n int64) int {
	if n < 0 {
		n = -n
	}
	switch lang {
	case RU:
		switch mod10, mod100 := n%10, n%100; {
		case mod10 == 1 && mod100 != 11:
			return 0 // one: 1, 21, 101
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return 1 // few: 2–4, 22–24
		default:
			return 2 // many: 0, 5–20, 25–30
		}
	default: // en, kk
		if n == 1 {
			return 0
		}
		return 1
	}
}

// pluralForm fills a selector "N|form|form…" (without braces) with the form
// for its argument; ok is false when it is not a selector of an argument.
func pluralForm(lang Lang, sel string, args []any) (string, bool) {
	num, rest, ok := strings.Cut(sel, "|")
	if !ok {
		return "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || i >= len(args) {
		return "", false
	}
	forms := strings.Split(rest, "|")
	last := len(forms) - 1
	n, ok := wholeNumber(args[i])
	if !ok {
		return forms[last], true
	}
	return forms[min(PluralIndex(lang, n), last)], true
}

// wholeNumber reads a count argument: an integer, or a count already
// formatted as text ("1 220", "1,220"), whose digits are the number.
func wholeNumber(a any) (int64, bool) {
	switch x := a.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case string:
		var digits strings.Builder
		for _, r := range x {
			switch {
			case r >= '0' && r <= '9':
				digits.WriteRune(r)
			case r == ' ' || r == ',' || r == '\u00a0' || r == '\u202f':
			default:
				return 0, false
			}
		}
		n, err := strconv.ParseInt(digits.String(), 10, 64)
		return n, err == nil
	}
	return 0, false
}
