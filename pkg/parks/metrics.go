package parks

import "math"

// Sum is a total of reported values. N counts the records that reported a
// value, so a total of nothing reported is "not reported", not zero.
type Sum struct {
	V int64
	N int64
}

// Add adds a value if it was reported. It reports false when the sum would
// overflow int64, leaving the sum unchanged: money is never wrapped.
func (s *Sum) Add(v int64, set bool) bool {
	if !set {
		return true
	}
	if v > 0 && s.V > math.MaxInt64-v {
		return false
	}
	s.V += v
	s.N++
	return true
}

// Merge adds another partial sum.
func (s *Sum) Merge(o Sum) bool {
	if o.N == 0 {
		return true
	}
	if o.V > 0 && s.V > math.MaxInt64-o.V {
		return false
	}
	s.V += o.V
	s.N += o.N
	return true
}

// Pair is the numerator and denominator of a ratio, summed over the records
// that report both, so that a ratio of totals is a ratio of sums of the same
// records (a site with private money but no reported budget does not inflate
// leverage).
type Pair struct {
	Num, Den Sum
}

// Add adds one record's numerator and denominator when both are reported.
func (p *Pair) Add(num int64, numSet bool, den int64, denSet bool) bool {
	if !numSet || !denSet {
		return true
	}
	return p.Num.Add(num, true) && p.Den.Add(den, true)
}

// Merge adds another partial pair.
func (p *Pair) Merge(o Pair) bool { return p.Num.Merge(o.Num) && p.Den.Merge(o.Den) }

// Totals holds everything metrics are computed from. Every field is a sum,
// so partial totals (per file, per chunk, per group) merge by addition.
type Totals struct {
	Facilities, Parks, Sites Sum
	AreaM2                   Sum
	BuildingsPlanned         Sum
	BuildingsBuilt           Sum
	BuildingsUC              Sum
	BuildingsNotStarted      Sum
	ProjectsPlanned          Sum
	ProjectsLaunched         Sum
	JobsPlanned              Sum
	JobsCreated              Sum
	InvPrivate               Sum
	InvBudget                Sum
	InvTotal                 Sum
	ImportSub                Sum

	BuildOut Pair // built / planned buildings
	JobsReal Pair // created / planned jobs
	JobsArea Pair // planned jobs / area (m²)
	InvArea  Pair // total investment / area (m²)
	Leverage Pair // private / budget
	Overflow bool // some sum would have overflowed int64

	Prov Provenance // distinct sources and as_of range of the records
}

func (t *Totals) add(ok bool) {
	if !ok {
		t.Overflow = true
	}
}

// AddFacility folds one facility into the totals.
func (t *Totals) AddFacility(f *Facility) {
	t.add(t.Facilities.Add(1, true))
	t.add(t.Parks.Add(1, f.Kind == KindPark))
	t.add(t.Sites.Add(1, f.Kind == KindSite))
	t.add(t.AreaM2.Add(f.AreaHa.M2, f.AreaHa.Set))
	t.add(t.BuildingsPlanned.Add(f.BuildingsPlanned.V, f.BuildingsPlanned.Set))
	t.add(t.BuildingsBuilt.Add(f.BuildingsBuilt.V, f.BuildingsBuilt.Set))
	t.add(t.BuildingsUC.Add(f.BuildingsUnderConstruction.V, f.BuildingsUnderConstruction.Set))
	if f.BuildingsPlanned.Set && f.BuildingsBuilt.Set && f.BuildingsUnderConstruction.Set {
		t.add(t.BuildingsNotStarted.Add(max(0, f.BuildingsPlanned.V-f.BuildingsBuilt.V-f.BuildingsUnderConstruction.V), true))
	}
	t.add(t.ProjectsPlanned.Add(f.ProjectsPlanned.V, f.ProjectsPlanned.Set))
	t.add(t.ProjectsLaunched.Add(f.ProjectsLaunched.V, f.ProjectsLaunched.Set))
	t.addJobsAndMoney(f.JobsPlanned, f.JobsCreated, f.InvestmentPrivate, f.InvestmentBudget, f.ImportSubstitution)
	t.add(t.BuildOut.Add(f.BuildingsBuilt.V, f.BuildingsBuilt.Set, f.BuildingsPlanned.V, f.BuildingsPlanned.Set))
	t.add(t.JobsArea.Add(f.JobsPlanned.V, f.JobsPlanned.Set, f.AreaHa.M2, f.AreaHa.Set))
	total, totalSet := investmentTotal(f.InvestmentPrivate, f.InvestmentBudget)
	t.add(t.InvArea.Add(total, totalSet, f.AreaHa.M2, f.AreaHa.Set))
	t.Prov.Add(string(f.Source), f.AsOf)
}

