package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI integrations at the repository root: action.yml (a composite GitHub
// Action) and .pre-commit-hooks.yaml. These tests read them as GitHub and
// pre-commit do and run the parks command they hold (the test binary is
// `parks` on $PATH, see TestMain) on sample data.

type action struct {
	Name   string
	Inputs map[string]struct {
		Default string
	}
	Runs struct {
		Using string
		Steps []struct {
			Name, ID, If, Shell, Run, Uses string
			Env                            map[string]string
		}
	}
}

const (
	goodCSV = "id,name,kind,district,as_of,source,jobs_planned\ns1,Alpha,site,Sauran,2025-10-01,akimat,10\n"
	badCSV  = "id,name,kind,district,as_of,source,jobs_planned\ns1,Alpha,site,Sauran,2025-10-01,akimat,many\n"
	warnCSV = "id,name,kind,district,as_of,source,jobs_planned\ns1,Alpha,site,Sauran,2025-10-01,,10\n"
)

func needBash(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the shell steps are tested with bash on Unix")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	return bash
}

func readAction(t *testing.T) *action {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// action.yml is a composite action whose steps pass inputs through env (no
// ${{ }} inside a script, which would let an input inject commands), and
// whose validate step, run with the inputs' defaults and others, is a parks
// invocation that passes clean data, fails data with errors, and fails
// warnings with strict.
func TestActionValidateStep(t *testing.T) {
	bash := needBash(t)
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using is %q, want composite", a.Runs.Using)
	}
	var validate int = -1
	for i, s := range a.Runs.Steps {
		if expr.MatchString(s.Run) {
			t.Errorf("step %q interpolates ${{ }} into its script; pass it through env", s.Name)
		}
		for k, v := range s.Env {
			for _, m := range expr.FindAllStringSubmatch(v, -1) {
				if name, ok := strings.CutPrefix(m[1], "inputs."); ok {
					if _, declared := a.Inputs[name]; !declared {
						t.Errorf("step %q env %s uses undeclared input %q", s.Name, k, name)
					}
				}
			}
		}
		if strings.HasPrefix(strings.TrimSpace(s.Run), "parks validate") {
			validate = i
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q: shell %q; bash runs on every runner, Windows too", s.Name, s.Shell)
		}
	}
	if validate < 0 {
		t.Fatal("no step runs parks validate")
	}
	step := a.Runs.Steps[validate]
	if !strings.Contains(step.Run, "--format github") {
		t.Errorf("the validate step does not write annotations: %s", step.Run)
	}

	dir := t.TempDir()
	for name, text := range map[string]string{"data/good.csv": goodCSV, "bad/bad.csv": badCSV, "warn/warn.csv": warnCSV} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	for _, tc := range []struct {
		inputs map[string]string
		exit   int
		stdout string
	}{
		{nil, 0, "0 errors, 0 warnings in 1 file"}, // the defaults: data/
		{map[string]string{"paths": "data/ bad/bad.csv"}, 1, "::error file=bad/bad.csv,line=2,col=40,title=type-error::"},
		{map[string]string{"paths": "warn"}, 0, "::warning file=warn/warn.csv"},
		{map[string]string{"paths": "warn", "strict": "true"}, 1, "::error file=warn/warn.csv"},
		{map[string]string{"paths": "bad", "args": "--ignore type-error --max-errors 5"}, 0, "0 errors, 0 warnings"},
	} {
		env := os.Environ()
		for k, v := range step.Env {
			v = expr.ReplaceAllStringFunc(v, func(e string) string {
				name, _ := strings.CutPrefix(expr.FindStringSubmatch(e)[1], "inputs.")
				if x, ok := tc.inputs[name]; ok {
					return x
				}
				return a.Inputs[name].Default
			})
			env = append(env, k+"="+v)
		}
		summary := filepath.Join(dir, "summary.md")
		os.Remove(summary)
		env = append(env, "GITHUB_STEP_SUMMARY="+summary)
		cmd := exec.Command(bash, "-e", "-c", step.Run)
		cmd.Dir, cmd.Env = dir, env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.exit || !strings.Contains(out.String(), tc.stdout) {
			t.Errorf("inputs %v: exit %d, want %d; stdout %q lacks %q\nstderr: %s", tc.inputs, code, tc.exit, out.String(), tc.stdout, errOut.String())
		}
		if s, err := os.ReadFile(summary); err != nil || !strings.HasPrefix(string(s), "### ") {
			t.Errorf("inputs %v: no job summary (%v)", tc.inputs, err)
		}
	}
}

// The install step downloads the release archive for the runner with gh,
// checks it against SHA256SUMS and puts parks on $GITHUB_PATH; without a
// release it says so and leaves the install to go install. gh is faked.
func TestActionInstallScript(t *testing.T) {
	bash := needBash(t)
	for _, tool := range []string{"tar", "sha256sum", "grep"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("no " + tool)
		}
	}
	script, _ := filepath.Abs("../../scripts/action-install.sh")
	release := t.TempDir()
	os.WriteFile(filepath.Join(release, "parks"), []byte("#!/bin/sh\necho parks v9\n"), 0o755)
	archive := "parks_9.0.0_linux_arm64.tar.gz"
	run := func(name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Dir = release
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	run("tar", "-czf", archive, "parks")
	run(bash, "-c", "sha256sum "+archive+" > SHA256SUMS")

	for _, tc := range []struct {
		name, gh  string
		installed bool
		log       string
	}{
		{"release", `#!/bin/sh
# gh release download [TAG] --repo R --dir DIR --pattern P --pattern P
while [ $# -gt 0 ]; do [ "$1" = --dir ] && dir=$2; shift; done
cp "` + release + `"/* "$dir"/`, true, "parks installed from " + archive},
		{"no release", "#!/bin/sh\necho 'release not found' >&2; exit 1\n", false, "::notice title=parks::no parks release latest to download; building parks from source instead"},
		{"corrupt", `#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = --dir ] && dir=$2; shift; done
cp "` + release + `"/* "$dir"/; echo tampered >> "$dir/` + archive + `"`, false, "::error title=parks::checksum mismatch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			bin := filepath.Join(tmp, "fakebin")
			os.MkdirAll(bin, 0o755)
			os.WriteFile(filepath.Join(bin, "gh"), []byte(tc.gh), 0o755)
			output, path := filepath.Join(tmp, "output"), filepath.Join(tmp, "path")
			cmd := exec.Command(bash, script)
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
				"RUNNER_OS=Linux", "RUNNER_ARCH=ARM64", "RUNNER_TEMP="+tmp, "PARKS_VERSION=latest",
				"GITHUB_OUTPUT="+output, "GITHUB_PATH="+path)
			out, _ := cmd.CombinedOutput()
			if !strings.Contains(string(out), tc.log) {
				t.Errorf("log lacks %q:\n%s", tc.log, out)
			}
			got, _ := os.ReadFile(output)
			if installed := strings.Contains(string(got), "installed=true"); installed != tc.installed {
				t.Errorf("installed=%v, want %v; log:\n%s", installed, tc.installed, out)
			}
			if tc.installed {
				p, _ := os.ReadFile(path)
				dir := strings.TrimSpace(string(p))
				if v, err := exec.Command(filepath.Join(dir, "parks")).Output(); err != nil || string(v) != "parks v9\n" {
					t.Errorf("parks on GITHUB_PATH %q: %q, %v", dir, v, err)
				}
			}
		})
	}
}

