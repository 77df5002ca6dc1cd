package cli

import (
	"bufio"
	"encoding/binary"
	"io"
	"slices"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/stream"
	"github.com/parks-kz/parks/pkg/view"
)

// rowStream prints one row per record (list, --by facility) in CSV or
// JSON without holding the records: stream.Each hands them over in file
// order, each already made into its sort key and its output on the worker
// that read it, a stream.Sorter orders them in bounded memory (runs in a
// temporary file past 4 MiB), and they are written once the load has
// returned, so that a load with errors, or one that falls back to the
// holding path, writes nothing of them. The bytes are the holding path's
// (testdata/script/stream_rows.txtar). Other formats hold the records: a
// table's column widths and money unit depend on every row, YAML is
// written from the whole document, a workbook is made whole.
type rowStream struct {
	format string
	csv    render.CSVDialect
	sorter stream.Sorter
	each   *stream.Each
	err    error
}

// streamsRows says whether a format is written by rowStream.
func streamsRows(w render.Writer) bool { return w.Format == render.CSV || w.Format == render.JSON }

// newRowStream streams the records that pass filter, sorted by order,
// each written by the cells newCells makes for a worker.
func newRowStream(w render.Writer, filter parks.Filter, order *nameOrder, newCells func() func(*render.Cells, *parks.Facility)) *rowStream {
	rs := &rowStream{format: w.Format, csv: w.CSV, sorter: order.sorter()}
	rs.each = &stream.Each{
		Filter: filter,
		NewEncoder: func() func([]byte, *parks.Facility) []byte {
			key, cells := order.key(), newCells()
			c := &render.Cells{JSON: rs.format == render.JSON, CSV: rs.csv}
			return func(buf []byte, f *parks.Facility) []byte {
				start := len(buf)
				buf = key(append(buf, 0, 0, 0, 0), f)
				binary.LittleEndian.PutUint32(buf[start:], uint32(len(buf)-start-4))
				c.Start(buf)
				cells(c, f)
				return c.End()
			}
		},
		Start: func() { rs.sorter.Reset(); rs.err = nil },
		Record: func(rec []byte) error {
			n := binary.LittleEndian.Uint32(rec)
			if err := rs.sorter.Add(rec[4:4+n], rec[4+n:]); err != nil {
				rs.err = err
				return err
			}
			return nil
		},
	}
	return rs
}

// close removes the sorter's temporary file.
func (rs *rowStream) close() { rs.sorter.Close() }

// write writes the document: for CSV the header of columns, the first
// top rows (all when top is 0) and the rows of after; for JSON doc with
// the rows (whose fields are columns) as the list under key.
func (rs *rowStream) write(out io.Writer, columns []string, doc render.Object, key string, top int, after ...render.Object) error {
	if rs.err != nil {
		return rs.err
	}
	w := bufio.NewWriterSize(out, 1<<16)
	n := 0
	each := func(fn func(payload []byte) error) error {
		return rs.sorter.Each(func(p []byte) error {
			if top > 0 && n >= top {
				return nil
			}
			n++
			return fn(p)
		})
	}
	if rs.format == render.CSV {
		lines := render.NewCSVLines(rs.csv)
		head, err := lines.Head(columns)
		if err != nil {
			return err
		}
		w.Write(head)
		if err := each(func(p []byte) error { _, err := w.Write(p); return err }); err != nil {
			return err
		}
		for _, o := range after {
			cells := make([]any, len(o))
			for i, fl := range o {
				cells[i] = fl.Value
			}
			line, err := lines.Append(nil, cells)
			if err != nil {
				return err
			}
			w.Write(line)
		}
		return w.Flush()
	}
	list, err := render.NewJSONList(w, doc, key)
	if err != nil {
		return err
	}
	fields := render.NewJSONFields(columns)
	var item []byte
	if err := each(func(p []byte) error {
		item = fields.Append(item[:0], p)
		return list.Indented(item)
	}); err != nil {
		return err
	}
	if err := list.Close(); err != nil {
		return err
	}
	return w.Flush()
}

// districtRanks orders the gazetteer's districts by their names in a
// language (i18n.CompareNameKeys, as view.SortFacilities): districts whose
// names compare equal have the same rank.
func districtRanks(lang i18n.Lang) (map[string]uint16, error) {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		return nil, err
	}
	type named struct {
		kato string
		key  i18n.NameKey
	}
	keyOf := i18n.NameKeys(lang)
	var ds []named
	for _, r := range gaz.Regions {
		for _, d := range r.Districts {
			ds = append(ds, named{d.KATO, keyOf(view.DistrictName(d.KATO, lang))})
		}
	}
	slices.SortFunc(ds, func(a, b named) int { return i18n.CompareNameKeys(a.key, b.key) })
	ranks := make(map[string]uint16, len(ds))
	rank := 0
	for i, d := range ds {
		if i > 0 && i18n.CompareNameKeys(ds[i-1].key, d.key) != 0 {
			rank++
		}
		ranks[d.kato] = uint16(rank)
	}
	return ranks, nil
}
