package layout

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/parks"
)

// Bounds of the search: the header block starts in the first
// HeaderSearchRows rows, is at most maxHeaderDepth rows deep, and only the
// first maxCols columns are labelled (a crafted sheet of 16 384 columns
// costs no more).
const (
	maxHeaderDepth = 3
	maxCols        = 256
)

// HeaderSearchRows is how many rows at the top of a sheet or a CSV are
// searched for its header, by every reader: titles, dates and notes often
// sit above it. Find searches that many rows of the grid for a header
// block, HeaderRow that many rows for a one-row header; the messages that
// say where parks looked quote it.
const HeaderSearchRows = 40

// HeaderRow returns the index of the first of the top rows that names
// every required column of facilities or of projects, or in which at least
// two cells, and at least half of the filled ones, name known columns; -1
// when there is none in the first HeaderSearchRows rows. A title row (one
// merged cell) is neither. The format readers' one-row header: a sheet
// whose header it finds, and that names the required columns alone
// (IsCanonical), is read without Find.
func HeaderRow(rows [][]string) int {
	for r := 0; r < len(rows) && r < HeaderSearchRows; r++ {
		known, filled := 0, 0
		names := map[string]bool{}
		for _, h := range rows[r] {
			if strings.TrimSpace(h) == "" {
				continue
			}
			filled++
			if c := HeaderColumn(h); c != "" {
				known++
				names[c] = true
			}
		}
		if known >= 2 && known*2 >= filled || hasAll(names, parks.FacilitySchema.Required()) || hasAll(names, parks.ProjectSchema.Required()) {
			return r
		}
	}
	return -1
}

func hasAll(names map[string]bool, want []string) bool {
	for _, w := range want {
		if !names[w] {
			return false
		}
	}
	return true
}

// Find recognises the layout of a grid; m (a user's mapping) may be nil.
// The error is a *NotRecognised saying what was found and how to give a
// mapping.
func Find(g *Grid, m *Mapping) (*Table, error) {
	v, err := words()
	if err != nil {
		return nil, err
	}
	f := &finder{g: g, v: v, m: m}
	for _, r := range g.Merges { // the merges a header can lie in (a sheet may have thousands)
		if r.Row0 < HeaderSearchRows+maxHeaderDepth+10 && r.Row1 >= 0 && r.Row0 <= r.Row1 && r.Col0 <= r.Col1 && len(f.top) < maxCols*4 {
			f.top = append(f.top, r)
		}
	}
	return f.find()
}

type finder struct {
	g   *Grid
	v   *vocab
	m   *Mapping
	top []Range // merged ranges that start near the top
}

// block is a candidate header block and what its columns name.
type block struct {
	start, depth int
	cols         []Column
	fields       int // distinct fields named
}

