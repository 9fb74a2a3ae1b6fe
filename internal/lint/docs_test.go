package lint

import (
	"flag"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md from the registry")

// TestRulesDoc fails when docs/rules.md does not match the registry.
func TestRulesDoc(t *testing.T) {
	testtool.Generated(t, "docs/rules.md", Markdown(), "./internal/lint", *updateDocs)
}
