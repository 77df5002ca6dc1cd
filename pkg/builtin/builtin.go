// Package builtin embeds the sample dataset of Turkestan region, which
// reproduces every figure of the press article the project starts from.
package builtin

import _ "embed"

// Name is the name the built-in dataset is reported under in messages.
const Name = "builtin:turkestan.yaml"

// YAML is the dataset, in the same YAML format users write.
//
//go:embed turkestan.yaml
var YAML []byte
