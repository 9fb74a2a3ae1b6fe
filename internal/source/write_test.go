package source

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// roundTrip writes l as sources, loads them back and compares, build-time
// fields aside.
func roundTrip(t *testing.T, name string, l *model.List) {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, l); err != nil {
		t.Fatalf("%s: write: %v", name, err)
	}
	set, diags, err := Load(dir)
	if err != nil {
		t.Fatalf("%s: load: %v", name, err)
	}
	if diags.HasErrors() {
		t.Errorf("%s: the written sources do not load:\n%v", name, diags.Errors()[:min(5, len(diags.Errors()))])
		return
	}
	got := set.List
	got.Scheme.SequenceNumber = l.Scheme.SequenceNumber
	got.Scheme.ListIssueDateTime = l.Scheme.ListIssueDateTime
	got.Scheme.NextUpdate = l.Scheme.NextUpdate
	if !reflect.DeepEqual(got, l) {
		t.Errorf("%s: Load(Write(m)) != m", name)
		testtool.LogDiff(t, l, got)
		return
	}
	// What jtsl build compiles from the imported sources decodes to the
	// original list's model.
	xml, err := tsl.Marshal(got)
	if err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	back, _, err := tsl.Decode(xml, tsl.DecodeOptions{File: name})
	if err != nil || !reflect.DeepEqual(back, l) {
		t.Errorf("%s: import then compile does not give the original model back: %v", name, err)
	}
}

func TestWriteSample(t *testing.T) {
	set, diags, err := Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	roundTrip(t, "sample", set.List)
}

func TestWriteCorpus(t *testing.T) {
	for _, f := range testtool.Corpus(t) {
		l, _ := tsltest.Read(t, f)
		t.Run(filepath.Base(f), func(t *testing.T) { roundTrip(t, filepath.Base(f), l) })
	}
}
