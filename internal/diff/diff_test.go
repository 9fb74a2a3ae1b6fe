package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// decode reads a list from testdata or the corpus, which must have no
// error-level findings.
func decode(t testing.TB, path string) *model.List {
	t.Helper()
	l, diags := decodeAny(t, path)
	if diags.HasErrors() {
		t.Fatalf("decode %s:\n%v", path, diags.Errors())
	}
	return l
}

// decodeAny reads a list, whatever its findings: some real lists break
// the schema (DE 2015: "http://https://…" URIs) and are still lists.
func decodeAny(t testing.TB, path string) (*model.List, diag.List) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, diags, err := tsl.Decode(data, tsl.DecodeOptions{File: path})
	if err != nil {
		t.Fatal(err)
	}
	return l, diags
}

// TestGolden compares a release-like pair of lists (testdata/old.xml and
// new.xml; `diff` them to see the edits) and checks the report against
// golden Markdown and JSON.
func TestGolden(t *testing.T) {
	old, nw := decode(t, "testdata/old.xml"), decode(t, "testdata/new.xml")
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
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (check, then go test -update):\n%s", name, got)
	}
}
