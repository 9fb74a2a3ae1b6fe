package mirror_test

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/mirror"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.json")

// TestSampleFixture: testdata/sample.json, the list the internal tests
// work on, is the mirror of the sample sources as a build sees them
// (issued 2026-07-01, sequence 4, next update six months later).
func TestSampleFixture(t *testing.T) {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	issued := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	l := set.List
	l.Scheme.SequenceNumber, l.Scheme.ListIssueDateTime, l.ID = 4, issued, "JP-TL-4"
	nu := issued.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &nu
	js, err := mirror.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("testdata", "sample.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, js, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != string(js) {
		t.Errorf("%s is not the sample's mirror (%v): go test ./internal/mirror -run TestSampleFixture -update", p, err)
	}
	back, err := mirror.Decode(js)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, l) {
		t.Error("the fixture decodes to another list than the sources'")
		testtool.LogDiff(t, back, l)
	}
}
