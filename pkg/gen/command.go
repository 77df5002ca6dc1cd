package gen

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Command is the parksgen command line (cmd/parksgen, and the testscript
// tests' parksgen): parksgen -n 1000000 -seed 1 -o DIR writes
// DIR/facilities.csv (and DIR/projects.csv with -projects > 0). It returns
// the exit code.
func Command(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("parksgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "facility rows")
	seed := fs.Uint64("seed", 1, "random seed; the same seed writes the same bytes")
	out := fs.String("o", ".", "output directory")
	errs := fs.Int("errors", 0, "rows with a problem of their own, spread evenly")
	unique := fs.Bool("unique-ids", false, "no error repeats an id (a repeated id makes a load hold every record)")
	projects := fs.Float64("projects", 0, "mean number of projects per facility (0: no projects.csv)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := writeFiles(*out, Options{N: *n, Seed: *seed, Errors: *errs, NoDuplicateIDs: *unique, ProjectsPer: *projects}); err != nil {
		fmt.Fprintln(stderr, "parksgen:", err)
		return 1
	}
	return 0
}

func writeFiles(dir string, opts Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "facilities.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	var p *os.File
	if opts.ProjectsPer > 0 {
		if p, err = os.Create(filepath.Join(dir, "projects.csv")); err != nil {
			return err
		}
		defer p.Close()
	}
	if p == nil {
		err = Write(f, nil, opts)
	} else {
		err = Write(f, p, opts)
	}
	if err != nil {
		return err
	}
	if p != nil {
		if err := p.Close(); err != nil {
			return err
		}
	}
	return f.Close()
}
