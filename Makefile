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

# Release binaries: make dist builds impactblog for each of PLATFORMS,
# static (CGO_ENABLED=0), into DIST as impactblog-VERSION-OS-ARCH (.exe
# for Windows), VERSION stamped (impactblog version prints it); then
# THIRD_PARTY_LICENSES.txt, the licence of every module linked into them,
# and SHA256SUMS of it all. make dist PLATFORMS=linux/amd64 builds one.
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
DIST      ?= dist
MODULES   := {{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{.Dir}}{{end}}{{end}}

.PHONY: dist
dist:
	@mkdir -p $(DIST)
	@rm -f $(DIST)/impactblog-* $(DIST)/SHA256SUMS $(DIST)/THIRD_PARTY_LICENSES.txt $(DIST)/.modules
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ "$$os" != windows ] || ext=.exe; \
		out=$(DIST)/impactblog-$(VERSION)-$$os-$$arch$$ext; echo "$$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath \
			-ldflags "-s -w -X main.buildVersion=$(VERSION)" -o $$out ./cmd/impactblog; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) list -deps -f '$(MODULES)' ./cmd/impactblog >>$(DIST)/.modules; \
	done
	@set -e; { echo "impactblog $(VERSION) holds the Go standard library and these modules, each under"; \
		echo "the licence that follows its name. The source of each, at the version named, is"; \
		echo "published and can be had with: go mod download -json MODULE@VERSION"; echo; \
		echo "==== Go standard library $$($(GO) env GOVERSION)"; echo; cat "$$($(GO) env GOROOT)/LICENSE"; echo; \
	} >$(DIST)/THIRD_PARTY_LICENSES.txt
	@set -e; sort -u $(DIST)/.modules | while read -r path version dir; do \
		[ -n "$$path" ] || continue; \
		echo "==== $$path $$version"; echo; \
		found=; for f in "$$dir"/LICENSE* "$$dir"/LICENCE* "$$dir"/COPYING* "$$dir"/NOTICE* "$$dir"/ATTRIB*; do \
			[ -f "$$f" ] || continue; found=1; cat "$$f"; echo; \
		done; [ -n "$$found" ] || { echo "$$path: no licence file in $$dir" >&2; exit 1; }; \
	done >>$(DIST)/THIRD_PARTY_LICENSES.txt
	@rm -f $(DIST)/.modules
	@cd $(DIST) && sha256sum impactblog-* THIRD_PARTY_LICENSES.txt >SHA256SUMS
	@echo "$(DIST)/SHA256SUMS"
