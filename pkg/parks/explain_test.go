package parks

import (
	"math"
	"testing"
)

// count, money and ha are the helpers of metrics_test.go.
func cnt(v int64) Count { return count(v) }
func kzt(v int64) Money { return money(v) }

// explainSample is a district with a park reporting everything, a site with
// private money only (no budget reported) and a site reporting nothing.
func explainSample() *Dataset {
	return &Dataset{Facilities: []*Facility{
		{ID: "park", Name: "Park", KATO: "1", Kind: KindPark, AreaHa: ha(100), BuildingsPlanned: cnt(152), BuildingsBuilt: cnt(40),
			JobsPlanned: cnt(6040), JobsCreated: cnt(1220), InvestmentPrivate: kzt(34_000_000_000), InvestmentBudget: kzt(4_000_000_000),
			Source: "press", AsOf: date("2025-12-01")},
		{ID: "site", Name: "Site", KATO: "1", Kind: KindSite, AreaHa: ha(18), BuildingsPlanned: cnt(30), BuildingsBuilt: cnt(8),
			BuildingsUnderConstruction: cnt(14), JobsPlanned: cnt(420), InvestmentPrivate: kzt(6_200_000_000), InvestmentBudget: kzt(900_000_000),
			Source: "illustrative", AsOf: date("2025-11-01")},
		{ID: "private", Name: "Private", KATO: "1", Kind: KindSite, InvestmentPrivate: kzt(10_400_000_000), Source: "press", AsOf: date("2025-12-01")},
		{ID: "elsewhere", Name: "Elsewhere", KATO: "2", Kind: KindSite, InvestmentPrivate: kzt(1), InvestmentBudget: kzt(1),
			ProjectsPlanned: cnt(3), ProjectsLaunched: cnt(1), ImportSubstitution: kzt(5)},
	}}
}

// Every metric of the catalogue can be explained, and its inputs are the
// ones its Of reads: a sum metric's value is its operand, a ratio's value is
// null exactly when its denominator is zero, and otherwise num ÷ den up to
// the metric's scale.
func TestInputsMatchEveryMetric(t *testing.T) {
	var tot Totals
	for _, f := range explainSample().Facilities {
		tot.AddFacility(f)
	}
	scales := map[string]float64{"build_out_pct": 100, "jobs_realisation_pct": 100, "jobs_per_ha": 10000, "investment_per_ha_kzt": 10000, "leverage": 1}
	for i := range Metrics {
		m := &Metrics[i]
		in, ok := m.Inputs(&tot)
		if !ok {
			t.Errorf("metric %s has no Inputs: explain cannot show it", m.Key)
			continue
		}
		v := m.Of(&tot)
		if in.Den == nil {
			want := float64(in.Num.Sum.V)
			if in.Num.Unit == UnitArea {
				want /= 10000
			}
			if v.Null {
				if in.Num.Sum.N != 0 {
					t.Errorf("%s is null but its operand %s has %d records", m.Key, in.Num.Field, in.Num.Sum.N)
				}
				continue
			}
			if v.Number() != want {
				t.Errorf("%s = %v, want its operand %s = %v", m.Key, v, in.Num.Field, want)
			}
			continue
		}
		scale, ok := scales[m.Key]
		if !ok {
			t.Errorf("ratio metric %s: add its scale to this test", m.Key)
			continue
		}
		want := float64(in.Num.Sum.V) / float64(in.Den.Sum.V) * scale
		if v.Null || math.Abs(v.Number()-want) > 0.5 {
			t.Errorf("%s = %v, want %s ÷ %s × %v = %v", m.Key, v, in.Num.Field, in.Den.Field, scale, want)
		}
		var empty Totals
		if in, _ := m.Inputs(&empty); !m.Of(&empty).Null || in.Den.Sum.N != 0 {
			t.Errorf("%s of nothing should be null with no denominator", m.Key)
		}
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		metric   string
		filter   Filter
		counted  map[string]bool
		num, den int64 // den < 0: a plain sum
		value    float64
	}{
		{"leverage", Filter{KATO: []string{"1"}},
			map[string]bool{"park": true, "site": true, "private": false},
			40_200_000_000, 4_900_000_000, 40.2 / 4.9},
		{"jobs_created", Filter{KATO: []string{"1"}},
			map[string]bool{"park": true, "site": false, "private": false},
			1220, -1, 1220},
		{"build_out_pct", Filter{KATO: []string{"1"}, Kinds: []Kind{KindSite}},
			map[string]bool{"site": true, "private": false},
			8, 30, 8.0 / 30 * 100},
		{"investment_private_kzt", Filter{},
			map[string]bool{"park": true, "site": true, "private": true, "elsewhere": true},
			50_600_000_001, -1, 50_600_000_001},
	}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			m, _ := MetricByKey(tt.metric)
			e, err := Explain(explainSample(), m, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Records) != len(tt.counted) {
				t.Fatalf("%d records, want %d", len(e.Records), len(tt.counted))
			}
			for _, r := range e.Records {
				if want, ok := tt.counted[string(r.Facility.ID)]; !ok || r.Counted != want {
					t.Errorf("%s counted = %v, want %v", r.Facility.ID, r.Counted, want)
				}
			}
			if e.Total.Num.Sum.V != tt.num {
				t.Errorf("numerator %d, want %d", e.Total.Num.Sum.V, tt.num)
			}
			if (tt.den < 0) != (e.Total.Den == nil) || (e.Total.Den != nil && e.Total.Den.Sum.V != tt.den) {
				t.Errorf("denominator %+v, want %d", e.Total.Den, tt.den)
			}
			if math.Abs(e.Value.Number()-tt.value) > 1e-9 {
				t.Errorf("value %v, want %v", e.Value.Number(), tt.value)
			}
		})
	}
}

// A record a ratio leaves out still shows what it reported.
func TestExplainShowsReportedValueOfLeftOutRecord(t *testing.T) {
	m, _ := MetricByKey("leverage")
	e, err := Explain(explainSample(), m, Filter{KATO: []string{"1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Records {
		if r.Facility.ID == "private" {
			if r.Inputs.Num.Reported.V != 10_400_000_000 || r.Inputs.Num.Sum.N != 0 || r.Inputs.Den.Reported.N != 0 {
				t.Errorf("left-out record inputs = %+v", r.Inputs)
			}
		}
	}
	if e.Total.Num.Reported.V != 50_600_000_000 || e.Total.Num.Sum.V != 40_200_000_000 {
		t.Errorf("total private reported %d, paired %d", e.Total.Num.Reported.V, e.Total.Num.Sum.V)
	}
}
