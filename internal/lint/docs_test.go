package lint

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md from the registry")

// TestRulesDoc fails when docs/rules.md does not match the registry.
func TestRulesDoc(t *testing.T) {
	p := filepath.Join(testtool.Root(), "docs", "rules.md")
	if *updateDocs {
		if err := os.WriteFile(p, []byte(Markdown()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != Markdown() {
		t.Errorf("docs/rules.md is stale: run go generate ./internal/lint (%v)", err)
	}
}