func (f *finder) find() (*Table, error) {
	g := f.g
	var best *block
	if f.m != nil && len(f.m.HeaderRows) > 0 {
		rows := slices.Clone(f.m.HeaderRows)
		slices.Sort(rows)
		start, depth := rows[0]-1, rows[len(rows)-1]-rows[0]+1
		if start < 0 || start >= len(g.Rows) || depth > 10 {
			return nil, &NotRecognised{Grid: g.Name, Reason: fmt.Sprintf("header_rows %v of the mapping are not rows of the sheet", f.m.HeaderRows), ID: "layout.bad_mapping"}
		}
		best = f.label(start, min(depth, len(g.Rows)-start))
	} else {
		for r := 0; r < len(g.Rows) && r < HeaderSearchRows; r++ {
			if filled(g.Rows[r]) < 2 || !f.headerLike(r) {
				continue
			}
			for d := 1; d <= maxHeaderDepth && r+d <= len(g.Rows); d++ {
				if d > 1 && (!f.headerLike(r+d-1) || filled(g.Rows[r+d-1]) == 0) {
					break
				}
				b := f.label(r, d)
				if best == nil || b.fields > best.fields {
					best = b
				}
			}
		}
	}
	if best != nil {
		f.applyMapping(best)
	}
	if f.m == nil && best != nil && best.fields == 1 {
		if t, e := f.districtTotals(best); e != nil {
			return t, e
		}
	}
	if best == nil || best.fields < 2 && (f.m == nil || best.fields == 0) {
		e := &NotRecognised{Grid: g.Name, Reason: fmt.Sprintf("no header row naming known columns in the first %d rows", HeaderSearchRows), ID: "layout.no_header", SeenRow: -1}
		if r := f.mostHeaderLike(); r >= 0 {
			e.SeenRow = r
			for c, s := range g.Rows[r] {
				if c >= maxCols || len(e.Seen) >= 12 {
					break
				}
				if s = strings.TrimSpace(s); s != "" {
					e.Seen = append(e.Seen, ColumnName(c)+" «"+shorten(s)+"»")
				}
			}
		}
		return nil, e
	}
	t := &Table{Kind: "facilities", Columns: best.cols}
	for r := best.start; r < best.start+best.depth; r++ {
		t.HeaderRows = append(t.HeaderRows, r)
	}
	if t.Col("facility_id") >= 0 {
		t.Kind = "projects"
	}
	f.roles(t, best)
	if err := f.check(t, best); err != nil {
		return t, err
	}
	t.AsOf = f.asOf(t)
	if f.m != nil && f.m.AsOf != "" {
		t.AsOf = f.m.AsOf
	}
	return t, nil
}

// headerLike: a row of labels, not of figures.
// mostHeaderLike is the row near the top with the most text cells and no
// numbers (at least two), for the error when no header is recognised: the
// labels it shows tell the user what to name in a mapping. -1 when none.
func (f *finder) mostHeaderLike() int {
	best, bestN := -1, 1
	for r := 0; r < len(f.g.Rows) && r < HeaderSearchRows; r++ {
		if n := filled(f.g.Rows[r]); n > bestN && f.headerLike(r) {
			best, bestN = r, n
		}
	}
	return best
}

func (f *finder) headerLike(r int) bool {
	row := f.g.Rows[r]
	for c, s := range row {
		if c >= maxCols {
			break
		}
		if s = strings.TrimSpace(s); s != "" && numberLike(s) {
			return false
		}
	}
	return !f.numbering(r)
}

