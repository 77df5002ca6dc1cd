// Package gen writes deterministic synthetic datasets in the canonical CSV
// schema, for benchmarks and for tests that need many rows. The same seed
// always gives the same bytes. Districts and sectors come from the embedded
// reference data, so the names are the gazetteer's own (Kazakh, Russian and
// English, multi-byte), and values stay in realistic ranges: the rows are
// valid unless errors are asked for.
package gen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// Options say what to write.
type Options struct {
	N    int    // facility rows
	Seed uint64 // same seed, same bytes
	// Errors is the number of rows (spread evenly) that get a problem of
	// their own: a bad number, an unknown district, a short row, an extra
	// cell, a duplicate id, a future date or a blank line before the row.
	Errors int
	// NoDuplicateIDs leaves the duplicate id out of the error kinds.
	NoDuplicateIDs bool
	// ProjectsPer is the mean number of projects per facility (0: none).
	ProjectsPer float64
	// WarnEvery, when above 0, gives every WarnEvery-th row a sector that
	// is not in the list (a warning); DupEvery gives every DupEvery-th row
	// the id of the row before it (an error). For the file shapes of the
	// benchmarks.
	WarnEvery, DupEvery int
	// CopyRow, when above 0, writes row CopyRow again at the end (an exact
	// copy, late); RepeatEarly gives row 2 the id of row 1, RepeatLate the
	// last row the id of row 1.
	CopyRow                 int
	RepeatEarly, RepeatLate bool
}

// FacilityHeader is the canonical facility header, from the schema.
func FacilityHeader() string { return strings.Join(parks.FacilitySchema.Names(), ",") }

// ProjectHeader is the canonical project header.
func ProjectHeader() string { return strings.Join(parks.ProjectSchema.Names(), ",") }

var (
	kinds    = []string{"park", "site", "site"}
	statuses = []string{"operating", "operating", "under_construction", "planned"}
	sources  = []string{
		"akimat of Turkestan region, quarterly report",
		"\"Turkestan\" SEC, registry extract",
		"Түркістан облысы әкімдігі, тоқсандық есеп",
		"Управление предпринимательства, отчёт",
	}
	notes = []string{
		"",
		"",
		"",
		"figures as reported, not audited",
		"land allotted, utilities connected: power, gas, water",
		"Жер телімі бөлінді, инфрақұрылым жүргізілді",
		"Данные уточняются; сверка с отчётом акимата",
		"two lines:\nsecond line of the note",
		"quotes \"inside\" a note, and a comma",
	}
	namesKK = []string{"индустриялық аймағы", "өндірістік алаңы", "кәсіпкерлер паркі"}
	namesRU = []string{"индустриальная зона", "производственная площадка", "малая промзона"}
)

type generator struct {
	r         *rand.Rand
	districts []string
	sectors   []string
	opts      Options
}

func newGenerator(opts Options) (*generator, error) {
	gaz, sec, err := refdata.Reference()
	if err != nil {
		return nil, err
	}
	g := &generator{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), opts: opts}
	for _, reg := range gaz.Regions {
		for _, d := range reg.Districts {
			g.districts = append(g.districts, d.KK, d.RU, d.EN)
		}
	}
	for _, s := range sec.List {
		g.sectors = append(g.sectors, s.Code)
	}
	return g, nil
}

// Write writes the facilities (and, with ProjectsPer > 0, the projects) as
// CSV. projects may be nil when no projects are asked for.
func Write(facilities, projects io.Writer, opts Options) error {
	g, err := newGenerator(opts)
	if err != nil {
		return err
	}
	fw := bufio.NewWriterSize(facilities, 1<<16)
	var pw *bufio.Writer
	if opts.ProjectsPer > 0 {
		if projects == nil {
			return fmt.Errorf("projects asked for but no writer given")
		}
		pw = bufio.NewWriterSize(projects, 1<<16)
		pw.WriteString(ProjectHeader() + "\n")
	}
	fw.WriteString(FacilityHeader() + "\n")
	every := 0
	if opts.Errors > 0 {
		every = max(1, opts.N/opts.Errors)
	}
	proj := 0
	var b, copied []byte
	for i := 1; i <= opts.N; i++ {
		bad := -1
		if every > 0 && i%every == 0 && i/every <= opts.Errors {
			bad = (i / every) % 7
		}
		var f fac
		b, f = g.facility(b[:0], i, bad)
		fw.Write(b)
		if i == opts.CopyRow {
			copied = append(copied, b...)
		}
		if pw != nil {
			for k := g.projectCount(); k > 0; k-- {
				proj++
				b = g.project(b[:0], proj, f, k)
				pw.Write(b)
			}
		}
	}
	fw.Write(copied)
	if pw != nil {
		if err := pw.Flush(); err != nil {
			return err
		}
	}
	return fw.Flush()
}

// fac is what a facility's projects must stay within.
type fac struct {
	id                       string
	jobs, created, priv, bud int64
}

