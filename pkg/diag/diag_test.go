package diag

import (
	"fmt"
	"testing"
)

func TestLineCol(t *testing.T) {
	for _, tc := range []struct {
		pos       Pos
		line, col int
	}{
		{Pos{File: "a.csv", Line: 4, Col: 23}, 4, 23},
		{Pos{File: "a.csv"}, 0, 0},
		{Pos{File: "a.xlsx", Cell: "Sheet1!C12"}, 12, 3},
		{Pos{File: "a.xlsx", Cell: "Парки!AA7"}, 7, 27},
	} {
		line, col := tc.pos.LineCol()
		if line != tc.line || col != tc.col {
			t.Errorf("%v.LineCol() = %d, %d; want %d, %d", tc.pos, line, col, tc.line, tc.col)
		}
	}
}

func TestListBounds(t *testing.T) {
	l := List{MaxErrors: 2, Ignore: map[string]bool{"blank-row": true}}
	for i := range 3 {
		l.Add(Problem{Pos: Pos{File: "f", Line: i + 1}, Severity: Error, Rule: "type-error"})
		l.Add(Problem{Pos: Pos{File: "f", Line: i + 1}, Severity: Warning, Rule: "extra-label"})
		l.Add(Problem{Pos: Pos{File: "f", Line: i + 1}, Severity: Warning, Rule: "blank-row"})
	}
	errs, warns := l.Count()
	if errs != 2 || warns != 2 || !l.Stopped || !l.Full() || l.DroppedWarnings != 1 {
		t.Errorf("bounded list: %d errors, %d warnings, stopped %v, full %v, dropped %d; want 2, 2, true, true, 1",
			errs, warns, l.Stopped, l.Full(), l.DroppedWarnings)
	}
	for _, p := range l.Problems {
		if p.Rule == "blank-row" {
			t.Errorf("ignored rule kept: %v", p)
		}
	}
}

func TestStrict(t *testing.T) {
	l := List{Strict: true}
	l.Add(Problem{Pos: Pos{File: "f", Line: 1}, Severity: Warning, Rule: "extra-label"})
	if errs, warns := l.Count(); errs != 1 || warns != 0 {
		t.Errorf("strict: %d errors, %d warnings; want 1, 0", errs, warns)
	}
}

func TestSortByFileThenPosition(t *testing.T) {
	var l List
	for _, p := range []Pos{{File: "b", Line: 1, Col: 1}, {File: "a", Line: 10, Col: 1}, {File: "a", Line: 2, Col: 5}, {File: "a", Line: 2, Col: 3}, {File: "a"}} {
		l.Add(Problem{Pos: p, Severity: Error, Rule: "type-error"})
	}
	l.Sort()
	var got string
	for _, p := range l.Problems {
		got += fmt.Sprint(p.Pos) + " "
	}
	if want := "a a:2:3 a:2:5 a:10:1 b:1:1 "; got != want {
		t.Errorf("sorted: %q; want %q", got, want)
	}
}

// TestKeep: a list with Keep holds the first Keep problems of each
// severity in Sort's order, whatever the order they were added and
// compacted in, and counts every problem, by severity and by rule.
func TestKeep(t *testing.T) {
	var all List
	for i := range 50 {
		all.Add(Problem{Pos: Pos{File: "f", Line: 100 - i}, Severity: Warning, Rule: "unknown-sector", Value: fmt.Sprint("w", i)})
		if i%5 == 0 {
			all.Add(Problem{Pos: Pos{File: "f", Line: 100 - i, Col: 2}, Severity: Error, Rule: "type-error", Value: fmt.Sprint("e", i)})
		}
	}
	all.Sort()
	for _, keep := range []int{1, 3, 10} {
		l := List{Keep: keep}
		for i := range 50 {
			l.Add(Problem{Pos: Pos{File: "f", Line: 100 - i}, Severity: Warning, Rule: "unknown-sector", Value: fmt.Sprint("w", i)})
			if i%5 == 0 {
				l.Add(Problem{Pos: Pos{File: "f", Line: 100 - i, Col: 2}, Severity: Error, Rule: "type-error", Value: fmt.Sprint("e", i)})
			}
			l.Compact()
		}
		l.Sort()
		var want []Problem
		var n [2]int
		for _, p := range all.Problems {
			if n[p.Severity] < keep {
				n[p.Severity]++
				want = append(want, p)
			}
		}
		if fmt.Sprint(l.Problems) != fmt.Sprint(want) {
			t.Errorf("Keep %d: held %v, want %v", keep, l.Problems, want)
		}
		if e, w := l.Count(); e != 10 || w != 50 {
			t.Errorf("Keep %d: counted %d errors, %d warnings; want 10, 50", keep, e, w)
		}
		if e, w := l.Unkept(); e != 10-min(keep, 10) || w != 50-keep {
			t.Errorf("Keep %d: %d errors, %d warnings not held; want %d, %d", keep, e, w, 10-min(keep, 10), 50-keep)
		}
		if r := l.ByRule(); r["unknown-sector"] != 50 || r["type-error"] != 10 {
			t.Errorf("Keep %d: by rule %v", keep, r)
		}
	}
}

// TestPosAppend: Append writes String's text.
func TestPosAppend(t *testing.T) {
	for _, p := range []Pos{{}, {File: "a.csv"}, {File: "a.csv", Line: 4}, {File: "a.csv", Line: 4, Col: 23}, {File: "a.csv", Col: 5},
		{File: "b.xlsx", Cell: "Sheet1!C12", Line: 3}, {File: "д/ә.csv", Line: 1 << 40, Col: -1}} {
		if got := string(p.Append([]byte("x"))); got != "x"+p.String() {
			t.Errorf("%#v: Append %q; want %q", p, got, "x"+p.String())
		}
	}
}

// TestComparePos holds the order of positions field by field: the file
// name first, then line, column and cell (row before column), whichever
// fields differ after the first.
func TestComparePos(t *testing.T) {
	for _, tc := range []struct {
		a, b Pos
		want int
	}{
		{Pos{File: "a.csv", Line: 9, Col: 9}, Pos{File: "b.csv", Line: 1, Col: 1}, -1},
		{Pos{File: "b.csv", Line: 1}, Pos{File: "a.csv", Line: 9}, 1},
		{Pos{File: "a.csv", Line: 2, Col: 9}, Pos{File: "a.csv", Line: 10, Col: 1}, -1},
		{Pos{File: "a.csv", Line: 2, Col: 10}, Pos{File: "a.csv", Line: 2, Col: 9}, 1},
		{Pos{File: "a.xlsx", Cell: "S!B2"}, Pos{File: "a.xlsx", Cell: "S!A10"}, -1},
		{Pos{File: "a.xlsx", Cell: "S!AA2"}, Pos{File: "a.xlsx", Cell: "S!B2"}, 1},
		{Pos{File: "a.csv", Line: 3, Col: 4}, Pos{File: "a.csv", Line: 3, Col: 4}, 0},
	} {
		if got := ComparePos(tc.a, tc.b); got != tc.want {
			t.Errorf("ComparePos(%+v, %+v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := ComparePos(tc.b, tc.a); got != -tc.want {
			t.Errorf("ComparePos(%+v, %+v) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}
