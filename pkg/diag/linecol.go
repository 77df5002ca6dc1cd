package diag

// LineCol returns a position as a line and a column for tools that only
// know those (JSON consumers, GitHub annotations): a spreadsheet cell
// "Sheet!C12" is line 12, column 3. Zero means unknown.
func (p Pos) LineCol() (line, col int) {
	if p.Cell == "" {
		return p.Line, p.Col
	}
	_, row, letters := splitCell(p.Cell)
	for _, c := range letters {
		col = col*26 + int(c-'A'+1)
	}
	return row, col
}
