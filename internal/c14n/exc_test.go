package c14n

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
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

// TestWriterBase64 writes base64 longer than a chunk and across the
// buffer's end as EncodeToString does.
func TestWriterBase64(t *testing.T) {
	data := make([]byte, 100_000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Start("", "r", nil)
	w.Text(strings.Repeat("x", 65_000)) // most of the buffer
	for _, n := range []int{1, 2, 3, 3071, 3072, 3073, len(data)} {
		w.Base64(data[:n])
		w.Text(" ")
	}
	w.End()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "<r>" + strings.Repeat("x", 65_000)
	for _, n := range []int{1, 2, 3, 3071, 3072, 3073, len(data)} {
		want += base64.StdEncoding.EncodeToString(data[:n]) + " "
	}
	if want += "</r>"; b.String() != want {
		t.Error("base64 differs from EncodeToString's")
	}
}
