package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The archives hold the files flat, the binary executable, and the same
// inputs pack the same bytes; SHA256SUMS is what sha256sum -c reads.
func TestPackAndChecksums(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "parks")
	doc := filepath.Join(dir, "install.md")
	os.WriteFile(bin, []byte("binary"), 0o755)
	os.WriteFile(doc, []byte("# Install\n"), 0o644)
	mtime := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

	zipPath := filepath.Join(dir, ArchiveName("v1.2.3", Target{"windows", "amd64"}))
	tgzPath := filepath.Join(dir, ArchiveName("v1.2.3", Target{"linux", "arm64"}))
	if filepath.Base(zipPath) != "parks_1.2.3_windows_amd64.zip" || filepath.Base(tgzPath) != "parks_1.2.3_linux_arm64.tar.gz" {
		t.Fatalf("archive names %s, %s", zipPath, tgzPath)
	}
	for _, p := range []string{zipPath, tgzPath} {
		if err := Pack(p, []string{bin, doc}, mtime); err != nil {
			t.Fatal(err)
		}
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 2 || zr.File[0].Name != "parks" || zr.File[0].Mode()&0o111 == 0 || zr.File[1].Name != "install.md" {
		t.Errorf("zip holds %v", zr.File)
	}
	f, _ := os.Open(tgzPath)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	h, err := tr.Next()
	if err != nil || h.Name != "parks" || h.Mode != 0o755 || !h.ModTime.Equal(mtime) {
		t.Fatalf("tar first entry %+v, %v", h, err)
	}
	if data, _ := io.ReadAll(tr); string(data) != "binary" {
		t.Errorf("tar binary holds %q", data)
	}

	first, _ := os.ReadFile(tgzPath)
	if err := Pack(tgzPath, []string{bin, doc}, mtime); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(tgzPath); string(again) != string(first) {
		t.Error("packing the same files twice gave different bytes")
	}

	sums, err := Checksums([]string{zipPath, tgzPath})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(sums, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "  parks_1.2.3_linux_arm64.tar.gz") || len(lines[0]) != 64+2+len("parks_1.2.3_linux_arm64.tar.gz") {
		t.Errorf("SHA256SUMS:\n%s", sums)
	}
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(sums), 0o644)
		cmd := exec.Command(sha, "-c", "SHA256SUMS")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
}

// The release builds: parks cross-compiles for Windows and macOS (the
// platforms with their own files), and the version -ldflags stamps in is
// what `parks --version` and `parks version` print. Skipped with -short: a
// cold cross-build compiles every dependency for another platform.
func TestCrossBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-builds are slow the first time; run without -short")
	}
	t.Chdir(filepath.Join("..", ".."))
	dir := t.TempDir()
	var wg sync.WaitGroup
	for _, target := range []Target{{"windows", "amd64"}, {"darwin", "arm64"}} {
		wg.Go(func() {
			if _, err := Build(target, "v0.0.0-test", dir); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	bin, err := Build(Target{runtime.GOOS, runtime.GOARCH}, "v9.8.7", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "parks v9.8.7 (") {
			t.Errorf("parks %s: %q, %v", args[0], out, err)
		}
	}
}
