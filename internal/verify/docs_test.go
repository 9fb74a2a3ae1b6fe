package verify

import (
	"flag"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/checks.md from the registry")

// TestChecksDoc fails when docs/checks.md does not match the registry.
func TestChecksDoc(t *testing.T) {
	testtool.Generated(t, "docs/checks.md", Markdown(), "./internal/verify", *updateDocs)
}