// AddProject folds one project into the totals, for groupings of projects
// (by sector): every project counts as planned, operating ones as launched.
func (t *Totals) AddProject(p *Project) {
	t.add(t.ProjectsPlanned.Add(1, true))
	t.add(t.ProjectsLaunched.Add(1, p.Status == StatusOperating))
	t.addJobsAndMoney(p.JobsPlanned, p.JobsCreated, p.InvestmentPrivate, p.InvestmentBudget, p.ImportSubstitution)
	t.Prov.Add(string(p.Source), p.AsOf)
}

func (t *Totals) addJobsAndMoney(jobsPlanned, jobsCreated Count, private, budget, importSub Money) {
	t.add(t.JobsPlanned.Add(jobsPlanned.V, jobsPlanned.Set))
	t.add(t.JobsCreated.Add(jobsCreated.V, jobsCreated.Set))
	t.add(t.InvPrivate.Add(private.V, private.Set))
	t.add(t.InvBudget.Add(budget.V, budget.Set))
	total, totalSet := investmentTotal(private, budget)
	t.add(t.InvTotal.Add(total, totalSet))
	t.add(t.ImportSub.Add(importSub.V, importSub.Set))
	t.add(t.JobsReal.Add(jobsCreated.V, jobsCreated.Set, jobsPlanned.V, jobsPlanned.Set))
	t.add(t.Leverage.Add(private.V, private.Set, budget.V, budget.Set))
}

// investmentTotal is private + budget money, counting what is reported.
func investmentTotal(private, budget Money) (int64, bool) {
	if private.V > 0 && budget.V > math.MaxInt64-private.V {
		return math.MaxInt64, true // the sum's overflow check will refuse it
	}
	return private.V + budget.V, private.Set || budget.Set
}

// Merge adds partial totals (from another chunk, file or group).
func (t *Totals) Merge(o *Totals) {
	sums := func(x *Totals) []*Sum {
		return []*Sum{&x.Facilities, &x.Parks, &x.Sites, &x.AreaM2, &x.BuildingsPlanned, &x.BuildingsBuilt,
			&x.BuildingsUC, &x.BuildingsNotStarted, &x.ProjectsPlanned, &x.ProjectsLaunched, &x.JobsPlanned,
			&x.JobsCreated, &x.InvPrivate, &x.InvBudget, &x.InvTotal, &x.ImportSub}
	}
	pairs := func(x *Totals) []*Pair {
		return []*Pair{&x.BuildOut, &x.JobsReal, &x.JobsArea, &x.InvArea, &x.Leverage}
	}
	ts, os := sums(t), sums(o)
	for i := range ts {
		t.add(ts[i].Merge(*os[i]))
	}
	tp, op := pairs(t), pairs(o)
	for i := range tp {
		t.add(tp[i].Merge(*op[i]))
	}
	t.Overflow = t.Overflow || o.Overflow
	t.Prov.Merge(&o.Prov)
}

// Remove takes a facility that AddFacility added back out of the sums,
// but not out of the provenance, which is a set (see Provenance.Covers).
// It reports false, leaving t as it is, when it cannot: the totals
// overflowed.
func (t *Totals) Remove(f *Facility) bool {
	var o Totals
	o.AddFacility(f)
	if t.Overflow || o.Overflow {
		return false
	}
	sums := func(x *Totals) []*Sum {
		return []*Sum{&x.Facilities, &x.Parks, &x.Sites, &x.AreaM2, &x.BuildingsPlanned, &x.BuildingsBuilt,
			&x.BuildingsUC, &x.BuildingsNotStarted, &x.ProjectsPlanned, &x.ProjectsLaunched, &x.JobsPlanned,
			&x.JobsCreated, &x.InvPrivate, &x.InvBudget, &x.InvTotal, &x.ImportSub,
			&x.BuildOut.Num, &x.BuildOut.Den, &x.JobsReal.Num, &x.JobsReal.Den, &x.JobsArea.Num, &x.JobsArea.Den,
			&x.InvArea.Num, &x.InvArea.Den, &x.Leverage.Num, &x.Leverage.Den}
	}
	ts, os := sums(t), sums(&o)
	for i := range ts {
		if ts[i].N < os[i].N || ts[i].V < os[i].V {
			return false // not added: every value summed is non-negative
		}
	}
	for i := range ts {
		ts[i].V -= os[i].V
		ts[i].N -= os[i].N
	}
	return true
}

// Unit says how a metric's value is written.
type Unit int

