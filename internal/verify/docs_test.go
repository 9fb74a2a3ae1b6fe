package verify

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/checks.md from the registry")

// TestChecksDoc fails when docs/checks.md does not match the registry.
func TestChecksDoc(t *testing.T) {
	p := filepath.Join(testtool.Root(), "docs", "checks.md")
	if *updateDocs {
		if err := os.WriteFile(p, []byte(Markdown()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != Markdown() {
		t.Errorf("docs/checks.md is stale: run go generate ./internal/verify (%v)", err)
	}
}
