package source

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestCertNotes: sample: and source: reach Set.Notes by the SHA-256 of the
// certificate; one certificate described both ways is an error naming
// both places, and both keys on one identity a schema error.
func TestCertNotes(t *testing.T) {
	copySample := func(t *testing.T) string {
		dst := t.TempDir()
		testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), dst)
		return dst
	}
	edit := func(t *testing.T, file, old, new string) {
		b, err := os.ReadFile(file)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q (%v)", file, old, err)
		}
		os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	set, diags, err := Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for _, c := range set.Certificates() {
		n := set.Notes[sha256.Sum256(c.Raw)]
		if strings.Contains(c.Subject.CommonName, "SAMPLE") && !n.Sample {
			t.Errorf("%s: not marked sample", c.Subject)
		}
		if c.Subject.String() == "OU=JPKI for digital signature+OU=Japan Agency for Local Authority Information Systems,O=JPKI,C=JP" && n.Source == "" {
			t.Errorf("%s: no source", c.Subject)
		}
	}

	t.Run("conflict", func(t *testing.T) {
		dir := copySample(t)
		edit(t, filepath.Join(dir, "tsps", "teikoku-databank.yaml"), "certs/tdb-typea-ca-2016.pem, sample: true", `certs/tdb-typea-ca.pem, source: "a real one"`)
		_, diags, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(diags.Error(), "tsps/teikoku-databank.yaml") || !strings.Contains(diags.Error(), "described differently") {
			t.Errorf("want an error naming both places, got:\n%v", diags)
		}
	})
	t.Run("both", func(t *testing.T) {
		dir := copySample(t)
		edit(t, filepath.Join(dir, "tsps", "amano.yaml"), "sample: true", `sample: true, source: "x"`)
		_, diags, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "tsps/amano.yaml") {
			t.Errorf("want a schema error in amano.yaml, got:\n%v", diags)
		}
	})
}
