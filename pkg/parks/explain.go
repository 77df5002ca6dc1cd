package parks

// Operand is one of the sums a metric is computed from.
type Operand struct {
	// Field names what is summed: a column of the schema, or how a derived
	// quantity is made from columns ("investment_private_kzt + …").
	Field string
	// Unit of the sum; UnitArea sums are square metres (shown in hectares).
	Unit Unit
	// Sum is what enters the metric. For a ratio it runs over the records
	// that report both operands only.
	Sum Sum
	// Reported is the sum over every record that reports this field, paired
	// or not: for a single record it is the record's own value, so a reader
	// sees the figure of a record a ratio leaves out.
	Reported Sum
}

// Inputs are the operands of a metric: one sum, or the numerator and
// denominator of a ratio (Den is nil for a plain sum). The metric itself
// (Metric.Of) computes the value; Inputs only show what it is made of.
type Inputs struct {
	Num Operand
	Den *Operand
}

// Inputs returns what a metric of the catalogue is computed from, taken from
// the same Totals fields its Of reads. ok is false for a metric this file
// does not know yet (a test keeps the two in step).
func (m *Metric) Inputs(t *Totals) (in Inputs, ok bool) {
	sum := func(field string, u Unit, s Sum) (Inputs, bool) {
		return Inputs{Num: Operand{Field: field, Unit: u, Sum: s, Reported: s}}, true
	}
	pair := func(num, den string, nu, du Unit, p Pair, numReported, denReported Sum) (Inputs, bool) {
		return Inputs{
			Num: Operand{Field: num, Unit: nu, Sum: p.Num, Reported: numReported},
			Den: &Operand{Field: den, Unit: du, Sum: p.Den, Reported: denReported},
		}, true
	}
	const invTotal = "investment_private_kzt + investment_budget_kzt"
	switch m.Key {
	case "facilities":
		return sum("records", UnitCount, t.Facilities)
	case "parks":
		return sum("kind = park", UnitCount, t.Parks)
	case "sites":
		return sum("kind = site", UnitCount, t.Sites)
	case "area_ha":
		return sum("area_ha", UnitArea, t.AreaM2)
	case "buildings_planned":
		return sum("buildings_planned", UnitCount, t.BuildingsPlanned)
	case "buildings_built":
		return sum("buildings_built", UnitCount, t.BuildingsBuilt)
	case "buildings_under_construction":
		return sum("buildings_under_construction", UnitCount, t.BuildingsUC)
	case "buildings_not_started":
		return sum("buildings_planned − buildings_built − buildings_under_construction", UnitCount, t.BuildingsNotStarted)
	case "build_out_pct":
		return pair("buildings_built", "buildings_planned", UnitCount, UnitCount, t.BuildOut, t.BuildingsBuilt, t.BuildingsPlanned)
	case "projects_planned":
		return sum("projects_planned", UnitCount, t.ProjectsPlanned)
	case "projects_launched":
		return sum("projects_launched", UnitCount, t.ProjectsLaunched)
	case "jobs_planned":
		return sum("jobs_planned", UnitCount, t.JobsPlanned)
	case "jobs_created":
		return sum("jobs_created", UnitCount, t.JobsCreated)
	case "jobs_realisation_pct":
		return pair("jobs_created", "jobs_planned", UnitCount, UnitCount, t.JobsReal, t.JobsCreated, t.JobsPlanned)
	case "jobs_per_ha":
		return pair("jobs_planned", "area_ha", UnitCount, UnitArea, t.JobsArea, t.JobsPlanned, t.AreaM2)
	case "investment_private_kzt":
		return sum("investment_private_kzt", UnitMoney, t.InvPrivate)
	case "investment_budget_kzt":
		return sum("investment_budget_kzt", UnitMoney, t.InvBudget)
	case "investment_total_kzt":
		return sum(invTotal, UnitMoney, t.InvTotal)
	case "investment_per_ha_kzt":
		return pair(invTotal, "area_ha", UnitMoney, UnitArea, t.InvArea, t.InvTotal, t.AreaM2)
	case "leverage":
		return pair("investment_private_kzt", "investment_budget_kzt", UnitMoney, UnitMoney, t.Leverage, t.InvPrivate, t.InvBudget)
	case "import_substitution_kzt":
		return sum("import_substitution_kzt", UnitMoney, t.ImportSub)
	}
	return Inputs{}, false
}

// Contribution is one record's part in a figure.
type Contribution struct {
	Facility *Facility
	Inputs   Inputs
	// Counted reports whether the record enters the figure: it reports the
	// summed field, or for a ratio both fields.
	Counted bool
}

// Explanation is the arithmetic of one figure: every record that could
// contribute, the sums that enter the metric and the value the metric
// computes from them.
type Explanation struct {
	Metric  *Metric
	Records []Contribution
	Total   Inputs
	Value   Value
	Prov    *Provenance
}

// Explain breaks the total of a metric over the facilities a filter selects
// into each facility's part. It aggregates once by facility (the rows behind
// any total) and takes the value from the metric on the grand total, so the
// figure explained is the one every other command prints.
func Explain(ds *Dataset, m *Metric, filter Filter) (*Explanation, error) {
	res, err := Aggregate(ds, ByFacility, filter)
	if err != nil {
		return nil, err
	}
	e := &Explanation{Metric: m, Value: m.Of(&res.Total), Prov: &res.Total.Prov}
	e.Total, _ = m.Inputs(&res.Total)
	for _, g := range res.Groups {
		in, _ := m.Inputs(&g.Totals)
		counted := in.Num.Sum.N > 0
		if in.Den != nil {
			counted = in.Den.Sum.N > 0
		}
		e.Records = append(e.Records, Contribution{Facility: g.Facility, Inputs: in, Counted: counted})
	}
	return e, nil
}
