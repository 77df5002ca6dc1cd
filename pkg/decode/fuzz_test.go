package decode

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parks-kz/parks/internal/testkit"

	"github.com/parks-kz/parks/pkg/builtin"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/rules"
)

// checkDecoded runs the cross-record checks and asserts what must hold for
// any input: every problem is placed in the file, catalogued and worded,
// and every row read is either used or reported.
func checkDecoded(t testing.TB, file string, data []byte, decode func(*Env, Sink)) *Loaded {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	sec, err := refdata.Sectors()
	if err != nil {
		t.Fatal(err)
	}
	l := &Loaded{Dataset: &parks.Dataset{}}
	c := newCollector(l, nil, nil)
	env := &Env{Reference: Reference{Gazetteer: gaz, Sectors: sec}, LoadState: LoadState{Problems: &l.Problems}}
	decode(env, c)
	c.crossCheck(today, env)
	l.RowsIn = env.RowsIn
	l.RowsReported += env.RowsDropped
	l.RowsUsed = len(l.Dataset.Facilities) + len(l.Dataset.Projects)
	if l.RowsIn != l.RowsUsed+l.RowsReported {
		t.Errorf("rows in %d != used %d + reported %d", l.RowsIn, l.RowsUsed, l.RowsReported)
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	if bytes.IndexByte(data, '\n') < 0 {
		// A text without a line feed ends its lines in a carriage return
		// alone (classic Mac OS CSV); the reader counts them so.
		lines = bytes.Count(data, []byte("\r")) + 1
	}
	if strings.HasSuffix(file, ".yaml") {
		lines = yamlLines(data)
	}
	for _, p := range l.Problems.Problems {
		if p.Pos.File != file {
			t.Errorf("problem in file %q, not %q: %v", p.Pos.File, file, p)
		}
		if p.Pos.Line < 0 || p.Pos.Line > lines || p.Pos.Col < 0 {
			t.Errorf("position outside the file (%d lines): %v", lines, p)
		}
		if _, ok := rules.Lookup(p.Rule); !ok {
			t.Errorf("rule %q is not catalogued: %v", p.Rule, p)
		}
		if strings.TrimSpace(i18n.ProblemMessage(i18n.EN, p)) == "" {
			t.Errorf("problem without a message: %#v", p)
		}
		if len(i18n.ProblemMessage(i18n.EN, p)) > 4096 || len(p.Value) > 4096 {
			t.Errorf("problem of %d bytes: a value is not bounded in messages", len(i18n.ProblemMessage(i18n.EN, p))+len(p.Value))
		}
	}
	return l
}

func FuzzDecodeCSV(f *testing.F) {
	testkit.ScriptSeeds(f, ".csv")
	f.Add([]byte("\ufeffid,name,district\r\ns1,\"A\r\nB\",Sauran\r\n"))
	f.Add([]byte("id;name;district;area_ha\ns1;Alpha;Sauran;10,5\n"))
	f.Add([]byte("id,facility_id,name,investment_private_kzt\np1,s1,X,10 млрд ₸\n"))
	akimatSeeds(f, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoded(t, "f.csv", data, func(env *Env, s Sink) { DecodeCSV("f.csv", data, CSVOptions{}, env, s) })
	})
}

func FuzzDecodeYAML(f *testing.F) {
	testkit.ScriptSeeds(f, ".yaml", ".yml")
	f.Add(builtin.YAML)
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nfacilities: [*b, *b]\n"))
	f.Add([]byte("facilities:\n  - &r {id: s1, name: A, district: Sauran}\n  - *r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoded(t, "f.yaml", data, func(env *Env, s Sink) { DecodeYAML("f.yaml", data, env, s) })
	})
}
