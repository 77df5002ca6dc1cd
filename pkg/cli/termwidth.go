package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/view"
)

// termWidth is the width boxed tables must fit: on a terminal, $COLUMNS
// when set (shells export it; tests and users set it), else the width the
// terminal reports; 0 — do not fit — when stdout is not a terminal or its
// width is unknown. Piped output is never fitted.
func termWidth(streams *IO) int {
	if !streams.OutTTY {
		return 0
	}
	if n, err := strconv.Atoi(streams.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return streams.Width
}

// selectColumns keeps the columns of a human table that show the metrics
// of --columns, in the order given; a key the table does not show is a
// usage error that lists the ones it does.
func selectColumns(v view.View, keys []string) (view.View, error) {
	if len(keys) == 0 {
		return v, nil
	}
	var cols []view.Column
	used := map[int]bool{}
	for _, key := range keys {
		key = strings.TrimSpace(key)
		found := false
		for i, c := range v.Columns {
			if slices.Contains(c.Keys, key) {
				found = true
				if !used[i] {
					used[i] = true
					cols = append(cols, c)
				}
			}
		}
		if !found {
			var shown []string
			for _, c := range v.Columns {
				shown = append(shown, c.Keys...)
			}
			return v, localError("usage.no_column", strconv.Quote(key), shown)
		}
	}
	v.Columns = cols
	return v, nil
}
