package parks

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The field types below hold one cell each. Their Parse methods are the only
// place where a cell's text becomes a value, so CSV, YAML and spreadsheet
// decoders accept exactly the same forms. A blank cell is "not reported",
// which is different from zero.

// CellParser is implemented by every field type.
type CellParser interface {
	ParseCell(s string, ctx *ParseContext) error
}

// Count is a whole, non-negative number (buildings, jobs, projects).
type Count struct {
	V   int64
	Set bool
}

// Money is an amount in whole tenge.
type Money struct {
	V   int64
	Set bool
}

// Area is an area kept exactly in square metres and written in hectares.
type Area struct {
	M2  int64
	Set bool
}

func (c *Count) ParseCell(s string, ctx *ParseContext) error {
	*c = Count{}
	if isBlank(s) {
		return nil
	}
	if k, ok := marker(s, ctx); ok {
		*c = Count{Set: k == MarkerZero}
		return nil
	}
	v, err := parseNumber(s, countSpec, ctx)
	if err != nil {
		return err
	}
	*c = Count{V: v, Set: true}
	return nil
}

func (m *Money) ParseCell(s string, ctx *ParseContext) error {
	*m = Money{}
	if isBlank(s) {
		return nil
	}
	if k, ok := marker(s, ctx); ok {
		*m = Money{Set: k == MarkerZero}
		return nil
	}
	v, err := parseNumber(s, moneySpec, ctx)
	if err != nil {
		return err
	}
	*m = Money{V: v, Set: true}
	return nil
}

// maxAreaHa bounds an area: the largest industrial zones are a few thousand
// hectares, so anything above this is a typo (often square metres in ha).
const maxAreaHa = 100000

func (a *Area) ParseCell(s string, ctx *ParseContext) error {
	*a = Area{}
	if isBlank(s) {
		return nil
	}
	if _, ok := marker(s, ctx); ok {
		return nil // no area is 0 ha: «-» in an area is not reported either
	}
	v, err := parseNumber(s, areaSpec, ctx)
	if err != nil {
		return err
	}
	if v == 0 {
		return constraintError("area.zero", quote(s))
	}
	if v > maxAreaHa*10000 {
		return constraintError("area.too_large", quote(s))
	}
	*a = Area{M2: v, Set: true}
	return nil
}

// Ha returns the area in hectares.
func (a Area) Ha() float64 { return float64(a.M2) / 10000 }

// String writes the value the canonical way (blank when not reported).
func (c Count) String() string { return optInt(c.V, c.Set) }
func (m Money) String() string { return optInt(m.V, m.Set) }
func (a Area) String() string {
	if !a.Set {
		return ""
	}
	return FormatHa(a.M2)
}

// FormatHa writes square metres as hectares with no trailing zeros.
func FormatHa(m2 int64) string {
	s := strconv.FormatInt(m2/10000, 10)
	if r := m2 % 10000; r != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(10000+r, 10)[1:], "0")
	}
	return s
}

func optInt(v int64, set bool) string {
	if !set {
		return ""
	}
	return strconv.FormatInt(v, 10)
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Kind is park or site.
type Kind string

const (
	KindPark Kind = "park"
	KindSite Kind = "site"
)

// Kinds lists the allowed kinds in display order.
var Kinds = []Kind{KindPark, KindSite}

func (k *Kind) ParseCell(s string, ctx *ParseContext) error {
	v, err := parseEnum(s, "kind", kindNames)
	if err != nil && ctx != nil && ctx.Words != nil {
		if w := ctx.Words(s); w != "" {
			v, err = w, nil
		}
	}
	*k = Kind(v)
	return err
}

var kindNames = map[string]string{
	"park": "park", "site": "site",
	"парк": "park", "алаң": "site", "площадка": "site", "өндірістік алаң": "site", "производственная площадка": "site",
}

// Status is where a facility or project stands.
type Status string

const (
	StatusPlanned           Status = "planned"
	StatusUnderConstruction Status = "under_construction"
	StatusOperating         Status = "operating"
)

// Statuses lists the allowed statuses in lifecycle order.
var Statuses = []Status{StatusPlanned, StatusUnderConstruction, StatusOperating}

var statusNames = map[string]string{
	"planned": "planned", "under_construction": "under_construction", "under construction": "under_construction", "operating": "operating",
	"жоспарланған": "planned", "салынуда": "under_construction", "жұмыс істейді": "operating",
	"планируется": "planned", "строится": "under_construction", "действует": "operating",
}

func (st *Status) ParseCell(s string, ctx *ParseContext) error {
	v, err := parseEnum(s, "status", statusNames)
	if err != nil && ctx != nil && ctx.Words != nil {
		if w := ctx.Words(s); w != "" {
			v, err = w, nil
		}
	}
	*st = Status(v)
	return err
}

func parseEnum(s, what string, names map[string]string) (string, error) {
	if isBlank(s) {
		return "", nil
	}
	if v, ok := names[strings.ToLower(strings.TrimSpace(s))]; ok {
		return v, nil
	}
	var allowed []string
	seen := map[string]bool{}
	for _, v := range names {
		if !seen[v] {
			seen[v] = true
			allowed = append(allowed, v)
		}
	}
	sortStrings(allowed)
	return "", constraintError("enum."+what, quote(s), strings.Join(allowed, ", "))
}

// Date is a calendar date (YYYY-MM-DD).
type Date struct {
	T   time.Time
	Set bool
}

func (d *Date) ParseCell(s string, _ *ParseContext) error {
	*d = Date{}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			*d = Date{T: t, Set: true}
			return nil
		}
	}
	return typeError("date.invalid", quote(s))
}

