package decode

import (
	"os"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

type recorder struct {
	facilities []*parks.Facility
	projects   []*parks.Project
	bad        int
}

func (r *recorder) Meta(parks.Meta, diag.Pos) {}
func (r *recorder) Facility(f *parks.Facility, bad bool) {
	r.facilities = append(r.facilities, f)
	if bad {
		r.bad++
	}
}
func (r *recorder) Project(p *parks.Project, bad bool) {
	r.projects = append(r.projects, p)
	if bad {
		r.bad++
	}
}

func testEnv(t *testing.T) *Env {
	t.Helper()
	g, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	s, err := refdata.Sectors()
	if err != nil {
		t.Fatal(err)
	}
	return &Env{Reference: Reference{Gazetteer: g, Sectors: s}, LoadState: LoadState{Problems: &diag.List{}}}
}

// Every problem must point at the physical line and the character column of
// its cell, whatever came before it in the file.
func TestCSVPositions(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // "line:col rule"
	}{
		{"plain", "id,name,kind,district,jobs_planned\ns1,A,site,Sauran,x\n",
			[]string{"2:18 type-error"}},
		{"after a multi-line quoted cell", "id,name,kind,district,jobs_planned\ns1,\"A\nB\nC\",site,Sauran,1\ns2,B,site,Sauran,x\n",
			[]string{"5:18 type-error"}},
		{"inside a multi-line record", "id,name,kind,district,jobs_planned\ns1,\"A\nB\",site,Sauran,x\n",
			[]string{"3:16 type-error"}},
		{"BOM does not shift columns", "\ufeffid,name,kind,district,jobs_planned\ns1,A,site,Sauran,x\n",
			[]string{"2:18 type-error"}},
		{"CRLF", "id,name,kind,district,jobs_planned\r\ns1,A,site,Sauran,x\r\ns2,B,site,Sauran,-1\r\n",
			[]string{"2:18 type-error", "3:18 constraint-error"}},
		{"columns count characters, not bytes", "id,name,kind,district,jobs_planned\ns1,Қарашық,site,Сауран,x\n",
			[]string{"2:24 type-error"}},
		{"blank line is reported", "id,name,kind,district\ns1,A,site,Sauran\n\ns2,B,site,Sauran\n",
			[]string{"3:1 blank-row"}},
		{"short and long rows", "id,name,kind,district\ns1,A,site\ns2,B,site,Sauran,extra\n",
			[]string{"2:10 missing-cell", "3:18 extra-cell"}},
		{"missing required column", "id,name,kind\ns1,A,site\n",
			[]string{"1:1 missing-label"}},
		{"blank and duplicate labels", "id,name,,district,name\ns1,A,x,Sauran,B\n",
			[]string{"1:9 blank-label", "1:19 duplicate-label"}},
		{"unknown column with a suggestion", "id,name,district,jobs_plan\ns1,A,Sauran,3\n",
			[]string{"1:18 extra-label"}},
		{"unknown district", "id,name,district\ns1,A,Atlantis\n",
			[]string{"2:6 foreign-key"}},
		{"required value blank", "id,name,district\ns1,,Sauran\n",
			[]string{"2:4 required-value"}},
		{"exact duplicate row", "id,name,district\ns1,A,Sauran\ns1,A,Sauran\n",
			[]string{"3:1 duplicate-row"}},
		{"quoting error", "id,name,district\ns1,\"A,Sauran\n",
			[]string{"2:14 format-error"}},
		{"not UTF-8", "id,name,district\ns1,\xff,Sauran\n",
			[]string{"2:4 encoding-error"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv(t)
			DecodeCSV("f.csv", []byte(tc.data), CSVOptions{}, env, &recorder{})
			var got []string
			for _, p := range env.Problems.Problems {
				got = append(got, itoa(p.Pos.Line)+":"+itoa(p.Pos.Col)+" "+p.Rule)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s\n(all: %v)", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), env.Problems.Problems)
			}
		})
	}
}

func TestYAMLPositions(t *testing.T) {
	data := `dataset:
  name: test
facilities:
  - id: s1
    name: A
    district: Sauran
    jobs_planned: many
  - id: s2
    name: B
    district: Sauran
    area_ha: -1
    jobs_plan: 3
projects:
  - {id: p1, facility_id: s1, name: X, jobs_created: 1.5}
`
	env := testEnv(t)
	rec := &recorder{}
	DecodeYAML("f.yaml", []byte(data), env, rec)
	want := []string{"7:19 type-error", "11:14 constraint-error", "12:5 extra-label", "14:54 type-error"}
	var got []string
	for _, p := range env.Problems.Problems {
		got = append(got, itoa(p.Pos.Line)+":"+itoa(p.Pos.Col)+" "+p.Rule)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rec.facilities) != 2 || len(rec.projects) != 1 || rec.bad != 3 {
		t.Errorf("got %d facilities, %d projects, %d bad", len(rec.facilities), len(rec.projects), rec.bad)
	}
}

// Rows in = rows used + rows reported, for a file mixing good and bad rows.
func TestLoadAccountsForEveryRow(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/f.csv", "id,name,kind,district,jobs_planned\ns1,A,site,Sauran,1\ns2,B,site,Nowhere,2\ns3,C,site,Sauran,x\ns1,A,site,Sauran,1\ns4,D,site,Keles,4\ns1,E,site,Keles,4\n")
	writeFile(t, dir+"/p.csv", "id,facility_id,name\np1,s1,X\np2,zz,Y\np3,s2,Z\n")
	l, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.RowsIn != 9 || l.RowsUsed+l.RowsReported != l.RowsIn {
		t.Fatalf("in %d, used %d, reported %d", l.RowsIn, l.RowsUsed, l.RowsReported)
	}
	if l.RowsUsed != 3 { // s1, s4 and project p1
		t.Errorf("used %d rows, want 3", l.RowsUsed)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
