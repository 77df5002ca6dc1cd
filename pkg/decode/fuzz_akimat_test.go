package decode

import (
	"bytes"
	"testing"

	"github.com/parks-kz/parks/pkg/gen"
)

// akimatSeeds adds report-shaped sheets (parksgen -akimat: titles, a
// merged header of two or three rows, subtotals, notes, markers) to a
// decoder's fuzz corpus: the workbook when xlsx, else Excel's CSV form.
func akimatSeeds(f *testing.F, xlsx bool) {
	facs, err := gen.BuiltinFacilities()
	if err != nil {
		f.Fatal(err)
	}
	facs = facs[:min(len(facs), 8)]
	for _, c := range []struct {
		lang string
		seed uint64
	}{{"ru", 3}, {"kk", 7}, {"ru", 11}} {
		rep, err := gen.Akimat(facs, gen.AkimatOptions{Lang: c.lang, Seed: c.seed, Vary: true, WrongSubtotal: c.seed == 11})
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if xlsx {
			err = rep.WriteXLSX(&b)
		} else {
			err = rep.WriteCSV(&b)
		}
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
}
