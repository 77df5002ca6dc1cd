package gen

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// An akimat report is how the people parks is for keep their figures: the
// sheet a district or regional administration prints, signs and sends
// upward. Akimat lays a canonical dataset out that way, so tests (and the
// README's picture) have report-shaped sheets whose true figures are known:
//
//	title lines with the date («… по состоянию на 30.09.2025 г.»,
//	«2025 жылғы 30 қыркүйектегі жағдай бойынша»)
//	a two- or three-row header with merged parent cells over child cells
//	(«Количество зданий, ед.» over «план | построено | строится») and
//	single columns merged down («№ п/п», «Район», «Наименование объекта»)
//	a row of column numbers
//	data rows grouped by district, each group closed by a subtotal row
//	(«Итого по Сауранскому району», «Сауран ауданы бойынша жиыны»), a
//	grand total («Всего», «Барлығы»), spacer rows, notes under the table
//	kind and status as words, statistics markers («-», «х», «н/д») in
//	numeric cells, money in тыс./млн/млрд tenge named in either header row
//
// With Vary the free choices (grouping, order, subtotal wording, header
// spelling, unit and where it is written, three header rows, markers,
// spacers, notes, numbers stored as text) are drawn from the seed. Report
// holds the grid (cells and merged ranges) and the canonical twin: the
// facilities a reader must get from it.

// AkimatOptions say how to lay a dataset out.
type AkimatOptions struct {
	Lang string // "ru" or "kk"
	Seed uint64
	// AsOf is the date in the title (YYYY-MM-DD); "" takes the latest
	// as_of of the facilities.
	AsOf string
	// Sheet names the worksheet; "" is «Отчёт» / «Есеп».
	Sheet string
	// Vary draws the layout's free choices from Seed; without it the
	// layout is the plain one: млн in the parent header, two header rows,
	// «Итого по …» / «… бойынша жиыны», total at the bottom.
	Vary bool
	// Unit is the money unit, 1e3, 1e6 or 1e9 tenge (0: млн, or drawn
	// with Vary).
	Unit int64
	// WrongSubtotal makes one subtotal figure disagree with the rows it
	// covers (Report.Wrong says where and by how much).
	WrongSubtotal bool
	// Source is put in the twin's source column: what a reader is to
	// assign a sheet that has no source column.
	Source string
}

// Cell is one cell of the grid: Text is what Excel shows (and writes to a
// CSV file, with the decimal comma); a number cell has Num set and its
// Value stored as a number in the workbook.
type Cell struct {
	Text  string
	Num   bool
	Value float64
}

// Merge is a merged range, 0-based and inclusive.
type Merge struct{ Row0, Col0, Row1, Col1 int }

// Row roles of a report, one per grid row (Report.Roles).
const (
	RoleTitle     = "title"
	RoleHeader    = "header"
	RoleNumbering = "numbering"
	RoleData      = "data"
	RoleSubtotal  = "subtotal"
	RoleTotal     = "total"
	RoleSpacer    = "spacer"
	RoleNote      = "note"
	RoleGroup     = "group" // a heading row naming the district of the rows under it
	RolePart      = "part"  // «в том числе …»: a part of the line above
)

// Report is a dataset laid out as an akimat's report.
type Report struct {
	Lang  string
	Sheet string
	AsOf  string // the title's date, YYYY-MM-DD
	Rows  [][]Cell
	// Merges are the merged ranges (the workbook has them; the CSV form
	// has the value in the first cell and empty cells after it).
	Merges []Merge
	// Roles gives each row's role (RoleTitle…); Fields each column's
	// canonical field ("" for the row number column).
	Roles  []string
	Fields []string
	// HeaderRows are the 0-based rows of the header block.
	HeaderRows []int
	// Labels are each column's header labels, parent first, as written.
	Labels [][]string
	// Scales are each column's money multiplier (0 for other columns).
	Scales []int64
	// Facilities is the canonical twin: what a reader must get from the
	// sheet (names as written, kind and status canonical, money in whole
	// tenge, as_of from the title, source from the options).
	Facilities []*parks.Facility
	// Wrong is the subtotal figure made wrong by WrongSubtotal.
	Wrong *WrongSubtotal
	// Variant says which free choices the layout took, for tests that
	// report (or set aside) a kind of sheet.
	Variant Variant
	// CSVDecimalGrouping: the CSV form groups thousands with a no-break
	// space, as Excel writes a "# ##0" format.
	thousands bool
}

