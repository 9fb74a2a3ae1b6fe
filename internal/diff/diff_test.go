package diff

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares a release-like pair of lists (testdata/old.xml and
// new.xml; `diff` them to see the edits) and checks the report against
// golden Markdown and JSON.
func TestGolden(t *testing.T) {
	old, nw := tsltest.Valid(t, "testdata/old.xml"), tsltest.Valid(t, "testdata/new.xml")
	r := Compare(old, nw)
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "pair.md.golden", []byte(r.Markdown()))
	golden(t, "pair.json.golden", append(js, '\n'))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testtool.Golden(t, filepath.Join("testdata", name), got, *update)
}
