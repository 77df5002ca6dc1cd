package i18n

// Test-only helpers of package i18n.

// MessageIDs lists every message id, for completeness tests.
func MessageIDs() []string {
	var ids []string
	for id := range messages() {
		ids = append(ids, id)
	}
	return ids
}
