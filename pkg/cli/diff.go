package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// diffOptions are the options of `parks diff`.
type diffOptions struct {
	aggregateOptions // --by, the filters, -o, --unit
	Old, New         string
	OnlyChanged      bool
	Metrics          []string
	FailOnChange     bool
}

func newDiffCmd(streams *IO) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "What changed between two snapshots: per group, then facility by facility",
		Long: `diff compares two datasets (files or directories, any format parks reads),
each loaded on its own. It prints, per group (--by), every metric's old and
new value, the change and the change in per cent; then the facilities and
projects added, removed and changed, with each changed field (old → new).

Facilities are matched by id; those whose ids differ are matched by district
and normalised name when that pairs exactly one old with one new facility,
and such a match is marked ≈. Projects are matched by id.

A figure that should only grow (buildings_built, jobs_created) and went down
is reported on stderr as a warning: it usually means a data error or a
restated figure. With --fail-on-change the exit code is 1 when anything
differs, so CI can guard a published snapshot.`,
		Example: `  parks diff 2025-12-01.yaml 2026-03-01.yaml
  parks diff old/ new/ --only-changed --metric jobs_created,buildings_built
  parks diff published.yaml current.yaml --fail-on-change -o json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			return runDiff(streams, opts)
		},
	}
	addHistoryFlags(cmd, &opts.aggregateOptions, outputFormats)
	f := cmd.Flags()
	f.BoolVar(&opts.OnlyChanged, "only-changed", false, "show only the groups and metrics that changed")
	f.StringSliceVar(&opts.Metrics, "metric", nil, "only these metrics (comma-separated or repeated; default every metric)")
	f.BoolVar(&opts.FailOnChange, "fail-on-change", false, "exit 1 when anything differs")
	_ = cmd.RegisterFlagCompletionFunc("metric", fixedCompletion(metricKeys()[1:]...))
	return cmd
}

// groupDiff is one group of a diff: its label and each metric's change.
type groupDiff struct {
	pair    parks.GroupPair // zero for the total
	label   string
	changes []parks.Change // indexed like the selected metrics
}

func (g *groupDiff) changed() bool {
	return slices.ContainsFunc(g.changes, parks.Change.Changed)
}

func runDiff(streams *IO, o *diffOptions) error {
	lang, err := o.lang(streams)
	if err != nil {
		return err
	}
	by, unit, filter, err := o.check(outputFormats)
	if err != nil {
		return err
	}
	out, err := o.writer(streams, lang, o.Delimiter)
	if err != nil {
		return err
	}
	metrics, err := selectMetrics(o.Metrics)
	if err != nil {
		return err
	}
	old, err := loadSnapshot(streams, &o.dataOptions, lang, o.Old)
	if err != nil {
		return err
	}
	cur, err := loadSnapshot(streams, &o.dataOptions, lang, o.New)
	if err != nil {
		return err
	}
	ro, err := parks.Aggregate(old.loaded.Dataset, by, filter)
	if err != nil {
		return &exitError{code: ExitInvalid, err: fmt.Errorf("%s: %w", o.Old, err)}
	}
	rn, err := parks.Aggregate(cur.loaded.Dataset, by, filter)
	if err != nil {
		return &exitError{code: ExitInvalid, err: fmt.Errorf("%s: %w", o.New, err)}
	}
	compare := func(a, b *parks.Totals) []parks.Change {
		out := make([]parks.Change, len(metrics))
		for i, m := range metrics {
			out[i] = m.Compare(a, b)
		}
		return out
	}
	var groups []*groupDiff
	for _, p := range parks.PairGroups(ro, rn) {
		g := p.New
		if g == nil {
			g = p.Old
		}
		a, b := p.Totals()
		groups = append(groups, &groupDiff{pair: p, label: view.GroupLabel(by, g, lang), changes: compare(a, b)})
	}
	// Names sort in the reader's alphabet (г. Туркестан under Т); machine
	// formats in one order whatever the language.
	sortLang := lang
	if isMachineFormat(o.Output) {
		sortLang = i18n.EN
	}
	order := i18n.NameOrder(sortLang)
	sortName := func(d *groupDiff) string {
		if d.pair.New != nil {
			return view.GroupLabel(by, d.pair.New, sortLang)
		}
		return view.GroupLabel(by, d.pair.Old, sortLang)
	}
	slices.SortStableFunc(groups, func(a, b *groupDiff) int { return order(sortName(a), sortName(b)) })
	total := &groupDiff{label: i18n.T(lang, "total"), changes: compare(&ro.Total, &rn.Total)}
	records := parks.DiffDatasets(filtered(old.loaded.Dataset, filter), filtered(cur.loaded.Dataset, filter))

	differs := !records.Empty() || total.changed() || slices.ContainsFunc(groups, (*groupDiff).changed)
	if o.OnlyChanged {
		groups = slices.DeleteFunc(groups, func(g *groupDiff) bool { return !g.changed() })
	}
	fm := i18n.Formatter{Lang: lang}
	for _, b := range records.Backward {
		fmt.Fprintln(streams.Err, i18n.T(lang, "diff.backward", i18n.T(lang, "diff.record."+b.Record), b.ID, b.Field, fm.Int(b.Old), fm.Int(b.New)))
	}

	if o.machine() {
		grid := render.GridOf(diffCSV(o, metrics, groups, total, records))
		grid.Columns = diffCSVHeader
		err = out.Write(streams.Out, render.Output{Doc: diffDoc(o, old, cur, by, metrics, groups, total, records), Grid: grid, Sheet: "diff"})
	} else {
		err = writeDiff(streams, o, lang, unit, old, cur, by, metrics, groups, total, records)
	}
	if err != nil {
		return err
	}
	if o.FailOnChange && differs {
		fmt.Fprintln(streams.Err, i18n.T(lang, "diff.differs"))
		return &exitError{code: ExitInvalid}
	}
	return nil
}

// group is the group a diff row is about (the new one when both exist).
func (g *groupDiff) group() *parks.Group {
	if g.pair.New != nil {
		return g.pair.New
	}
	return g.pair.Old
}

// diffCSV is the diff as one long table: a line per group and metric
// ("metric"), per facility or project added or removed, and per changed
// field.
func diffCSV(o *diffOptions, metrics []*parks.Metric, groups []*groupDiff, total *groupDiff, d *parks.DatasetDiff) []render.Object {
	isTotal := false
	line := func(section, group, key, id, field string, old, new, delta, pct any) render.Object {
		return render.Object{{Key: "section", Value: section}, {Key: "group", Value: group}, {Key: "key", Value: key},
			{Key: "total", Value: isTotal}, {Key: "id", Value: id}, {Key: "field", Value: field}, {Key: "old", Value: old}, {Key: "new", Value: new},
			{Key: "delta", Value: delta}, {Key: "delta_pct", Value: pct}}
	}
	var out []render.Object
	for _, g := range append(slices.Clip(groups), total) {
		key := g.pair.Key
		isTotal = g == total
		for i, m := range metrics {
			c := g.changes[i]
			if o.OnlyChanged && !c.Changed() {
				continue
			}
			out = append(out, line("metric", g.label, key, "", m.Key, view.Raw(c.Old), view.Raw(c.New), view.Raw(c.Delta), view.Raw(c.Pct)))
		}
	}
	isTotal = false
	for _, f := range d.Added {
		out = append(out, line("added", view.DistrictName(f.KATO, i18n.EN), f.KATO, string(f.ID), "name", nil, string(f.Name), nil, nil))
	}
	for _, f := range d.Removed {
		out = append(out, line("removed", view.DistrictName(f.KATO, i18n.EN), f.KATO, string(f.ID), "name", string(f.Name), nil, nil, nil))
	}
	for _, c := range d.Changed {
		for _, fc := range c.Fields {
			out = append(out, line("changed", view.DistrictName(c.New.KATO, i18n.EN), c.New.KATO, string(c.New.ID), fc.Field, fc.Old, fc.New, nil, nil))
		}
	}
	for _, p := range d.ProjectsAdded {
		out = append(out, line("project_added", "", "", string(p.ID), "name", nil, string(p.Name), nil, nil))
	}
	for _, p := range d.ProjectsRemoved {
		out = append(out, line("project_removed", "", "", string(p.ID), "name", string(p.Name), nil, nil, nil))
	}
	for _, c := range d.ProjectsChanged {
		for _, fc := range c.Fields {
			out = append(out, line("project_changed", "", "", string(c.New.ID), fc.Field, fc.Old, fc.New, nil, nil))
		}
	}
	return out
}

// diffCSVHeader is written alone when nothing is listed.
var diffCSVHeader = []string{"section", "group", "key", "total", "id", "field", "old", "new", "delta", "delta_pct"}

// signed writes a change with its sign.
func signed(s string, positive bool) string {
	if positive {
		return "+" + s
	}
	return s
}

// clip shortens long free text in human tables; machine formats carry it
// whole.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// fieldText writes a field value (as Schema.Values gives it) for a reader,
// text clipped to 48 characters so a diff table stays narrow.
func fieldText(fm i18n.Formatter, v any) string { return valueText(fm, v, 48) }

// valueText writes a field value (as Schema.Values gives it) for a reader;
// text longer than clipAt characters is cut (0: never).
func valueText(fm i18n.Formatter, v any, clipAt int) string {
	cut := func(s string) string {
		if clipAt > 0 {
			return clip(s, clipAt)
		}
		return s
	}
	switch x := v.(type) {
	case nil:
		return i18n.Null
	case int64:
		return fm.Int(x)
	case float64:
		return fm.Value(parks.Value{Float: x, Unit: parks.UnitArea}, i18n.UnitKZT)
	case []string:
		if len(x) == 0 {
			return i18n.Null
		}
		return cut(strings.Join(x, ", "))
	case string:
		return cut(x)
	}
	return fmt.Sprint(v)
}

// foldedFields are the columns whose changes are usually the same for
// every record of a new snapshot; the human diff folds identical ones.
var foldedFields = []string{"as_of", "source"}

func writeDiff(streams *IO, o *diffOptions, lang i18n.Lang, unit i18n.MoneyUnit, old, cur *snapshot, by parks.Dimension,
	metrics []*parks.Metric, groups []*groupDiff, total *groupDiff, d *parks.DatasetDiff) error {
	fm := i18n.Formatter{Lang: lang}
	style := tableStyle(streams, o.Output)
	width := termWidth(streams) // every table fits a terminal, as the other commands' do
	w := streams.Out
	gap := func() { fmt.Fprintln(w) }

	t := &render.Table{
		Title: i18n.T(lang, "title.diff", i18n.T(lang, "by_phrase."+string(by)), old.label(), cur.label()),
		Header: []string{i18n.T(lang, "col."+string(by)), i18n.T(lang, "diff.metric"), i18n.T(lang, "diff.old"),
			i18n.T(lang, "diff.new"), i18n.T(lang, "diff.change"), i18n.T(lang, "diff.change_pct")},
		Numeric:  []bool{false, false, true, true, true, true},
		MaxWidth: width,
	}
	all := append(slices.Clip(groups), total)
	// One money unit per metric, chosen over every value shown.
	units := make([]i18n.MoneyUnit, len(metrics))
	for i, m := range metrics {
		units[i] = unit
		if m.Unit == parks.UnitMoney && unit == i18n.UnitAuto {
			var amounts []int64
			for _, g := range all {
				for _, v := range []parks.Value{g.changes[i].Old, g.changes[i].New} {
					if !v.Null {
						amounts = append(amounts, v.Int)
					}
				}
			}
			units[i] = i18n.AutoUnit(amounts)
		}
	}
	metricLabel := func(i int) string {
		if metrics[i].Unit == parks.UnitMoney && units[i] != i18n.UnitKZT {
			return metrics[i].Key + ", " + i18n.T(lang, "unit."+string(units[i]))
		}
		return metrics[i].Key
	}
	delta := func(i int, c parks.Change) string {
		if c.Delta.Null {
			return i18n.Null
		}
		if metrics[i].Unit == parks.UnitPercent {
			return signed(fm.Decimal(c.Delta.Float, 1), c.Delta.Float > 0) + " " + i18n.T(lang, "unit.pp")
		}
		return signed(fm.Value(c.Delta, units[i]), c.Delta.Number() > 0)
	}
	pct := func(c parks.Change) string {
		if c.Pct.Null {
			return i18n.Null
		}
		return signed(fm.Percent(c.Pct.Float), c.Pct.Float > 0)
	}
	lines := func(g *groupDiff) [][]string {
		var out [][]string
		for i := range metrics {
			c := g.changes[i]
			if o.OnlyChanged && !c.Changed() {
				continue
			}
			label := ""
			if len(out) == 0 {
				label = g.label
			}
			out = append(out, []string{label, metricLabel(i), fm.Value(c.Old, units[i]), fm.Value(c.New, units[i]), delta(i, c), pct(c)})
		}
		return out
	}
	for _, g := range groups {
		t.Rows = append(t.Rows, lines(g)...)
	}
	t.Rows = append(t.Rows, lines(total)...)
	if len(t.Rows) == 0 {
		fmt.Fprintln(w, t.Title)
		fmt.Fprintln(w, i18n.T(lang, "diff.no_metric_change"))
	} else if err := render.WriteTable(w, t, style); err != nil {
		return err
	}

	facilityRows := func(fs []*parks.Facility) [][]string {
		var out [][]string
		for _, f := range fs {
			out = append(out, []string{string(f.ID), string(f.Name), view.DistrictName(f.KATO, lang), i18n.T(lang, "kind."+string(f.Kind)), orNull(f.AsOf.String())})
		}
		return out
	}
	facilityHeader := []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.district"), i18n.T(lang, "col.kind"), i18n.T(lang, "show.as_of")}
	for _, sec := range []struct {
		title string
		fs    []*parks.Facility
	}{{"diff.added", d.Added}, {"diff.removed", d.Removed}} {
		if len(sec.fs) == 0 {
			continue
		}
		gap()
		if err := render.WriteTable(w, &render.Table{Title: i18n.T(lang, sec.title, len(sec.fs)), Header: facilityHeader,
			Rows: facilityRows(sec.fs), MaxWidth: width}, style); err != nil {
			return err
		}
	}

	var entries []changedEntry
	for _, c := range d.Changed {
		entries = append(entries, changedEntry{id: string(c.New.ID), oldID: string(c.Old.ID), fuzzy: c.Match == parks.MatchName, fields: c.Fields})
	}
	if err := writeChanged(w, style, width, fm, lang, i18n.T(lang, "diff.changed", len(d.Changed)), entries); err != nil {
		return err
	}

	projectHeader := []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.facility"), i18n.T(lang, "show.as_of")}
	for _, sec := range []struct {
		title string
		ps    []*parks.Project
	}{{"diff.projects_added", d.ProjectsAdded}, {"diff.projects_removed", d.ProjectsRemoved}} {
		if len(sec.ps) == 0 {
			continue
		}
		pt := &render.Table{Title: i18n.T(lang, sec.title, len(sec.ps)), Header: projectHeader, MaxWidth: width}
		for _, p := range sec.ps {
			pt.Rows = append(pt.Rows, []string{string(p.ID), string(p.Name), string(p.FacilityID), orNull(p.AsOf.String())})
		}
		gap()
		if err := render.WriteTable(w, pt, style); err != nil {
			return err
		}
	}
	entries = entries[:0]
	for _, c := range d.ProjectsChanged {
		entries = append(entries, changedEntry{id: string(c.New.ID), fields: c.Fields})
	}
	if err := writeChanged(w, style, width, fm, lang, i18n.T(lang, "diff.projects_changed", len(d.ProjectsChanged)), entries); err != nil {
		return err
	}
	if d.Empty() {
		gap()
		fmt.Fprintln(w, i18n.T(lang, "diff.no_record_change"))
	}
	return nil
}

// changedEntry is a record present on both sides with its changed fields.
type changedEntry struct {
	id, oldID string
	fuzzy     bool // matched by district and name, not by id
	fields    []parks.FieldChange
}

// writeChanged prints changed records, one line per changed field. The same
// change of as_of or source on several records (a new snapshot usually
// changes every record's date) is folded into one note, so the figures
// that moved stand out; -o json lists every change.
func writeChanged(w io.Writer, style render.Style, width int, fm i18n.Formatter, lang i18n.Lang, title string, entries []changedEntry) error {
	if len(entries) == 0 {
		return nil
	}
	type fold struct{ field, old, new string }
	folds := map[fold]int{}
	var order []fold
	for _, e := range entries {
		for _, fc := range e.fields {
			if slices.Contains(foldedFields, fc.Field) {
				k := fold{fc.Field, fieldText(fm, fc.Old), fieldText(fm, fc.New)}
				if folds[k] == 0 {
					order = append(order, k)
				}
				folds[k]++
			}
		}
	}
	t := &render.Table{Title: title, MaxWidth: width,
		Header: []string{i18n.T(lang, "col.id"), i18n.T(lang, "diff.field"), i18n.T(lang, "diff.old"), i18n.T(lang, "diff.new")}}
	for _, e := range entries {
		first := true
		for _, fc := range e.fields {
			if slices.Contains(foldedFields, fc.Field) && folds[fold{fc.Field, fieldText(fm, fc.Old), fieldText(fm, fc.New)}] > 1 {
				continue
			}
			id := ""
			if first {
				id = e.id
				if e.fuzzy {
					id += " ≈"
				}
			}
			first = false
			t.Rows = append(t.Rows, []string{id, fc.Field, fieldText(fm, fc.Old), fieldText(fm, fc.New)})
		}
		if e.fuzzy {
			t.Notes = append(t.Notes, i18n.T(lang, "diff.fuzzy", e.oldID, e.id))
		}
	}
	for _, k := range order {
		if n := folds[k]; n > 1 {
			t.Notes = append(t.Notes, i18n.T(lang, "diff.folded", k.field, k.old, k.new, n))
		}
	}
	fmt.Fprintln(w)
	if len(t.Rows) == 0 {
		esc := func(s string) string { return s }
		if style == render.Markdown { // the notes quote the data's own text
			esc = render.MarkdownText
		}
		fmt.Fprintln(w, esc(t.Title))
		for _, n := range t.Notes {
			fmt.Fprintln(w, esc(n))
		}
		return nil
	}
	return render.WriteTable(w, t, style)
}

// diffDoc is the JSON/YAML document of a diff.
func diffDoc(o *diffOptions, old, cur *snapshot, by parks.Dimension, metrics []*parks.Metric, groups []*groupDiff, total *groupDiff, d *parks.DatasetDiff) view.DiffDoc {
	metricsOf := func(obj render.Object, g *groupDiff) render.Object {
		for i, m := range metrics {
			if o.OnlyChanged && !g.changes[i].Changed() {
				continue
			}
			obj = append(obj, render.Field{Key: m.Key, Value: view.ChangeOf(g.changes[i])})
		}
		return obj
	}
	facilities := func(fs []*parks.Facility) []render.Object {
		out := make([]render.Object, 0, len(fs))
		for _, f := range fs {
			out = append(out, view.FacilityObject(f))
		}
		return out
	}
	projects := func(ps []*parks.Project) []render.Object {
		out := make([]render.Object, 0, len(ps))
		for _, p := range ps {
			out = append(out, view.RecordObject(parks.ProjectSchema, p))
		}
		return out
	}
	doc := view.DiffDoc{
		SchemaVersion: render.SchemaVersion,
		Old:           view.DiffSide{Path: old.path, AsOf: view.NullIfEmpty(old.asOf)},
		New:           view.DiffSide{Path: cur.path, AsOf: view.NullIfEmpty(cur.asOf)},
		GroupBy:       string(by),
		Groups:        make([]render.Object, 0, len(groups)),
		Total:         metricsOf(nil, total),
		Added:         facilities(d.Added),
		Removed:       facilities(d.Removed),
		Changed:       make([]view.FacilityDiff, 0, len(d.Changed)),
		Projects: view.ProjectsDiff{
			Added:   projects(d.ProjectsAdded),
			Removed: projects(d.ProjectsRemoved),
			Changed: make([]view.ProjectDiff, 0, len(d.ProjectsChanged)),
		},
		Backward: make([]view.Backward, 0, len(d.Backward)),
	}
	for _, g := range groups {
		doc.Groups = append(doc.Groups, metricsOf(view.Identity(by, g.label, g.group(), false), g))
	}
	for _, c := range d.Changed {
		doc.Changed = append(doc.Changed, view.FacilityDiff{ID: string(c.New.ID), OldID: string(c.Old.ID), MatchedBy: string(c.Match),
			Name: string(c.New.Name), District: view.DistrictName(c.New.KATO, i18n.EN), Changes: view.FieldChanges(c.Fields)})
	}
	for _, c := range d.ProjectsChanged {
		doc.Projects.Changed = append(doc.Projects.Changed, view.ProjectDiff{ID: string(c.New.ID), FacilityID: string(c.New.FacilityID),
			Name: string(c.New.Name), Changes: view.FieldChanges(c.Fields)})
	}
	for _, b := range d.Backward {
		doc.Backward = append(doc.Backward, view.Backward{Record: b.Record, ID: b.ID, Field: b.Field, Old: b.Old, New: b.New})
	}
	return doc
}
