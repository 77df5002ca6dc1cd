package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parks-kz/parks/pkg/cli"
	"github.com/parks-kz/parks/pkg/gen"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run `parks` as a real process. PARKS_TEST_TTY=1
// makes the test binary behave as if stdout were a terminal, so scripts can
// check both the boxed and the plain table.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parks": func() {
			os.Exit(cli.Main(os.Args[1:], &cli.IO{
				In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
				OutTTY: os.Getenv("PARKS_TEST_TTY") == "1",
			}))
		},
		"parksgen":  func() { os.Exit(gen.Command(os.Args[1:], os.Stderr)) },
		"mkxlsx":    mkxlsxMain,
		"mkzipbomb": mkzipbombMain,
		"transcode": transcodeMain,
	})
}

// TestScripts runs the end-to-end CLI tests in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			// A clean locale, so the default language is English everywhere.
			for _, v := range []string{"PARKS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR", "COLUMNS", "PARKS_DATA", "PARKS_WORKERS", "PARKS_STREAM", "PARKS_CSV"} {
				env.Setenv(v, "")
			}
			// Dated snapshots of the built-in data for diff and trend.
			snapshots, err := filepath.Abs("../../testdata/snapshots")
			env.Setenv("SNAPSHOTS", snapshots)
			return err
		},
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") == "1",
	})
}
