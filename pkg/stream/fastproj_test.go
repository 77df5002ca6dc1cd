package stream

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
)

// TestFastProjectsMatchExact loads a projects file beside a fixed
// facilities file in the forms the fast path reads itself (with the
// problems it words: an unknown sector, a facility_id that names no
// facility or a facility with an error, the project's own rules, sums
// over the facility's) and in forms it must hand to the exact path,
// holding and streaming with chunks of about one row. The results must
// be the same, and no project row of the first kind may be handed over.
func TestFastProjectsMatchExact(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of the fast and exact row paths: run without -short")
	}
	const facilities = "id,name,district,jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt,source,as_of\n" +
		"F1,A,Keles district,100,50,100000,1000,s,2025-01-01\n" +
		"F2,B,Atlantis,10,5,10,10,s,2025-01-01\n" + // an unknown district: an error, its projects are left out
		"F3,C,Keles district,5,5,5,5,s,2025-01-01\n"
	// the same with the id neither first nor plain: the word pass cuts
	// each row to find it
	const moved = "name;district;id;jobs_planned;jobs_created;investment_private_kzt;investment_budget_kzt;source;as_of\r\n" +
		"A;Keles district;\" F1\";100;50;100000;1000;s;2025-01-01\r\n" +
		"B;Atlantis;F2;10;5;10;10;s;2025-01-01\r\n" +
		"\"C\r\nD\";Keles district;\"F3\";5;5;5;5;s;2025-01-01\r\n"
	const header = "id,facility_id,name,sector,status,investment_private_kzt,investment_budget_kzt,jobs_planned,jobs_created,import_substitution_kzt,as_of,source,notes\n"
	const plain = "Жоба,light_industry,operating,1000,10,5,3,7,2025-07-01,akimat report,"
	row := func(id, facility, rest string) string { return id + "," + facility + "," + rest + "\n" }
	cases := []struct {
		name string
		data string
		fast bool // no project row is handed to the exact path
	}{
		{"plain rows", header + row("P1", "F1", plain) + row("P2", "F3", plain) + row("P3", "F1", plain), true},
		{"CRLF, quoted cells, Cyrillic ids", strings.ReplaceAll(header+`"П1","F1","Name, with comma",light_industry,operating,"1000",,5,3,,2025-07-01,"""Turkestan"" SEC",`+"\"two\r\nlines\"\n"+row("П2", " F3 ", plain), "\n", "\r\n"), true},
		{"columns in another order, no as_of column", "facility_id;jobs_planned;id;name;source\nF1;5;P1;X;s\nF3;6;P2;Y;s\n", true},
		{"unknown sector", header + row("P1", "F1", strings.Replace(plain, "light_industry", "spaceships", 1)) + row("P2", "F1", plain), true},
		{"no such facility", header + row("P1", "NOPE", plain) + row("P2", "F1", plain), true},
		{"no such facility, unknown sector, future date", header + row("P1", "NOPE", strings.Replace(strings.Replace(plain, "light_industry", "x", 1), "2025-07-01", "2030-01-01", 1)), true},
		{"facility with an error", header + row("P1", "F2", plain) + row("P2", "F1", plain), true},
		{"facility with an error, a future date", header + row("P1", "F2", strings.Replace(plain, "2025-07-01", "2030-01-01", 1)), true},
		{"more jobs created than planned, missing source", header + row("P1", "F1", strings.Replace(plain, "5,3", "3,5", 1)) + row("P2", "F1", strings.Replace(plain, "akimat report", "", 1)), true},
		{"the projects exceed their facility", header + row("P1", "F3", plain) + row("P2", "F3", plain) + row("P3", "F1", plain), true},
		{"blank facility_id", header + row("P1", "", plain) + row("P2", "F1", plain), false},
		{"id with a space", header + row("P 1", "F1", plain), false},
		{"facility_id with a space", header + row("P1", "F 1", plain), false},
		{"sector with a formula guard", header + row("P1", "F1", strings.Replace(plain, "light_industry", "'=x", 1)), false},
		{"short row", header + "P1,F1,Name\n", false},
		{"a number that is not one", header + row("P1", "F1", strings.Replace(plain, "1000", "lots", 1)), false},
	}
	dir := t.TempDir()
	fpath, ppath := filepath.Join(dir, "facilities.csv"), filepath.Join(dir, "projects.csv")
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fdata := facilities
			if i%2 == 1 {
				fdata = moved
			}
			if err := os.WriteFile(fpath, []byte(fdata), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ppath, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			paths := []string{fpath, ppath}
			for _, opts := range []decode.Options{{}, {Strict: true}, {Ignore: map[string]bool{"unknown-sector": true, "foreign-key": true}},
				{Ignore: map[string]bool{"missing-source": true, "projects-exceed-facility": true}}, {Keep: 1}, {Keep: 2, Strict: true}} {
				opts.Today = today
				hold, err := decode.Load(paths, opts)
				if err != nil {
					t.Fatal(err)
				}
				for _, workers := range []int{1, 2} {
					opts.Stream = &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 64}
					got, err := decode.Load(paths, opts)
					if err != nil {
						t.Fatal(err)
					}
					if got.Result == nil {
						if tc.fast {
							t.Fatalf("%+v, workers=%d: the load fell back to holding", opts, workers)
						}
						continue
					}
					sameLoad(t, got, hold, parks.ByDistrict, parks.Filter{})
					if tc.fast != (got.HandOvers == 0) {
						t.Errorf("%+v, workers=%d: %d rows handed to the exact path, want them handed over: %v", opts, workers, got.HandOvers, !tc.fast)
					}
					if opts.Keep == 0 { // validate's way: the problems handed on as merged
						sink := &recordingSink{}
						opts.Stream = &Fold{By: parks.ByDistrict, Workers: workers, ChunkSize: 64, Problems: sink}
						if _, err := decode.Load(paths, opts); err != nil {
							t.Fatal(err)
						}
						if w := printed(hold); !reflect.DeepEqual(sink.got, w) {
							t.Errorf("%+v, workers=%d: problems handed on differ: %s", opts, workers, listDiff(sink.got, w))
						}
					}
				}
			}
		})
	}
}

