package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/parks-kz/parks/pkg/builtin"
)

// The first test snapshot of diff and trend is the built-in dataset itself;
// the later ones are made from it. If the built-in data changes, copy it
// again and redo the made-up changes listed at the top of the later files.
func TestFirstSnapshotIsTheBuiltinDataset(t *testing.T) {
	data, err := os.ReadFile("../../testdata/snapshots/2025-12-01.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, builtin.YAML) {
		t.Error("testdata/snapshots/2025-12-01.yaml differs from pkg/builtin/turkestan.yaml")
	}
}
