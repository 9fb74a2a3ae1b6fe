package xades

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestCorpusAgreesWithXmlsec: for every real list, our signature verdict
// (digests + SignatureValue + enveloped whole-document reference) equals
// that of xmlsec1 (through sig-verify-xmlsec, which checks the same
// enveloped profile).
func TestCorpusAgreesWithXmlsec(t *testing.T) {
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1")
	for _, f := range testtool.Corpus(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		r := Verify(doc.Document, VerifyOptions{At: time.Now(), Line: doc.Line})
		ours := r.CryptoValid && status(r, "FullScope") == diag.Pass && status(r, "SignaturePlacement") == diag.Pass
		_, theirs := testtool.Run(t, xmlsec, "-q", f)
		if ours != theirs {
			t.Errorf("%s: ours %v, xmlsec1 %v; failed checks: %v", filepath.Base(f), ours, theirs, failed(r))
		}
		if theirs && !r.Valid() {
			t.Logf("%s: signature verifies, but policy checks fail: %v", filepath.Base(f), failed(r))
		}
	}
}

func status(r *Result, name string) diag.Status {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Status
		}
	}
	return diag.Skipped
}
