//go:build wine

// Package wincheck runs the Windows build of parks (parks.exe, cross-built
// here) under wine and checks that it behaves as the native build does:
// the same bytes on stdout and stderr and the same exit code for the
// built-in data in kk, ru and en, a cp1251 CSV, an xlsx, the Excel form of
// -o csv, a report written with --out report.xlsx, invalid data and a bad
// flag; that the language follows the Windows display language; and, when
// tmux is installed, that Kazakh letters reach a console intact and tables
// fit its width. Run it with `make test-windows`; it skips with a message
// when wine is not installed. The wine prefix is kept in bin/wine.
package wincheck

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// wineEnv is the environment of every wine run: its own prefix, no wine
// debug chatter, a UTF-8 locale with no language of its own.
func wineEnv(prefix string, extra ...string) []string {
	env := []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=", "PARKS_LANG=", "COLUMNS=", "NO_COLOR="}
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "PATH", "HOME", "USER", "TMPDIR", "DISPLAY":
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

type result struct {
	stdout, stderr []byte
	code           int
}

func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{out.Bytes(), errb.Bytes(), code}
}

func goBuild(t *testing.T, root, out string, env ...string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, "./cmd/parks")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), append([]string{"CGO_ENABLED=0"}, env...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", env, err, b)
	}
}

