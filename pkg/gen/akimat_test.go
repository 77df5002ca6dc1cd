package gen

import (
	"bytes"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestAkimatPlain(t *testing.T) {
	facs, err := BuiltinFacilities()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ru", "kk"} {
		rep, err := Akimat(facs, AkimatOptions{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rows) != len(rep.Roles) {
			t.Fatalf("%d rows, %d roles", len(rep.Rows), len(rep.Roles))
		}
		var csvBuf, xlsxBuf bytes.Buffer
		if err := rep.WriteCSV(&csvBuf); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteXLSX(&xlsxBuf); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("AKIMAT_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, lang+".csv"), csvBuf.Bytes(), 0o644)
			os.WriteFile(filepath.Join(dir, lang+".xlsx"), xlsxBuf.Bytes(), 0o644)
		}
		x, err := excelize.OpenReader(&xlsxBuf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows(rep.Sheet)
		if !strings.Contains(rows[0][0], map[string]string{"ru": "Информация", "kk": "ақпарат"}[lang]) {
			t.Errorf("%s: title %q", lang, rows[0][0])
		}
		if len(rep.Facilities) != len(facs) {
			t.Errorf("%s: twin has %d facilities of %d", lang, len(rep.Facilities), len(facs))
		}
	}
}

// TestAkimatVaried lays generated facilities out with many seeds and checks
// what a reader relies on: every row has a role, merges do not overlap, the
// CSV form encodes, every subtotal and total adds up (except the one made
// wrong), and the data rows carry the twin's figures.
func TestAkimatVaried(t *testing.T) {
	var canon bytes.Buffer
	if err := Write(&canon, nil, Options{N: 60, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	facs, err := ReadFacilities(&canon)
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 40; seed++ {
		lang := []string{"ru", "kk"}[seed%2]
		rep, err := Akimat(facs, AkimatOptions{Lang: lang, Seed: seed, Vary: true, WrongSubtotal: seed%5 == 0})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(rep.Roles) != len(rep.Rows) {
			t.Fatalf("seed %d: %d roles for %d rows", seed, len(rep.Roles), len(rep.Rows))
		}
		taken := map[[2]int]bool{}
		for _, m := range rep.Merges {
			for r := m.Row0; r <= m.Row1; r++ {
				for c := m.Col0; c <= m.Col1; c++ {
					if taken[[2]int{r, c}] {
						t.Fatalf("seed %d: merges overlap at %d,%d", seed, r, c)
					}
					taken[[2]int{r, c}] = true
				}
			}
		}
		if err := rep.WriteCSV(io.Discard); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// Sums: each subtotal covers the data rows since the last one.
		num := func(c Cell) *big.Rat {
			s := strings.ReplaceAll(strings.ReplaceAll(c.Text, "\u00a0", ""), ",", ".")
			v, ok := new(big.Rat).SetString(s)
			if !ok {
				return new(big.Rat) // a marker or blank
			}
			return v
		}
		zeros := func() []*big.Rat {
			z := make([]*big.Rat, len(rep.Fields))
			for i := range z {
				z[i] = new(big.Rat)
			}
			return z
		}
		acc := zeros()
		wrong := 0
		data := 0
		for r, role := range rep.Roles {
			switch role {
			case RoleData:
				data++
				for c, cell := range rep.Rows[r] {
					if rep.Fields[c] != "" {
						acc[c].Add(acc[c], num(cell))
					}
				}
			case RoleSubtotal:
				for c, cell := range rep.Rows[r] {
					if rep.Fields[c] == "" || rep.Fields[c] == "name" || rep.Fields[c] == "district" {
						continue
					}
					if got := num(cell); got.Cmp(acc[c]) != 0 {
						if rep.Wrong == nil || rep.Wrong.Row != r || rep.Wrong.Col != c {
							t.Errorf("seed %d: %s%d says %q, rows add up to %s", seed, colName(c), r+1, cell.Text, acc[c].FloatString(6))
						}
						wrong++
					}
				}
				acc = zeros()
			}
		}
		if data != len(rep.Facilities) {
			t.Errorf("seed %d: %d data rows, %d facilities", seed, data, len(rep.Facilities))
		}
		if (rep.Wrong != nil) != (wrong == 1) {
			t.Errorf("seed %d: %d wrong subtotals, want %v", seed, wrong, rep.Wrong)
		}
		if rep.Wrong != nil && rep.Wrong.Says != rep.Wrong.Sum+100 {
			t.Errorf("seed %d: %+v", seed, rep.Wrong)
		}
	}
}
