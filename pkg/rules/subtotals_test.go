package rules

import (
	"fmt"
	"testing"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

func TestSumRows(t *testing.T) {
	const (
		D = layout.Data
		S = layout.Subtotal
		T = layout.Total
		P = layout.Part
		N = layout.Note
	)
	for _, tc := range []struct {
		name  string
		roles []layout.Role
		want  string
	}{
		{"subtotals below their groups, total last", []layout.Role{D, D, S, D, S, T}, "[{2 [1 0] false} {4 [3] false} {5 [3 1 0] false}]"},
		{"subtotals above their groups", []layout.Role{S, D, D, S, D}, "[{0 [1 2] true} {3 [4] true}]"},
		{"total first covers what follows", []layout.Role{T, D, D, N}, "[{0 [1 2] true}]"},
		{"parts are not covered rows", []layout.Role{D, P, D, T}, "[{3 [2 0] false}]"},
		{"a sum row over nothing is left out", []layout.Role{S, T}, "[]"},
	} {
		if got := fmt.Sprint(SumRows(tc.roles)); got != tc.want {
			t.Errorf("%s: %s; want %s", tc.name, got, tc.want)
		}
	}
}

func TestSumMismatch(t *testing.T) {
	jobs := parks.Column{Name: "jobs_planned", Type: "integer"}
	sr := SumRow{Row: 3, Covered: []int{2, 1}}
	if f := SumMismatch(jobs, "Итого", false, sr, "30", 30, []Figure{{V: 10, Set: true}, {V: 20, Set: true}}); f != nil {
		t.Errorf("a right total: %v", f)
	}
	if f := SumMismatch(jobs, "Итого", false, sr, "31", 31, []Figure{{V: 10, Set: true}, {Bad: true}}); f != nil {
		t.Errorf("a covered cell with an error: checked anyway: %v", f)
	}
	if f := SumMismatch(jobs, "Итого", false, sr, "31", 31, []Figure{{}, {}}); f != nil {
		t.Errorf("nothing reported: checked anyway: %v", f)
	}
	f := SumMismatch(jobs, "Итого", true, sr, "31", 31, []Figure{{V: 10, Set: true}, {V: 20, Set: true}})
	if f == nil || f.Rule != "total-mismatch" || f.ID != "layout.subtotal_mismatch_above" || f.Column != "jobs_planned" || f.Value != "31" {
		t.Fatalf("a wrong subtotal: %+v", f)
	}
	testkit.CheckCatalogue(t, f.ID, f.Args)
}
