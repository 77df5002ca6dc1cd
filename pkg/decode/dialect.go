package decode

import (
	"bytes"
	"encoding/csv"
	"iter"
	"strconv"
	"sync"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// Input says how one file (or sheet) was read; `--verbose` prints it.
type Input struct {
	File      string
	Format    string // csv, yaml or xlsx
	Encoding  string // text files
	Delimiter rune   // CSV
	Decimal   parks.Decimal
	Kind      string // facility or project (CSV, XLSX sheet)
	Sheet     string // XLSX
	HeaderRow int    // XLSX: 1-based row of the header
}

// Delimiters are the CSV delimiters parks sniffs among, in the order that
// breaks ties.
var Delimiters = []rune{',', ';', '\t', '|'}

// ParseDelimiter reads a --delimiter value: one of , ; | or tab ("\t",
// "tab"); "" means sniff.
func ParseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case ",", ";", "|":
		return rune(s[0]), nil
	case "\t", `\t`, "tab", "TAB":
		return '\t', nil
	}
	return 0, diag.Errorf(nil, "usage.unknown_delimiter", strconv.Quote(s), ",", ";", "|", "tab")
}

// DelimiterName is how messages write a delimiter.
func DelimiterName(r rune) string {
	if r == '\t' {
		return "tab"
	}
	return "'" + string(r) + "'"
}

// sniffSample bounds how much of a file the delimiter is sniffed from.
const (
	sniffBytes   = 64 << 10
	sniffRecords = 21 // the header and 20 rows
)

// sniffDelimiter picks the delimiter among Delimiters that makes the most
// header cells known column names, then the most rows as wide as the
// header, then the widest header; quoted fields are respected, so a
// delimiter inside quotes (or in "8,5") does not count.
func sniffDelimiter(data []byte) rune {
	sample := data[:min(len(data), sniffBytes)]
	if d, ok := sniffHeader(sample); ok {
		return d
	}
	return sniffRows(sample, len(sample) < len(data))
}

// sniffRows is sniffDelimiter from the header and the rows of a sample.
func sniffRows(sample []byte, truncated bool) rune {
	best := ','
	bestKnown, bestSteady, bestWidth := -1, -1, -1
	var sp sniffSplitter
	for _, d := range Delimiters {
		header, widths := sp.split(sample, byte(d), sniffRecords)
		if truncated && len(widths) > 1 {
			widths = widths[:len(widths)-1] // may be cut short
		}
		if len(widths) == 0 {
			continue
		}
		known := 0
		for _, h := range header {
			if headerColumn(h) != "" {
				known++
			}
		}
		steady := 0
		for _, w := range widths[1:] {
			if w == len(header) {
				steady++
			}
		}
		width := len(header)
		if width < 2 {
			known, steady = 0, 0 // this delimiter does not split the header at all
		}
		if known > bestKnown || known == bestKnown && (steady > bestSteady || steady == bestSteady && width > bestWidth) {
			best, bestKnown, bestSteady, bestWidth = d, known, steady, width
		}
	}
	return best
}

// sniffHeader is sniffDelimiter's answer when the header alone gives it:
// when one delimiter makes more of its cells known column names than any
// other, the rows are not looked at (the known cells decide first). Only
// for a first line without quotes that is not blank, which every
// delimiter then splits into the same header record as splitRecords does.
// The last line's answer is kept: a directory of small files has one
// header many times.
func sniffHeader(sample []byte) (rune, bool) {
	end := bytes.IndexByte(sample, '\n')
	if end < 0 {
		return 0, false
	}
	line := bytes.TrimSuffix(sample[:end], []byte{'\r'})
	if len(line) == 0 || bytes.IndexByte(line, '"') >= 0 {
		return 0, false
	}
	lastSniff.Lock()
	defer lastSniff.Unlock()
	if lastSniff.line != nil && bytes.Equal(line, lastSniff.line) {
		return lastSniff.comma, lastSniff.ok
	}
	best, bestKnown, second := rune(0), -1, -1
	for _, d := range Delimiters {
		known, width := 0, 0
		for field := range bytes.SplitSeq(line, []byte{byte(d)}) {
			width++
			if headerColumn(string(field)) != "" {
				known++
			}
		}
		if width < 2 {
			known = 0
		}
		switch {
		case known > bestKnown:
			best, bestKnown, second = d, known, bestKnown
		case known > second:
			second = known
		}
	}
	lastSniff.line = append(lastSniff.line[:0], line...)
	lastSniff.comma, lastSniff.ok = best, bestKnown > second
	return lastSniff.comma, lastSniff.ok
}

// lastSniff is the last header line sniffHeader looked at, and its answer.
var lastSniff struct {
	sync.Mutex
	line  []byte
	comma rune
	ok    bool
}

