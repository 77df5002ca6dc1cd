package i18n

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestPluralIndex(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		n    int64
		want int
	}{
		{EN, 0, 1}, {EN, 1, 0}, {EN, 2, 1}, {EN, 11, 1}, {EN, 21, 1},
		{KK, 1, 0}, {KK, 5, 1},
		{RU, 0, 2}, {RU, 1, 0}, {RU, 2, 1}, {RU, 4, 1}, {RU, 5, 2}, {RU, 11, 2}, {RU, 12, 2},
		{RU, 14, 2}, {RU, 21, 0}, {RU, 22, 1}, {RU, 25, 2}, {RU, 101, 0}, {RU, 111, 2}, {RU, 1000, 2},
	} {
		if got := PluralIndex(tc.lang, tc.n); got != tc.want {
			t.Errorf("PluralIndex(%s, %d) = %d, want %d", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestPluralMessages(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		id   string
		args []any
		want string
	}{
		{EN, "validate.summary", []any{1, 0, 1}, "1 error, 0 warnings in 1 file"},
		{EN, "validate.summary", []any{2, 1, 3}, "2 errors, 1 warning in 3 files"},
		{EN, "validate.summary", []any{1220, 1, 2}, "1,220 errors, 1 warning in 2 files"},
		{RU, "validate.not_listed", []any{1, 5}, "ещё 1 проблема не показана (--max-errors 5 показывает по 5 каждого уровня); в итогах выше они учтены"},
		{RU, "validate.not_listed", []any{3, 5}, "ещё 3 проблемы не показаны (--max-errors 5 показывает по 5 каждого уровня); в итогах выше они учтены"},
		{RU, "validate.not_listed", []any{11, 5}, "ещё 11 проблем не показано (--max-errors 5 показывает по 5 каждого уровня); в итогах выше они учтены"},
		{EN, "validate.not_listed", []any{1, 2}, "1 more problem not listed (--max-errors 2 lists 2 of each severity); the counts above include them"},
		{RU, "explain.sum_of", []any{21}, "сумма 21 записи"},
		{EN, "explain.sum_of", []any{1}, "the sum of 1 record"},
		{EN, "report.quality.rows", []any{"1", "1", "0"}, "1 row read, 1 used, 0 left out because of errors."},
		{EN, "report.quality.rows", []any{"1\u00a0220", "1 220", "0"}, "1\u00a0220 rows read, 1 220 used, 0 left out because of errors."},
		{KK, "validate.summary", []any{1, 1, 1}, "1 қате, 1 ескерту, 1 файлда"},
	} {
		if got := T(tc.lang, tc.id, tc.args...); got != tc.want {
			t.Errorf("T(%s, %s, %v) = %q, want %q", tc.lang, tc.id, tc.args, got, tc.want)
		}
	}
}

var selector = regexp.MustCompile(`\{(\d+)\|([^{}]*)\}`)

// Every plural selector names a placeholder of its message and has at most
// as many forms as its language has plural categories.
func TestPluralSelectors(t *testing.T) {
	n := 0
	for id, texts := range messages() {
		for lang, s := range texts {
			for _, m := range selector.FindAllStringSubmatch(s, -1) {
				n++
				if !strings.Contains(s, "{"+m[1]+"}") {
					t.Errorf("%s (%s): selector %s counts no placeholder of the text", id, lang, m[0])
				}
				if forms := strings.Split(m[2], "|"); len(forms) > PluralForms[lang] {
					t.Errorf("%s (%s): selector %s has %d forms; %s has %d", id, lang, m[0], len(forms), lang, PluralForms[lang])
				}
				if i, _ := strconv.Atoi(m[1]); i > 9 {
					t.Errorf("%s: selector %s", id, m[0])
				}
			}
		}
	}
	if n == 0 {
		t.Error("no plural selector in the catalogue")
	}
}
