package layout

// Find recognises the layout of a grid; m (a user's mapping) may be nil.
// The error is a *NotRecognised saying what was found and how to give a
// mapping.
func Find(g *Grid, m *Mapping) (*Table, error) {
	return nil, &NotRecognised{Grid: g.Name, Reason: "layout recognition is not built yet", ID: "layout.no_header"}
}

// IsCanonical reports whether a header row alone names the columns of a
// canonical (or aliased) table: the format readers' fast paths read such
// files, and layout is asked only about the other shapes.
func IsCanonical(header []string) bool { return false }
