// Command parksgen writes a deterministic synthetic dataset in the canonical
// CSV schema, for benchmarks: parksgen -n 1000000 -seed 1 -o /tmp/bench
// writes /tmp/bench/facilities.csv (and projects.csv with -projects > 0).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parks-kz/parks/pkg/gen"
)

func main() {
	n := flag.Int("n", 1000, "facility rows")
	seed := flag.Uint64("seed", 1, "random seed; the same seed writes the same bytes")
	out := flag.String("o", ".", "output directory")
	errs := flag.Int("errors", 0, "rows with a problem of their own, spread evenly")
	projects := flag.Float64("projects", 0, "mean number of projects per facility (0: no projects.csv)")
	flag.Parse()
	if err := run(*out, gen.Options{N: *n, Seed: *seed, Errors: *errs, ProjectsPer: *projects}); err != nil {
		fmt.Fprintln(os.Stderr, "parksgen:", err)
		os.Exit(2)
	}
}

func run(dir string, opts gen.Options) error {
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
		err = gen.Write(f, nil, opts)
	} else {
		err = gen.Write(f, p, opts)
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