// Variant is the layout's free choices.
type Variant struct {
	Unit        int64 // money unit of the investment columns
	UnitInChild bool  // «частные, млн тенге» rather than «Инвестиции, млн тенге»
	ThreeRows   bool  // three header rows
	Numbering   bool  // a row of column numbers under the header
	TotalTop    bool  // the grand total above the groups
	Subtotals   bool  // a subtotal row after each group
	Headings    bool  // district heading rows instead of a district column
	Markers     bool  // statistics markers in numeric cells
	TextNumbers bool  // some numbers stored as text
	Parts       bool  // «в том числе» lines by kind under the total
}

// WrongSubtotal says which subtotal figure disagrees with its rows.
type WrongSubtotal struct {
	Cell     string // "K10"
	Row, Col int    // 0-based
	Field    string // canonical field, e.g. jobs_planned
	District string // the group's district (English, canonical)
	Says     int64  // what the subtotal cell says, in the field's unit (tenge for money)
	Sum      int64  // what the rows above add up to
	Rows     int    // how many data rows the subtotal covers
}

// akField is one column of the report.
type akField struct {
	field string
	kind  byte // 'n' text, 'c' count, 'm' money, 'a' area, 'k' kind, 's' status, 'd' district, '#': row number
	group string
}

// words in each language; every list's first entry is the plain layout's.
type akWords struct {
	title       []string
	asOf        func(y, m, d int) string
	number      []string // № п/п
	district    []string
	name        []string
	kind        []string
	status      []string
	area        []string
	buildings   []string // parent, counts
	bPlan       []string
	bBuilt      []string
	bUC         []string
	fact        []string // three-row header: «факт» over built/under construction
	projects    []string
	pPlan       []string
	pLaunched   []string
	jobs        []string
	jPlan       []string
	jCreated    []string
	invest      []string // parent, money
	private     []string
	budget      []string
	importSub   []string // money, single column
	units       map[int64][]string
	kinds       map[string][]string
	part        []string          // «в том числе» under the total
	partKinds   map[string]string // the kinds, plural, after it
	statuses    map[string][]string
	subtotal    []func(d *parks.District) string
	total       []string
	notes       [][]string
	markersNone []string // not reported
	markersZero []string // zero
	sheet       string
}

var months = map[string][]string{
	"kk": {"", "қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"},
}

// ruDative puts a district's Russian name after «по»: «Сауранский район» →
// «Сауранскому району»; «г. Кентау» stays.
func ruDative(name string) string {
	if s, ok := strings.CutSuffix(name, "ий район"); ok {
		return s + "ому району"
	}
	return name
}