// label combines the labels of header rows start..start+depth-1 and names
// each column's field.
func (f *finder) label(start, depth int) *block {
	g := f.g
	width := 0
	for r := start; r < start+depth; r++ {
		width = max(width, len(g.Rows[r]))
	}
	width = min(width, maxCols)
	b := &block{start: start, depth: depth}
	text := f.headerTexts(start, depth, width)
	seen := map[string]int{}
	for c := 0; c < width; c++ {
		var parts []string
		for r := range depth {
			s := text[r][c]
			if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		col := Column{Index: c, Label: strings.Join(parts, " / ")}
		if len(parts) > 0 {
			col.Field, col.Scale, col.Why = f.name(parts)
		}
		if bad, ok := strings.CutPrefix(col.Why, "unit: "); ok {
			col.BadUnit, _, _ = strings.Cut(bad, " ")
		}
		if col.Field != "" {
			if first, dup := seen[col.Field]; dup {
				col.Why = fmt.Sprintf("also names %s (column %s); the first is read", col.Field, ColumnName(first))
				col.Field, col.Scale = "", 0
			} else {
				seen[col.Field] = c
				b.fields++
			}
		}
		b.cols = append(b.cols, col)
	}
	return b
}

// mergesIn reports whether any merged range touches the header block.
func (f *finder) mergesIn(start, depth int) bool {
	for _, m := range f.top {
		if m.Row0 <= start+depth-1 && m.Row1 >= start {
			return true
		}
	}
	return false
}

// headerTexts are the header block's labels, row by row, with every
// blank cell given the label it stands under: the first cell of a merged
// range it is in (a parent over its children, or a label merged down
// through the header rows), or — in a CSV or a sheet without merges, where
// Excel left the value followed by empty cells — the label to its left,
// when both columns have children under them and stand under the same
// parents.
func (f *finder) headerTexts(start, depth, width int) [][]string {
	g := f.g
	merged := f.mergesIn(start, depth)
	text := make([][]string, depth)
	children := func(r, c int) bool { // a label below, in the block
		for b := r + 1; b < depth; b++ {
			if strings.TrimSpace(g.Cell(start+b, c)) != "" {
				return true
			}
		}
		return false
	}
	for r := range depth {
		text[r] = make([]string, width)
		for c := 0; c < width; c++ {
			s := strings.TrimSpace(g.Cell(start+r, c))
			if s == "" && merged {
				for _, m := range f.top {
					if start+r >= m.Row0 && start+r <= m.Row1 && c >= m.Col0 && c <= m.Col1 && m.Row0 >= start {
						s = strings.TrimSpace(g.Cell(m.Row0, m.Col0))
						break
					}
				}
			}
			if s == "" && !merged && c > 0 && text[r][c-1] != "" && children(r, c) && children(r, c-1) {
				same := true
				for p := 0; p < r; p++ {
					same = same && text[p][c] == text[p][c-1]
				}
				if same {
					s = text[r][c-1]
				}
			}
			text[r][c] = s
		}
	}
	return text
}

// name says which field a column's label parts name, the money scale they
// give and why.
func (f *finder) name(parts []string) (field string, scale int64, why string) {
	full := strings.Join(parts, " ")
	ws := strings.Fields(Fold(full))
	for _, w := range ws {
		if s, ok := parks.ScaleWord(w); ok {
			scale = s
			break
		}
	}
	money := func(field string) int64 {
		s := parks.FacilitySchema
		if s.Col(field) < 0 || s.Columns[s.Col(field)].Unit != "KZT" {
			return 0
		}
		return scale
	}
	if len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !f.v.rowNumber[w] }) {
		return "", 0, "row number"
	}
	for _, s := range []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema} {
		m := MatchHeader(full, s)
		if m.BadUnit != "" {
			return "", 0, "unit: " + m.BadUnit + " is not kept in that unit"
		}
		if m.Column != "" && (s == parks.FacilitySchema || m.Column == "facility_id") {
			if m.Scale > 0 {
				return m.Column, m.Scale, "header alias"
			}
			return m.Column, money(m.Column), "header alias"
		}
	}
	best, bestScore, tie := "", 0, false
	for _, r := range f.v.fields {
		if hasAny(ws, r.not) {
			continue
		}
		ok := true
		for _, g := range r.all {
			if !hasAny(ws, g) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		switch n := len(r.all); {
		case n > bestScore:
			best, bestScore, tie = r.field, n, false
		case n == bestScore:
			tie = true
		}
	}
	if best != "" && !tie {
		return best, money(best), "words"
	}
	if tie {
		return "", 0, "unsure: the label fits more than one field"
	}
	// a child label alone may be an alias (a parent «Объект» over «Район | Наименование»)
	if len(parts) > 1 {
		if m := MatchHeader(parts[len(parts)-1], parks.FacilitySchema); m.Column == "district" || m.Column == "name" || m.Column == "kind" || m.Column == "status" {
			return m.Column, money(m.Column), "header alias (child)"
		}
	}
	return "", 0, ""
}

