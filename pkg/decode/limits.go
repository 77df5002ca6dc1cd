package decode

import (
	"bytes"

	"github.com/parks-kz/parks/pkg/diag"
)

// Limits that keep a hostile file cheap: each is far beyond any real
// facility list, and each is reported as a limit-error where it is hit.
const (
	// MaxCellBytes bounds one cell; a longer one is reported, not parsed.
	MaxCellBytes = 1 << 20
	// MaxColumns bounds the header; a wider file is not read.
	MaxColumns = 10000
	// MaxYAMLNodes bounds the nodes of a YAML document (estimated before
	// parsing, as the parser's memory grows with them); a larger one is
	// not read. YAML is for hand-kept datasets; large data goes in CSV.
	MaxYAMLNodes = 1000000
)

// tooManyColumns reports a header wider than MaxColumns.
func tooManyColumns(file string, n int, line int, env *Env) bool {
	if n <= MaxColumns {
		return false
	}
	env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: max(line, 1), Col: 1}, Severity: diag.Error, Rule: "limit-error"},
		"limit.columns", n, MaxColumns))
	return true
}

// firstLineFields is the number of fields the first line would have if no
// delimiter were quoted: at least the number of columns of a header on it.
func firstLineFields(data []byte, comma rune) int {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	return bytes.Count(line, []byte(string(comma))) + 1
}

// longCell is the index of the first cell longer than MaxCellBytes, -1
// when there is none.
func longCell(cells []string) int {
	for i, c := range cells {
		if len(c) > MaxCellBytes {
			return i
		}
	}
	return -1
}

// headerTooLong reports a header cell longer than MaxCellBytes: no column
// is named like that, and matching it against every column name would
// cost seconds and gigabytes. The header is not read.
func headerTooLong(pos diag.Pos, n int, env *Env) {
	env.Problems.Add(msg(diag.Problem{Pos: pos, Severity: diag.Error, Rule: "limit-error"}, "limit.header_cell", n, MaxCellBytes))
}

// tooLong reports a cell longer than MaxCellBytes; it is not parsed.
func (r *rowState) tooLong(column, value string, pos diag.Pos) bool {
	if len(value) <= MaxCellBytes {
		return false
	}
	r.problem(msg(diag.Problem{Pos: pos, Severity: diag.Error, Rule: "limit-error", Field: column, Value: value},
		"limit.cell", column, len(value), MaxCellBytes))
	return true
}

// yamlTooLarge reports a YAML text that may hold more than MaxYAMLNodes
// nodes. The estimate counts the characters that can end or open a node
// (line breaks, ':', '-', ',', brackets, '?'), so it never counts fewer
// nodes than the parser would build.
func yamlTooLarge(file string, data []byte, env *Env) bool {
	n := 1
	for _, c := range []byte("\n\r:-,[]{}?") {
		n += bytes.Count(data, []byte{c})
		if n > MaxYAMLNodes {
			env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error, Rule: "limit-error"},
				"limit.yaml_nodes", MaxYAMLNodes))
			return true
		}
	}
	return false
}

// blankRows reports the blank lines from line first up to (not including)
// line next as one warning: a run of a million empty lines is one problem.
func blankRows(file string, first, next int, env *Env) {
	if p, ok := BlankLines(file, first, next); ok {
		env.Problems.Add(p)
	}
}

// BlankLines is the warning about the blank lines from line first up to
// (not including) line next, as the row code words it; false when there
// are none. The streamer's fast path words it with these words too.
func BlankLines(file string, first, next int) (diag.Problem, bool) {
	switch {
	case next <= first:
		return diag.Problem{}, false
	case next == first+1:
		return msg(diag.Problem{Pos: diag.Pos{File: file, Line: first, Col: 1}, Severity: diag.Warning, Rule: "blank-row"}, "csv.blank_line"), true
	default:
		// the count is a number (grouped); the line numbers are positions (not grouped)
		return msg(diag.Problem{Pos: diag.Pos{File: file, Line: first, Col: 1}, Severity: diag.Warning, Rule: "blank-row"},
			"csv.blank_lines", next-first, itoa(first), itoa(next-1)), true
	}
}