var akimatWords = map[string]*akWords{
	"ru": {
		title: []string{
			"Информация о ходе строительства малых промышленных парков и производственных площадок Туркестанской области",
			"Информация о реализации проектов на производственных площадках",
			"Сведения о малых промышленных парках и производственных площадках",
		},
		asOf:      func(y, m, d int) string { return fmt.Sprintf("по состоянию на %02d.%02d.%d г.", d, m, y) },
		number:    []string{"№ п/п", "№", "№ п.п."},
		district:  []string{"Район", "Район (город)", "Наименование района, города"},
		name:      []string{"Наименование объекта", "Наименование площадки", "Наименование"},
		kind:      []string{"Вид объекта", "Тип объекта", "Вид"},
		status:    []string{"Статус", "Статус объекта", "Состояние"},
		area:      []string{"Площадь, га", "Площадь территории, га", "Площадь (га)"},
		buildings: []string{"Количество зданий, ед.", "Кол-во зданий, ед.", "Здания, ед."},
		bPlan:     []string{"план", "по плану", "план"},
		bBuilt:    []string{"построено", "построено", "фактически построено"},
		bUC:       []string{"строится", "строится", "в стадии строительства"},
		fact:      []string{"факт", "фактически"},
		projects:  []string{"Количество проектов, ед.", "Кол-во проектов, ед.", "Проекты, ед."},
		pPlan:     []string{"план", "по плану"},
		pLaunched: []string{"запущено", "запущено"},
		jobs:      []string{"Рабочие места, чел.", "Количество рабочих мест, чел.", "Кол-во рабочих мест, чел."},
		jPlan:     []string{"план", "по плану"},
		jCreated:  []string{"факт", "создано", "фактически"},
		invest:    []string{"Инвестиции", "Объём инвестиций", "Инвестиции"},
		private:   []string{"частные", "частные инвестиции"},
		budget:    []string{"бюджетные", "бюджетные инвестиции"},
		importSub: []string{"Импортозамещение", "Объём импортозамещения"},
		units: map[int64][]string{
			1e3: {"тыс. тенге", "тыс. тг", "тыс.тенге"},
			1e6: {"млн тенге", "млн. тенге", "млн тг"},
			1e9: {"млрд тенге", "млрд. тенге", "млрд тг"},
		},
		part:      []string{"в том числе", "в т.ч.", "из них"},
		partKinds: map[string]string{"park": "малые промышленные парки", "site": "производственные площадки"},
		kinds: map[string][]string{
			"park": {"малый промышленный парк", "МПП", "Малый промышленный парк"},
			"site": {"производственная площадка", "Производственная площадка", "площадка"},
		},
		statuses: map[string][]string{
			"operating":          {"действует", "Действует"},
			"under_construction": {"строится", "Строится"},
			"planned":            {"планируется", "Планируется"},
		},
		subtotal: []func(d *parks.District) string{
			func(d *parks.District) string { return "Итого по " + ruDative(d.RU) },
			func(d *parks.District) string { return "Всего по " + ruDative(d.RU) },
			func(d *parks.District) string { return d.RU + ", итого" },
			func(d *parks.District) string { return "Итого: " + d.RU },
			func(d *parks.District) string { return "ИТОГО по " + ruDative(d.RU) },
		},
		total: []string{"Всего", "Всего по области", "Итого по области", "ВСЕГО по Туркестанской области"},
		notes: [][]string{
			{"Примечание: данные предварительные, подлежат уточнению."},
			{"* Инвестиции указаны нарастающим итогом с начала реализации проектов."},
			{"Примечание:", "«-» — явление отсутствует; «х» — данные не заполняются; «н/д» — нет данных."},
		},
		markersNone: []string{"", "н/д", "х", "…", "нет данных"},
		markersZero: []string{"0", "-", "–", "—"},
		sheet:       "Отчёт",
	},
	"kk": {
		title: []string{
			"Түркістан облысының шағын өнеркәсіптік парктері мен өндірістік алаңдарының құрылысы туралы ақпарат",
			"Өндірістік алаңдардағы жобаларды іске асыру туралы мәлімет",
			"Шағын өнеркәсіптік парктер мен өндірістік алаңдар туралы ақпарат",
		},
		asOf: func(y, m, d int) string {
			return fmt.Sprintf("%d жылғы %d %s жағдай бойынша", y, d, months["kk"][m])
		},
		number:    []string{"№ р/с", "№", "Р/с №"},
		district:  []string{"Аудан (қала)", "Аудан", "Ауданның, қаланың атауы"},
		name:      []string{"Нысанның атауы", "Алаңның атауы", "Атауы"},
		kind:      []string{"Нысан түрі", "Түрі", "Нысанның түрі"},
		status:    []string{"Мәртебесі", "Жағдайы", "Мәртебе"},
		area:      []string{"Аумағы, га", "Жер көлемі, га", "Аумағы (га)"},
		buildings: []string{"Ғимараттар саны, бірлік", "Ғимараттар, бірл.", "Ғимараттар саны"},
		bPlan:     []string{"жоспар", "жоспар бойынша"},
		bBuilt:    []string{"салынды", "салынған"},
		bUC:       []string{"салынуда", "салынып жатыр"},
		fact:      []string{"нақты", "іс жүзінде"},
		projects:  []string{"Жобалар саны, бірлік", "Жобалар, бірл.", "Жобалар саны"},
		pPlan:     []string{"жоспар", "жоспар бойынша"},
		pLaunched: []string{"іске қосылды", "іске қосылған"},
		jobs:      []string{"Жұмыс орындары, адам", "Жұмыс орындарының саны, адам", "Жұмыс орындары"},
		jPlan:     []string{"жоспар", "жоспар бойынша"},
		jCreated:  []string{"құрылды", "нақты", "іс жүзінде"},
		invest:    []string{"Инвестициялар", "Инвестициялар көлемі", "Инвестиция"},
		private:   []string{"жеке", "жеке инвестициялар"},
		budget:    []string{"бюджеттік", "бюджет қаражаты"},
		importSub: []string{"Импортты алмастыру", "Импорт алмастыру көлемі"},
		units: map[int64][]string{
			1e3: {"мың теңге", "мың тг"},
			1e6: {"млн теңге", "млн. теңге", "млн тг"},
			1e9: {"млрд теңге", "млрд. теңге", "млрд тг"},
		},
		part:      []string{"оның ішінде", "соның ішінде"},
		partKinds: map[string]string{"park": "шағын өнеркәсіптік парктер", "site": "өндірістік алаңдар"},
		kinds: map[string][]string{
			"park": {"шағын өнеркәсіптік парк", "Шағын өнеркәсіптік парк"},
			"site": {"өндірістік алаң", "Өндірістік алаң"},
		},
		statuses: map[string][]string{
			"operating":          {"жұмыс істеп тұр", "жұмыс істейді"},
			"under_construction": {"салынуда", "Салынуда"},
			"planned":            {"жоспарланған", "Жоспарланған"},
		},
		subtotal: []func(d *parks.District) string{
			func(d *parks.District) string { return d.KK + " бойынша жиыны" },
			func(d *parks.District) string { return d.KK + " бойынша барлығы" },
			func(d *parks.District) string { return "Жиыны: " + d.KK },
			func(d *parks.District) string { return strings.ToUpper(d.KK) + " БОЙЫНША ЖИЫНЫ" },
		},
		total: []string{"Барлығы", "Облыс бойынша барлығы", "Облыс бойынша жиыны", "Түркістан облысы бойынша барлығы"},
		notes: [][]string{
			{"Ескертпе: деректер алдын ала, нақтылануы тиіс."},
			{"* Инвестициялар жобаларды іске асыру басталғаннан бері өспелі қорытындымен көрсетілген."},
			{"Ескертпе:", "«-» — құбылыс жоқ; «х» — толтырылмайды; «мәлімет жоқ» — деректер жоқ."},
		},
		markersNone: []string{"", "мәлімет жоқ", "х", "…", "н/д"},
		markersZero: []string{"0", "-", "–", "—"},
		sheet:       "Есеп",
	},
}

