package decode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
)

// Problem messages are translatable: every problem a decoder or a domain
// check reports has a message id, its English text is what parks always
// printed (written out below as the decoders wrote it before the messages
// moved to the catalogue), and kk and ru render without English words.
func TestProblemMessages(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.csv": "id,name,kind,district,as_of,source,area_ha,jobs_planned,investment_private_kzt,investment_budget_kzt,buildings_planned\n" +
			"f1,Good,site,Sauran,2025-10-01,akimat,1,10,1 000,,\n" +
			"f2,Ambiguous,site,Sauran,2025-10-01,akimat,\"1,500\",,,,\n" +
			"f3,Empty,site,Sauran,2025-10-01,akimat,,,₸,,\n" +
			"f4,Cents,site,Sauran,2025-10-01,akimat,,,\"10,50\",,\n" +
			"f5,NegMoney,site,Sauran,2025-10-01,akimat,,,-5,,\n" +
			"f6,Huge,site,Sauran,2025-10-01,akimat,,,99999999999999999999,,\n" +
			"f7,Fine,site,Sauran,2025-10-01,akimat,1.123456,,,,\n" +
			"f8,AreaText,site,Sauran,2025-10-01,akimat,big,,,,\n" +
			"f9,MoneyText,site,Sauran,2025-10-01,akimat,,,lots,,\n" +
			"f10,Over,site,Sauran,2025-10-01,akimat,,,9223372036854775807,1,\n" +
			"f11,Bad kind,hall,Sauran,3025-01-01,akimat,,,,,\n",
		"b.csv": "id,facility_id,name,as_of,source\n" +
			"p1,f1,One,2025-10-01,akimat\n" +
			"p1,f1,Again,2025-10-01,akimat\n",
		"c.yaml": "dataset: {as_of: 2025-13-01, source: akimat, author: me}\nextra: 1\nfacilities:\n" +
			"  - {id: y1, name: [a, b], district: {x: 1}}\n" +
			"projects: {id: p9}\n",
		"d.yaml": "dataset: [1, 2]\n",
		"e.yaml": "",
		"f.yaml": "facilities:\n  - {id: y2, name: Bad\xff}\n",
	})
	l, err := Load([]string{dir}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"number.empty":                     "investment_private_kzt: no number in “₸”",
		"number.fraction_of_tenge":         "investment_private_kzt: “10,50” has a fraction of a tenge; money is whole tenge",
		"number.negative.money":            "investment_private_kzt: “-5” is negative; an amount of tenge cannot be negative",
		"number.too_large":                 "investment_private_kzt: “99999999999999999999” is too large",
		"number.too_precise.area":          "area_ha: “1.123456” has more than 4 decimals; an area in hectares is kept to the square metre",
		"number.invalid.area":              "area_ha: “big” is not an area in hectares",
		"number.invalid.money":             "investment_private_kzt: “lots” is not an amount of tenge",
		"check.record_investment_overflow": "private + budget investment of this record is more than 9 223 372 036 854 775 807 tenge; the figures cannot be right",
		"enum.kind":                        "kind: unknown kind “hall”; use one of park, site",
		"check.as_of_future":               "as_of 3025-01-01 is in the future",
		"key.duplicate_project":            "project id “p1” is used twice: first at " + dir + "/b.csv:2:1",
		"yaml.dataset_as_of":               "dataset as_of: “2025-13-01” is not a date; write YYYY-MM-DD",
		"yaml.unknown_dataset_key":         "unknown dataset key “author”; expected name, region, as_of or source",
		"yaml.unknown_top_key":             "unknown top-level key “extra”; expected dataset, facilities or projects",
		"yaml.not_scalar.list":             "name: expected a single value, found a list",
		"yaml.not_scalar.mapping":          "district: expected a single value, found a mapping",
		"yaml.records_not_list":            "`project` records must be a list (items starting with '-')",
		"yaml.dataset_not_mapping":         "`dataset:` must be a mapping of name, region, as_of and source",
		"yaml.empty":                       "the file is empty: expected `facilities:` and/or `projects:` lists",
		"enc.unknown":                      "byte 0xFF: the file is neither UTF-8, UTF-16 with a BOM, nor Windows-1251 Cyrillic text; save it as CSV UTF-8, or name its encoding with --encoding",
	}
	seen := map[string]bool{}
	for _, p := range l.Problems.Problems {
		if p.ID == "" {
			t.Errorf("problem without a message id: %s", p)
			continue
		}
		id := p.ID
		if id == "cell" {
			id = strings.TrimPrefix(p.Args[1].(diag.Text).ID, "problem.")
		}
		en := i18n.ProblemMessage(i18n.EN, p)
		if w, ok := want[id]; ok {
			seen[id] = true
			if en != w {
				t.Errorf("%s: English message\n got %q\nwant %q", id, en, w)
			}
		}
		for _, l := range []i18n.Lang{i18n.KK, i18n.RU} {
			s := i18n.ProblemMessage(l, p)
			if s == en || strings.Contains(s, "problem.") {
				t.Errorf("%s: not translated to %s: %q", id, l, s)
			}
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("no problem %s found; the test data no longer triggers it", id)
		}
	}
}

