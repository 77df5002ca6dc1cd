// Package diag describes problems found in input data: where they are, how
// bad they are and which rule found them. Decoders, domain checks, validate
// and every other command share it, so a problem reads the same everywhere.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Severity of a problem: errors make data invalid, warnings do not. Info
// notes say how something was read (a statistics marker, a subtotal row, a
// derived id): `parks validate` lists them, the other commands do not, and
// they are never counted as warnings (nor made errors by --strict).
type Severity int

const (
	Warning Severity = iota
	Error
	Info Severity = -1
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Info:
		return "info"
	}
	return "warning"
}

// Pos is a place in an input file. Line and Col are 1-based; Col counts
// characters (not bytes) so that editors land on the right cell in Cyrillic
// text. Cell is set for spreadsheets ("Sheet!C12") and replaces line:col.
type Pos struct {
	File string
	Line int
	Col  int
	Cell string
}

func (p Pos) String() string {
	switch {
	case p.Cell != "":
		return p.File + ":" + p.Cell
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Append appends String's text to b, without making a string: validate
// writes a position per row of a file.
func (p Pos) Append(b []byte) []byte {
	b = append(b, p.File...)
	switch {
	case p.Cell != "":
		return append(append(b, ':'), p.Cell...)
	case p.Line == 0:
		return b
	}
	b = AppendInt(append(b, ':'), p.Line)
	if p.Col == 0 {
		return b
	}
	return AppendInt(append(b, ':'), p.Col)
}

// Problem is one finding about the data. It holds no text: ID names its
// message in pkg/i18n/messages.yaml (problem.<ID>, the one place it is
// worded) and Args fill its {0}, {1}…; commands render it once, at the
// edge, in the output language (i18n.Problem, i18n.ProblemMessage).
type Problem struct {
	Pos      Pos
	Severity Severity
	Rule     string // Frictionless-style id: type-error, unique-error, ...
	Field    string // canonical column name, when the problem is in a cell
	Value    string // the offending cell as written
	RowID    string // id of the record, when known
	ID       string
	Args     []any
}

// Text is a message by id with its arguments, translated when printed: an
// argument of a problem that is itself words (a nested message), as
// opposed to data such as a cell as written.
type Text struct {
	ID   string
	Args []any
}

// Names is a message argument that is a name with a form in each
// language (a district of the gazetteer), printed in the reader's.
type Names struct{ KK, RU, EN string }

// Alternatives is a message argument listing choices ("did you mean A or
// B?", "use A, B or C"), the last joined with the reader's word for "or".
type Alternatives []string

// String is the problem for programmers (tests, logs): its message id and
// arguments in place of the text, which only i18n words.
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: problem.%s %q [%s]", p.Pos, p.Severity, p.ID, p.Args, p.Rule)
}

// List collects problems in the order they were found.
type List struct {
	Problems []Problem

	// MaxErrors, when above 0, bounds the list: once it holds that many
	// errors, Add drops further errors and sets Stopped, and decoders stop
	// reading (see Full; the loader sets Stopped then too). Warnings are bounded by the same number; the
	// ones dropped are counted in DroppedWarnings.
	MaxErrors       int
	Stopped         bool
	DroppedWarnings int
	DroppedInfos    int
	errs, warns     int
	infos           int
	// Keep, when above 0, bounds what the list holds without stopping
	// reading: Compact and Sort keep the first Keep errors and the first
	// Keep warnings in Sort's order and only count the others (Count and
	// ByRule still count them). A command that prints a few problems and
	// a count sets it; a file with a warning on every row then costs no
	// memory per row.
	Keep int
	// unkept counts the problems Keep left out, by severity; added counts
	// every problem added (not ignored, not dropped by MaxErrors); byRule
	// counts them by rule.
	unkept, added [3]int // by severity: see at
	// flushed counts the problems Flush handed on, by severity
	flushed [3]int
	byRule  map[string]*int
	// lastRule is the rule counted last, and last its count: a file with
	// the same problem on every row looks its rule up once
	lastRule string
	last     *int

	// Ignore drops the problems of these rules; Strict makes every
	// warning an error (parks validate --ignore, --strict).
	Ignore map[string]bool
	Strict bool
}

// Add records a problem, unless its rule is ignored or the list is bounded
// and full.
func (l *List) Add(p Problem) {
	if !l.AsAdded(&p) {
		return
	}
	if p.Severity == Info {
		if l.MaxErrors > 0 && l.infos >= l.MaxErrors {
			l.DroppedInfos++
			return
		}
		l.infos++
	} else if p.Severity == Error {
		if l.MaxErrors > 0 && l.errs >= l.MaxErrors {
			l.Stopped = true
			return
		}
		l.errs++
	} else {
		if l.MaxErrors > 0 && l.warns >= l.MaxErrors {
			l.DropWarning(p.Rule)
			return
		}
		l.warns++
	}
	l.added[at(p.Severity)]++
	l.countRule(p.Rule, 1)
	l.Problems = append(l.Problems, p)
}

// AsAdded makes p what Add would hold (--strict, bounded texts), or
// returns false when Add drops it for its rule (--ignore). It counts
// nothing and only reads the list's settings, so that a streaming load
// may word a problem on another goroutine the way the list will hold it;
// Add does the same again, to the same problem.
func (l *List) AsAdded(p *Problem) bool {
	if l.Ignore[p.Rule] {
		return false
	}
	if l.Strict && p.Severity != Info {
		p.Severity = Error
	}
	bound(p)
	return true
}

// AddFlushed counts problems as Add and then Flush would count them,
// without the list holding them: a streaming load hands a sorted run of
// problems, each as AsAdded made it (none ignored), straight on. Only for
// a list that holds nothing and bounds nothing (MaxErrors, Keep); false,
// counting nothing, for any other.
func (l *List) AddFlushed(ps []Problem) bool {
	if len(l.Problems) > 0 || l.MaxErrors > 0 || l.Keep > 0 {
		return false
	}
	for i := range ps {
		p := &ps[i]
		switch p.Severity {
		case Info:
			l.infos++
		case Error:
			l.errs++
		default:
			l.warns++
		}
		l.added[at(p.Severity)]++
		l.flushed[at(p.Severity)]++
		l.countRule(p.Rule, 1)
	}
	return true
}

// AddUnkept counts n problems of rule, of severity sev after --strict and
// not ignored, that Keep would leave out of the list (a streaming loader
// that knows it: see Keep), as Add followed by Compact would count them.
func (l *List) AddUnkept(rule string, sev Severity, n int) {
	switch sev {
	case Info:
		l.infos += n
	case Error:
		l.errs += n
	default:
		l.warns += n
	}
	l.added[at(sev)] += n
	l.unkept[at(sev)] += n
	l.countRule(rule, n)
}

// DropWarning counts a warning of rule that a bounded list (MaxErrors)
// cannot hold, as Add does.
func (l *List) DropWarning(rule string) {
	l.DroppedWarnings++
	l.countRule(rule, 1)
}

// Full reports whether a bounded list holds its maximum of errors, so that
// reading further would only find problems nobody sees.
func (l *List) Full() bool { return l.MaxErrors > 0 && l.errs >= l.MaxErrors }

// Count returns the number of errors and warnings, those Keep left out
// included (not those MaxErrors dropped: see Stopped, DroppedWarnings;
// info notes are not counted: see Infos).
func (l *List) Count() (errs, warns int) {
	for _, p := range l.Problems {
		switch p.Severity {
		case Error:
			errs++
		case Warning:
			warns++
		}
	}
	return errs + l.unkept[at(Error)] + l.flushed[at(Error)], warns + l.unkept[at(Warning)] + l.flushed[at(Warning)]
}

// Unkept returns the number of errors and warnings that Keep left out of
// Problems.
func (l *List) Unkept() (errs, warns int) { return l.unkept[at(Error)], l.unkept[at(Warning)] }

// Added returns the number of errors and warnings added so far, whether
// or not the list holds them (a count that only grows).
func (l *List) Added() (errs, warns int) { return l.added[at(Error)], l.added[at(Warning)] }

// at is the index of a severity in the counts by severity.
func at(s Severity) int { return int(s - Info) }

// ByRule returns how many problems of each rule were found, those the
// list does not hold included (Keep, and warnings past MaxErrors).
func (l *List) ByRule() map[string]int {
	if l.byRule == nil {
		return nil
	}
	m := make(map[string]int, len(l.byRule))
	for rule, n := range l.byRule {
		m[rule] = *n
	}
	return m
}

// countRule counts n problems of a rule.
func (l *List) countRule(rule string, n int) {
	if l.last == nil || rule != l.lastRule {
		if l.byRule == nil {
			l.byRule = map[string]*int{}
		}
		c := l.byRule[rule]
		if c == nil {
			c = new(int)
			l.byRule[rule] = c
		}
		l.lastRule, l.last = rule, c
	}
	*l.last += n
}

// Compact applies Keep when the list holds more than twice that many
// problems of a severity: it sorts the list and keeps the first Keep of
// each. Adding and compacting in turn keeps, whatever the order problems
// were found in, the same problems as Sort at the end.
func (l *List) Compact() {
	if l.Keep <= 0 {
		return
	}
	var n [3]int
	for _, p := range l.Problems {
		n[at(p.Severity)]++
	}
	if slices.Max(n[:]) > 2*l.Keep {
		l.Sort()
	}
}

// trim keeps the first Keep problems of each severity of a sorted list.
func (l *List) trim() {
	if l.Keep <= 0 {
		return
	}
	var n [3]int
	kept := l.Problems[:0]
	for _, p := range l.Problems {
		if n[at(p.Severity)] >= l.Keep {
			l.unkept[at(p.Severity)]++
			continue
		}
		n[at(p.Severity)]++
		kept = append(kept, p)
	}
	clear(l.Problems[len(kept):]) // let the dropped texts go
	l.Problems = kept
}

// Infos returns the number of info notes, with those a bounded list left
// out.
func (l *List) Infos() int {
	n := l.DroppedInfos + l.unkept[at(Info)] + l.flushed[at(Info)]
	for _, p := range l.Problems {
		if p.Severity == Info {
			n++
		}
	}
	return n
}

// HasErrors reports whether any problem is an error.
func (l *List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Sort orders problems by file, then position (ComparePos), keeping the
// order of discovery for ties so output is stable; with Keep, it then
// keeps the first Keep of each severity.
func (l *List) Sort() {
	SortProblems(l.Problems)
	l.trim()
}

// SortProblems sorts problems by position (ComparePos), stably; problems
// in order already (a streaming load's, a run at a time) cost one look.
func SortProblems(ps []Problem) {
	for i := 1; i < len(ps); i++ { // slices.IsSortedFunc, without copying each problem twice
		if ComparePos(ps[i].Pos, ps[i-1].Pos) < 0 {
			slices.SortStableFunc(ps, func(a, b Problem) int { return ComparePos(a.Pos, b.Pos) })
			return
		}
	}
}

// ComparePos is the order of problems: by file name, then line, column
// and spreadsheet cell. It stops at the first field that differs (cmp.Or
// would compare every one): a chunk's problems mostly share their file.
func ComparePos(a, b Pos) int {
	switch {
	case a.File != b.File:
		return strings.Compare(a.File, b.File)
	case a.Line != b.Line:
		return cmp.Compare(a.Line, b.Line)
	case a.Col != b.Col:
		return cmp.Compare(a.Col, b.Col)
	}
	return compareCell(a.Cell, b.Cell)
}

// Flush sorts the problems the list holds (Sort), hands them to to and
// lets them go: a streaming load gives its problems on this way, a run at
// a time, instead of holding them. Count, Infos and ByRule still count
// them. The list's own Problems are reused: to must not keep the slice.
func (l *List) Flush(to func([]Problem) error) error {
	if len(l.Problems) == 0 {
		return nil
	}
	l.Sort()
	for _, p := range l.Problems {
		l.flushed[at(p.Severity)]++
	}
	err := to(l.Problems)
	clear(l.Problems)
	l.Problems = l.Problems[:0]
	return err
}

// compareCell orders spreadsheet references Sheet!C12 by row, then column.
func compareCell(a, b string) int {
	if a == b {
		return 0
	}
	sa, ra, ca := splitCell(a)
	sb, rb, cb := splitCell(b)
	return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(ra, rb), cmp.Compare(len(ca), len(cb)), cmp.Compare(ca, cb))
}

func splitCell(ref string) (sheet string, row int, col string) {
	i := len(ref) - 1
	for i >= 0 && ref[i] >= '0' && ref[i] <= '9' {
		i--
	}
	for _, c := range ref[i+1:] {
		row = row*10 + int(c-'0')
	}
	j := i
	for j >= 0 && ref[j] >= 'A' && ref[j] <= 'Z' {
		j--
	}
	col = ref[j+1 : i+1]
	if j > 0 {
		sheet = ref[:j]
	}
	return
}