// kkToRu writes the Kazakh letters of a name the way a Russian sheet (and
// Windows-1251) writes them.
var kkToRu = strings.NewReplacer("ә", "а", "Ә", "А", "ғ", "г", "Ғ", "Г", "қ", "к", "Қ", "К", "ң", "н", "Ң", "Н",
	"ө", "о", "Ө", "О", "ұ", "у", "Ұ", "У", "ү", "у", "Ү", "У", "һ", "х", "Һ", "Х", "і", "и", "І", "И")

// ruName is a Kazakh facility name as a Russian sheet writes it: «Қарашық»
// өндірістік алаңы → Производственная площадка «Карашык».
func ruName(name string) string {
	if m := kkSiteName.FindStringSubmatch(name); m != nil {
		name = "Производственная площадка «" + m[1] + "»" + m[2]
	}
	name = strings.Replace(name, "Шағын өнеркәсіптік парк", "Малый промышленный парк", 1)
	return kkToRu.Replace(name)
}

var kkSiteName = regexp.MustCompile(`^«([^»]+)» өндірістік алаңы(.*)$`)

// akimat holds the choices of one layout.
type akimat struct {
	r    *rand.Rand
	w    *akWords
	opts AkimatOptions
	vary bool
	rep  *Report
}

// pick is the plain layout's first choice, or one drawn with Vary.
func (a *akimat) pick(list []string) string {
	if !a.vary || len(list) == 1 {
		return list[0]
	}
	return list[a.r.IntN(len(list))]
}

func (a *akimat) chance(p float64) bool { return a.vary && a.r.Float64() < p }

