package testtool

import (
	"os"
	"path/filepath"
	"testing"
)

// Generated holds a file generated from code (docs/rules.md from lint's
// registry, docs/checks.md from verify's) to what the code makes now:
// with update it writes want to rel (a path from the repository root),
// else it fails when the file differs, naming the go generate that
// rewrites it (pkg, such as ./internal/lint).
func Generated(t testing.TB, rel, want, pkg string, update bool) {
	t.Helper()
	p := filepath.Join(Root(), filepath.FromSlash(rel))
	if update {
		if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != want {
		t.Errorf("%s is stale: run go generate %s (%v)", rel, pkg, err)
	}
}
