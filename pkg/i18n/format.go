// Package i18n holds everything that changes with the reader's language:
// messages, labels and the way numbers are written. Machine formats (JSON,
// YAML, CSV) never go through it.
package i18n

import (
	"math"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
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

// AutoUnit picks the largest unit in which the largest amount is at least
// one whole unit, so a column of billions reads "10.4", not "10 400 000 000".
func AutoUnit(amounts []int64) MoneyUnit {
	var biggest int64
	for _, a := range amounts {
		biggest = max(biggest, a, -a)
	}
	switch {
	case biggest >= 1e9:
		return UnitBn
	case biggest >= 1e6:
		return UnitMln
	case biggest >= 1e4:
		return UnitThousand
	}
	return UnitKZT
}

// Null is how a value that cannot be computed is shown in tables.
const Null = "—"

// Formatter writes numbers the way a language writes them.
type Formatter struct {
	Lang Lang
}

// Int writes a whole number with grouping.
func (f Formatter) Int(v int64) string { return f.group(strconv.FormatInt(v, 10)) }

// Decimal writes a number with a fixed number of decimals.
func (f Formatter) Decimal(v float64, decimals int) string {
	s := strconv.FormatFloat(roundHalfAway(v, decimals), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	out := f.group(intPart)
	if frac != "" {
		out += f.decimalSep() + frac
	}
	return out
}

// Value writes a metric value; money in the given unit.
func (f Formatter) Value(v parks.Value, unit MoneyUnit) string {
	if v.Null {
		return Null
	}
	switch v.Unit {
	case parks.UnitMoney:
		if unit == UnitKZT || unit == UnitAuto {
			return f.Int(v.Int)
		}
		return f.Decimal(float64(v.Int)/float64(unit.divisor()), 1)
	case parks.UnitArea:
		return f.Decimal(v.Float, decimalsFor(v.Float))
	case parks.UnitRatio:
		return f.Decimal(v.Float, 1)
	case parks.UnitPercent:
		return f.Percent(v.Float)
	}
	return f.Int(v.Int)
}

// Percent writes a percentage with no decimals (one below 10%).
func (f Formatter) Percent(p float64) string {
	d := 0
	if math.Abs(p) < 10 && p != math.Trunc(p) {
		d = 1
	}
	s := f.Decimal(p, d)
	if f.Lang == RU {
		return s + "\u00a0%"
	}
	return s + "%"
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

func (f Formatter) decimalSep() string {
	if f.Lang == EN {
		return "."
	}
	return ","
}

func (f Formatter) groupSep() string {
	if f.Lang == EN {
		return ","
	}
	return "\u00a0"
}

// group inserts the language's thousands separator into digits.
func (f Formatter) group(digits string) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	if len(digits) <= 3 {
		if neg {
			return "-" + digits
		}
		return digits
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 && !(neg && b.Len() == 1) {
			b.WriteString(f.groupSep())
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func roundHalfAway(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}
