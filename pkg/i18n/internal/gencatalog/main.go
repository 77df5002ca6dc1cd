// Command gencatalog compiles pkg/i18n/messages.yaml, the catalogue people
// edit, into messages.json, which the binary embeds: decoding JSON at start-up
// is about four times cheaper than YAML, and every command pays it.
//
// Run it with `go generate ./pkg/i18n` after editing messages.yaml; a test
// fails while the two differ.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

func main() {
	data, err := os.ReadFile("messages.yaml")
	if err != nil {
		fail(err)
	}
	var catalog map[string]map[string]string
	if err := yaml.Unmarshal(data, &catalog); err != nil {
		fail(fmt.Errorf("messages.yaml: %w", err))
	}
	out, err := json.MarshalIndent(catalog, "", " ") // map keys sorted: a stable file
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile("messages.json", append(out, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gencatalog:", err)
	os.Exit(1)
}