func (d Date) String() string {
	if !d.Set {
		return ""
	}
	return d.T.Format("2006-01-02")
}

// ID identifies a record: no spaces, so it can be typed on a command line.
type ID string

func (id *ID) ParseCell(s string, _ *ParseContext) error {
	s = Unguard(strings.TrimSpace(s))
	*id = ID(s)
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return constraintError("id.spaces", quote(s))
	}
	return nil
}

// Unguard takes off the ' that CSV output puts before text a spreadsheet
// would run as a formula ('=…, '+…, '-…, '@…; docs/output.md), as Excel
// and Calc do when they read it, so what parks writes reads back as it
// was.
func Unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// Text is free text, trimmed.
type Text string

func (t *Text) ParseCell(s string, _ *ParseContext) error {
	*t = Text(Unguard(strings.TrimSpace(s)))
	return nil
}

// List is a list of words; in CSV the items are separated by '|'.
type List []string

func (l *List) ParseCell(s string, _ *ParseContext) error {
	*l = (*l)[:0] // nil stays nil; a decoder reusing a record reuses its array
	// SplitSeq, not Split: no slice of the parts for every row
	for item := range strings.SplitSeq(s, "|") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}

func (l List) String() string { return strings.Join(l, "|") }

// The gocsv library calls UnmarshalCSV/MarshalCSV; they delegate to the same
// parsing so the rules stay in one place.

func (c *Count) UnmarshalCSV(s string) error   { return c.ParseCell(s, nil) }
func (m *Money) UnmarshalCSV(s string) error   { return m.ParseCell(s, nil) }
func (a *Area) UnmarshalCSV(s string) error    { return a.ParseCell(s, nil) }
func (k *Kind) UnmarshalCSV(s string) error    { return k.ParseCell(s, nil) }
func (st *Status) UnmarshalCSV(s string) error { return st.ParseCell(s, nil) }
func (d *Date) UnmarshalCSV(s string) error    { return d.ParseCell(s, nil) }
func (id *ID) UnmarshalCSV(s string) error     { return id.ParseCell(s, nil) }
func (t *Text) UnmarshalCSV(s string) error    { return t.ParseCell(s, nil) }
func (l *List) UnmarshalCSV(s string) error    { return l.ParseCell(s, nil) }

func (c Count) MarshalCSV() (string, error) { return c.String(), nil }
func (m Money) MarshalCSV() (string, error) { return m.String(), nil }
func (a Area) MarshalCSV() (string, error)  { return a.String(), nil }
func (d Date) MarshalCSV() (string, error)  { return d.String(), nil }
func (l List) MarshalCSV() (string, error)  { return l.String(), nil }

// PlainParser is implemented by the field types whose cells a large file
// nearly always writes in one plain form (digits, a canonical enum value, an
// ISO date). ParsePlain reads that form straight from the file's bytes,
// without allocating, and reports false for any other cell, leaving the field
// to ParseCell, which reads every form and gives the same value for the plain
// ones (FuzzParsePlain checks that). Streaming loads use it on the hot path.
type PlainParser interface {
	ParsePlain(b []byte, ctx *ParseContext) bool
}