// applyMapping sets what a mapping file says over what was recognised.
func (f *finder) applyMapping(b *block) {
	if f.m == nil {
		return
	}
	index := map[int]int{}
	for i, c := range b.cols {
		index[c.Index] = i
	}
	col := func(k string) *Column {
		c, ok := ColumnIndex(k)
		if !ok || c >= maxCols {
			return nil
		}
		for len(b.cols) <= c {
			b.cols = append(b.cols, Column{Index: len(b.cols)})
		}
		return &b.cols[c]
	}
	keys := make([]string, 0, len(f.m.Columns))
	for k := range f.m.Columns {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		field := strings.TrimSpace(f.m.Columns[k])
		if c := col(k); c != nil {
			if field == "-" {
				field = ""
			}
			for i := range b.cols { // a field named by the mapping is not also read elsewhere
				if field != "" && b.cols[i].Field == field && b.cols[i].Index != c.Index {
					b.cols[i].Field, b.cols[i].Why = "", "the mapping names another column "+field
				}
			}
			c.Field, c.Why, c.Scale = field, "mapping file", 0
			if parks.FacilitySchema.Col(field) >= 0 && parks.FacilitySchema.Columns[parks.FacilitySchema.Col(field)].Unit == "KZT" {
				_, c.Scale, _ = f.name([]string{c.Label})
			}
		}
	}
	for k, unit := range f.m.Scales {
		if c := col(k); c != nil {
			c.Scale = 0
			for _, w := range strings.Fields(Fold(unit)) {
				if s, ok := parks.ScaleWord(w); ok {
					c.Scale = s
				}
			}
		}
	}
	b.fields = 0
	for _, c := range b.cols {
		if c.Field != "" {
			b.fields++
		}
	}
}

// check says what a table lacks to be read.
func (f *finder) check(t *Table, b *block) error {
	var missing []string
	need := []string{"name", "district"}
	if t.Kind == "projects" {
		need = []string{"facility_id", "name"}
	}
	groups := slices.ContainsFunc(t.Rows, func(r Row) bool { return r.Role == Group })
	for _, n := range need {
		if t.Col(n) < 0 && !(n == "district" && groups) {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	e := &NotRecognised{Grid: f.g.Name, Missing: missing, ID: "layout.missing"}
	for _, c := range t.Columns {
		if c.Label != "" {
			e.Seen = append(e.Seen, ColumnName(c.Index)+" «"+shorten(c.Label)+"»")
		}
	}
	// per-district totals (a sheet of `parks report --format xlsx`): a district column and figures, no names
	if slices.Equal(missing, []string{"name"}) && t.Col("district") >= 0 {
		for _, r := range t.Rows {
			if r.Role == Data && f.hasFigures(r.Index, t) {
				e.Aggregate = true
				break
			}
		}
	}
	return e
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:59]) + "…"
}

// numeric reports whether a field holds figures (counts, money, area).
func numeric(field string) bool {
	s := parks.FacilitySchema
	i := s.Col(field)
	if i < 0 {
		s = parks.ProjectSchema
		if i = s.Col(field); i < 0 {
			return false
		}
	}
	t := s.Columns[i].Type
	return t == "integer" || t == "number"
}

// roles gives every row its role.
func (f *finder) roles(t *Table, b *block) {
	g := f.g
	end := b.start + b.depth // first row after the header
	firstNum := maxCols
	for _, c := range t.Columns {
		if numeric(c.Field) {
			firstNum = min(firstNum, c.Index)
		}
	}
	labelCol := func(c int) bool {
		if c >= maxCols {
			return false
		}
		if c < len(t.Columns) && numeric(t.Columns[c].Field) {
			return false
		}
		return c < firstNum || c < len(t.Columns) && (t.Columns[c].Field == "name" || t.Columns[c].Field == "district")
	}
	skip := map[int]bool{}
	if f.m != nil {
		for _, r := range f.m.SkipRows {
			skip[r-1] = true
		}
	}
	t.Rows = make([]Row, len(g.Rows))
	for r := range g.Rows {
		row := Row{Index: r, Role: Data, Col: -1}
		switch {
		case r >= b.start && r < end:
			row.Role = Header
		case filled(g.Rows[r]) == 0:
			row.Role = Spacer
		case r < b.start:
			row.Role, row.Col = Title, firstFilled(g.Rows[r])
			row.Label = strings.TrimSpace(g.Cell(r, row.Col))
			t.Title = append(t.Title, rowText(g.Rows[r]))
		case skip[r]:
			row.Role, row.Col = Note, firstFilled(g.Rows[r])
			row.Label = "skip_rows"
		case f.numbering(r):
			row.Role = Numbering
		default:
			f.bodyRole(&row, labelCol, t)
		}
		t.Rows[r] = row
	}
	// Under the last sum that closes the table (the grand total, or the
	// last subtotal when the total stands at the top) only notes follow
	// (signatures, the executor's telephone), unless a row has figures.
	lastData, lastSum := -1, -1
	for r, row := range t.Rows {
		switch row.Role {
		case Data:
			if f.hasFigures(r, t) {
				lastData = r
			}
		case Subtotal, Total:
			lastSum = r
		}
	}
	if lastSum > lastData {
		for r := lastSum + 1; r < len(t.Rows); r++ {
			if t.Rows[r].Role == Data || t.Rows[r].Role == Group {
				if !f.hasFigures(r, t) {
					t.Rows[r].Role, t.Rows[r].Col = Note, firstFilled(g.Rows[r])
					t.Rows[r].Label = strings.TrimSpace(g.Cell(r, t.Rows[r].Col))
				}
			}
		}
	}
	// A heading with no record under it is a note.
	for r := range t.Rows {
		if t.Rows[r].Role != Group {
			continue
		}
		data := false
		for n := r + 1; n < len(t.Rows); n++ {
			role := t.Rows[n].Role
			if role == Data {
				data = true
			}
			if data || role == Group || role == Subtotal || role == Total {
				break
			}
		}
		if !data {
			t.Rows[r].Role = Note
		}
	}
}