// ensureRuntime makes parks.exe start under wine. Go 1.24 and later need
// ProcessPrng from bcryptprimitives.dll (Windows 10 has it; wine 8 does
// not): a two-line stand-in that calls RtlGenRandom is compiled with
// mingw-w64 into the prefix's system32. Real Windows needs nothing.
func ensureRuntime(t *testing.T, wine, prefix, exe string) {
	t.Helper()
	r := run(t, filepath.Dir(exe), wineEnv(prefix), wine, exe, "--version")
	if r.code == 0 {
		return
	}
	if !bytes.Contains(r.stderr, []byte("bcryptprimitives.dll")) {
		t.Fatalf("parks.exe --version under wine: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	gcc, err := exec.LookPath("x86_64-w64-mingw32-gcc")
	if err != nil {
		t.Skip("this wine lacks bcryptprimitives.dll, which Go programs need; install gcc-mingw-w64-x86-64-win32 so the test can build a stand-in (or a wine of version 9 or later)")
	}
	dll := filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	cmd := exec.Command(gcc, "-shared", "-O2", "-o", dll, "testdata/bcryptprimitives.c", "testdata/bcryptprimitives.def", "-ladvapi32")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building bcryptprimitives.dll: %v\n%s", err, b)
	}
	if r := run(t, filepath.Dir(exe), wineEnv(prefix), wine, exe, "--version"); r.code != 0 {
		t.Fatalf("parks.exe --version under wine with the stand-in: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// exportCSV is the Russian accounting export of the docs, in UTF-8.
const exportCSV = "Идентификатор;Наименование;Тип;Район;Площадь, га;Рабочие места (план);Частные инвестиции, млрд тенге\r\n" +
	"ordabasy-temirlan;Площадка «Темирлан»;площадка;Ордабасинский район;10,5;100;10,4\r\n" +
	"sauran-1;Площадка Сауран;площадка;Сауранский район;1,234;6 040;0,5\r\n"

const badCSV = "id,kind,district,name,area_ha,jobs_planned,jobs_created,investment_private_kzt,source\r\n" +
	"s1,site,Sauran,Site one,3,100,120,-5,akimat\r\n" +
	"s2,hall,Saurn,Site two,2,many,,,\r\n" +
	"s1,site,Sauran,Site three,1,10,,,akimat\r\n"

func TestUnderWine(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the wine check runs on Linux")
	}
	wine, err := exec.LookPath("wine")
	if err != nil {
		t.Skip("wine is not installed, so parks.exe was not run: apt-get install wine64 wine (Debian), then make test-windows")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(root, "bin", "wine", "prefix")
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	exe, native := filepath.Join(bin, "parks.exe"), filepath.Join(bin, "parks")
	goBuild(t, root, exe, "GOOS=windows", "GOARCH=amd64")
	goBuild(t, root, native)
	// One wineserver for all the runs (it stays 30 s after the last): a
	// run then takes a second instead of five.
	if ws, err := exec.LookPath("wineserver"); err == nil {
		cmd := exec.Command(ws, "-p30")
		cmd.Env = wineEnv(prefix)
		_ = cmd.Run()
	}
	ensureRuntime(t, wine, prefix, exe)

	work := t.TempDir()
	cp1251, err := charmap.Windows1251.NewEncoder().String(exportCSV)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(work, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("export-1251.csv", cp1251)
	write("bad.csv", badCSV)
	nativeEnv := wineEnv(prefix)
	r := run(t, work, nativeEnv, native, "list", "-o", "xlsx", "-q")
	if r.code != 0 {
		t.Fatalf("native list -o xlsx: exit %d: %s", r.code, r.stderr)
	}
	write("list.xlsx", string(r.stdout))

	// Each command line gives the same bytes and exit code on Windows as on
	// Linux (Go writes "\n" on both; the Excel form writes its own CRLF).
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"summary", "--lang", "kk"}, 0},
		{[]string{"summary", "--lang", "ru"}, 0},
		{[]string{"summary", "--lang", "en"}, 0},
		{[]string{"summary", "export-1251.csv", "--lang", "ru"}, 0},
		{[]string{"summary", "list.xlsx", "--lang", "kk", "-q"}, 0},
		{[]string{"summary", "-o", "csv", "--csv", "excel", "--lang", "ru", "-q"}, 0},
		{[]string{"summary", "-o", "csv", "-q"}, 0},
		{[]string{"list", "-o", "json", "--lang", "kk", "-q"}, 0},
		{[]string{"validate", "bad.csv", "--lang", "kk"}, 1},
		{[]string{"validate", "bad.csv", "-o", "json"}, 1},
		{[]string{"summary", "--no-such-flag"}, 2},
	} {
		name := strings.Join(c.args, " ")
		w := run(t, work, wineEnv(prefix), wine, append([]string{exe}, c.args...)...)
		n := run(t, work, nativeEnv, native, c.args...)
		if w.code != c.code || n.code != c.code {
			t.Errorf("parks %s: exit %d on Windows, %d on Linux, want %d\n%s", name, w.code, n.code, c.code, w.stderr)
		}
		if !bytes.Equal(w.stdout, n.stdout) {
			t.Errorf("parks %s: stdout differs on Windows:\n%s\n--- Linux:\n%s", name, clip(w.stdout), clip(n.stdout))
		}
		if !bytes.Equal(w.stderr, n.stderr) {
			t.Errorf("parks %s: stderr differs on Windows:\n%s\n--- Linux:\n%s", name, w.stderr, n.stderr)
		}
	}

	// A reader that stops early (| head) gets what it read and parks says
	// nothing, as on Linux, where SIGPIPE ends it.
	t.Run("broken pipe", func(t *testing.T) {
		var big strings.Builder // more than a pipe holds, so the pipe breaks
		big.WriteString("id,name,district\n")
		for i := range 50000 {
			fmt.Fprintf(&big, "F%d,Name %d,Arys city\n", i, i)
		}
		write("big.csv", big.String())
		cmd := exec.Command("sh", "-c", `"$0" "$1" list big.csv -o csv --lang ru -q | head -c 10 >/dev/null`, wine, exe)
		cmd.Dir, cmd.Env = work, wineEnv(prefix)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		_ = cmd.Run()
		if bytes.Contains(stderr.Bytes(), []byte("cannot write")) || bytes.Contains(stderr.Bytes(), []byte("не удалось записать")) {
			t.Errorf("parks.exe list | head: stderr %q", stderr.String())
		}
	})

	t.Run("version", func(t *testing.T) {
		w := run(t, work, wineEnv(prefix), wine, exe, "--version")
		if w.code != 0 || !bytes.HasPrefix(w.stdout, []byte("parks ")) || !bytes.Contains(w.stdout, []byte("windows/amd64")) {
			t.Errorf("parks.exe --version: exit %d, %q", w.code, w.stdout)
		}
	})

	t.Run("missing file", func(t *testing.T) {
		w := run(t, work, wineEnv(prefix), wine, exe, "summary", "no-such.csv")
		if w.code != 2 || !bytes.HasPrefix(w.stderr, []byte("parks: cannot read no-such.csv: ")) {
			t.Errorf("parks.exe summary no-such.csv: exit %d, %q; want exit 2 and the file named", w.code, w.stderr)
		}
	})

	t.Run("report xlsx", func(t *testing.T) {
		w := run(t, work, wineEnv(prefix), wine, exe, "report", "--out", "win.xlsx", "--lang", "kk", "-q")
		n := run(t, work, nativeEnv, native, "report", "--out", "linux.xlsx", "--lang", "kk", "-q")
		if w.code != 0 || n.code != 0 {
			t.Fatalf("report --out: exit %d on Windows (%s), %d on Linux (%s)", w.code, w.stderr, n.code, n.stderr)
		}
		// excelize numbers its styles in map order, so the files differ in
		// bytes from run to run; their cells must not.
		if a, b := cells(t, filepath.Join(work, "win.xlsx")), cells(t, filepath.Join(work, "linux.xlsx")); a != b {
			t.Errorf("report.xlsx written on Windows has other cells than on Linux:\n%s\n--- Linux:\n%s", clip([]byte(a)), clip([]byte(b)))
		}
		if _, err := os.Stat(filepath.Join(work, "win.xlsx")); err != nil {
			t.Error(err)
		}
		leftovers, _ := filepath.Glob(filepath.Join(work, ".win.xlsx*"))
		if len(leftovers) > 0 {
			t.Errorf("report --out left temporary files: %v", leftovers)
		}
	})

	// With no --lang and no PARKS_LANG or LANG in its environment, parks.exe
	// speaks the Windows display language (wine takes it from the Linux
	// locale, so the locale must be generated).
	t.Run("display language", func(t *testing.T) {
		for _, c := range []struct{ locale, lang string }{{"ru_RU.UTF-8", "ru"}, {"kk_KZ.UTF-8", "kk"}} {
			if !localeInstalled(c.locale) {
				t.Logf("locale %s is not generated (locale-gen): the %s display language is not checked", c.locale, c.lang)
				continue
			}
			env := wineEnv(prefix, "LANG="+c.locale)
			w := run(t, work, env, wine, "cmd", "/c", "set LANG=& "+exe+" validate bad.csv")
			n := run(t, work, nativeEnv, native, "validate", "bad.csv", "--lang", c.lang)
			if !bytes.Equal(w.stdout, n.stdout) || !bytes.Equal(w.stderr, n.stderr) {
				t.Errorf("Windows display language %s: parks.exe did not speak %s:\n%s%s", c.locale, c.lang, w.stdout, w.stderr)
			}
		}
	})

	t.Run("console", func(t *testing.T) { console(t, wine, prefix, exe, work) })
}

// console runs parks.exe in a tmux window 80 columns wide, where wine
// gives it a console: Kazakh letters must arrive intact and every line fit.
func console(t *testing.T, wine, prefix, exe, work string) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: the console is not checked")
	}
	session := fmt.Sprintf("parks-wincheck-%d", os.Getpid())
	done := filepath.Join(work, "console.done")
	var env strings.Builder
	for _, kv := range wineEnv(prefix) {
		fmt.Fprintf(&env, "export %q; ", kv)
	}
	script := env.String() + "unset COLUMNS; cd " + work + "; " + wine + " " + exe + " summary --lang kk -q; echo exit=$?; " + wine + " " + exe + " summary --lang ru -q; echo exit=$?; touch " + done + "; sleep 600"
	if b, err := exec.Command(tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "50", "sh", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, b)
	}
	defer exec.Command(tmux, "kill-session", "-t", session).Run()
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if _, err := os.Stat(done); err == nil {
			break
		}
		if time.Since(start) > 2*time.Minute {
			t.Fatal("parks.exe in the console did not finish in 2 minutes")
		}
	}
	time.Sleep(300 * time.Millisecond)
	// -J joins lines the console wrapped, so a line too wide shows as such.
	screen, err := exec.Command(tmux, "capture-pane", "-p", "-J", "-t", session, "-S", "-400").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(screen)
	if err := os.WriteFile(filepath.Join(filepath.Dir(prefix), "console.txt"), screen, 0o644); err != nil {
		t.Log(err)
	}
	for _, want := range []string{"Барлығы", "Түркістан қ.", "Өнеркәсіптік", "г. Арысь", "Итого", "exit=0"} {
		if !strings.Contains(text, want) {
			t.Errorf("the console does not show %q:\n%s", want, text)
		}
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.ContainsRune(line, utf8.RuneError) {
			t.Errorf("console line %d has a broken letter: %q", i+1, line)
		}
		// The classic console moves to the next line as soon as the last
		// column is written, so a full-width line followed by a line feed
		// leaves a blank line (wine breaks its last letter): parks leaves
		// the last column free.
		if w := runewidth.StringWidth(line); w >= 80 {
			t.Errorf("console line %d is %d columns wide in an 80-column console: %q", i+1, w, line)
		}
	}
}

// cells lists every cell value of every sheet of an xlsx file.
func cells(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "[%s]\n", sheet)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

func localeInstalled(name string) bool {
	out, err := exec.Command("locale", "-a").Output()
	want := strings.ToLower(strings.ReplaceAll(name, "UTF-8", "utf8"))
	return err == nil && strings.Contains(strings.ToLower(string(out)), want)
}

func clip(b []byte) []byte {
	if len(b) > 3000 {
		return append(b[:3000:3000], "…"...)
	}
	return b
}