const (
	UnitCount   Unit = iota // whole number
	UnitMoney               // whole tenge
	UnitArea                // hectares
	UnitRatio               // a plain ratio (leverage, jobs per ha)
	UnitPercent             // a percentage
)

// Value is a metric's value: an integer or a float, or null when it cannot
// be computed (nothing reported, or a zero denominator).
type Value struct {
	Null  bool
	Int   int64
	Float float64
	Unit  Unit
}

// IsFloat reports whether the value is fractional by nature.
func (v Value) IsFloat() bool {
	return v.Unit == UnitRatio || v.Unit == UnitPercent || v.Unit == UnitArea
}

// Number returns the value as a float for sorting and charts.
func (v Value) Number() float64 {
	if v.IsFloat() {
		return v.Float
	}
	return float64(v.Int)
}

// Metric is a figure computed from totals. Every metric is defined here and
// only here, by the sums it reads (its operands: one sum, or the two sums of
// a ratio); its value and its explanation (Inputs, for `parks explain`) both
// come from that one definition; its words, in en, kk and ru, are the
// message DescID in pkg/i18n/messages.yaml. Commands and renderers pick
// metrics by key.
type Metric struct {
	Key  string
	Unit Unit
	Of   func(*Totals) Value
	// operands reads the sums the metric is made of.
	operands func(*Totals) Inputs
}

func sumValue(s Sum, u Unit) Value {
	if s.N == 0 {
		return Value{Null: true, Unit: u}
	}
	return Value{Int: s.V, Unit: u}
}

// ratio divides the sums of a pair; a zero or unreported denominator gives
// null, never infinity.
func ratio(p Pair, scale float64, u Unit) Value {
	if p.Den.N == 0 || p.Den.V == 0 {
		return Value{Null: true, Unit: u}
	}
	// Scale the numerator before dividing when it fits, so 6040×10000÷1e6 is
	// exactly 60.4 rather than 60.400000000000006.
	if s := int64(scale); float64(s) == scale && p.Num.V <= math.MaxInt64/s && p.Num.V >= math.MinInt64/s {
		return Value{Float: float64(p.Num.V*s) / float64(p.Den.V), Unit: u}
	}
	return Value{Float: float64(p.Num.V) / float64(p.Den.V) * scale, Unit: u}
}

// side is one operand of a metric: what is summed, its unit, and where its
// sum over every reporting record is kept in Totals.
type side struct {
	field string
	unit  Unit
	sum   func(*Totals) Sum
}

// summed is a metric that is the sum of one quantity: null when no record
// reports it.
func summed(key string, u Unit, of side) Metric {
	m := Metric{Key: key, Unit: u, Of: func(t *Totals) Value { return sumValue(of.sum(t), u) }}
	m.operands = func(t *Totals) Inputs {
		s := of.sum(t)
		return Inputs{Num: Operand{Field: of.field, Unit: of.unit, Sum: s, Reported: s}}
	}
	return m
}

// counted is a count of records: 0, never null, when there are none.
func counted(key, field string, sum func(*Totals) Sum) Metric {
	m := summed(key, UnitCount, side{field, UnitCount, sum})
	m.Of = func(t *Totals) Value { return Value{Int: sum(t).V} }
	return m
}

// ratioOf is num ÷ den × scale over the records that report both (the pair),
// a ratio of sums in every total.
func ratioOf(key string, u Unit, scale float64, num, den side, pair func(*Totals) Pair) Metric {
	m := Metric{Key: key, Unit: u, Of: func(t *Totals) Value { return ratio(pair(t), scale, u) }}
	m.operands = func(t *Totals) Inputs {
		p := pair(t)
		return Inputs{
			Num: Operand{Field: num.field, Unit: num.unit, Sum: p.Num, Reported: num.sum(t)},
			Den: &Operand{Field: den.field, Unit: den.unit, Sum: p.Den, Reported: den.sum(t)},
		}
	}
	return m
}

// The operands metrics are built from.
var (
	areaSide       = side{"area_ha", UnitArea, func(t *Totals) Sum { return t.AreaM2 }}
	builtSide      = side{"buildings_built", UnitCount, func(t *Totals) Sum { return t.BuildingsBuilt }}
	plannedSide    = side{"buildings_planned", UnitCount, func(t *Totals) Sum { return t.BuildingsPlanned }}
	jobsPlanSide   = side{"jobs_planned", UnitCount, func(t *Totals) Sum { return t.JobsPlanned }}
	jobsMadeSide   = side{"jobs_created", UnitCount, func(t *Totals) Sum { return t.JobsCreated }}
	privateSide    = side{"investment_private_kzt", UnitMoney, func(t *Totals) Sum { return t.InvPrivate }}
	budgetSide     = side{"investment_budget_kzt", UnitMoney, func(t *Totals) Sum { return t.InvBudget }}
	investmentSide = side{"investment_private_kzt + investment_budget_kzt", UnitMoney, func(t *Totals) Sum { return t.InvTotal }}
)

