package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// FuzzLoad: no TSP file makes the loader panic or hang; it either loads or
// reports diagnostics.
func FuzzLoad(f *testing.F) {
	sample := filepath.Join(testtool.Root(), "sources")
	files, _ := filepath.Glob(filepath.Join(sample, "tsps", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a: &a [x]\nb: [*a, *a]\n"))
	// The smallest valid scheme beside the TSP file: the sample's, with
	// its six pointer certificates, was half of an execution's time, the
	// same work every time.
	scheme, err := os.ReadFile(filepath.Join("testdata", "min-scheme.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	// One folder for every execution of this process: only the TSP file
	// changes, and making and removing a folder each time was a third of
	// an execution.
	dir := f.TempDir()
	os.MkdirAll(filepath.Join(dir, "tsps"), 0o755)
	os.MkdirAll(filepath.Join(dir, "certs"), 0o755)
	os.WriteFile(filepath.Join(dir, "scheme.yaml"), scheme, 0o644)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, "tsps", "f.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		set, diags, err := Load(dir)
		if err == nil && !diags.HasErrors() && set == nil {
			t.Fatal("no set and no error")
		}
	})
}