func TestProblemLine(t *testing.T) {
	p := msg(diag.Problem{Pos: diag.Pos{File: "a.csv", Line: 3, Col: 5}, Severity: diag.Error, Rule: "foreign-key"},
		"district.unknown_near", quoted("Saurn"), diag.Alternatives{quoted("Sauran district"), quoted("Sairam district")})
	for l, want := range map[i18n.Lang]string{
		i18n.EN: "a.csv:3:5: error: district “Saurn” is not in the gazetteer; did you mean “Sauran district” or “Sairam district”? [foreign-key]",
		i18n.KK: "a.csv:3:5: error: “Saurn” ауданы аудандар анықтамалығында жоқ; мүмкін, “Sauran district” немесе “Sairam district”? [foreign-key]",
		i18n.RU: "a.csv:3:5: error: района “Saurn” нет в справочнике районов; возможно, имелся в виду “Sauran district” или “Sairam district”? [foreign-key]",
	} {
		if got := i18n.Problem(l, p); got != want {
			t.Errorf("%s:\n got %s\nwant %s", l, got, want)
		}
	}
}

// The English of messages no test file triggers, against the texts the
// decoders wrote before they moved to the catalogue.
func TestProblemEnglishUnchanged(t *testing.T) {
	for _, c := range []struct {
		id   string
		args []any
		want string
	}{
		{"enc.control", []any{"U+0001"}, "control character U+0001: this is not a text file"},
		{"enc.nul", nil, "NUL byte: this looks like UTF-16 without a byte-order mark; use --encoding utf-16"},
		{"enc.not_cp1251", []any{"E"}, "the file is not Windows-1251 text: E"},
		{"enc.cp1251_0x98", nil, "byte 0x98 has no character in Windows-1251"},
		{"enc.not_utf16", []any{"E"}, "the file is not UTF-16 text: E"},
		{"enc.utf16_odd", nil, "the file ends in the middle of a UTF-16 character"},
		{"enc.utf16_surrogate", nil, "the file is not valid UTF-16 text (an unpaired surrogate)"},
		{"enc.not_utf8", []any{"0xFF"}, "byte 0xFF is not UTF-8; save the file as CSV UTF-8, or name its encoding with --encoding"},
		{"file.read", []any{"E"}, "E"},
		{"header.unit_mismatch", []any{quoted("Инвестиции, га"), quoted("investment_private_kzt"), "investment_private_kzt", "KZT"},
			"column “Инвестиции, га” looks like “investment_private_kzt” but its unit does not fit: investment_private_kzt is in KZT; convert the figures and rename the column"},
		{"header.unit_mismatch", []any{quoted("Рабочие места, ₸"), quoted("jobs_planned"), "jobs_planned", diag.Text{ID: "problem.unit.plain_count"}},
			"column “Рабочие места, ₸” looks like “jobs_planned” but its unit does not fit: jobs_planned is in a plain count; convert the figures and rename the column"},
		{"xlsx.open", []any{"E"}, "cannot open the workbook: E"},
		{"xlsx.too_large", []any{"64"}, "the workbook unpacks to more than 64 MB; it is refused (a zip bomb or far too large for parks)"},
		{"xlsx.encrypted", nil, "the workbook is encrypted or an old binary .xls; save it as an .xlsx workbook without a password"},
		{"xlsx.not_xlsx", []any{"E"}, "not an .xlsx workbook (E); save it from Excel as .xlsx"},
		{"xlsx.no_header", []any{"20"}, "no sheet has a header row of facilities or projects (searched the first 20 rows of each sheet); see `parks schema --aliases` for the column names, or name the columns in a mapping file and give it with --map FILE (`parks import` writes one to start from)"},
		{"xlsx.sheet", []any{quoted("Лист1"), "E"}, "cannot read sheet “Лист1”: E"},
		{"xlsx.duplicate_row", []any{"7"}, "row is an exact copy of row 7"},
		{"xlsx.extra_cell", nil, "cell has a value but its column has no header"},
		{"xlsx.merged", []any{"B2:B5", "district"}, "cell is part of the merged range B2:B5, so this row's district reads blank; unmerge it and fill every row"},
		{"xlsx.formula", []any{"SUM(A1:A3)"}, "the formula =SUM(A1:A3) has no saved result; open the workbook in Excel (or LibreOffice) and save it"},
		{"yaml.not_scalar.alias", []any{"name"}, "name: expected a single value, found a alias"},
		{"yaml.not_scalar.value", []any{"name"}, "name: expected a single value, found a value"},
	} {
		p := msg(diag.Problem{}, c.id, c.args...)
		en := i18n.ProblemMessage(i18n.EN, p)
		if en != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.id, en, c.want)
		}
		for _, l := range []i18n.Lang{i18n.KK, i18n.RU} {
			if s := i18n.ProblemMessage(l, p); s == en || strings.Contains(s, "problem.") {
				t.Errorf("%s: not translated to %s: %q", c.id, l, s)
			}
		}
	}
}

