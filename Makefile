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

# Not part of test: impactblog against Hugo on generated blogs of 1,000 and
# 10,000 posts (bench/main.go; Hugo runs when installed), then the Go
# benchmarks of the hot paths. BENCHFLAGS=-sizes=1000 for a quick one.
bench:
	$(GO) run ./bench $(BENCHFLAGS)
	$(GO) test -run='^$$' -bench=. -benchmem ./...

clean:
	rm -rf $(BIN) public
