package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
)

// The writers below write a machine output one row at a time, for the
// commands that stream their rows (list, --by facility) instead of
// holding them: the bytes are those Writer.Write writes of the whole
// output (TestRowWritersMatchWrite).

// CSVLines makes the lines of WriteGridCSV one row at a time.
type CSVLines struct {
	d   CSVDialect
	buf bytes.Buffer
	cw  *csv.Writer
	rec []string
}

// NewCSVLines writes rows in a dialect.
func NewCSVLines(d CSVDialect) *CSVLines {
	l := &CSVLines{d: d}
	l.cw = csv.NewWriter(&l.buf)
	if d.Comma != 0 {
		l.cw.Comma = d.Comma
	}
	l.cw.UseCRLF = d.CRLF
	return l
}

// Head is what WriteGridCSV writes before the rows: the byte order mark
// and the header line.
func (l *CSVLines) Head(columns []string) ([]byte, error) {
	var out []byte
	if l.d.BOM {
		out = append(out, "\ufeff"...)
	}
	if len(columns) == 0 {
		return out, nil
	}
	return l.line(out, columns)
}

// Append appends the line of a row of cells.
func (l *CSVLines) Append(dst []byte, cells []any) ([]byte, error) {
	l.rec = l.rec[:0]
	for _, c := range cells {
		l.rec = append(l.rec, csvCell(c, l.d))
	}
	return l.line(dst, l.rec)
}

func (l *CSVLines) line(dst []byte, rec []string) ([]byte, error) {
	l.buf.Reset()
	if err := l.cw.Write(rec); err != nil {
		return dst, err
	}
	l.cw.Flush()
	if err := l.cw.Error(); err != nil {
		return dst, err
	}
	return append(dst, l.buf.Bytes()...), nil
}

// JSONList writes, as WriteJSON writes doc, a document whose value under
// key (a key of doc itself) is a list of objects given one at a time.
type JSONList struct {
	w          io.Writer
	head, tail []byte
	n          int
	buf        bytes.Buffer
}

// NewJSONList starts the document: doc's fields up to key's list.
func NewJSONList(w io.Writer, doc Object, key string) (*JSONList, error) {
	doc = append(Object(nil), doc...)
	found := false
	for i := range doc {
		if doc[i].Key == key {
			doc[i].Value, found = []Object{}, true
		}
	}
	if !found {
		return nil, fmt.Errorf("render: no key %q in the document", key)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, doc); err != nil {
		return nil, err
	}
	k, _ := json.Marshal(key)
	mark := append(append([]byte("\n  "), k...), ": []"...)
	i := bytes.Index(b.Bytes(), mark)
	if i < 0 {
		return nil, fmt.Errorf("render: cannot find the list %q", key)
	}
	at := i + len(mark) - 2
	l := &JSONList{w: w, head: b.Bytes()[:at], tail: b.Bytes()[at+2:]}
	_, err := w.Write(l.head)
	return l, err
}

// Item writes the next object of the list, given as its compact JSON
// (Object.MarshalJSON).
func (l *JSONList) Item(compact []byte) error {
	l.buf.Reset()
	if err := json.Indent(&l.buf, compact, "    ", "  "); err != nil {
		return err
	}
	return l.Indented(l.buf.Bytes())
}

// IndentItem appends an object of the list, given as its compact JSON, as
// Indented is to get it: so that a worker may indent it.
func IndentItem(dst *bytes.Buffer, compact []byte) error {
	return json.Indent(dst, compact, "    ", "  ")
}

// Indented writes the next object of the list, indented (IndentItem).
func (l *JSONList) Indented(item []byte) error {
	sep := ",\n    "
	if l.n == 0 {
		sep = "[\n    "
	}
	l.n++
	if _, err := io.WriteString(l.w, sep); err != nil {
		return err
	}
	_, err := l.w.Write(item)
	return err
}

// Close ends the list and the document.
func (l *JSONList) Close() error {
	end := "[]"
	if l.n > 0 {
		end = "\n  ]"
	}
	if _, err := io.WriteString(l.w, end); err != nil {
		return err
	}
	_, err := l.w.Write(l.tail)
	return err
}
