package parks

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/parks-kz/parks/pkg/diag"
)

// CellError is why a cell could not be read. Rule is the validation rule id
// (type-error, constraint-error) so every decoder reports it the same way;
// ID names the message (problem.<ID> in pkg/i18n/messages.yaml, the one
// place it is worded) and Args fill it. Commands render it in the reader's
// language; Error is for programmers (logs, wrapped errors).
type CellError struct {
	Rule string
	ID   string
	Args []any
}

func (e *CellError) Error() string { return fmt.Sprintf("%s: problem.%s %q", e.Rule, e.ID, e.Args) }

func typeError(id string, args ...any) *CellError {
	return &CellError{Rule: "type-error", ID: id, Args: args}
}
func constraintError(id string, args ...any) *CellError {
	return &CellError{Rule: "constraint-error", ID: id, Args: args}
}

// Decimal says which character a file uses as its decimal separator, when the
// decoder has seen enough cells to know. It settles "1,234", which is 1.234
// in a Russian-locale file and 1234 in an English one.
type Decimal int

const (
	DecimalUnknown Decimal = iota
	DecimalPoint
	DecimalComma
)

// ParseContext carries what a decoder knows about a column beyond the cell:
// the file's decimal separator and a scale from the header ("млрд ₸").
type ParseContext struct {
	Decimal Decimal
	Scale   int64 // multiplier for money cells without a scale word; 0 means 1

	// Markers, when set, says which cells of a figure are the statistics
	// markers of a report (pkg/refdata/layout.yaml): MarkerZero («-», «–»,
	// «—»: the phenomenon is absent) reads as 0, MarkerNotReported («…»,
	// «н/д», «х») as not reported. Readers of report-shaped sheets set it.
	Markers func(cell string) MarkerKind
	// Words, when set, gives the canonical value of an enum cell written
	// as words of a report («малый промышленный парк», «салынуда»), ""
	// when the cell is none.
	Words func(cell string) string
	// Marked is set by ParseCell to the marker the cell it read was (0
	// when it was a figure), so that the reader can note it.
	Marked MarkerKind
	// TellGrouped, when set, makes ParseCell set Grouped when it read a
	// lone separator followed by three digits («10,134» in a file whose
	// decimals are written with a point, «1.234» in one written with a
	// comma) as grouping because Decimal said so, so that the reader can
	// note how it read it. Readers of report-shaped sheets set it (the
	// context is theirs alone: ParseCell writes to it).
	TellGrouped bool
	Grouped     bool
}

// MarkerKind is what a statistics marker says.
type MarkerKind int

const (
	NoMarker MarkerKind = iota
	MarkerZero
	MarkerNotReported
)

// marker reads a cell as a statistics marker, when the context knows
// markers; ok is false for any other cell.
func marker(s string, ctx *ParseContext) (MarkerKind, bool) {
	if ctx == nil || ctx.Markers == nil {
		return NoMarker, false
	}
	k := ctx.Markers(s)
	ctx.Marked = k
	return k, k != NoMarker
}

// numberSpec says what a column's numbers are: the integer unit they are
// stored in and whether scale words and currency marks are allowed.
type numberSpec struct {
	unitPerWhole int64 // stored units per written unit: 1 for tenge/counts, 10000 for m² per ha
	money        bool
	key          string // names its messages: number.negative.<key>…
}

var (
	countSpec = numberSpec{unitPerWhole: 1, key: "count"}
	moneySpec = numberSpec{unitPerWhole: 1, money: true, key: "money"}
	areaSpec  = numberSpec{unitPerWhole: 10000, key: "area"}
)

