// Command parksgen writes a deterministic synthetic dataset in the canonical
// CSV schema, for benchmarks: parksgen -n 1000000 -seed 1 -o /tmp/bench
// writes /tmp/bench/facilities.csv (and projects.csv with -projects > 0).
// -errors N adds rows with problems; -unique-ids keeps their ids apart.
package main

import (
	"os"

	"github.com/parks-kz/parks/pkg/gen"
)

func main() { os.Exit(gen.Command(os.Args[1:], os.Stderr)) }
