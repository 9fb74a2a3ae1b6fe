package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// runLoTE loads a case's sources over a copy of the sample's lists of
// trusted entities (sources/lote, the J-TSL certificate they share and
// mra.yaml) and checks them.
func (c lintCase) runLoTE(t *testing.T) diag.List {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join(testtool.Root(), "sources")
	testtool.CopyDir(t, filepath.Join(root, source.LoTEDir), filepath.Join(dir, source.LoTEDir))
	// mra.yaml holds the lists' correspondence with the EU's values.
	for _, shared := range []string{"certs/jlis-jpki-auth-ca-2023.pem", "mra.yaml"} {
		b, err := os.ReadFile(filepath.Join(root, shared))
		if err != nil {
			t.Fatal(err)
		}
		c.files = append([]txtar.File{{Name: shared, Data: b}}, c.files...)
	}
	c.write(t, dir)
	set, diags, err := source.LoadLoTE(dir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v\n%v", err, diags)
	}
	return CheckLoTE(set, c.opts)
}

// TestLoTECases runs testdata/lote-cases as TestCases does testdata/cases:
// each rule of the lists of trusted entities has a case.
func TestLoTECases(t *testing.T) {
	covered := runCases(t, readCasesIn(t, "lote-cases"), lintCase.runLoTE, filepath.Join("testdata", "lote-findings.golden"))
	for _, r := range Rules {
		if (r.LoTE != nil || r.LoTESet != nil) && !covered[r.ID] {
			t.Errorf("rule %s has no case in testdata/lote-cases", r.ID)
		}
	}
}

// TestLoTESampleIsClean: the sample's lists have no finding, so that the
// cases show their mistake alone.
func TestLoTESampleIsClean(t *testing.T) {
	for _, d := range (lintCase{opts: Options{IssueTime: issue}}).runLoTE(t) {
		t.Errorf("%s", d)
	}
}