// bodyRole is the role of a row under the header that is not blank.
func (f *finder) bodyRole(row *Row, labelCol func(int) bool, t *Table) {
	g, v := f.g, f.v
	cells := g.Rows[row.Index]
	first := firstFilled(cells)
	firstText := strings.TrimSpace(cells[first])
	if strings.HasPrefix(firstText, "*") || hasPrefixPhrase(strings.Fields(Fold(firstText)), v.note) {
		row.Role, row.Col, row.Label = Note, first, firstText
		return
	}
	for c, s := range cells {
		if !labelCol(c) {
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" || numberLike(s) {
			continue
		}
		ws := strings.Fields(Fold(s))
		if hasPrefixPhrase(ws, v.part) {
			row.Role, row.Col, row.Label = Part, c, s
			return
		}
		if hasAny(ws, v.total) {
			row.Col, row.Label = c, s
			rest := f.groupWords(ws)
			if len(rest) == 0 || hasAny(rest, v.region) {
				row.Role = Total
			} else {
				row.Role, row.Group = Subtotal, strings.Join(rest, " ")
			}
			return
		}
	}
	if filled(cells) == 1 && !numberLike(firstText) && !f.markerCell(firstText) && slices.ContainsFunc(t.Columns, func(c Column) bool { return numeric(c.Field) }) {
		row.Role, row.Col, row.Label, row.Group = Group, first, firstText, firstText
	}
}

// groupWords is a sum's label without the words of sums: the group it
// names.
func (f *finder) groupWords(ws []string) []string {
	var rest []string
	for i := 0; i < len(ws); i++ {
		skip := false
		for _, p := range f.v.total {
			if i+len(p) <= len(ws) && has(ws[i:i+len(p)], p) == 0 {
				i += len(p) - 1
				skip = true
				break
			}
		}
		if !skip && !f.v.totalFiller[ws[i]] {
			rest = append(rest, ws[i])
		}
	}
	return rest
}

func hasPrefixPhrase(ws []string, ps []phrase) bool {
	for _, p := range ps {
		if len(p) <= len(ws) && has(ws[:len(p)], p) == 0 {
			return true
		}
	}
	return false
}

func (f *finder) markerCell(s string) bool {
	k := markerKey(s)
	return f.v.zero[k] || f.v.notReported[k]
}

// hasFigures: a number (or a marker) in a column of figures.
func (f *finder) hasFigures(r int, t *Table) bool {
	for _, c := range t.Columns {
		if numeric(c.Field) {
			if s := strings.TrimSpace(f.g.Cell(r, c.Index)); s != "" && (numberLike(s) || f.markerCell(s)) {
				return true
			}
		}
	}
	return false
}

