package lint

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md")

// TestRulesDoc fails when docs/rules.md does not match the registry.
func TestRulesDoc(t *testing.T) {
	p := filepath.Join(testtool.Root(), "docs", "rules.md")
	if *updateDocs {
		os.WriteFile(p, []byte(Markdown()), 0o644)
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != Markdown() {
		t.Error("docs/rules.md is stale: run go test ./internal/lint -update-docs")
	}
}
