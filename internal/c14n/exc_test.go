package c14n

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestExcC14NMatchesGoxmldsig: our streaming exclusive c14n gives the same
// bytes as goxmldsig's canonicaliser, for the whole document (signature
// removed) and for SignedInfo and SignedProperties, on every corpus list.
func TestExcC14NMatchesGoxmldsig(t *testing.T) {
	for _, f := range testtool.Corpus(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		root := doc.Root()
		sig := root.SelectElement("Signature")
		bare := root.Copy() // the enveloped transform's input
		bare.RemoveChild(bare.SelectElement("Signature"))
		want, err := canonicalizeSlow(bare, model.AlgExcC14N, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := Exc(root, sig, nil); !bytes.Equal(got, want) {
			t.Errorf("%s: whole document differs", filepath.Base(f))
		}
		for _, e := range []string{"SignedInfo", "Object/QualifyingProperties/SignedProperties"} {
			el := sig.FindElement(e)
			if el == nil {
				continue
			}
			want, _ := canonicalizeSlow(el, model.AlgExcC14N, "")
			if got := Exc(el, nil, nil); !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs:\n%s\n%s", filepath.Base(f), e, got, want)
			}
		}
	}
}
