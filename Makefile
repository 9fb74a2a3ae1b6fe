# The two commands of the README: `make run` builds the sample J-TSL into
# out/, `make test` runs every test (installing the outside verifiers first).

GO        ?= go
PKGS      := ./...
FUZZTIME  ?= 10m

# staticcheck is pinned (2026.2.2 = module v0.8.2, which knows Go 1.26)
# and installed with go install into GOPATH/bin, outside go.mod: it is a
# tool of this Makefile, not a dependency of jtsl.
STATICCHECK_VERSION := 0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
# The systems jtsl is built for: a supervisory body's staff may run it on
# a Mac or a Windows laptop.
CROSS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: run test unit vet lint cross prereqs fuzz fuzz-short bench bench-tiny clean install dist

run:
	$(GO) run ./cmd/jtsl build --sources sources --out out --dev-key

test: prereqs vet lint cross
	$(GO) test -count=1 -timeout 20m $(PKGS)
	./scripts/fuzz 2000x
	./scripts/bench --tiny

# unit runs the tests without installing anything: tests that need an
# outside tool skip, saying why (CI=true makes such a skip a failure).
unit:
	$(GO) test $(PKGS)

vet:
	@test -z "$$(gofmt -l cmd internal scripts schema templates 2>/dev/null)" || { gofmt -l cmd internal scripts schema templates; echo "gofmt needed"; exit 1; }
	$(GO) vet $(PKGS)

lint:
	@$(STATICCHECK) -version 2>/dev/null | grep -qF '($(STATICCHECK_VERSION))' || $(GO) install honnef.co/go/tools/cmd/staticcheck@v$(STATICCHECK_VERSION)
	$(STATICCHECK) $(PKGS)

# cross builds every package for each system of CROSS (Linux-only calls
# sit behind build tags in internal/safefile).
cross:
	@for t in $(CROSS); do echo "go build $$t"; GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build $(PKGS) || exit 1; done

prereqs:
	./scripts/prereqs

# fuzz runs every fuzz target for FUZZTIME each (long; not part of test).
fuzz:
	./scripts/fuzz $(FUZZTIME)

bench: prereqs
	./scripts/bench

# bench-tiny runs make bench once at 100 services (≈ 15 s), so that a
# change that breaks the benchmark fails make test; it asserts no time.
bench-tiny: prereqs
	./scripts/bench --tiny

# install puts jtsl into $(go env GOBIN) (default ~/go/bin), with the
# commit recorded for jtsl version (cgo on: PKCS#11 works).
install:
	$(GO) install -trimpath -buildvcs=true ./cmd/jtsl

# dist builds the release binaries (linux, darwin, windows × amd64, arm64)
# and SHA256SUMS into dist/, reproducibly (scripts/dist says how).
dist:
	GO=$(GO) ./scripts/dist --out dist

clean:
	rm -rf out bin dist
