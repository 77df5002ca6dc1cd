package decode

import (
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
	"golang.org/x/text/encoding/charmap"
)

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name, data string
		want       rune
	}{
		{"comma", "id,name,district\na,b,c\n", ','},
		{"semicolon with decimal commas", "id;name;district;area_ha\na;b;c;8,5\nd;e;f;1,5\n", ';'},
		{"semicolon, commas in headers", "Идентификатор;Площадь, га;Район;Частные инвестиции, млрд ₸\na;8,5;c;1,5\n", ';'},
		{"tab", "id\tname\tdistrict\na\tb, c\td\n", '\t'},
		{"pipe", "id|name|district\na|b|c\n", '|'},
		{"quoted delimiters do not count", "id;name;district\na;\"b, c, d, e\";f\n", ';'},
		{"multi-line quoted field", "id,name,district\na,\"line1;\nline2;x;y\",c\n", ','},
		{"unknown headers: steady rows decide", "x;y;z\n1;2;3\n4;5;6\n", ';'},
		{"nothing splits: comma", "id\n", ','},
		{"CRLF", "id;name;district\r\na;b;c\r\n", ';'},
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: sniffDelimiter = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSplitRecords(t *testing.T) {
	got := splitRecords([]byte("a,\"b,\"\"c\"\"\nd\",e\r\n\nf\n"), ',', 10)
	want := [][]string{{"a", "b,\"c\"\nd", "e"}, {"f"}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if strings.Join(got[i], "¦") != strings.Join(want[i], "¦") {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// FuzzSniffSplit holds the sniffer's split (strings for the first record
// only, the others' widths) to splitRecords, the reference it replaced.
func FuzzSniffSplit(f *testing.F) {
	for _, s := range []string{"a,\"b,\"\"c\"\"\nd\",e\r\n\nf\n", "\n\r\n\"\"\nx;y\n", "id;name\n\"a\nb\";c", ",\n,,\n\r\n"} {
		f.Add([]byte(s), byte(','), 21)
		f.Add([]byte(s), byte(';'), 1)
	}
	var sp sniffSplitter
	f.Fuzz(func(t *testing.T, data []byte, comma byte, max int) {
		if max <= 0 || max > 50 || comma == '"' {
			return
		}
		want := splitRecords(data, comma, max)
		header, widths := sp.split(data, comma, max)
		if len(widths) != len(want) {
			t.Fatalf("%d records, want %d (%q)", len(widths), len(want), want)
		}
		for i, r := range want {
			if widths[i] != len(r) {
				t.Fatalf("record %d: %d fields, want %d", i, widths[i], len(r))
			}
		}
		if len(want) > 0 && !slices.Equal(header, want[0]) || len(want) == 0 && len(header) > 0 {
			t.Fatalf("header %q, want %q", header, want)
		}
	})
}

// FuzzSniffHeader holds sniffDelimiter, which the header alone may
// decide (sniffHeader), to sniffRows, which splits the rows too.
func FuzzSniffHeader(f *testing.F) {
	for _, s := range []string{"id,name,district\na;b;c\n", "id;name;district;area_ha\na;b;c;8,5\n", "x;y;z\n1;2;3\n",
		"id|name,district\n", "id\tname;district\r\na\tb\n", "\nid,name\n", "\rid;name\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sample := data[:min(len(data), sniffBytes)]
		if got, want := sniffDelimiter(data), sniffRows(sample, len(sample) < len(data)); got != want {
			t.Fatalf("sniffDelimiter(%q) = %q, want %q", data, got, want)
		}
	})
}

func TestMayBeAmbiguous(t *testing.T) {
	for s, want := range map[string]bool{
		"a,\"1,234\"\n": true, "1,234": true, "x 1,234;": true, "8,5": false, "1,2345": false,
		"1 234,5": false, "a,b": false, ",123": false, "": false,
		"1.234": true, "8.5": false, "2025-12-01": false, "1.2345": false,
	} {
		if got := mayBeAmbiguous([]byte(s)); got != want {
			t.Errorf("mayBeAmbiguous(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestToUTF8(t *testing.T) {
	cp1251 := func(s string) []byte {
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	koi8 := func(s string) []byte {
		b, _ := charmap.KOI8R.NewEncoder().Bytes([]byte(s))
		return b
	}
	tests := []struct {
		name    string
		data    []byte
		forced  string
		want    string // text, or "" when refused
		enc     string
		errLine int
		errCol  int
	}{
		{"utf-8", []byte("id,name\nа,б\n"), "", "id,name\nа,б\n", EncUTF8, 0, 0},
		{"utf-8 BOM", []byte("\xEF\xBB\xBFid\n"), "", "id\n", EncUTF8, 0, 0},
		{"utf-16le BOM", []byte("\xFF\xFEi\x00d\x00\n\x00\x30\x04\n\x00"), "", "id\nа\n", EncUTF16, 0, 0},
		{"utf-16be BOM", []byte("\xFE\xFF\x00i\x00d\x00\n\x04\x30"), "", "id\nа", EncUTF16, 0, 0},
		{"windows-1251 Russian", cp1251("Район;Площадь, га\nСауранский район;8,5\n"), "", "Район;Площадь, га\nСауранский район;8,5\n", EncCP1251, 0, 0},
		{"utf-16 forced, no BOM: little-endian", []byte("i\x00d\x00\n\x00"), EncUTF16, "id\n", EncUTF16, 0, 0},
		{"windows-1251 forced", cp1251("ID\nТест\n"), EncCP1251, "ID\nТест\n", EncCP1251, 0, 0},
		{"utf-8 forced on 1251 bytes", cp1251("id\nТест\n"), EncUTF8, "", "", 2, 1},
		{"KOI8-R is not 1251", koi8("Район;Площадь\nСауранский район;Туркестан\n"), "", "", "", 1, 1},
		{"byte soup", []byte("id,name\nab,\x81\x8d\x8f\x90\n"), "", "", "", 2, 4},
		{"UTF-16 without BOM", []byte("i\x00d\x00\n\x00"), "", "", "", 1, 2},
		{"0x98 in 1251", []byte("id\n\x98\n"), EncCP1251, "", "", 2, 1},
		{"odd UTF-16", []byte("\xFF\xFEi\x00d"), "", "", "", 1, 3},
	}
	for _, tt := range tests {
		var problems diag.List
		env := &Env{LoadState: LoadState{Problems: &problems}}
		got, enc, ok := toUTF8("f.csv", tt.data, tt.forced, env)
		if tt.want != "" {
			if !ok || string(got) != tt.want || enc != tt.enc {
				t.Errorf("%s: got %q, %s, %v (%v); want %q, %s", tt.name, got, enc, ok, problems.Problems, tt.want, tt.enc)
			}
			continue
		}
		if ok || len(problems.Problems) != 1 {
			t.Errorf("%s: got %q, %v, problems %v; want refused", tt.name, got, ok, problems.Problems)
			continue
		}
		p := problems.Problems[0]
		if p.Rule != "encoding-error" || p.Pos.Line != tt.errLine || p.Pos.Col != tt.errCol {
			t.Errorf("%s: %v; want encoding-error at %d:%d", tt.name, p, tt.errLine, tt.errCol)
		}
	}
}

func TestPlausibleCyrillic(t *testing.T) {
	for s, want := range map[string]bool{
		"Сауранский район":             true,
		"ТУРКЕСТАН, Арыс":              true,
		"«Кентау» — № 5":               true,
		"пРИВЕТ мИР":                   false, // KOI8-R read as 1251
		"Ђ‚ѓ„":                         false,
		"plain ascii only, no letters": false,
	} {
		if got := plausibleCyrillic([]byte(s)); got != want {
			t.Errorf("plausibleCyrillic(%q) = %v, want %v", s, got, want)
		}
	}
}

// splitRecords splits CSV text into at most max records of fields, the way
// encoding/csv would (quotes, doubled quotes, line breaks in quotes, CRLF),
// skipping blank lines. It never fails: it only sniffs.
func splitRecords(data []byte, comma byte, max int) [][]string {
	var records [][]string
	var rec []string
	var field []byte
	inQuotes, quoted := false, false
	endField := func() {
		rec = append(rec, string(field))
		field, quoted = field[:0], false
	}
	endRecord := func() {
		endField()
		if len(rec) > 1 || rec[0] != "" {
			records = append(records, rec)
		}
		rec = nil
	}
	for i := 0; i < len(data) && len(records) < max; i++ {
		c := data[i]
		switch {
		case inQuotes:
			if c == '"' {
				if i+1 < len(data) && data[i+1] == '"' {
					field = append(field, '"')
					i++
				} else {
					inQuotes = false
				}
			} else {
				field = append(field, c)
			}
		case c == '"' && len(field) == 0 && !quoted:
			inQuotes, quoted = true, true
		case c == comma:
			endField()
		case c == '\n':
			if n := len(field); n > 0 && field[n-1] == '\r' {
				field = field[:n-1]
			}
			endRecord()
		default:
			field = append(field, c)
		}
	}
	if len(records) < max && (len(field) > 0 || len(rec) > 0) {
		endRecord()
	}
	return records
}
