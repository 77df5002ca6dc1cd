package parks

import "testing"

// Statistics markers are read by ParseCell only when the context knows
// them; the cell says which it was.
func TestMarkers(t *testing.T) {
	markers := func(s string) MarkerKind {
		switch s {
		case "-":
			return MarkerZero
		case "н/д":
			return MarkerNotReported
		}
		return NoMarker
	}
	ctx := &ParseContext{Markers: markers}
	for _, tt := range []struct {
		cell   string
		set    bool
		marked MarkerKind
	}{{"-", true, MarkerZero}, {"н/д", false, MarkerNotReported}, {"12", true, NoMarker}} {
		ctx.Marked = NoMarker
		var c Count
		var m Money
		if err := c.ParseCell(tt.cell, ctx); err != nil || c.Set != tt.set || c.V != map[bool]int64{true: map[string]int64{"12": 12}[tt.cell]}[true] || ctx.Marked != tt.marked {
			t.Errorf("Count %q: %+v %v marked %v", tt.cell, c, err, ctx.Marked)
		}
		ctx.Marked = NoMarker
		if err := m.ParseCell(tt.cell, ctx); err != nil || m.Set != tt.set || ctx.Marked != tt.marked {
			t.Errorf("Money %q: %+v %v", tt.cell, m, err)
		}
		var a Area
		if err := a.ParseCell(tt.cell, ctx); err != nil || tt.marked != NoMarker && a.Set {
			t.Errorf("Area %q: %+v %v", tt.cell, a, err)
		}
	}
	var c Count
	if c.ParseCell("-", nil) == nil || c.ParseCell("-", &ParseContext{}) == nil {
		t.Error("a marker without the context's markers is a type error")
	}
	words := func(s string) string {
		if s == "салынуда" {
			return "under_construction"
		}
		return ""
	}
	var st Status
	if err := st.ParseCell("салынуда", &ParseContext{Words: words}); err != nil || st != StatusUnderConstruction {
		t.Errorf("status word: %q %v", st, err)
	}
	var k Kind
	if k.ParseCell("малый промышленный парк", nil) == nil {
		t.Error("report words without the context are refused")
	}
}