// Metrics is the catalogue of metrics, in the order of the JSON contract.
var Metrics = []Metric{
	counted("facilities", "records", func(t *Totals) Sum { return t.Facilities }),
	counted("parks", "kind = park", func(t *Totals) Sum { return t.Parks }),
	counted("sites", "kind = site", func(t *Totals) Sum { return t.Sites }),
	withOf(summed("area_ha", UnitArea, areaSide), func(t *Totals) Value {
		if t.AreaM2.N == 0 {
			return Value{Null: true, Unit: UnitArea}
		}
		return Value{Float: float64(t.AreaM2.V) / 10000, Unit: UnitArea}
	}),
	summed("buildings_planned", UnitCount, plannedSide),
	summed("buildings_built", UnitCount, builtSide),
	summed("buildings_under_construction", UnitCount, side{"buildings_under_construction", UnitCount, func(t *Totals) Sum { return t.BuildingsUC }}),
	summed("buildings_not_started", UnitCount, side{"buildings_planned − buildings_built − buildings_under_construction", UnitCount, func(t *Totals) Sum { return t.BuildingsNotStarted }}),
	ratioOf("build_out_pct", UnitPercent, 100, builtSide, plannedSide, func(t *Totals) Pair { return t.BuildOut }),
	summed("projects_planned", UnitCount, side{"projects_planned", UnitCount, func(t *Totals) Sum { return t.ProjectsPlanned }}),
	summed("projects_launched", UnitCount, side{"projects_launched", UnitCount, func(t *Totals) Sum { return t.ProjectsLaunched }}),
	summed("jobs_planned", UnitCount, jobsPlanSide),
	summed("jobs_created", UnitCount, jobsMadeSide),
	ratioOf("jobs_realisation_pct", UnitPercent, 100, jobsMadeSide, jobsPlanSide, func(t *Totals) Pair { return t.JobsReal }),
	ratioOf("jobs_per_ha", UnitRatio, 10000, jobsPlanSide, areaSide, func(t *Totals) Pair { return t.JobsArea }),
	summed("investment_private_kzt", UnitMoney, privateSide),
	summed("investment_budget_kzt", UnitMoney, budgetSide),
	summed("investment_total_kzt", UnitMoney, investmentSide),
	withOf(ratioOf("investment_per_ha_kzt", UnitMoney, 10000, investmentSide, areaSide,
		func(t *Totals) Pair { return t.InvArea }), func(t *Totals) Value {
		if t.InvArea.Den.N == 0 || t.InvArea.Den.V == 0 {
			return Value{Null: true, Unit: UnitMoney}
		}
		return Value{Int: divRound(t.InvArea.Num.V, t.InvArea.Den.V, 10000), Unit: UnitMoney}
	}),
	ratioOf("leverage", UnitRatio, 1, privateSide, budgetSide, func(t *Totals) Pair { return t.Leverage }),
	summed("import_substitution_kzt", UnitMoney, side{"import_substitution_kzt", UnitMoney, func(t *Totals) Sum { return t.ImportSub }}),
}

// withOf replaces how a metric turns its operands into a value, for the two
// metrics whose value is not the plain sum or float ratio: hectares from
// square metres, and tenge per hectare rounded to whole tenge.
func withOf(m Metric, of func(*Totals) Value) Metric {
	m.Of = of
	return m
}

// DescID is the message id of the metric's definition, worded in every
// language in pkg/i18n/messages.yaml (a test holds every metric to one).
func (m *Metric) DescID() string { return "metric." + m.Key }

// MetricByKey returns a metric from the catalogue.
func MetricByKey(key string) (*Metric, bool) {
	for i := range Metrics {
		if Metrics[i].Key == key {
			return &Metrics[i], true
		}
	}
	return nil, false
}

// divRound computes num × mul ÷ den rounded half away from zero, in integer
// arithmetic with a float fallback only when num × mul would overflow.
func divRound(num, den, mul int64) int64 {
	if num <= math.MaxInt64/mul {
		n := num * mul
		q, r := n/den, n%den
		if 2*r >= den {
			q++
		}
		return q
	}
	return int64(math.Round(float64(num) / float64(den) * float64(mul)))
}
