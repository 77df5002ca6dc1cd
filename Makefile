# parks — the two commands a newcomer needs are `make run` and `make test`.
GO ?= go
BIN := bin/parks

.PHONY: all build run test vet fuzz fmt clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/parks

# Per-district summary of the built-in Turkestan region dataset.
run: build
	./$(BIN) summary

# What CI runs: static checks, then every test (unit, testscript, a short fuzz pass).
test: vet
	$(GO) test ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

clean:
	rm -rf bin
