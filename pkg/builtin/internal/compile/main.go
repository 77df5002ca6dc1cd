// Command compile stores the built-in dataset, turkestan.yaml (the file
// people read and edit, with its comments), in the form the binary reads:
// facilities.csv and projects.csv in the canonical columns and dataset.tsv
// with the dataset's name, region, as_of and source. Decoding the YAML
// (a node for every value, with its position) was the largest part of the
// built-in summary's own work; reading the same records from CSV is a
// tenth of it.
//
// Run it with `go generate ./pkg/builtin` after editing turkestan.yaml;
// TestCompiledMatchesYAML fails while they differ.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/parks-kz/parks/pkg/decode"
)

func main() {
	if err := compile(); err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
}

func compile() error {
	// Load reads a path's YAML; the built-in dataset, without a path, is
	// read from what this writes.
	dir, err := os.MkdirTemp("", "parks-builtin-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile("turkestan.yaml")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "turkestan.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	l, err := decode.Load([]string{path}, decode.Options{})
	if err != nil {
		return err
	}
	if len(l.Problems.Problems) > 0 {
		return fmt.Errorf("turkestan.yaml has problems, the first: %s", l.Problems.Problems[0])
	}
	ds := l.Dataset
	var fac, proj bytes.Buffer
	if err := gocsv.Marshal(ds.Facilities, &fac); err != nil {
		return err
	}
	if err := gocsv.Marshal(ds.Projects, &proj); err != nil {
		return err
	}
	for _, v := range []string{ds.Meta.Name, ds.Meta.Region, ds.Meta.AsOf, ds.Meta.Source} {
		if strings.ContainsAny(v, "\t\n\r") {
			return fmt.Errorf("the dataset block has a tab or line break in %q, which dataset.tsv cannot hold", v)
		}
	}
	meta := fmt.Sprintf("name\t%s\nregion\t%s\nas_of\t%s\nsource\t%s\n", ds.Meta.Name, ds.Meta.Region, ds.Meta.AsOf, ds.Meta.Source)
	for name, b := range map[string][]byte{"facilities.csv": fac.Bytes(), "projects.csv": proj.Bytes(), "dataset.tsv": []byte(meta)} {
		if err := os.WriteFile(filepath.Join("compiled", name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
