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

// Inputs returns what a metric of the catalogue is computed from: the
// operands its definition in metrics.go reads. ok is false for a metric
// defined without operands.
func (m *Metric) Inputs(t *Totals) (in Inputs, ok bool) {
	if m.operands == nil {
		return Inputs{}, false
	}
	return m.operands(t), true
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
