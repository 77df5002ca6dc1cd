package gen

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/safefile"
)

// Command is the parksgen command line (cmd/parksgen, and the testscript
// tests' parksgen): parksgen -n 1000000 -seed 1 -o DIR writes
// DIR/facilities.csv (and DIR/projects.csv with -projects > 0). With
// -akimat ru|kk it writes the built-in dataset (or -in FILE, canonical
// facilities CSV) laid out as an akimat's report: DIR/report.xlsx, its CSV
// form DIR/report.csv (as Excel writes it) and the canonical twin
// DIR/canonical.csv (see Akimat). It returns the exit code.
func Command(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("parksgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "facility rows")
	seed := fs.Uint64("seed", 1, "random seed; the same seed writes the same bytes")
	out := fs.String("o", ".", "output directory")
	errs := fs.Int("errors", 0, "rows with a problem of their own, spread evenly")
	unique := fs.Bool("unique-ids", false, "no error repeats an id (a repeated id makes a load hold every record)")
	projects := fs.Float64("projects", 0, "mean number of projects per facility (0: no projects.csv)")
	warnEvery := fs.Int("warn-every", 0, "every k-th row has a sector not in the list (a warning)")
	dupEvery := fs.Int("dup-every", 0, "every k-th row repeats the id of the row before it")
	copyRow := fs.Int("copy-row", 0, "write row k again at the end (an exact copy)")
	repeatEarly := fs.Bool("repeat-early", false, "row 2 has the id of row 1")
	repeatLate := fs.Bool("repeat-late", false, "the last row has the id of row 1")
	akimat := fs.String("akimat", "", "write a report-shaped sheet in this language (ru or kk) instead: report.xlsx, report.csv, canonical.csv")
	in := fs.String("in", "", "with -akimat: canonical facilities CSV to lay out (default: the built-in dataset)")
	vary := fs.Bool("vary", false, "with -akimat: draw grouping, wording, header spelling and unit from -seed")
	unit := fs.Int64("unit", 0, "with -akimat: money unit in tenge, 1000, 1000000 or 1000000000 (default: million, or drawn with -vary)")
	wrong := fs.Bool("wrong-subtotal", false, "with -akimat: one subtotal does not add up (its cell is printed)")
	source := fs.String("source", "", "with -akimat: source written in canonical.csv (what a reader assigns the sheet)")
	asOf := fs.String("as-of", "", "with -akimat: the title's date, YYYY-MM-DD (default: the latest as_of)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *akimat != "" {
		opts := AkimatOptions{Lang: *akimat, Seed: *seed, Vary: *vary, Unit: *unit, WrongSubtotal: *wrong, Source: *source, AsOf: *asOf}
		if err := writeAkimat(*out, *in, opts, stderr); err != nil {
			fmt.Fprintln(stderr, "parksgen:", err)
			return 1
		}
		return 0
	}
	if err := writeFiles(*out, Options{N: *n, Seed: *seed, Errors: *errs, NoDuplicateIDs: *unique, ProjectsPer: *projects, WarnEvery: *warnEvery, DupEvery: *dupEvery,
		CopyRow: *copyRow, RepeatEarly: *repeatEarly, RepeatLate: *repeatLate}); err != nil {
		fmt.Fprintln(stderr, "parksgen:", err)
		return 1
	}
	return 0
}

// writeFiles writes facilities.csv (and projects.csv) as parks writes its
// outputs (pkg/safefile): an existing file is replaced atomically, keeping
// its mode and owner, a FIFO or device at the path is refused, and the two
// files are replaced together. Each is generated in a pass of its own
// (the same seed gives the same rows): the set is written file by file.
func writeFiles(dir string, opts Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var set safefile.Set
	defer set.Abort()
	if opts.ProjectsPer == 0 {
		if err := set.Add(filepath.Join(dir, "facilities.csv"), func(w io.Writer) error { return Write(w, nil, opts) }); err != nil {
			return err
		}
	} else {
		if err := set.Add(filepath.Join(dir, "facilities.csv"), func(w io.Writer) error { return Write(w, io.Discard, opts) }); err != nil {
			return err
		}
		if err := set.Add(filepath.Join(dir, "projects.csv"), func(w io.Writer) error { return Write(io.Discard, w, opts) }); err != nil {
			return err
		}
	}
	return set.Commit()
}

func writeAkimat(dir, in string, opts AkimatOptions, stderr io.Writer) error {
	var facs []*parks.Facility
	var err error
	if in == "" {
		facs, err = BuiltinFacilities()
	} else {
		var f *os.File
		if f, err = os.Open(in); err == nil {
			facs, err = ReadFacilities(f)
			f.Close()
		}
	}
	if err != nil {
		return err
	}
	rep, err := Akimat(facs, opts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var set safefile.Set // the three files replaced together, as parks writes (pkg/safefile)
	defer set.Abort()
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{"report.xlsx", rep.WriteXLSX}, {"report.csv", rep.WriteCSV}, {"canonical.csv", rep.WriteCanonical}} {
		if err := set.Add(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	if err := set.Commit(); err != nil {
		return err
	}
	if rep.Wrong != nil {
		w := rep.Wrong
		fmt.Fprintf(stderr, "parksgen: wrong subtotal at %s!%s: %s of %s says %d, its %d rows add up to %d\n", rep.Sheet, w.Cell, w.Field, w.District, w.Says, w.Rows, w.Sum)
	}
	return nil
}
