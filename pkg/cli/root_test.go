package cli

import (
	"bytes"
	"strings"
	"testing"
)

// --help lists every command under a heading, in the order of
// commandGroups; no command is left ungrouped ("Additional Commands").
func TestHelpGroups(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"--help"}, &IO{Out: &out, Err: &errOut}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	help := out.String()
	if strings.Contains(help, "Additional Commands") || strings.Contains(help, "Available Commands") {
		t.Errorf("a command is outside the groups:\n%s", help)
	}
	root := NewRootCmd(&IO{Out: &out, Err: &errOut})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.GroupID == "" {
			t.Errorf("command %s has no group", c.Name())
		}
	}
	at := 0
	for _, g := range commandGroups {
		i := strings.Index(help[at:], "\n"+g.title+"\n")
		if i < 0 {
			t.Fatalf("heading %q missing or out of order in:\n%s", g.title, help)
		}
		at += i + len(g.title) + 2
		section, _, _ := strings.Cut(help[at:], "\n\n")
		for _, name := range g.commands {
			if !strings.Contains("\n"+section, "\n  "+name+" ") {
				t.Errorf("%s is not under %s in --help:\n%s", name, g.title, section)
			}
		}
	}
}

// -v means --verbose wherever it is accepted: --version has no short form,
// and `parks -v` alone, the old spelling, prints the version with a note on
// stderr in the user's language.
func TestShortVFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return map[string]string{"PARKS_LANG": "ru"}[k] }
	if code := Main([]string{"-v"}, &IO{Out: &out, Err: &errOut, Getenv: getenv}); code != ExitOK {
		t.Fatalf("-v: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "parks ") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("parks -v printed %q, want the version line alone", out.String())
	}
	if !strings.Contains(errOut.String(), "--version") || !strings.Contains(errOut.String(), "--verbose") || !strings.Contains(errOut.String(), "устар") {
		t.Errorf("parks -v: stderr %q, want the Russian note that -v for the version is deprecated", errOut.String())
	}
	root := NewRootCmd(&IO{Out: &out, Err: &errOut})
	if f := root.Flags().Lookup("version"); f == nil || f.Shorthand != "" {
		t.Errorf("--version must be long only, got %+v", f)
	}
	var verbose []string
	for _, c := range root.Commands() {
		if f := c.Flags().ShorthandLookup("v"); f != nil {
			if f.Name != "verbose" {
				t.Errorf("parks %s -v is --%s, want --verbose", c.Name(), f.Name)
			}
			verbose = append(verbose, c.Name())
		}
	}
	if len(verbose) == 0 {
		t.Error("no command has -v for --verbose")
	}
}

// --version and `parks version` print the same line.
func TestVersionFlag(t *testing.T) {
	var a, b, errOut bytes.Buffer
	if code := Main([]string{"--version"}, &IO{Out: &a, Err: &errOut}); code != ExitOK {
		t.Fatalf("--version: exit %d: %s", code, errOut.String())
	}
	if code := Main([]string{"version"}, &IO{Out: &b, Err: &errOut}); code != ExitOK {
		t.Fatalf("version: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(a.String(), "parks ") || a.String() != b.String() {
		t.Errorf("--version %q, version %q", a.String(), b.String())
	}
}
