// Command dist builds the release archives of parks (`make dist`): a static
// binary for each of windows, linux and darwin on amd64 and arm64, with the
// version stamped in, packed as .zip (Windows) or .tar.gz with the README
// and install notes, and a SHA256SUMS file over the archives.
//
// It is a plain Go program rather than GoReleaser (docs/install.md says
// why): no dependency to fetch, the same on a Windows or Linux machine, and
// about a hundred lines that a newcomer can read.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Target is one platform a release is built for.
type Target struct{ OS, Arch string }

// Targets are the platforms of a release.
var Targets = []Target{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
}

// VersionVar is the variable -ldflags -X stamps the version into.
const VersionVar = "github.com/parks-kz/parks/pkg/cli.Version"

// extra files packed next to the binary in every archive
var extra = []string{"README.md", "docs/install.md"}

func main() {
	out := flag.String("o", "bin/dist", "output directory")
	version := flag.String("version", "", "version to stamp in (default: git describe --tags --always --dirty)")
	flag.Parse()
	if err := run(*out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(out, version string) error {
	if version == "" {
		version = gitVersion()
	}
	mtime := commitTime()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var archives []string
	for _, t := range Targets {
		bin, err := Build(t, version, filepath.Join(out, "build"))
		if err != nil {
			return err
		}
		name := ArchiveName(version, t)
		files := append([]string{bin}, extra...)
		if err := Pack(filepath.Join(out, name), files, mtime); err != nil {
			return err
		}
		fmt.Println(filepath.Join(out, name))
		archives = append(archives, filepath.Join(out, name))
	}
	if err := os.RemoveAll(filepath.Join(out, "build")); err != nil {
		return err
	}
	sums, err := Checksums(archives)
	if err != nil {
		return err
	}
	path := filepath.Join(out, "SHA256SUMS")
	fmt.Println(path)
	return os.WriteFile(path, []byte(sums), 0o644)
}

// Build cross-compiles parks for a target, static and without local paths,
// and returns the binary's path.
func Build(t Target, version, dir string) (string, error) {
	exe := "parks"
	if t.OS == "windows" {
		exe += ".exe"
	}
	bin := filepath.Join(dir, t.OS+"_"+t.Arch, exe)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", LDFlags(version), "-o", bin, "./cmd/parks")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build %s/%s: %w", t.OS, t.Arch, err)
	}
	return bin, nil
}

// LDFlags are the linker flags of a release: the version, no symbol table.
func LDFlags(version string) string {
	return "-s -w -X " + VersionVar + "=" + version
}

// ArchiveName is parks_VERSION_OS_ARCH.zip on Windows, .tar.gz elsewhere,
// as GoReleaser names them.
func ArchiveName(version string, t Target) string {
	name := fmt.Sprintf("parks_%s_%s_%s", strings.TrimPrefix(version, "v"), t.OS, t.Arch)
	if t.OS == "windows" {
		return name + ".zip"
	}
	return name + ".tar.gz"
}

// Pack writes files flat into a .zip or .tar.gz archive (by its name), with
// one modification time so the same commit packs the same bytes.
func Pack(archive string, files []string, mtime time.Time) error {
	f, err := os.Create(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	if strings.HasSuffix(archive, ".zip") {
		err = packZip(f, files, mtime)
	} else {
		err = packTarGz(f, files, mtime)
	}
	if err != nil {
		return err
	}
	return f.Close()
}

func packZip(w io.Writer, files []string, mtime time.Time) error {
	z := zip.NewWriter(w)
	for _, name := range files {
		data, mode, err := read(name)
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: filepath.Base(name), Method: zip.Deflate, Modified: mtime}
		h.SetMode(mode)
		fw, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return z.Close()
}

func packTarGz(w io.Writer, files []string, mtime time.Time) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, name := range files {
		data, mode, err := read(name)
		if err != nil {
			return err
		}
		h := &tar.Header{Name: filepath.Base(name), Mode: int64(mode), Size: int64(len(data)), ModTime: mtime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// read returns a file's bytes and its archive mode: 0755 for the binary
// (any file without an extension, or .exe), 0644 for the rest.
func read(name string) ([]byte, os.FileMode, error) {
	data, err := os.ReadFile(name)
	mode := os.FileMode(0o644)
	if ext := filepath.Ext(name); ext == "" || ext == ".exe" {
		mode = 0o755
	}
	return data, mode, err
}

// Checksums is the SHA256SUMS text: "HEX  NAME" lines, sorted by name, the
// form `sha256sum -c` and `shasum -a 256 -c` read.
func Checksums(files []string) (string, error) {
	lines := make([]string, 0, len(files))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+filepath.Base(name))
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i][66:] < lines[j][66:] })
	return strings.Join(lines, "\n") + "\n", nil
}

func gitVersion() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	return "dev"
}

func commitTime() time.Time {
	out, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
	var sec int64
	if err == nil {
		fmt.Sscan(strings.TrimSpace(string(out)), &sec)
	}
	if sec == 0 {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(sec, 0).UTC()
}