// sniffSplitter splits CSV text into records as splitRecords does (the
// test's reference), but makes strings only of the first record's fields:
// of the others the sniffer needs how many fields each has. Sniffing
// a small file's delimiter made a string of every field for each of four
// delimiters.
type sniffSplitter struct {
	field  []byte
	header []string
	widths []int
}

// split returns the first record's fields and the number of fields of each
// of at most max records (the first's included), blank lines skipped.
func (sp *sniffSplitter) split(data []byte, comma byte, max int) (header []string, widths []int) {
	sp.header, sp.widths = sp.header[:0], sp.widths[:0]
	field := sp.field[:0]
	fields, firstEmpty := 0, false // the current record's fields, whether its first is ""
	inQuotes, quoted := false, false
	endField := func() {
		if len(sp.widths) == 0 {
			sp.header = append(sp.header, string(field))
		}
		if fields == 0 {
			firstEmpty = len(field) == 0
		}
		fields++
		field, quoted = field[:0], false
	}
	endRecord := func() {
		endField()
		if fields > 1 || !firstEmpty {
			sp.widths = append(sp.widths, fields)
		} else if len(sp.widths) == 0 {
			sp.header = sp.header[:0]
		}
		fields = 0
	}
	for i := 0; i < len(data) && len(sp.widths) < max; i++ {
		c := data[i]
		switch {
		case inQuotes:
			if c == '"' {
				if i+1 < len(data) && data[i+1] == '"' {
					field = append(field, '"')
					i++
				} else {
					inQuotes = false
				}
			} else {
				field = append(field, c)
			}
		case c == '"' && len(field) == 0 && !quoted:
			inQuotes, quoted = true, true
		case c == comma:
			endField()
		case c == '\n':
			if n := len(field); n > 0 && field[n-1] == '\r' {
				field = field[:n-1]
			}
			endRecord()
		default:
			field = append(field, c)
		}
	}
	if len(sp.widths) < max && (len(field) > 0 || fields > 0) {
		endRecord()
	}
	sp.field = field
	return sp.header, sp.widths
}

// columnContexts fills each header column's ParseContext: the money scale
// its header gives, and the decimal separator its numeric cells show
// (falling back to what the whole file shows). It also returns the file's
// separator. rows yields the data records; nil means no cell needs it.
func columnContexts(cols []int, scales []int64, s *parks.Schema, rows iter.Seq[[]string]) ([]parks.ParseContext, parks.Decimal) {
	ctx := make([]parks.ParseContext, len(cols))
	votes := make([]parks.DecimalVote, len(cols))
	numeric := make([]bool, len(cols))
	for i, c := range cols {
		if c >= 0 {
			col := s.Columns[c]
			numeric[i] = col.Type == "integer" || col.Type == "number"
			if col.Unit == "KZT" {
				ctx[i].Scale = scales[i]
			}
		}
	}
	if rows != nil {
		for rec := range rows {
			for i, cell := range rec {
				if i < len(numeric) && numeric[i] {
					votes[i].Add(cell)
				}
			}
		}
	}
	var file parks.DecimalVote
	for _, v := range votes {
		file.Merge(v)
	}
	fileDec := file.Decimal()
	for i := range ctx {
		if ctx[i].Decimal = votes[i].Decimal(); ctx[i].Decimal == parks.DecimalUnknown {
			ctx[i].Decimal = fileDec
		}
	}
	return ctx, fileDec
}

// csvRecords yields the data records of a CSV file after its header; it
// stops at the first syntax error, which the decoding pass reports.
func csvRecords(data []byte, comma rune) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma, r.FieldsPerRecord, r.ReuseRecord = comma, -1, true
		if _, err := r.Read(); err != nil {
			return
		}
		for {
			rec, err := r.Read()
			if err != nil || !yield(rec) {
				return
			}
		}
	}
}

// mayBeAmbiguous reports whether the text holds a digit, a comma or point
// and three digits not followed by another digit: the only forms ("1,234",
// "1.234") whose reading depends on the file's decimal separator. Without
// one, the separator need not be worked out, and CSV is read in one pass.
func mayBeAmbiguous(data []byte) bool {
	return hasGroupOfThree(data, ',') || hasGroupOfThree(data, '.')
}

func hasGroupOfThree(data []byte, sep byte) bool {
	for off := 0; ; {
		j := bytes.IndexByte(data[off:], sep)
		if j < 0 {
			return false
		}
		i := off + j
		if i > 0 && i+3 < len(data) && isDigit(data[i-1]) && isDigit(data[i+1]) && isDigit(data[i+2]) && isDigit(data[i+3]) &&
			(i+4 == len(data) || !isDigit(data[i+4])) {
			return true
		}
		off = i + 1
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
