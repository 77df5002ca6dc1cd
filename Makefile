# parks — the two commands a newcomer needs are `make run` and `make test`.
GO ?= go
BIN := bin/parks

.PHONY: all build run test test-browser vet fuzz fmt clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/parks

# Per-district summary of the built-in Turkestan region dataset.
run: build
	./$(BIN) summary

# What CI runs: static checks, then every test (unit, testscript, a short fuzz pass).
test: vet
	$(GO) test ./...

# The HTML report of the built-in data in headless Chromium (Debian's chromium
# package; CHROMIUM=/path overrides /usr/bin/chromium), in kk, ru and en: fails
# if a chart or table is missing, the font lacks Kazakh letters or the page is
# wider than a phone. Screenshots and DOM dumps are left in bin/browser/.
test-browser:
	$(GO) test -tags browser -count=1 -v ./internal/browsercheck/

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags browser ./internal/browsercheck/

clean:
	rm -rf bin
