package decode

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"hash/maphash"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/safefile"
)

// Damaged workbooks. A workbook is a zip of XML parts, and both layers
// can be damaged in ways the libraries pass over in silence: Go's zip
// reader reports a CRC mismatch only to a reader that reads an entry to
// its end, and excelize ignores what it gets when it copies a part, so a
// tampered or truncated entry reads as whatever it inflates to; excelize's
// row iterator ends at the first XML syntax error as if the sheet ended
// there. Both are errors here, at the workbook or at the row of the
// sheet, and the rows that could not be read are counted as left out.

// zipCheck runs checkZip while excelize opens the workbook (each reads
// every entry; on two cores the check then costs little time).
func zipCheck(data []byte) func() (string, error) {
	type result struct {
		part string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		part, err := checkZip(data)
		ch <- result{part, err}
	}()
	return sync.OnceValues(func() (string, error) {
		r := <-ch
		return r.part, r.err
	})
}

// checkZip reads every entry of the archive to its end, so that its CRC
// is checked and a damaged deflate stream is found. It returns the first
// damaged entry's name and what is wrong with it. The declared sizes have
// been checked against XLSXUnzipLimit already (excelize refuses a larger
// workbook), and Go's reader refuses an entry that inflates to more than
// it declares, so this reads at most the limit.
func checkZip(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var total uint64
	for _, f := range zr.File {
		if total += f.UncompressedSize64; total > XLSXUnzipLimit {
			return "", nil // too large: excelize refuses it unread
		}
	}
	buf := make([]byte, 64<<10)
	for _, f := range zr.File {
		if err := readEntry(f, buf); err != nil {
			return f.Name, err
		}
	}
	return "", nil
}

func readEntry(f *zip.File, buf []byte) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(io.Discard, rc, buf)
	return errors.Join(err, rc.Close())
}

// damagedSheet reports a worksheet whose XML is not well-formed. row is
// the row the reader had reached (0: none), rows the rows of the sheet
// that are left out.
func (x *xlsxSheet) damagedSheet(row int, err error, rows int) {
	x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, max(row, 1)), Severity: diag.Error, Rule: "format-error"},
		"xlsx.damaged_xml", quoted(x.sheet), err.Error()))
	x.env.RowsLost += rows
}

// lostSheet counts the rows of a sheet refused as a whole as left out.
func (x *xlsxSheet) lostSheet() {
	if n, ok := x.sheetRowCount(); ok {
		x.env.RowsLost += n
	}
}

// filledRows counts the rows with a cell that is not blank.
func filledRows(rows [][]string) int {
	n := 0
	for _, row := range rows {
		for _, v := range row {
			if strings.TrimSpace(v) != "" {
				n++
				break
			}
		}
	}
	return n
}

// sheetRowCount counts the row elements of a worksheet's XML as it is in
// the archive (a damaged sheet: what is left out); ok is false when the
// part cannot be found or read.
func (x *xlsxSheet) sheetRowCount() (int, bool) {
	a := x.book.archive
	if a == nil {
		var err error
		if a, err = openArchive(x.book.data); err != nil {
			return 0, false
		}
	}
	zf, ok := a.sheetPart(x.f, x.sheet)
	if !ok {
		return 0, false
	}
	rc, err := zf.Open()
	if err != nil {
		return 0, false
	}
	defer rc.Close()
	// a tag is counted when its five bytes are in one window; the last
	// four bytes of a window start the next one
	n, window := 0, make([]byte, 0, 4+64<<10)
	buf := make([]byte, 64<<10)
	for {
		k, err := rc.Read(buf)
		window = append(window, buf[:k]...)
		n += countRowTags(window)
		window = append(window[:0], window[max(0, len(window)-4):]...)
		if err == io.EOF {
			return n, true
		}
		if err != nil {
			return 0, false
		}
	}
}

// countRowTags counts "<row" followed by a space, '>' or '/'.
func countRowTags(b []byte) int {
	n := 0
	for {
		i := bytes.Index(b, []byte("<row"))
		if i < 0 || i+4 >= len(b) {
			return n
		}
		if c := b[i+4]; c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
			n++
		}
		b = b[i+4:]
	}
}

// syntaxError is the XML syntax error in what excelize's reading of a
// whole sheet returned, if that is what it is.
func syntaxError(err error) (*xml.SyntaxError, bool) {
	var se *xml.SyntaxError
	return se, errors.As(err, &se)
}

