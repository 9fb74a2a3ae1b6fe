// Package tsltest reads trusted lists for other packages' tests (the
// corpus, the cookbook, a built release), so that each test says what it
// does with a list rather than how to read one.
package tsltest

import (
	"os"
	"testing"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// Read decodes the list in file whatever its findings, which it returns:
// some real lists break the schema (DE 2015: "http://https://…" URIs) and
// are still lists. A file that cannot be read or decoded fails t.
func Read(t testing.TB, file string) (*model.List, diag.List) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return Decode(t, data, file)
}

// Decode is Read for a list in memory; file names it in the findings.
func Decode(t testing.TB, data []byte, file string) (*model.List, diag.List) {
	t.Helper()
	l, diags, err := tsl.Decode(data, tsl.DecodeOptions{File: file})
	if err != nil {
		t.Fatal(err)
	}
	return l, diags
}

// Valid is Read for a list that must decode without an error finding.
func Valid(t testing.TB, file string) *model.List {
	t.Helper()
	l, diags := Read(t, file)
	if diags.HasErrors() {
		t.Fatalf("decode %s:\n%v", file, diags.Errors())
	}
	return l
}
