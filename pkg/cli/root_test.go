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