// headerSearchMore bounds how far below the searched rows a skipped sheet
// is looked at for a header, to say where it is.
const headerSearchMore = 1000

// skipped warns about a sheet that is not read because no header was found
// in its first rows, when it looks like data: a header below the rows
// searched, or more rows than that. A title page or a note is passed over
// in silence, as before.
func (x *xlsxSheet) skipped(nums []int, rows [][]string) {
	if layout.NoteSheet(x.sheet) {
		// README, «Описание»: a description of the workbook (parks report writes one)
		x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, 1), Severity: diag.Info, Rule: "layout-row"}, "xlsx.note_sheet", quoted(x.sheet)))
		return
	}
	for start := layout.HeaderSearchRows; start < min(len(rows), layout.HeaderSearchRows+headerSearchMore); start += layout.HeaderSearchRows {
		if hr := layout.HeaderRow(rows[start:]); hr >= 0 {
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, nums[start+hr]), Severity: diag.Warning, Rule: "missing-label"},
				"xlsx.header_below", quoted(x.sheet), itoa(layout.HeaderSearchRows), "parks import"))
			return
		}
	}
	if n := filledRows(rows); n > layout.HeaderSearchRows {
		x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, nums[0]), Severity: diag.Warning, Rule: "missing-label"},
			"xlsx.sheet_skipped", quoted(x.sheet), n, itoa(layout.HeaderSearchRows)))
	}
}

// rowIndex finds rows of a sheet that repeat an earlier one. It keeps the
// rows (which the sheet holds anyway) under a hash of their cells, not a
// key joined from them: a shared string is one string however many cells
// show it, and a joined key copied it for every row (a 900 KB string in
// 4,000 rows took 3.6 GB).
type rowIndex struct {
	rows map[uint64][]indexedRow
	seed maphash.Seed
}

type indexedRow struct {
	cells []string
	pos   diag.Pos
}

// add records a row at pos; when an equal row was added before, it
// returns that row's position and true instead.
func (ix *rowIndex) add(cells []string, pos diag.Pos) (diag.Pos, bool) {
	if ix.rows == nil {
		ix.rows, ix.seed = map[uint64][]indexedRow{}, maphash.MakeSeed()
	}
	var h maphash.Hash
	h.SetSeed(ix.seed)
	for _, c := range cells {
		h.WriteString(c)
		h.WriteByte(0)
	}
	k := h.Sum64()
	for _, r := range ix.rows[k] {
		if slices.Equal(r.cells, cells) {
			return r.pos, true
		}
	}
	ix.rows[k] = append(ix.rows[k], indexedRow{cells, pos})
	return diag.Pos{}, false
}

// maxSheetText bounds the text excelize hands over for one sheet. It
// copies a shared string for every cell that shows it (twice over, and
// slowly): one string of 900 KB in 4,000 cells was 3.6 GB and 47 seconds.
// The fast reader refers to the one string instead and is not bounded
// here; a sheet that only excelize reads stops at this.
const maxSheetText = 256 << 20

// sheetText counts the text of a sheet read through excelize and keeps
// one copy of each long value it repeats, so the records hold one string.
type sheetText struct {
	bytes  int
	intern map[string]string
}

// add counts a row's cells and replaces a long value seen before by its
// first copy; false when the sheet's text passes maxSheetText.
func (t *sheetText) add(cells []string) bool {
	for i, v := range cells {
		t.bytes += len(v)
		if len(v) < 256 {
			continue
		}
		if s, ok := t.intern[v]; ok {
			cells[i] = s
			continue
		}
		if t.intern == nil {
			t.intern = map[string]string{}
		}
		if len(t.intern) < 1<<16 {
			t.intern[v] = v
		}
	}
	return t.bytes <= maxSheetText
}

// unpackDir is a directory of its own for the worksheets excelize unpacks
// to temporary files (those past XLSXUnzipXMLLimit), registered with
// safefile so that a signal handler removes it; done removes it too (after
// f.Close, which removes the files). "" when it cannot be made: excelize
// then uses the system's temporary directory.
func unpackDir() (dir string, done func()) {
	dir, err := os.MkdirTemp("", "parks-xlsx-")
	if err != nil {
		return "", func() {}
	}
	untrack := safefile.Track(dir)
	return dir, func() {
		os.RemoveAll(dir)
		untrack()
	}
}