// scaleWords are the money scale words people write after a number, longest
// first so that "млрд" is not read as "млн"+"рд". Keys are lower case.
var scaleWords = []struct {
	word  string
	scale int64
}{
	{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
	{"миллиарда", 1e9}, {"миллиардов", 1e9}, {"миллиард", 1e9},
	{"миллиона", 1e6}, {"миллионов", 1e6}, {"миллион", 1e6},
	{"тысяч", 1e3}, {"тыс.", 1e3}, {"тыс", 1e3}, {"мың", 1e3},
	{"млрд.", 1e9}, {"млрд", 1e9}, {"mlrd", 1e9}, {"bln", 1e9}, {"bn", 1e9},
	{"млн.", 1e6}, {"млн", 1e6}, {"mln", 1e6},
}

// ScaleWord reports whether w (lower case, without surrounding spaces) is a
// money scale word and its multiplier. Header mapping uses it for headers
// such as "Жеке инвестиция, млрд ₸".
func ScaleWord(w string) (int64, bool) {
	for _, s := range scaleWords {
		if s.word == w || strings.TrimSuffix(s.word, ".") == w {
			return s.scale, true
		}
	}
	return 0, false
}

// CurrencyMark reports whether w (lower case) is a mark of tenge.
func CurrencyMark(w string) bool {
	for _, m := range currencyMarks {
		if m == w || strings.TrimSuffix(m, ".") == w {
			return true
		}
	}
	return false
}

// currencyMarks may follow (or, for ₸ and KZT, precede) an amount of tenge.
var currencyMarks = []string{"теңге", "тенге", "тг.", "тг", "kzt", "₸"}

// parseNumber reads a cell written the way people write numbers in
// Kazakhstan and returns it in the spec's integer unit. It never guesses:
// a form that has two readings is an error unless the column or the file
// settles it.
func parseNumber(cell string, spec numberSpec, ctx *ParseContext) (int64, error) {
	if v, ok := plainNumber(cell, spec, ctx); ok {
		return v, nil
	}
	s := strings.TrimSpace(cell)
	scale := int64(1)
	if spec.money {
		var hasScale bool
		s, scale, hasScale = stripMoneyWords(s)
		if !hasScale && ctx != nil && ctx.Scale > 1 {
			scale = ctx.Scale
		}
	}
	if s == "" {
		return 0, typeError("number.empty", quote(cell))
	}
	neg := false
	if s[0] == '-' || strings.HasPrefix(s, "−") {
		neg = true
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	} else if s[0] == '+' {
		s = s[1:]
	}
	intPart, frac, err := splitDecimal(s, spec, scale, ctx)
	if err != nil {
		return 0, err
	}
	v, err := exactValue(intPart, frac, scale*spec.unitPerWhole)
	if err != nil {
		switch err {
		case errOverflow:
			return 0, constraintError("number.too_large", quote(cell))
		default:
			if spec.money {
				return 0, typeError("number.fraction_of_tenge", quote(cell))
			}
			if spec.unitPerWhole == 1 {
				return 0, typeError("number.not_whole."+spec.key, quote(cell))
			}
			return 0, typeError("number.too_precise."+spec.key, quote(cell))
		}
	}
	if neg && v != 0 {
		return 0, constraintError("number.negative."+spec.key, quote(cell))
	}
	return v, nil
}

// plainNumber is the fast path of parseNumber for the form nearly every
// cell of a large file has: 1 to 18 ASCII digits and nothing else. It gives
// exactly what the general path gives for such a cell (no sign, no
// separator, no scale word, so only the column's unit and header scale
// apply) and declines anything else.
func plainNumber[T string | []byte](cell T, spec numberSpec, ctx *ParseContext) (int64, bool) {
	if len(cell) == 0 || len(cell) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return scaleDigits(v, spec, ctx)
}

// scaleDigits is plainNumber of a cell of digits worth v: the column's
// unit and header scale applied, false on overflow.
func scaleDigits(v int64, spec numberSpec, ctx *ParseContext) (int64, bool) {
	mult := spec.unitPerWhole
	if spec.money && ctx != nil && ctx.Scale > 1 {
		mult *= ctx.Scale
	}
	if mult == 1 {
		return v, true // 18 digits fit: no overflow, and no division per cell
	}
	if v > maxInt64/mult {
		return 0, false // the general path words the overflow
	}
	return v * mult, true
}

// quote quotes a cell in a message, shortened so that a hostile cell does
// not make a hostile message.
func quote(s string) string { return "\u201c" + diag.Shorten(s, diag.ShownRunes) + "\u201d" }

// stripMoneyWords removes currency marks and one scale word, in any order
// around the number ("10,4 млрд ₸", "₸ 5 000", "1 200 тыс. тг").
func stripMoneyWords(s string) (rest string, scale int64, hasScale bool) {
	scale = 1
	for changed := true; changed; {
		changed = false
		lower := strings.ToLower(s)
		for _, m := range currencyMarks {
			if strings.HasSuffix(lower, m) {
				s, lower, changed = strings.TrimSpace(s[:len(s)-len(m)]), strings.TrimSpace(lower[:len(lower)-len(m)]), true
			}
			if strings.HasPrefix(lower, m) && (m == "₸" || m == "kzt") {
				s, lower, changed = strings.TrimSpace(s[len(m):]), strings.TrimSpace(lower[len(m):]), true
			}
		}
		if hasScale {
			continue
		}
		for _, w := range scaleWords {
			if strings.HasSuffix(lower, w.word) {
				before := strings.TrimSpace(lower[:len(lower)-len(w.word)])
				// a scale word is a word of its own: "5bn" and "5 bn" are fine, "5abn" is not
				if before == "" || !unicode.IsDigit(lastRune(before)) && !strings.ContainsRune(" \u00a0\u202f", lastRune(lower[:len(lower)-len(w.word)])) {
					continue
				}
				s, scale, hasScale, changed = strings.TrimSpace(s[:len(s)-len(w.word)]), w.scale, true, true
				break
			}
		}
	}
	return s, scale, hasScale
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// isGroupSep reports the characters people group digits with.
func isGroupSep(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '\u2019'
}

// splitDecimal separates the digits before and after the decimal separator,
// removing grouping, and refuses anything that is not a number.
func splitDecimal(s string, spec numberSpec, scale int64, ctx *ParseContext) (intPart, frac string, err error) {
	bad := func() (string, string, error) {
		return "", "", typeError("number.invalid."+spec.key, quote(s))
	}
	var commas, points int
	lastComma, lastPoint := -1, -1
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9', isGroupSep(r):
		case r == ',':
			commas++
			lastComma = i
		case r == '.':
			points++
			lastPoint = i
		case r == 'e' || r == 'E':
			return "", "", typeError("number.scientific", quote(s))
		default:
			return bad()
		}
	}
	dec := -1 // byte index of the decimal separator
	var group byte
	switch {
	case commas > 0 && points > 0:
		if lastComma > lastPoint {
			dec, group = lastComma, '.'
			if commas > 1 {
				return bad()
			}
		} else {
			dec, group = lastPoint, ','
			if points > 1 {
				return bad()
			}
		}
	case points > 1:
		group = '.'
	case points == 1:
		dec = lastPoint
		// "1.234" in a file written with decimal commas: the point can only
		// be grouping there (the file's other cells never use it as decimal).
		if ctx != nil && ctx.Decimal == DecimalComma && len(s)-lastPoint-1 == 3 && allDigits(s[lastPoint+1:]) {
			dec, group = -1, '.'
			ctx.Grouped = ctx.TellGrouped
		}
	case commas > 1:
		group = ','
	case commas == 1:
		after := len(s) - lastComma - 1
		if after != 3 || !allDigits(s[lastComma+1:]) {
			dec = lastComma
			break
		}
		// "1,234": grouping or a decimal comma. A whole-number column, or
		// the separator the rest of the file uses, settles it.
		// The file's own separator comes first: in a file written with
		// decimal commas "1,234" is 1.234 even in a whole-number column
		// (where it is then refused as not whole, never read as 1234).
		wholeOnly := spec.unitPerWhole*scale < 1000
		switch {
		case ctx != nil && ctx.Decimal == DecimalComma:
			dec = lastComma
		case ctx != nil && ctx.Decimal == DecimalPoint:
			group = ','
			ctx.Grouped = ctx.TellGrouped
		case wholeOnly:
			group = ','
		default:
			return "", "", typeError("number.ambiguous", quote(s))
		}
	}
	intStr, fracStr := s, ""
	if dec >= 0 {
		intStr, fracStr = s[:dec], s[dec+1:]
	}
	intPart, ok := groupedDigits(intStr, group)
	if !ok || !allDigits(fracStr) || (intPart == "" && fracStr == "") {
		return bad()
	}
	return intPart, fracStr, nil
}