func (c *Count) ParsePlain(b []byte, ctx *ParseContext) bool {
	v, set, ok := plainWhole(b, countSpec, ctx)
	if ok {
		*c = Count{V: v, Set: set}
	}
	return ok
}

func (m *Money) ParsePlain(b []byte, ctx *ParseContext) bool {
	v, set, ok := plainWhole(b, moneySpec, ctx)
	if ok {
		*m = Money{V: v, Set: set}
	}
	return ok
}

// DigitsParser is implemented by the whole-number field types (Count,
// Money). ParseDigits reads a cell of 1 to 18 ASCII digits whose value is
// v exactly as ParsePlain reads it, for a caller that has read the digits
// already: a streaming load finds where a cell ends by passing them.
type DigitsParser interface {
	ParseDigits(v int64, ctx *ParseContext) bool
}

func (c *Count) ParseDigits(v int64, ctx *ParseContext) bool {
	v, ok := scaleDigits(v, countSpec, ctx)
	if ok {
		*c = Count{V: v, Set: true}
	}
	return ok
}

func (m *Money) ParseDigits(v int64, ctx *ParseContext) bool {
	v, ok := scaleDigits(v, moneySpec, ctx)
	if ok {
		*m = Money{V: v, Set: true}
	}
	return ok
}

// plainWhole is ParsePlain of a whole-number column: a blank cell is not
// reported, digits are the number.
func plainWhole(b []byte, spec numberSpec, ctx *ParseContext) (v int64, set, ok bool) {
	if len(b) == 0 {
		return 0, false, true
	}
	v, ok = plainNumber(b, spec, ctx)
	return v, ok, ok
}

// ParsePlain reads hectares written as digits with at most four decimals
// after a point ("176.7657", "12"), within the bounds ParseCell sets.
func (a *Area) ParsePlain(b []byte, ctx *ParseContext) bool {
	if len(b) == 0 {
		*a = Area{}
		return true
	}
	var whole, frac int64
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		whole = whole*10 + int64(b[i]-'0')
	}
	if i == 0 || i > 9 { // no digits before the point, or beyond any plausible area
		return false
	}
	unit := int64(10000) // m² per ha, then per written decimal
	if i < len(b) {
		decimals := len(b) - i - 1
		if b[i] != '.' || decimals < 1 || decimals > 4 || decimals == 3 && ctx != nil && ctx.Decimal == DecimalComma {
			return false // "1.234" groups thousands in a file of decimal commas
		}
		for _, c := range b[i+1:] {
			if c < '0' || c > '9' {
				return false
			}
			unit /= 10
			frac += int64(c-'0') * unit
		}
	}
	v := whole*10000 + frac
	if v == 0 || v > maxAreaHa*10000 {
		return false // ParseCell words why
	}
	*a = Area{M2: v, Set: true}
	return true
}

// ParsePlain reads a kind written as its canonical value.
func (k *Kind) ParsePlain(b []byte, _ *ParseContext) bool { return plainEnum(b, k, Kinds) }

// ParsePlain reads a status written as its canonical value.
func (st *Status) ParsePlain(b []byte, _ *ParseContext) bool { return plainEnum(b, st, Statuses) }

// plainEnum reads a blank cell or one of the canonical values as written.
func plainEnum[T ~string](b []byte, dst *T, canonical []T) bool {
	if len(b) == 0 {
		*dst = ""
		return true
	}
	for _, v := range canonical {
		if string(b) == string(v) {
			*dst = v
			return true
		}
	}
	return false
}

// ParsePlain reads a date written YYYY-MM-DD: the same value time.Parse
// gives, without its cost.
func (d *Date) ParsePlain(b []byte, _ *ParseContext) bool {
	if len(b) == 0 {
		*d = Date{}
		return true
	}
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return false
	}
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(b[:4])
	m, ok2 := num(b[5:7])
	day, ok3 := num(b[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || day < 1 || day > daysIn(time.Month(m), y) {
		return false
	}
	// time.Unix(…).UTC() is the value time.Date(y, m, day, 0, 0, 0, 0, UTC) is, at a fraction of its cost
	*d = Date{T: time.Unix(daysSinceEpoch(y, m, day)*86400, 0).UTC(), Set: true}
	return true
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400                     // [0, 399]
	doy := (153*((m+9)%12)+2)/5 + d - 1    // [0, 365], from March 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}

// daysIn is the length of a month of the Gregorian calendar (asking
// time.Date for it cost 1.5 % of reading a large file).
func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
