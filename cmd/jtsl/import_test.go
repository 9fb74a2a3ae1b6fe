package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

// TestImportLenient: the sources `jtsl import --lenient` writes for the
// 2015 German list load back to the list's own model, its two malformed
// URIs included as written (build-time fields aside).
func TestImportLenient(t *testing.T) {
	f := testtool.SharedPath(t, filepath.Join("corpus", "tl", "DE_v4_seq22_2015-08-12.xml"))
	out := filepath.Join(t.TempDir(), "de")
	if code, msg := jtsl(t, "import", f, "--out", out, "--lenient"); code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := tsl.Decode(data, tsl.DecodeOptions{File: f, Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	set, diags, err := source.Load(out)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Errors())
	}
	got := set.List
	got.Scheme.SequenceNumber = want.Scheme.SequenceNumber
	got.Scheme.ListIssueDateTime = want.Scheme.ListIssueDateTime
	got.Scheme.NextUpdate = want.Scheme.NextUpdate
	if !reflect.DeepEqual(got, want) {
		t.Error("the imported sources do not load to the list's model")
		testtool.LogDiff(t, want, got)
	}
}
