package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoYAMLPaths: the rules ask source.Set.Loc where a model value was
// written; they do not rebuild YAML paths from model indexes (that
// knowledge is source.Load's, recorded once).
func TestNoYAMLPaths(t *testing.T) {
	// An index formatted into a path, or a path joined to a path.
	builder := regexp.MustCompile(`\[%d\]|"%s\.|\+ *"\.[a-z_]+|path *\+`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if builder.MatchString(line) {
				t.Errorf("%s:%d builds a YAML path: %s (use Pass.loc / source.Loc)", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
