# impactblog: `make site` builds the sample blog, `make serve` previews it,
# `make test` runs every test.
GO       ?= go
BIN      := ./impactblog
ADDR     ?= 127.0.0.1:8080

.PHONY: build site serve test check bench fmt vet clean

build:
	$(GO) build -o $(BIN) ./cmd/impactblog

site: build
	$(BIN) build

check: build
	$(BIN) check

serve: build
	$(BIN) serve -addr $(ADDR)

fmt:
	gofmt -l -w .

vet:
	$(GO) vet ./...

# Every test, with the race detector. The browser tests need Chromium:
# .ci/deps installs it (Debian's chromium package).
test: vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

clean:
	rm -rf $(BIN) public
