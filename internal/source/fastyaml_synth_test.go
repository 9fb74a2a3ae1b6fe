package source_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
)

// TestParseFastSynth: the files of synthetic sources, written as a
// person writes them, are all read by parseFast, as yaml.v3 reads them.
func TestParseFastSynth(t *testing.T) {
	dir, err := synth.Cached(100)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "tsps", "*.yaml"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !source.FastAgrees(t, p, b) {
			t.Errorf("%s: left to yaml.v3", p)
		}
	}
}
