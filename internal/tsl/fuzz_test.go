package tsl

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// FuzzDecode: no input makes the decoder panic or hang, whatever it
// decodes re-encodes, and its canonical form written straight from the
// model is that of the encoded tree.
func FuzzDecode(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "small.golden.xml")); err == nil {
		f.Add(b)
	}
	for _, name := range []string{"MT_v4_seq13_2015-06-01.xml", "AR_v5_seq6_2025-07-16.xml"} {
		if b, err := os.ReadFile(filepath.Join(testtool.Shared(), "corpus", "tl", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, _, err := Decode(data, DecodeOptions{Limits: xmldoc.Limits{MaxBytes: 4 << 20}})
		if err != nil || l == nil {
			return
		}
		Marshal(l) // must not panic; an error is fine for invalid models
		if err := canonicalAgrees(l); err != nil {
			t.Fatal(err)
		}
	})
}

// canonicalAgrees reports whether WriteCanonical writes the exclusive
// canonical form of Encode's tree (what a build signed before it), or
// fails as Encode does.
func canonicalAgrees(l *model.List) error {
	var want bytes.Buffer
	doc, werr := Encode(l)
	if werr == nil {
		werr = c14n.ExcDocumentTo(&want, doc, doc.Root(), nil, nil)
	}
	var got bytes.Buffer
	gerr := WriteCanonical(&got, l)
	if (werr != nil) != (gerr != nil) {
		return fmt.Errorf("tree encoding error %v, canonical writer's %v", werr, gerr)
	}
	if g, w := got.Bytes(), want.Bytes(); werr == nil && !bytes.Equal(g, w) {
		i := 0
		for i < min(len(g), len(w)) && g[i] == w[i] {
			i++
		}
		return fmt.Errorf("canonical writer differs from the tree's canonical form at byte %d of %d/%d:\nwriter: %q\ntree:   %q",
			i, len(g), len(w), g[max(i-80, 0):min(i+80, len(g))], w[max(i-80, 0):min(i+80, len(w))])
	}
	return nil
}

// CanonicalAgrees is canonicalAgrees for package tsl_test.
var CanonicalAgrees = canonicalAgrees