func (g *generator) projectCount() int {
	// geometric-ish around the mean: most facilities have a few projects
	n := 0
	for g.r.Float64() < g.opts.ProjectsPer/(g.opts.ProjectsPer+1) {
		n++
	}
	return n
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) facility(b []byte, i, bad int) ([]byte, fac) {
	id := "F" + strconv.Itoa(i)
	if i > 1 && g.opts.DupEvery > 0 && i%g.opts.DupEvery == 0 {
		id = "F" + strconv.Itoa(i-1)
	}
	if i == 2 && g.opts.RepeatEarly || i == g.opts.N && i > 1 && g.opts.RepeatLate {
		id = "F1"
	}
	if bad == 4 && i > 1 && !g.opts.NoDuplicateIDs {
		id = "F" + strconv.Itoa(i-1) // duplicate id
	}
	if bad == 6 {
		b = append(b, '\n') // a blank line before the row
	}
	district := g.pick(g.districts)
	name := district + " " + g.pick(namesKK)
	if g.r.IntN(2) == 0 {
		name = g.pick(namesRU) + " «" + district + "»"
	}
	if g.r.IntN(10) == 0 {
		name += ", phase " + strconv.Itoa(1+g.r.IntN(3))
	}
	planned := int64(1 + g.r.IntN(60))
	built := g.r.Int64N(planned + 1)
	uc := g.r.Int64N(planned - built + 1)
	projPlanned := int64(1 + g.r.IntN(40))
	projLaunched := g.r.Int64N(projPlanned + 1)
	jobsPlanned := int64(10 + g.r.IntN(3000))
	jobsCreated := g.r.Int64N(jobsPlanned + 1)
	priv := g.r.Int64N(50_000_000_000)
	budget := g.r.Int64N(5_000_000_000)
	importSub := g.r.Int64N(2_000_000_000)
	areaM2 := int64(5_000 + g.r.IntN(2_000_000)) // 0.5 to 200 ha
	year := 2020 + g.r.IntN(6)
	asOf := fmt.Sprintf("%d-%02d-%02d", year, 1+g.r.IntN(12), 1+g.r.IntN(28))

	b = append(b, id...)
	b = append(b, ',')
	b = appendCell(b, name)
	b = append(b, ',')
	b = append(b, g.pick(kinds)...)
	b = append(b, ',')
	if bad == 1 {
		b = appendCell(b, district+"-2") // not in the gazetteer
	} else {
		b = appendCell(b, district)
	}
	b = append(b, ',')
	b = append(b, parks.FormatHa(areaM2)...)
	for _, v := range []int64{planned, built, uc, projPlanned, projLaunched, jobsPlanned, jobsCreated} {
		b = append(b, ',')
		b = strconv.AppendInt(b, v, 10)
	}
	b = append(b, ',')
	if bad == 0 {
		b = append(b, "12 345 678,9"...) // a fraction of a tenge
	} else {
		b = strconv.AppendInt(b, priv, 10)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, budget, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, importSub, 10)
	b = append(b, ',')
	n := 1 + g.r.IntN(3)
	for k := 0; k < n; k++ {
		if k > 0 {
			b = append(b, '|')
		}
		b = append(b, g.pick(g.sectors)...)
	}
	if g.opts.WarnEvery > 0 && i%g.opts.WarnEvery == 0 {
		b = append(b, "|local_crafts"...) // not in the sector list
	}
	b = append(b, ',')
	b = append(b, g.pick(statuses)...)
	b = append(b, ',')
	if bad == 5 {
		b = append(b, "2099-01-01"...)
	} else {
		b = append(b, asOf...)
	}
	b = append(b, ',')
	b = appendCell(b, g.pick(sources))
	if bad == 2 {
		return append(b, '\n'), fac{} // short row: notes missing
	}
	b = append(b, ',')
	b = appendCell(b, g.pick(notes))
	if bad == 3 {
		b = append(b, ",extra"...)
	}
	return append(b, '\n'), fac{id: id, jobs: jobsPlanned, created: jobsCreated, priv: priv, bud: budget}
}

func (g *generator) project(b []byte, n int, f fac, left int) []byte {
	share := func(v int64) int64 { return v / int64(4+left) }
	b = append(b, 'P')
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ',')
	fid := f.id
	if fid == "" {
		fid = "F0" // the facility row was left out: a dangling reference
	}
	b = append(b, fid...)
	b = append(b, ',')
	b = appendCell(b, "ТОО «"+g.pick(namesRU)+" "+strconv.Itoa(n)+"»")
	b = append(b, ',')
	b = append(b, g.pick(g.sectors)...)
	b = append(b, ',')
	b = append(b, g.pick(statuses)...)
	for _, v := range []int64{share(f.priv), share(f.bud)} {
		b = append(b, ',')
		b = strconv.AppendInt(b, v, 10)
	}
	jobs := share(f.jobs)
	b = append(b, ',')
	b = strconv.AppendInt(b, jobs, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, share(f.created), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, g.r.Int64N(100_000_000), 10)
	b = append(b, ",2025-07-01,"...)
	b = appendCell(b, g.pick(sources))
	b = append(b, ',')
	b = appendCell(b, g.pick(notes))
	return append(b, '\n')
}

// appendCell writes a CSV cell, quoting it when it holds a comma, a quote
// or a line break.
func appendCell(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}
