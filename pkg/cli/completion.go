package cli

import (
	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/spf13/cobra"
)

// addCompletions completes the enumerated flags every command shares —
// --lang, and the filters --kind, --status, --district and --sector —
// wherever a command has them and has not registered its own completion
// (schema's --kind is a record kind, and says so itself). Values are
// worked out only when a shell asks.
func addCompletions(root *cobra.Command, streams *IO) {
	fixed := map[string]completionFunc{
		"lang":   fixedCompletion(toStrings(i18n.Langs)...),
		"kind":   fixedCompletion(toStrings(parks.Kinds)...),
		"status": fixedCompletion(toStrings(parks.Statuses)...),
		"district": func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			return districtCompletions(completionLang(cmd, streams)), cobra.ShellCompDirectiveNoFileComp
		},
		"sector": func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			return sectorCompletions(completionLang(cmd, streams)), cobra.ShellCompDirectiveNoFileComp
		},
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, fn := range fixed {
			if c.Flags().Lookup(name) == nil {
				continue
			}
			if _, ok := c.GetFlagCompletionFunc(name); ok {
				continue
			}
			_ = c.RegisterFlagCompletionFunc(name, fn)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

type completionFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// completionLang is the language of the names a completion offers: the
// --lang already typed, else the environment's.
func completionLang(cmd *cobra.Command, streams *IO) i18n.Lang {
	flag, _ := cmd.Flags().GetString("lang")
	lang, err := (&dataOptions{Lang: flag}).lang(streams)
	if err != nil {
		return i18n.EN
	}
	return lang
}

// districtCompletions are the district names in a language, each with its
// KATO code as the description shells show beside it.
func districtCompletions(lang i18n.Lang) []string {
	gaz, err := refdata.Gazetteer()
	if err != nil {
		return nil
	}
	var out []string
	for _, r := range gaz.Regions {
		for i := range r.Districts {
			d := &r.Districts[i]
			out = append(out, d.Name(string(lang))+"\t"+d.KATO)
		}
	}
	return out
}

// sectorCompletions are the sector codes, each described by its name.
func sectorCompletions(lang i18n.Lang) []string {
	sectors, err := refdata.Sectors()
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(sectors.List))
	for i := range sectors.List {
		s := &sectors.List[i]
		out = append(out, s.Code+"\t"+s.Label(string(lang)))
	}
	return out
}

// facilityIDCompletion completes `show ID` with the ids of the dataset
// PARKS_DATA names, or of the built-in one, each described by its name;
// the paths after the id complete as files.
func facilityIDCompletion(streams *IO, opts *dataOptions) completionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		lang := completionLang(cmd, streams)
		paths, lopts, err := opts.loadOptions(streams, lang, nil)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		loaded, err := decode.Load(paths, lopts)
		if err != nil || loaded.Dataset == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		out := make([]string, 0, len(loaded.Dataset.Facilities))
		for _, f := range loaded.Dataset.Facilities {
			out = append(out, string(f.ID)+"\t"+string(f.Name))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