// numbering: the row of column numbers under a header — at least two
// whole numbers rising from left to right, the other cells blank or a
// single letter (statistics tables number their text columns А, Б).
func (f *finder) numbering(r int) bool {
	nums, last := 0, -1
	for c, s := range f.g.Rows[r] {
		if c >= maxCols {
			break
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 1000 {
			if n <= last {
				return false
			}
			last = n
			nums++
			continue
		}
		if utf8.RuneCountInString(s) == 1 && unicode.IsLetter([]rune(s)[0]) {
			continue
		}
		return false
	}
	return nums >= 2
}

// numberLike: a cell that is a figure (digits with separators, a sign, a
// scale or currency word after it).
func numberLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == ',' || r == '.' || r == '-' || r == '+' || r == '\'' || r == '%' || r == '₸':
		default:
			if unicode.IsLetter(r) {
				// «12,5 млн», «100 тыс.»: a few letters after the digits
				ws := strings.Fields(Fold(s))
				if len(ws) >= 2 && len(ws) <= 4 && ws[0] != "" && ws[0][0] >= '0' && ws[0][0] <= '9' {
					for _, w := range ws[1:] {
						if _, ok := parks.ScaleWord(w); !ok && !parks.CurrencyMark(w) {
							return false
						}
					}
					return true
				}
			}
			return false
		}
	}
	return digits > 0
}

func filled(row []string) int {
	n := 0
	for c, s := range row {
		if c >= maxCols*4 {
			break
		}
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

func firstFilled(row []string) int {
	for c, s := range row {
		if strings.TrimSpace(s) != "" {
			return c
		}
	}
	return -1
}

// rowText is a row's non-blank cells joined by spaces.
func rowText(row []string) string {
	var parts []string
	for c, s := range row {
		if c >= maxCols {
			break
		}
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// IsCanonical reports whether a header row alone names the required
// columns of facilities or of projects (canonical names or aliases): the
// format readers' fast paths read such files, and layout is asked only
// about the other shapes.
func IsCanonical(header []string) bool {
	s := SchemaOfHeader(header)
	found := map[string]bool{}
	for _, h := range header {
		if m := MatchHeader(h, s); m.Column != "" {
			found[m.Column] = true
		}
	}
	for _, req := range s.Required() {
		if !found[req] {
			return false
		}
	}
	return true
}

// districtTotals recognises a table of figures by district whose other
// columns name no field parks reads («Район | По плану | Построено |
// Готовность», a leverage ranking): per-district totals, as `parks report
// --format xlsx` writes them, not facilities. Every cell beside the
// district is a figure (or blank), and some row has one; a text cell there
// (a name parks did not recognise) makes it a table to be named instead.
func (f *finder) districtTotals(b *block) (*Table, *NotRecognised) {
	dc := -1
	for _, c := range b.cols {
		if c.Field == "district" {
			dc = c.Index
		}
	}
	if dc < 0 {
		return nil, nil
	}
	t := &Table{Kind: "facilities", Columns: b.cols}
	for r := b.start; r < b.start+b.depth; r++ {
		t.HeaderRows = append(t.HeaderRows, r)
	}
	f.roles(t, b)
	figures := false
	for _, row := range t.Rows {
		if row.Role != Data {
			continue
		}
		for _, c := range b.cols {
			if c.Index == dc || c.Label == "" {
				continue
			}
			switch s := strings.TrimSpace(f.g.Cell(row.Index, c.Index)); {
			case s == "":
			case numberLike(s) || f.markerCell(s):
				figures = true
			default:
				return nil, nil
			}
		}
	}
	if !figures {
		return nil, nil
	}
	e := &NotRecognised{Grid: f.g.Name, Missing: []string{"name"}, Aggregate: true, ID: "layout.missing"}
	for _, c := range t.Columns {
		if c.Label != "" {
			e.Seen = append(e.Seen, ColumnName(c.Index)+" «"+shorten(c.Label)+"»")
		}
	}
	return t, e
}
