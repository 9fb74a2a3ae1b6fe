package testtool

import (
	"bytes"
	"errors"
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
	if err := hold(filepath.Join(Root(), filepath.FromSlash(rel)), []byte(want), update); err != nil {
		t.Errorf("%s is stale: run go generate %s (%v)", rel, pkg, err)
	}
}

// Golden holds got to the golden file path (from the test's folder): with
// update it writes got there, else it fails when the file differs,
// showing the start of got.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if err := hold(path, got, update); err != nil {
		t.Errorf("%s: %v (check, then go test -update rewrites it):\n%.4000s", path, err, got)
	}
}

// hold writes got to path with update, then compares the file with got.
func hold(path string, got []byte, update bool) error {
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			return err
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(b, got) {
		return errors.New("differs")
	}
	return nil
}
