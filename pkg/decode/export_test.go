package decode

// Test-only helpers of package decode.

// DecodeYAML reads a YAML dataset: an optional `dataset:` block and lists
// `facilities:` and `projects:`. Positions are those of the YAML nodes.
func DecodeYAML(file string, data []byte, env *Env, sink Sink) {
	decodeYAML(file, data, "", env, sink)
}

// SetMaxSpoolBytes bounds the copy of stdin a streaming load makes, until
// the returned function restores it.
func SetMaxSpoolBytes(n int64) func() {
	old := maxSpoolBytes
	maxSpoolBytes = n
	return func() { maxSpoolBytes = old }
}
