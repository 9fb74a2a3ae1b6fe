package synth

import (
	"testing"

	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/source"
)

// TestClean checks that synthetic sources load and pass every rule, so
// the benchmarks measure a build that succeeds.
func TestClean(t *testing.T) {
	dir := t.TempDir()
	const n = 25
	if err := Write(dir, n); err != nil {
		t.Fatal(err)
	}
	set, diags, err := source.Load(dir)
	if err != nil || len(diags) > 0 {
		t.Fatalf("load: %v\n%v", err, diags)
	}
	if got := len(set.List.Providers); got != 3 {
		t.Errorf("%d TSPs, want 3", got)
	}
	services := 0
	for _, p := range set.List.Providers {
		services += len(p.Services)
	}
	if services != n {
		t.Errorf("%d services, want %d", services, n)
	}
	for _, d := range lint.Check(set, lint.Options{IssueTime: Epoch.AddDate(2, 6, 0)}) {
		t.Errorf("%s", d)
	}
}

// TestCleanLoTE: a synthetic list of trusted entities loads and passes
// every rule, beside synthetic J-TSL sources, which still do.
func TestCleanLoTE(t *testing.T) {
	dir := t.TempDir()
	const n = 12
	if err := Write(dir, 1); err != nil {
		t.Fatal(err)
	}
	if err := WriteLoTE(dir, n); err != nil {
		t.Fatal(err)
	}
	set, diags, err := source.LoadLoTE(dir)
	if err != nil || len(diags) > 0 {
		t.Fatalf("load: %v\n%v", err, diags)
	}
	if len(set.Lists) != 1 || len(set.Lists[0].List.Entities) != n {
		t.Fatalf("%d lists, want 1 of %d entities", len(set.Lists), n)
	}
	for _, d := range lint.CheckLoTE(set, lint.Options{IssueTime: Epoch.AddDate(2, 6, 0)}) {
		t.Errorf("%s", d)
	}
	// The J-TSL's sources read the mra.yaml that holds the list's
	// correspondence with the EU's values.
	jtsl, diags, err := source.Load(dir)
	if err != nil || len(diags) > 0 {
		t.Fatalf("load the J-TSL: %v\n%v", err, diags)
	}
	for _, d := range lint.Check(jtsl, lint.Options{IssueTime: Epoch.AddDate(2, 6, 0)}) {
		t.Errorf("%s", d)
	}
}
