package view

import (
	"fmt"
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
)

func BenchmarkSortFacilities(b *testing.B) {
	katos := []string{"611000000", "611600000", "612000000", "615500000", "614600000"}
	var fs []*parks.Facility
	for i := range 20000 {
		fs = append(fs, &parks.Facility{ID: parks.ID(fmt.Sprint(i)), Name: parks.Text(fmt.Sprintf("«Площадка %d» өндірістік алаңы", i*7919%20000)), KATO: katos[i%len(katos)]})
	}
	for b.Loop() {
		c := append([]*parks.Facility(nil), fs...)
		SortFacilities(c, i18n.EN)
	}
}