type hook struct {
	ID            string
	Entry         string
	Language      string
	Files         string
	Exclude       string
	PassFilenames *bool `yaml:"pass_filenames"`
}

// The pre-commit hook: its entry, with the args docs/ci.md gives it, is a
// parks invocation that passes clean data and fails data with errors; it
// runs for data files and not for workflow files.
func TestPreCommitHook(t *testing.T) {
	bash := needBash(t)
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 1 || hooks[0].ID != "parks-validate" || hooks[0].Language != "golang" {
		t.Fatalf("hooks: %+v", hooks)
	}
	h := hooks[0]
	if h.PassFilenames == nil || *h.PassFilenames {
		t.Error("pass_filenames must be false: a projects file alone misses its facilities")
	}
	files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
	for name, want := range map[string]bool{
		"data/facilities.csv": true, "data/projects.xlsx": true, "data/dataset.yaml": true, "data/a.yml": true,
		"README.md": false, ".github/workflows/ci.yml": false, ".pre-commit-config.yaml": false, "main.go": false,
	} {
		if got := files.MatchString(name) && !exclude.MatchString(name); got != want {
			t.Errorf("hook runs for %s: %v, want %v", name, got, want)
		}
	}

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "facilities.csv"), []byte(goodCSV), 0o644)
	args := " data/" // as in the .pre-commit-config.yaml of docs/ci.md
	check := func(want int) string {
		cmd := exec.Command(bash, "-c", h.Entry+args)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		if code != want {
			t.Errorf("%s%s: exit %d, want %d\n%s", h.Entry, args, code, want, out)
		}
		return string(out)
	}
	check(0)
	os.WriteFile(filepath.Join(dir, "data", "facilities.csv"), []byte(badCSV), 0o644)
	if out := check(1); !strings.Contains(out, "data/facilities.csv:2:40: error:") {
		t.Errorf("no FILE:LINE:COL error in:\n%s", out)
	}
}

// The workflow and pre-commit examples of docs/ci.md parse, use only the
// action's inputs, and name the hook that exists.
func TestCIDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	a := readAction(t)
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 2 {
		t.Fatalf("docs/ci.md has %d yaml blocks", len(blocks))
	}
	uses, hooks := 0, 0
	for _, b := range blocks {
		var v any
		if err := yaml.Unmarshal([]byte(b[1]), &v); err != nil {
			t.Errorf("docs/ci.md block does not parse: %v\n%s", err, b[1])
			continue
		}
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				if u, _ := x["uses"].(string); strings.HasPrefix(u, "parks-kz/parks@") {
					uses++
					with, _ := x["with"].(map[string]any)
					for k := range with {
						if _, ok := a.Inputs[k]; !ok {
							t.Errorf("docs/ci.md passes unknown input %q to the action", k)
						}
					}
				}
				if x["id"] == "parks-validate" {
					hooks++
				}
				for _, y := range x {
					walk(y)
				}
			case []any:
				for _, y := range x {
					walk(y)
				}
			}
		}
		walk(v)
	}
	if uses == 0 || hooks == 0 {
		t.Errorf("docs/ci.md: %d uses of the action, %d of the hook", uses, hooks)
	}
}