// Every problem any test file of the repository provokes has a message id
// and reads in kk and ru: the data files of all testscripts are loaded one
// by one, so a new rule with a test but no message fails here.
func TestEveryProblemHasMessageID(t *testing.T) {
	scripts, err := filepath.Glob("../../testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no testscripts: %v", err)
	}
	var files, problems int
	for _, script := range scripts {
		ar, err := txtar.ParseFile(script)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		for _, f := range ar.Files {
			path := filepath.Join(dir, f.Name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range ar.Files {
			switch filepath.Ext(f.Name) {
			case ".csv", ".yaml", ".yml", ".tsv", ".txt":
			default:
				continue
			}
			l, err := Load([]string{filepath.Join(dir, f.Name)}, Options{Today: today})
			if err != nil {
				continue // a path the command refuses before reading (exit 2)
			}
			files++
			for _, p := range l.Problems.Problems {
				problems++
				if p.ID == "" {
					t.Errorf("%s: %s: problem without a message id: %s", filepath.Base(script), f.Name, p)
					continue
				}
				for _, lang := range []i18n.Lang{i18n.KK, i18n.RU} {
					if s := i18n.ProblemMessage(lang, p); s == i18n.ProblemMessage(i18n.EN, p) || strings.Contains(s, "problem.") {
						t.Errorf("%s: %s: %s not translated to %s: %q", filepath.Base(script), f.Name, p.ID, lang, s)
					}
				}
			}
		}
	}
	if files < 10 || problems < 20 {
		t.Errorf("only %d files and %d problems: the testscripts were not read", files, problems)
	}
	t.Logf("%d data files, %d problems", files, problems)
}