// groupedDigits removes grouping from an integer part, checking that the
// first group has one to three digits and every later group three
// ("6 040", "1,234,567"; not "60 40" nor "1234 567").
func groupedDigits(s string, group byte) (string, bool) {
	if allDigits(s) {
		return s, true // nothing to remove: the usual cell, without a copy
	}
	var b strings.Builder
	groupLen, grouped := 0, false
	var class rune // the kind of separator the number groups with: one kind only
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
			groupLen++
			continue
		}
		if isGroupSep(r) || (group != 0 && r == rune(group)) {
			if groupLen == 0 || groupLen > 3 || (grouped && groupLen != 3) {
				return "", false
			}
			if c := sepClass(r); class == 0 {
				class = c
			} else if c != class {
				return "", false // "1 234'567", "1.234 567": two ways of grouping
			}
			grouped, groupLen = true, 0
			continue
		}
		return "", false
	}
	if grouped && groupLen != 3 {
		return "", false
	}
	return b.String(), true
}

// sepClass puts the spaces (plain, no-break, narrow no-break) in one kind
// of grouping, apostrophes in another; a comma or point is its own.
func sepClass(r rune) rune {
	switch r {
	case ' ', '\u00a0', '\u202f':
		return ' '
	case '\'', '\u2019':
		return '\''
	}
	return r
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

type numErr string

func (e numErr) Error() string { return string(e) }

const (
	errOverflow numErr = "overflow"
	errFraction numErr = "fraction"
)

// exactValue computes (intPart.frac) × mult exactly, refusing a result that
// is not whole or does not fit in int64.
func exactValue(intPart, frac string, mult int64) (int64, error) {
	frac = strings.TrimRight(frac, "0")
	var v int64
	for i := 0; i < len(intPart); i++ {
		d := int64(intPart[i] - '0')
		if v > (maxInt64-d)/10 {
			return 0, errOverflow
		}
		v = v*10 + d
	}
	if v != 0 && v > maxInt64/mult {
		return 0, errOverflow
	}
	v *= mult
	if frac == "" {
		return v, nil
	}
	if len(frac) > 18 {
		return 0, errFraction
	}
	var f, pow int64 = 0, 1
	for i := 0; i < len(frac); i++ {
		f = f*10 + int64(frac[i]-'0')
		pow *= 10
	}
	// f/pow × mult must be whole: mult is a power of ten, so compare exponents
	if mult%pow != 0 {
		return 0, errFraction
	}
	add := f * (mult / pow)
	if v > maxInt64-add {
		return 0, errOverflow
	}
	return v + add, nil
}

const maxInt64 = 1<<63 - 1

// DecimalOf says which decimal separator a number cell shows beyond doubt:
// "8,5", "1 234,56" and "1.234,5" show a comma; "8.5", "1,234,567" and
// "1,234.5" a point. "1,234", "1.234", whole numbers and text show nothing.
// Decoders gather it over a column (and the file) to fill ParseContext.
func DecimalOf(cell string) Decimal {
	s, _, _ := stripMoneyWords(strings.TrimSpace(cell))
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−"), "+")
	var commas, points, digits int
	lastComma, lastPoint := -1, -1
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case isGroupSep(r):
		case r == ',':
			commas++
			lastComma = i
		case r == '.':
			points++
			lastPoint = i
		default:
			return DecimalUnknown
		}
	}
	if digits == 0 {
		return DecimalUnknown
	}
	threeAfter := func(at int) bool { return len(s)-at-1 == 3 && allDigits(s[at+1:]) }
	switch {
	case commas > 0 && points > 0:
		if lastComma > lastPoint {
			return DecimalComma
		}
		return DecimalPoint
	case commas > 1:
		return DecimalPoint
	case points > 1:
		return DecimalComma
	case commas == 1 && !threeAfter(lastComma):
		return DecimalComma
	case points == 1 && !threeAfter(lastPoint):
		return DecimalPoint
	}
	return DecimalUnknown
}

// DecimalVote gathers DecimalOf over many cells: the separator is known
// when the cells show one kind and never the other.
type DecimalVote struct{ Comma, Point int }

// Add counts one cell.
func (v *DecimalVote) Add(cell string) {
	switch DecimalOf(cell) {
	case DecimalComma:
		v.Comma++
	case DecimalPoint:
		v.Point++
	}
}

// Merge adds another vote's counts.
func (v *DecimalVote) Merge(o DecimalVote) { v.Comma, v.Point = v.Comma+o.Comma, v.Point+o.Point }

// Decimal is the separator the cells agree on, or DecimalUnknown when they
// show none or both.
func (v DecimalVote) Decimal() Decimal {
	switch {
	case v.Comma > 0 && v.Point == 0:
		return DecimalComma
	case v.Point > 0 && v.Comma == 0:
		return DecimalPoint
	}
	return DecimalUnknown
}

// String names the separator for messages ("decimal comma").
func (d Decimal) String() string {
	switch d {
	case DecimalComma:
		return "comma"
	case DecimalPoint:
		return "point"
	}
	return "unknown"
}