// Akimat lays facilities out as an akimat's report. The facilities are not
// changed; the report's twin holds what the sheet says of them.
func Akimat(facs []*parks.Facility, opts AkimatOptions) (*Report, error) {
	w, ok := akimatWords[opts.Lang]
	if !ok {
		return nil, fmt.Errorf("akimat report: language %q; use ru or kk", opts.Lang)
	}
	gaz, err := refdata.Gazetteer()
	if err != nil {
		return nil, err
	}
	a := &akimat{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x51ab1e)), w: w, opts: opts, vary: opts.Vary}
	rep := &Report{Lang: opts.Lang, Sheet: cmp.Or(opts.Sheet, w.sheet), AsOf: opts.AsOf}
	a.rep = rep
	if rep.AsOf == "" {
		for _, f := range facs {
			if f.AsOf.Set && f.AsOf.String() > rep.AsOf {
				rep.AsOf = f.AsOf.String()
			}
		}
	}
	if rep.AsOf == "" {
		return nil, fmt.Errorf("akimat report: no date for the title (no as_of in the data and none given)")
	}
	var y, m, d int
	if _, err := fmt.Sscanf(rep.AsOf, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return nil, fmt.Errorf("akimat report: as_of %q is not YYYY-MM-DD", rep.AsOf)
	}

	// The twin and the groups: facilities by district.
	type group struct {
		d    *parks.District
		facs []*parks.Facility
	}
	var groups []*group
	byKATO := map[string]*group{}
	names := map[string]int{}
	for _, f := range facs {
		dist, ok := gaz.Lookup(string(f.District))
		if !ok {
			return nil, fmt.Errorf("akimat report: facility %s: district %q is not in the gazetteer", f.ID, f.District)
		}
		t := twin(f, dist, opts)
		t.AsOf.ParseCell(rep.AsOf, nil)
		if opts.Lang == "ru" {
			t.Name = parks.Text(ruName(string(t.Name)))
		}
		// Two rows of one district with the same name would be one
		// facility to a reader that derives ids from them.
		key := dist.KATO + "\x00" + strings.ToLower(string(t.Name))
		if names[key]++; names[key] > 1 {
			t.Name = parks.Text(fmt.Sprintf("%s №%d", t.Name, names[key]))
		}
		g := byKATO[dist.KATO]
		if g == nil {
			g = &group{d: dist}
			byKATO[dist.KATO] = g
			groups = append(groups, g)
		}
		g.facs = append(g.facs, t)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("akimat report: no facilities")
	}
	// Grouping: by district name in the sheet's language (plain), or in
	// the data's order, or shuffled; facilities within a group likewise.
	switch {
	case !a.vary || a.r.IntN(3) == 0:
		slices.SortStableFunc(groups, func(x, y *group) int { return strings.Compare(x.d.Name(opts.Lang), y.d.Name(opts.Lang)) })
	case a.r.IntN(2) == 0:
		a.r.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
	}
	for _, g := range groups {
		if a.chance(0.5) {
			a.r.Shuffle(len(g.facs), func(i, j int) { g.facs[i], g.facs[j] = g.facs[j], g.facs[i] })
		}
		rep.Facilities = append(rep.Facilities, g.facs...)
	}

	// Choices of the layout.
	unit := opts.Unit
	if unit == 0 {
		unit = 1e6
		if a.vary {
			unit = []int64{1e3, 1e6, 1e9}[a.r.IntN(3)]
		}
	}
	if _, ok := w.units[unit]; !ok {
		return nil, fmt.Errorf("akimat report: unit %d; use 1000, 1000000 or 1000000000", unit)
	}
	importUnit := unit
	if a.chance(0.3) {
		importUnit = []int64{1e3, 1e6, 1e9}[a.r.IntN(3)]
	}
	unitInChild := a.chance(0.4)
	three := a.chance(0.35)
	numbering := !a.chance(0.2)
	totalTop := a.chance(0.3)
	subtotals := !a.chance(0.15) || opts.WrongSubtotal
	spacers := a.chance(0.3)
	mergeLabels := a.chance(0.5)
	rep.thousands = a.chance(0.5)
	textNumbers := 0.0
	if a.vary {
		textNumbers = []float64{0, 0, 0.1, 0.3}[a.r.IntN(4)]
	}
	markers := a.chance(0.7)
	// A district heading row over each group instead of a district column.
	headings := a.chance(0.2)
	// «в том числе» lines under the total, by kind.
	parts := a.chance(0.3)
	rep.Variant = Variant{Unit: unit, UnitInChild: unitInChild, ThreeRows: three, Numbering: numbering, TotalTop: totalTop,
		Subtotals: subtotals, Headings: headings, Markers: markers, TextNumbers: textNumbers > 0, Parts: parts}
	// Columns: which fields the sheet has (the plain layout has all).
	has := func(p float64) bool { return !a.chance(p) }
	cols := []akField{{kind: '#'}, {field: "district", kind: 'd'}, {field: "name", kind: 'n'}}
	if headings {
		cols = []akField{{kind: '#'}, {field: "name", kind: 'n'}}
	}
	if has(0.2) {
		cols = append(cols, akField{field: "kind", kind: 'k'})
	}
	if has(0.2) {
		cols = append(cols, akField{field: "area_ha", kind: 'a'})
	}
	cols = append(cols,
		akField{field: "buildings_planned", kind: 'c', group: "b"},
		akField{field: "buildings_built", kind: 'c', group: "b"},
		akField{field: "buildings_under_construction", kind: 'c', group: "b"})
	if has(0.3) {
		cols = append(cols, akField{field: "projects_planned", kind: 'c', group: "p"}, akField{field: "projects_launched", kind: 'c', group: "p"})
	}
	cols = append(cols,
		akField{field: "jobs_planned", kind: 'c', group: "j"},
		akField{field: "jobs_created", kind: 'c', group: "j"},
		akField{field: "investment_private_kzt", kind: 'm', group: "i"},
		akField{field: "investment_budget_kzt", kind: 'm', group: "i"})
	if has(0.3) {
		cols = append(cols, akField{field: "import_substitution_kzt", kind: 'm'})
	}
	if has(0.2) {
		cols = append(cols, akField{field: "status", kind: 's'})
	}
	// A sheet without a column says nothing of that field.
	kept := map[string]bool{}
	for _, c := range cols {
		kept[c.field] = true
	}
	for _, f := range rep.Facilities {
		clearMissing(f, kept)
	}
	for _, c := range cols {
		rep.Fields = append(rep.Fields, c.field)
	}
	nc := len(cols)

	// Title.
	row := func(role string, cells ...Cell) int {
		r := make([]Cell, nc)
		copy(r, cells)
		rep.Rows = append(rep.Rows, r)
		rep.Roles = append(rep.Roles, role)
		return len(rep.Rows) - 1
	}
	text := func(s string) Cell { return Cell{Text: s} }
	mergeRow := func(r int) { rep.Merges = append(rep.Merges, Merge{r, 0, r, nc - 1}) }
	title := a.pick(w.title)
	date := w.asOf(y, m, d)
	if a.chance(0.3) {
		mergeRow(row(RoleTitle, text(title+" "+date)))
	} else {
		mergeRow(row(RoleTitle, text(title)))
		mergeRow(row(RoleTitle, text(date)))
	}
	if !a.chance(0.3) {
		row(RoleSpacer)
	}

	// Header: parent labels over child labels; single columns merged down.
	nh := 2
	if three {
		nh = 3
	}
	h0 := len(rep.Rows)
	for i := 0; i < nh; i++ {
		rep.HeaderRows = append(rep.HeaderRows, row(RoleHeader))
	}
	rep.Labels = make([][]string, nc)
	rep.Scales = make([]int64, nc)
	set := func(r, c0, c1 int, s string) {
		rep.Rows[h0+r][c0].Text = s
		for c := c0; c <= c1; c++ {
			rep.Labels[c] = append(rep.Labels[c], s)
		}
	}
	merge := func(r0, c0, r1, c1 int) {
		if r0 != r1 || c0 != c1 {
			rep.Merges = append(rep.Merges, Merge{h0 + r0, c0, h0 + r1, c1})
		}
	}
	single := func(c int, s string) { set(0, c, c, s); merge(0, c, nh-1, c) }
	withUnit := func(s string, u int64) string { return s + ", " + a.pick(w.units[u]) }
	for c := 0; c < nc; {
		f := cols[c]
		if f.group == "" {
			var s string
			switch f.kind {
			case '#':
				s = a.pick(w.number)
			case 'd':
				s = a.pick(w.district)
			case 'n':
				s = a.pick(w.name)
			case 'k':
				s = a.pick(w.kind)
			case 'a':
				s = a.pick(w.area)
			case 's':
				s = a.pick(w.status)
			case 'm':
				s = withUnit(a.pick(w.importSub), importUnit)
				rep.Scales[c] = importUnit
			}
			single(c, s)
			c++
			continue
		}
		end := c
		for end < nc && cols[end].group == f.group {
			end++
		}
		var parent string
		var kids []string
		switch f.group {
		case "b":
			parent, kids = a.pick(w.buildings), []string{a.pick(w.bPlan), a.pick(w.bBuilt), a.pick(w.bUC)}
		case "p":
			parent, kids = a.pick(w.projects), []string{a.pick(w.pPlan), a.pick(w.pLaunched)}
		case "j":
			parent, kids = a.pick(w.jobs), []string{a.pick(w.jPlan), a.pick(w.jCreated)}
		case "i":
			parent, kids = a.pick(w.invest), []string{a.pick(w.private), a.pick(w.budget)}
			if unitInChild {
				for k := range kids {
					kids[k] = withUnit(kids[k], unit)
				}
			} else {
				parent = withUnit(parent, unit)
			}
			for k := c; k < end; k++ {
				rep.Scales[k] = unit
			}
		}
		if three && f.group == "b" {
			// «Количество зданий» over «план» (merged down) and «факт» over
			// «построено | строится».
			set(0, c, end-1, parent)
			merge(0, c, 0, end-1)
			set(1, c, c, kids[0])
			merge(1, c, 2, c)
			set(1, c+1, end-1, a.pick(w.fact))
			kids[1] = w.bBuilt[0] // not «фактически построено» under «фактически»
			merge(1, c+1, 1, end-1)
			set(2, c+1, c+1, kids[1])
			set(2, c+2, c+2, kids[2])
		} else {
			set(0, c, end-1, parent)
			merge(0, c, nh-2, end-1)
			for k := c; k < end; k++ {
				set(nh-1, k, k, kids[k-c])
			}
		}
		c = end
	}
	if numbering {
		r := row(RoleNumbering)
		for c := range nc {
			rep.Rows[r][c] = Cell{Text: strconv.Itoa(c + 1), Num: true, Value: float64(c + 1)}
		}
	}

	// Body.
	n := 0
	value := func(f *parks.Facility, c int) (int64, bool) { return fieldValue(f, cols[c].field) }
	cellOf := func(c int, v int64, set bool, sum bool) Cell {
		k := cols[c].kind
		if !set {
			if markers && !sum {
				return text(a.pick(w.markersNone))
			}
			return Cell{}
		}
		if v == 0 && markers && !sum && a.chance(0.5) {
			return text(a.pick(w.markersZero[1:]))
		}
		var s string
		switch k {
		case 'a':
			s = decimal(v, 10000)
		case 'm':
			s = decimal(v, rep.Scales[c])
		default:
			s = strconv.FormatInt(v, 10)
		}
		num, _ := strconv.ParseFloat(s, 64)
		if a.chance(textNumbers) {
			return text(ruNumber(s, true))
		}
		return Cell{Text: ruNumber(s, rep.thousands), Num: true, Value: num}
	}
	sumRow := func(role, label string, fs []*parks.Facility) int {
		r := row(role)
		nameCol := slices.IndexFunc(cols, func(f akField) bool { return f.kind == 'n' })
		if mergeLabels {
			rep.Rows[r][0] = text(label)
			rep.Merges = append(rep.Merges, Merge{r, 0, r, nameCol})
		} else {
			rep.Rows[r][nameCol] = text(label)
		}
		for c := range nc {
			if k := cols[c].kind; k != 'c' && k != 'm' && k != 'a' {
				continue
			}
			var total int64
			var any bool
			for _, f := range fs {
				if v, ok := value(f, c); ok {
					total += v
					any = true
				}
			}
			rep.Rows[r][c] = cellOf(c, total, any, true)
		}
		return r
	}
	total := func() {
		sumRow(RoleTotal, a.pick(w.total), rep.Facilities)
		if parts {
			// «в том числе» lines: the total's parks and sites apart.
			for _, k := range []string{"park", "site"} {
				var fs []*parks.Facility
				for _, f := range rep.Facilities {
					if string(f.Kind) == k {
						fs = append(fs, f)
					}
				}
				if len(fs) > 0 {
					sumRow(RolePart, a.pick(w.part)+" "+w.partKinds[k], fs)
				}
			}
		}
		if spacers {
			row(RoleSpacer)
		}
	}
	if totalTop {
		total()
	}
	var subs []wrongAt
	for gi, g := range groups {
		if headings {
			mergeRow(row(RoleGroup, text(g.d.Name(opts.Lang))))
		}
		for _, f := range g.facs {
			n++
			r := row(RoleData)
			for c := range nc {
				switch cols[c].kind {
				case '#':
					rep.Rows[r][c] = Cell{Text: strconv.Itoa(n), Num: true, Value: float64(n)}
				case 'd':
					rep.Rows[r][c] = text(g.d.Name(opts.Lang))
				case 'n':
					rep.Rows[r][c] = text(string(f.Name))
				case 'k':
					if f.Kind != "" {
						rep.Rows[r][c] = text(a.pick(w.kinds[string(f.Kind)]))
					}
				case 's':
					if f.Status != "" {
						rep.Rows[r][c] = text(a.pick(w.statuses[string(f.Status)]))
					}
				default:
					v, ok := value(f, c)
					rep.Rows[r][c] = cellOf(c, v, ok, false)
				}
			}
		}
		if subtotals {
			label := w.subtotal[0](g.d)
			if a.vary {
				label = w.subtotal[a.r.IntN(len(w.subtotal))](g.d)
			}
			subs = append(subs, wrongAt{sumRow(RoleSubtotal, label, g.facs), g.d.EN, len(g.facs)})
		}
		if spacers && gi < len(groups)-1 {
			row(RoleSpacer)
		}
	}
	if !totalTop {
		total()
	}

	// Notes under the table.
	if !a.chance(0.2) {
		if !spacers || totalTop {
			row(RoleSpacer)
		}
		k := 1
		if a.vary {
			k = 1 + a.r.IntN(len(w.notes))
		}
		for _, note := range w.notes[:k] {
			cells := make([]Cell, len(note))
			for i, s := range note {
				cells[i] = text(s)
			}
			row(RoleNote, cells...)
		}
	}

	if opts.WrongSubtotal {
		if err := a.spoil(subs, cols); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// wrongAt is a subtotal row: the district it closes and the rows it covers.
type wrongAt struct {
	row      int
	district string
	rows     int
}

// spoil makes one subtotal figure wrong: jobs planned of the first group of
// two rows or more (else of any group), 100 jobs more than its rows.
func (a *akimat) spoil(subs []wrongAt, cols []akField) error {
	rep := a.rep
	if len(subs) == 0 {
		return fmt.Errorf("akimat report: a wrong subtotal asked for, but the layout has no subtotals")
	}
	s := subs[0]
	for _, x := range subs {
		if x.rows >= 2 {
			s = x
			break
		}
	}
	c := slices.IndexFunc(cols, func(f akField) bool { return f.field == "jobs_planned" })
	cell := &rep.Rows[s.row][c]
	sum, err := strconv.ParseInt(strings.ReplaceAll(cell.Text, "\u00a0", ""), 10, 64)
	if err != nil {
		sum = 0 // no row reported jobs: the subtotal says 100 of nothing
	}
	says := sum + 100
	*cell = Cell{Text: ruNumber(strconv.FormatInt(says, 10), rep.thousands), Num: true, Value: float64(says)}
	ref := colName(c) + strconv.Itoa(s.row+1)
	rep.Wrong = &WrongSubtotal{Cell: ref, Row: s.row, Col: c, Field: "jobs_planned", District: s.district, Says: says, Sum: sum, Rows: s.rows}
	return nil
}

// twin is a facility as the sheet tells it.
func twin(f *parks.Facility, d *parks.District, opts AkimatOptions) *parks.Facility {
	t := &parks.Facility{
		ID: f.ID, Name: f.Name, Kind: f.Kind, District: parks.Text(d.EN), AreaHa: f.AreaHa,
		BuildingsPlanned: f.BuildingsPlanned, BuildingsBuilt: f.BuildingsBuilt, BuildingsUnderConstruction: f.BuildingsUnderConstruction,
		ProjectsPlanned: f.ProjectsPlanned, ProjectsLaunched: f.ProjectsLaunched, JobsPlanned: f.JobsPlanned, JobsCreated: f.JobsCreated,
		InvestmentPrivate: f.InvestmentPrivate, InvestmentBudget: f.InvestmentBudget, ImportSubstitution: f.ImportSubstitution,
		Status: f.Status, Source: parks.Text(opts.Source), KATO: d.KATO,
	}
	t.Name = parks.Text(strings.Join(strings.Fields(string(t.Name)), " "))
	return t
}

// clearMissing forgets the fields the sheet has no column for, and the
// as_of (which is the title's).
func clearMissing(f *parks.Facility, kept map[string]bool) {
	if !kept["kind"] {
		f.Kind = ""
	}
	if !kept["status"] {
		f.Status = ""
	}
	if !kept["area_ha"] {
		f.AreaHa = parks.Area{}
	}
	if !kept["projects_planned"] {
		f.ProjectsPlanned, f.ProjectsLaunched = parks.Count{}, parks.Count{}
	}
	if !kept["import_substitution_kzt"] {
		f.ImportSubstitution = parks.Money{}
	}
}

// fieldValue is a numeric field of a facility (counts, tenge, m²).
func fieldValue(f *parks.Facility, field string) (int64, bool) {
	switch field {
	case "area_ha":
		return f.AreaHa.M2, f.AreaHa.Set
	case "buildings_planned":
		return f.BuildingsPlanned.V, f.BuildingsPlanned.Set
	case "buildings_built":
		return f.BuildingsBuilt.V, f.BuildingsBuilt.Set
	case "buildings_under_construction":
		return f.BuildingsUnderConstruction.V, f.BuildingsUnderConstruction.Set
	case "projects_planned":
		return f.ProjectsPlanned.V, f.ProjectsPlanned.Set
	case "projects_launched":
		return f.ProjectsLaunched.V, f.ProjectsLaunched.Set
	case "jobs_planned":
		return f.JobsPlanned.V, f.JobsPlanned.Set
	case "jobs_created":
		return f.JobsCreated.V, f.JobsCreated.Set
	case "investment_private_kzt":
		return f.InvestmentPrivate.V, f.InvestmentPrivate.Set
	case "investment_budget_kzt":
		return f.InvestmentBudget.V, f.InvestmentBudget.Set
	case "import_substitution_kzt":
		return f.ImportSubstitution.V, f.ImportSubstitution.Set
	}
	return 0, false
}

// decimal writes v/unit exactly, with a decimal point and no trailing zeros.
func decimal(v, unit int64) string {
	s := strconv.FormatInt(v/unit, 10)
	if r := v % unit; r != 0 {
		digits := len(strconv.FormatInt(unit, 10)) - 1
		frac := strconv.FormatInt(unit+r, 10)[1:]
		s += "." + strings.TrimRight(frac[:digits], "0")
	}
	return s
}

// ruNumber writes a decimal the way Excel shows it in a kk or ru locale:
// decimal comma, and thousands grouped with a no-break space when grouped.
func ruNumber(s string, grouped bool) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if grouped && len(intPart) > 3 {
		var b strings.Builder
		for i, ch := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteRune('\u00a0')
			}
			b.WriteRune(ch)
		}
		intPart = b.String()
	}
	if hasFrac {
		return intPart + "," + frac
	}
	return intPart
}

// colName is a 0-based column's letters: 0 → A, 26 → AA.
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}
