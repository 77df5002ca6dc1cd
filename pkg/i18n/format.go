// Package i18n holds everything that changes with the reader's language:
// messages, labels, the way numbers are written and the order names sort
// in. Machine formats (JSON, YAML, CSV) never go through it.
package i18n

import (
	"math"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Lang is a supported output language.
type Lang string

const (
	EN Lang = "en"
	KK Lang = "kk"
	RU Lang = "ru"
)

// Langs lists the supported languages.
var Langs = []Lang{KK, RU, EN}

// Tag is the language's BCP 47 tag, which selects its CLDR data in x/text.
func (l Lang) Tag() language.Tag { return language.Make(string(l)) }

// Collator sorts names the way the language's alphabet orders them (CLDR
// tailoring: in Kazakh Ә after А, Ғ after Г, Қ after К, Ң after Н, Ө after
// О, Ұ then Ү after У, І after Ы). A collator is not safe for concurrent use:
// make one per sort.
func Collator(l Lang) *collate.Collator { return collate.New(l.Tag()) }

// MoneyUnit is the scale money is shown in by human formats.
type MoneyUnit string

const (
	UnitAuto     MoneyUnit = "auto"
	UnitKZT      MoneyUnit = "kzt"
	UnitThousand MoneyUnit = "thousand"
	UnitMln      MoneyUnit = "mln"
	UnitBn       MoneyUnit = "bn"
)

// MoneyUnits lists the accepted --unit values.
var MoneyUnits = []MoneyUnit{UnitAuto, UnitKZT, UnitThousand, UnitMln, UnitBn}

func (u MoneyUnit) divisor() int64 {
	switch u {
	case UnitThousand:
		return 1e3
	case UnitMln:
		return 1e6
	case UnitBn:
		return 1e9
	}
	return 1
}

// maxIntDigits is the widest integer part auto allows: beyond six digits
// ("119 780 000,0") a column is no longer read at a glance.
const maxIntDigits = 6

// AutoUnit picks the unit a table of amounts is easiest to read in: the
// largest unit in which every non-zero amount is at least one whole unit,
// so that no amount collapses to "0.0" or loses its second significant
// digit (a budget of 120 mln ₸ reads 120.0 mln, not 0.1 bn); but never a
// unit so small that the largest amount needs more than six integer digits
// (a single small amount does not turn a column of billions into
// thousands). Thousands are only used from 10 000 ₸ up; smaller amounts are
// shown in whole tenge.
func AutoUnit(amounts []int64) MoneyUnit {
	var biggest, smallest int64 = 0, math.MaxInt64
	for _, a := range amounts {
		if a == math.MinInt64 {
			a = math.MaxInt64
		}
		a = max(a, -a)
		if a == 0 {
			continue
		}
		biggest, smallest = max(biggest, a), min(smallest, a)
	}
	if biggest == 0 {
		return UnitKZT
	}
	// From the largest unit down: the first unit every amount reaches.
	pref := UnitKZT
	switch {
	case smallest >= 1e9:
		pref = UnitBn
	case smallest >= 1e6:
		pref = UnitMln
	case smallest >= 1e4:
		pref = UnitThousand
	}
	// The smallest unit that keeps the biggest amount within six digits.
	floor := UnitBn
	for _, u := range []MoneyUnit{UnitKZT, UnitThousand, UnitMln} {
		if biggest/u.divisor() < 1e6 {
			floor = u
			break
		}
	}
	if floor.divisor() > pref.divisor() {
		return floor
	}
	return pref
}

// Null is how a value that cannot be computed is shown in tables.
const Null = "—"

// Formatter writes numbers the way a language writes them, with CLDR's
// symbols and grouping from golang.org/x/text: kk and ru group with a
// no-break space and use a decimal comma (6 040, 8,5), en writes 6,040 and
// 8.5. Rounding is half away from zero, as people round by hand.
type Formatter struct {
	Lang Lang
}

// locale is what x/text knows about one language.
type locale struct {
	p       *message.Printer
	decimal string // CLDR decimal separator
	minus   string // CLDR minus sign
}

var locales = func() map[Lang]*locale {
	m := map[Lang]*locale{}
	for _, l := range Langs {
		p := message.NewPrinter(l.Tag())
		m[l] = &locale{
			p:       p,
			decimal: strings.Trim(p.Sprint(number.Decimal(1.5, number.Scale(1))), "15"),
			minus:   strings.TrimSuffix(p.Sprint(number.Decimal(-1)), "1"),
		}
	}
	return m
}()

func (f Formatter) locale() *locale {
	if l, ok := locales[f.Lang]; ok {
		return l
	}
	return locales[EN]
}

// Int writes a whole number with grouping.
func (f Formatter) Int(v int64) string { return f.locale().p.Sprint(number.Decimal(v)) }

// Decimal writes a number with a fixed number of decimals.
func (f Formatter) Decimal(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Null
	}
	return f.locale().p.Sprint(number.Decimal(roundHalfAway(v, decimals), number.Scale(decimals)))
}

// Money writes whole tenge in a unit: whole tenge as they are, larger units
// with one decimal, rounded exactly in integers (no float error on money).
func (f Formatter) Money(v int64, unit MoneyUnit) string {
	div := unit.divisor()
	if div == 1 {
		return f.Int(v)
	}
	step := div / 10
	tenths := v/div*10 + v%div/step
	if rem := v % step; rem >= step-rem && rem > 0 {
		tenths++
	} else if rem < 0 && -rem >= step+rem {
		tenths--
	}
	l := f.locale()
	intPart, frac := tenths/10, tenths%10
	s := f.Int(max(intPart, -intPart)) + l.decimal + string(rune('0'+max(frac, -frac)))
	if tenths < 0 {
		s = l.minus + s
	}
	return s
}

// UnitLabel is how a money unit is written: ₸, мың ₸ / тыс. ₸ / thousand ₸…
// (x/text has no compact forms, so the scale words are messages).
func (f Formatter) UnitLabel(unit MoneyUnit) string {
	if unit == UnitAuto {
		unit = UnitKZT
	}
	return T(f.Lang, "unit."+string(unit))
}

// Value writes a metric value; money in the given unit.
func (f Formatter) Value(v parks.Value, unit MoneyUnit) string {
	if v.Null {
		return Null
	}
	switch v.Unit {
	case parks.UnitMoney:
		if unit == UnitAuto {
			unit = UnitKZT
		}
		return f.Money(v.Int, unit)
	case parks.UnitArea:
		return f.Decimal(v.Float, decimalsFor(v.Float))
	case parks.UnitRatio:
		return f.Decimal(v.Float, 1)
	case parks.UnitPercent:
		return f.Percent(v.Float)
	}
	return f.Int(v.Int)
}

// Percent writes a percentage (26 for 26 %) with no decimals, one below
// 10 %, in the language's pattern: 26% in kk and en, 26 % (no-break space)
// in ru.
func (f Formatter) Percent(p float64) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return Null
	}
	d := 0
	if math.Abs(p) < 10 && p != math.Trunc(p) {
		d = 1
	}
	// Rounded first (half away from zero), so x/text, which rounds half to
	// even, only has to print it.
	return f.locale().p.Sprint(number.Percent(roundHalfAway(p, d)/100, number.Scale(d)))
}

func decimalsFor(v float64) int {
	if v == math.Trunc(v) {
		return 0
	}
	if v*10 == math.Trunc(v*10) {
		return 1
	}
	return 2
}

func roundHalfAway(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}