// TestFacilityTableFind: find gives every key's index and -1 for a hash
// it does not hold, in buckets of every size (none, one, many: keys
// that share their top bits).
func TestFacilityTableFind(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var keys []uint64
	for range 5000 {
		keys = append(keys, r.Uint64())
	}
	for i := range 300 { // a crowded bucket, ends included
		keys = append(keys, 0xabcd<<48|uint64(i)*(1<<40), 0xabcd<<48|(1<<48-1-uint64(i)))
	}
	keys = append(keys, 0, math.MaxUint64)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	tab := newFacilityTable(keys)
	for i, k := range keys {
		if got := tab.find(k); got != i {
			t.Fatalf("find(%#x) = %d, want %d", k, got, i)
		}
		for _, other := range []uint64{k + 1, k - 1, r.Uint64()} {
			want := -1
			if j, ok := slices.BinarySearch(keys, other); ok {
				want = j
			}
			if got := tab.find(other); got != want {
				t.Fatalf("find(%#x) = %d, want %d", other, got, want)
			}
		}
	}
}

// TestFacilityTableOf: the table made from the id index, its hashes in
// memory and spilled (idIndex.hashes), on one goroutine or several, has
// each hash once, in order, with the buckets' starts newFacilityTable
// gives them (a repeated hash's gap closed).
func TestFacilityTableOf(t *testing.T) {
	defer func(n int) { spillIDs = n }(spillIDs)
	spillIDs = 100
	r := rand.New(rand.NewPCG(3, 4))
	x := &idIndex{}
	defer x.close()
	var all []uint64
	for chunk := range 40 {
		var keys []uint64
		for range 37 {
			k := r.Uint64()
			if len(all) > 0 && r.IntN(5) == 0 {
				k = all[r.IntN(len(all))] // a repeated id
			}
			keys, all = append(keys, k), append(all, k)
		}
		x.add(newIDRun(keys, make([]uint64, len(keys)), nil, nil), uint32(chunk))
	}
	if x.spill == nil {
		t.Fatal("nothing was spilled")
	}
	slices.Sort(all)
	all = slices.Compact(all)
	want := newFacilityTable(all)
	for _, workers := range []int{1, 2, 3, 8} {
		tab, ok := tableOf(x, workers)
		if !ok {
			t.Fatal("the index could not be read back")
		}
		if len(tab.rows) != len(all) {
			t.Fatalf("workers=%d: %d rows, want %d", workers, len(tab.rows), len(all))
		}
		if !slices.Equal(tab.rows, want.rows) || !slices.Equal(tab.start, want.start) {
			t.Fatalf("workers=%d: the table differs from newFacilityTable's", workers)
		}
		for i, k := range all {
			if got := tab.find(k); got != i {
				t.Fatalf("workers=%d: find(%#x) = %d, want %d", workers, k, got, i)
			}
		}
	}
}

