package cli

// Helpers several commands share: flag groups, completion, metric
// selection, loading a snapshot, table style, and refusing to write over
// an input file. A helper used by one command stays in
// that command's file; one used by two or more lives here (or in data.go,
// the input flags and loading).

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// addHistoryFlags wires the flags diff and trend share with the aggregate
// commands: data options, --by, the filters, -o and --unit.
func addHistoryFlags(cmd *cobra.Command, o *aggregateOptions, formats []string) {
	o.dataOptions.addFlags(cmd)
	o.addGroupingFlags(cmd)
	o.addFormatFlags(cmd, formats)
}

// addFilterFlags wires the filters of every command that selects records:
// --district, --kind, --status and --sector.
func (o *aggregateOptions) addFilterFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.Districts, "district", nil, "only these districts (any name, alias or KATO code; repeatable)")
	f.StringSliceVar(&o.Kinds, "kind", nil, "only this kind: park or site (repeatable)")
	f.StringSliceVar(&o.Statuses, "status", nil, "only this status: planned, under_construction, operating (repeatable)")
	f.StringSliceVar(&o.Sectors, "sector", nil, "only this sector code (repeatable)")
}

// addOutputFlag wires -o/--output, the output format of a command, with
// the formats it writes for completion. --format is the same flag under
// the name validate, schema and report used first: both spellings work.
func addOutputFlag(cmd *cobra.Command, p *string, def, usage string, formats []string) {
	cmd.Flags().StringVarP(p, "output", "o", def, usage)
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion(formats...))
	cmd.Flags().SetNormalizeFunc(formatIsOutput)
}

// formatIsOutput makes --format another name of --output.
func formatIsOutput(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if name == "format" {
		name = "output"
	}
	return pflag.NormalizedName(name)
}

// selectMetrics resolves --metric; no keys means every metric.
func selectMetrics(keys []string) ([]*parks.Metric, error) {
	if len(keys) == 0 {
		out := make([]*parks.Metric, len(parks.Metrics))
		for i := range parks.Metrics {
			out[i] = &parks.Metrics[i]
		}
		return out, nil
	}
	var out []*parks.Metric
	for _, k := range keys {
		m, err := metricArg(strings.TrimSpace(k))
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return lazyCompletion(func() []string { return values })
}

// lazyCompletion completes a flag with values computed when a shell asks,
// not when the command is built: every run builds every command.
func lazyCompletion(values func() []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values(), cobra.ShellCompDirectiveNoFileComp
	}
}

func metricKeys() []string {
	keys := []string{"name"}
	for _, m := range parks.Metrics {
		keys = append(keys, m.Key)
	}
	return keys
}

// metricArg resolves a metric key given on the command line.
func metricArg(key string) (*parks.Metric, error) {
	if m, ok := parks.MetricByKey(key); ok {
		return m, nil
	}
	if near := parks.Closest(key, metricKeys()[1:]); near != "" {
		return nil, localError("usage.unknown_metric_near", strconv.Quote(key), strconv.Quote(near), metricKeys()[1:])
	}
	return nil, localError("usage.unknown_metric", strconv.Quote(key), metricKeys()[1:])
}

// snapshot is one side of a comparison: a dataset loaded on its own.
type snapshot struct {
	path   string
	loaded *decode.Loaded
	asOf   string // the dataset's as_of, else the latest as_of of its records
}

func loadSnapshot(streams *IO, o *dataOptions, lang i18n.Lang, path string) (*snapshot, error) {
	loaded, err := o.load(streams, lang, []string{path})
	if err != nil {
		return nil, err
	}
	s := &snapshot{path: path, loaded: loaded, asOf: loaded.Dataset.Meta.AsOf}
	if s.asOf == "" {
		var p parks.Provenance
		for _, f := range loaded.Dataset.Facilities {
			p.Add("", f.AsOf)
		}
		for _, pr := range loaded.Dataset.Projects {
			p.Add("", pr.AsOf)
		}
		s.asOf = p.To.String()
	}
	return s, nil
}

func (s *snapshot) label() string {
	if s.asOf == "" {
		return s.path
	}
	return s.path + " (" + s.asOf + ")"
}

// filtered keeps the records a filter selects, so the record lists of a
// diff agree with its groups.
func filtered(ds *parks.Dataset, f parks.Filter) *parks.Dataset {
	out := &parks.Dataset{Meta: ds.Meta}
	byID := map[parks.ID]*parks.Facility{}
	for _, x := range ds.Facilities {
		byID[x.ID] = x
		if f.Facility(x) {
			out.Facilities = append(out.Facilities, x)
		}
	}
	for _, p := range ds.Projects {
		if of := byID[p.FacilityID]; of != nil && f.Facility(of) {
			out.Projects = append(out.Projects, p)
		}
	}
	return out
}

func orNull(s string) string {
	if s == "" {
		return i18n.Null
	}
	return s
}

// isInput reports whether path is one of the input files.
func isInput(path string, inputs []string) bool {
	st, err := os.Stat(path)
	abs, _ := filepath.Abs(path)
	for _, in := range inputs {
		if inAbs, _ := filepath.Abs(in); inAbs == abs {
			return true
		}
		if err == nil {
			if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
				return true
			}
		}
	}
	return false
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func toStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// isMachineFormat reports an output format whose content does not change
// with the language (except group names).
func isMachineFormat(output string) bool { return render.IsMachine(output) }

// tableStyle chooses how a human table is drawn: Markdown on request,
// borders on a terminal, plain and stable when piped.
func tableStyle(streams *IO, output string) render.Style {
	switch {
	case output == "markdown":
		return render.Markdown
	case streams.OutTTY:
		return render.Boxed
	}
	return render.Plain
}
