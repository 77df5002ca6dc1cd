# parks — the two commands a newcomer needs are `make run` and `make test`.
GO ?= go
BIN := bin/parks

.PHONY: all build run test test-browser vet fuzz fmt clean bench bench-compare dist

all: build

# A static binary (no cgo): it runs on any Linux, and without the dynamic
# loader, libc and cgo's threads it starts about 4 ms sooner (docs/PERFORMANCE.md).
build:
	CGO_ENABLED=0 $(GO) build -ldflags "-X github.com/parks-kz/parks/pkg/cli.Version=$(VERSION)" -o $(BIN) ./cmd/parks

# The version stamped into binaries: the tag, or the commit (`parks --version`).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

# Release archives in bin/dist: parks for windows, linux and darwin on amd64
# and arm64 (.zip for Windows, .tar.gz else) with VERSION stamped in, and
# SHA256SUMS. A plain Go program, not GoReleaser: docs/install.md says why.
dist:
	$(GO) run ./internal/dist -o bin/dist -version $(VERSION)

# Per-district summary of the built-in Turkestan region dataset.
run: build
	./$(BIN) summary

# What CI runs: static checks, then every test (unit, testscript, a short fuzz pass).
test: vet
	$(GO) test ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=5s

# Every native fuzz target (FuzzXxx in any package), FUZZTIME each:
# `make fuzz` runs a minute each; `make test` a few seconds each. A failing
# input is written to the package's testdata/fuzz and replayed by go test;
# a failed run is repeated once, so a load-induced engine time-out ("context
# deadline exceeded", no input saved) does not fail CI while a real finding,
# replayed from testdata/fuzz, still does.
FUZZTIME ?= 60s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$t ($$pkg) for $(FUZZTIME)"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s $$pkg \
	    || { echo "fuzz $$t failed; running it once more: a real finding is saved in testdata/fuzz and fails again"; \
	         $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s $$pkg; }; \
	  done; \
	done

# The HTML report of the built-in data (and the `parks trend --out` page of the
# dated snapshots) in headless Chromium (Debian's chromium
# package; CHROMIUM=/path overrides /usr/bin/chromium), in kk, ru and en: fails
# if a chart or table is missing, the font lacks Kazakh letters or the page is
# wider than a phone. Screenshots and DOM dumps are left in bin/browser/.
test-browser:
	$(GO) test -tags browser -count=1 -v ./internal/browsercheck/

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags browser ./internal/browsercheck/
	$(GO) vet -tags wine ./internal/wincheck/

# Go benchmarks of the decoders, the streaming loader and aggregation
# (compare two runs with benchstat).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./pkg/decode ./pkg/stream ./pkg/parks

# parks against DuckDB and Miller on generated files of 10k to 5M rows
# (installs miller, time and @duckdb/node-api; takes minutes; see
# docs/PERFORMANCE.md). Not part of `make test`.
bench-compare:
	RUNS=$${RUNS:-5} ./scripts/bench-compare.sh

clean:
	rm -rf bin

# The command reference (docs/reference/*.md) and man pages (docs/man/*.1),
# generated from the command tree; a test fails while they are stale.
.PHONY: docs
docs:
	$(GO) run ./cmd/parks-docs

# parks.exe, cross-built, under wine (Debian: apt-get install wine64 wine
# gcc-mingw-w64-x86-64-win32 tmux locales): the same output and exit codes
# as on Linux, the Windows display language, Kazakh letters in the console
# (docs/install.md). Skips with a message when wine is missing; not part of
# `make test`. The wine prefix is kept in bin/wine.
.PHONY: test-windows
test-windows:
	$(GO) test -tags wine -count=1 -v -run TestUnderWine ./internal/wincheck/
