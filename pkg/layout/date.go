package layout

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The date patterns are compiled when a title is first read for a date, not
// at start-up: every command pays for a package's variables (start-up).
var (
	dotDate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^\d])(\d{1,2})[./](\d{1,2})[./](\d{4})(?:$|[^\d])`)
	})
	isoDate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?:$|[^\d])`) })
	// «30 сентября 2025», «2025 жылғы 30 қыркүйек…»: numbers and words
	dateWords = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\p{L}+|\d+`) })
)

// asOf is the date the figures refer to, from the title lines (or, when
// they have none, the notes): YYYY-MM-DD, "" when none is written.
func (f *finder) asOf(t *Table) string {
	var texts []string
	texts = append(texts, t.Title...)
	for _, r := range t.Rows {
		if r.Role == Note {
			texts = append(texts, rowText(f.g.Rows[r.Index]))
		}
	}
	for _, s := range texts {
		if d := f.date(s); d != "" {
			return d
		}
	}
	return ""
}

// date finds a date in a text: 30.09.2025, 2025-09-30, «30 сентября 2025
// года», «2025 жылғы 30 қыркүйектегі».
func (f *finder) date(s string) string {
	if len(s) > 2000 {
		s = s[:2000]
	}
	if m := dotDate().FindStringSubmatch(s); m != nil {
		return ymd(m[3], m[2], m[1])
	}
	if m := isoDate().FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	toks := dateWords().FindAllString(strings.ToLower(s), 200)
	month := func(w string) int {
		best, bestLen := 0, 0
		for _, list := range f.v.months {
			for i, p := range list {
				if len(p) == 1 && strings.HasPrefix(w, p[0]) && len(p[0]) > bestLen && len(w) >= 3 {
					best, bestLen = i+1, len(p[0])
				}
			}
		}
		return best
	}
	num := func(w string) (int, bool) {
		n, err := strconv.Atoi(w)
		return n, err == nil
	}
	for i, w := range toks {
		m := month(w)
		if m == 0 {
			continue
		}
		// day before the month: «30 сентября 2025», «2025 жылғы 30 қыркүйек»
		if i > 0 {
			if d, ok := num(toks[i-1]); ok && d >= 1 && d <= 31 {
				for _, j := range []int{i + 1, i + 2, i - 2, i - 3} {
					if j >= 0 && j < len(toks) {
						if y, ok := num(toks[j]); ok && y >= 1990 && y <= 2100 {
							return ymd(strconv.Itoa(y), strconv.Itoa(m), strconv.Itoa(d))
						}
					}
				}
			}
		}
	}
	return ""
}

func ymd(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if mi < 1 || mi > 12 || t.Day() != di || yi < 1990 || yi > 2100 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}