// TestSortBucket: sortBucket sorts as slices.Sort does, hashes of one id
// bucket, few or many, with repeats and in one table bucket.
func TestSortBucket(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var out []uint64
	for _, n := range []int{0, 1, 2, 17, 300, 5000} {
		for _, spread := range []uint64{math.MaxUint64 >> idBucketBits, 1<<lowBits - 1, 7} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = 0x5a<<(64-idBucketBits) | r.Uint64()&spread
				if i > 0 && r.IntN(4) == 0 {
					keys[i] = keys[r.IntN(i)]
				}
			}
			want := slices.Sorted(slices.Values(keys))
			if out = sortBucket(keys, out); !slices.Equal(out, want) {
				t.Fatalf("n=%d spread=%#x: not sorted as slices.Sort sorts", n, spread)
			}
		}
	}
}

// TestFacilityTableAdd: the sums the table keeps, packed two to a word,
// and the figures it refuses (below zero, or a sum past its bits), which
// make the load fall back.
func TestFacilityTableAdd(t *testing.T) {
	cases := []struct {
		name string
		adds [][4]int64 // -1: not reported
		want [4]int64
		ok   bool
	}{
		{"sums", [][4]int64{{1, 2, 3, 4}, {10, -1, 30, -1}, {-1, -1, -1, 7}}, [4]int64{11, 2, 33, 11}, true},
		{"jobs at their bound", [][4]int64{{jobsMask - 5, jobsMask, 0, 0}, {5, -1, 1, -1}}, [4]int64{jobsMask, jobsMask, 1, 0}, true},
		{"jobs past their bound", [][4]int64{{jobsMask - 5, 0, 9, 0}, {6, -1, -1, -1}}, [4]int64{}, false},
		{"a jobs figure past the bound", [][4]int64{{jobsMask + 1, -1, -1, -1}}, [4]int64{}, false},
		{"investment at its bound", [][4]int64{{7, 8, math.MaxUint64>>jobsBits - 1, 1}, {-1, -1, 1, -1}}, [4]int64{7, 8, math.MaxUint64 >> jobsBits, 1}, true},
		{"investment past its bound", [][4]int64{{7, 8, math.MaxUint64 >> jobsBits, 1}, {-1, -1, 1, -1}}, [4]int64{}, false},
		{"investment below zero", [][4]int64{{-1, -1, -1, -3}}, [4]int64{}, false},
	}
	for _, tc := range cases {
		tab := newFacilityTable([]uint64{1, 2, 3})
		ok := true
		for _, a := range tc.adds {
			var set uint8
			var v [4]int64
			for c, n := range a {
				if n != -1 {
					set, v[c] = set|1<<c, n
				}
			}
			ok = ok && tab.add(1, set, &v)
		}
		if ok != tc.ok {
			t.Errorf("%s: ok %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		s := tab.projectSums(1)
		for c, got := range []int64{s.JobsPlanned.V, s.JobsCreated.V, s.Private.V, s.Budget.V} {
			if got != tc.want[c] {
				t.Errorf("%s: sum %d is %d, want %d", tc.name, c, got, tc.want[c])
			}
		}
		if tab.flags(0) != 0 || tab.flags(2) != 0 {
			t.Errorf("%s: the other rows have flags", tc.name)
		}
	}
}
