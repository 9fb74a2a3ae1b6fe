# The two commands of the README: `make run` builds the sample J-TSL into
# out/, `make test` runs every test (installing the outside verifiers first).

GO        ?= go
PKGS      := ./...
FUZZTIME  ?= 10m

.PHONY: run test unit vet prereqs fuzz fuzz-short bench clean install dist

run:
	$(GO) run ./cmd/jtsl build --sources sources --out out --dev-key

test: prereqs vet
	$(GO) test -count=1 -timeout 20m $(PKGS)
	./scripts/fuzz 2000x

# unit runs the tests without installing anything: tests that need an
# outside tool skip, saying why (CI=true makes such a skip a failure).
unit:
	$(GO) test $(PKGS)

vet:
	@test -z "$$(gofmt -l cmd internal scripts schema templates 2>/dev/null)" || { gofmt -l cmd internal scripts schema templates; echo "gofmt needed"; exit 1; }
	$(GO) vet $(PKGS)

prereqs:
	./scripts/prereqs

# fuzz runs every fuzz target for FUZZTIME each (long; not part of test).
fuzz:
	./scripts/fuzz $(FUZZTIME)

bench: prereqs
	./scripts/bench

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
