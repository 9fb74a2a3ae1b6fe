package tsl

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestCorpusRoundTrip decodes every real list, re-encodes it and decodes
// it again: the models must be equal, and the re-encoded list must pass the
// official XSD whenever the original does.
func TestCorpusRoundTrip(t *testing.T) {
	xsd := ""
	if !testing.Short() {
		xsd = testtool.Tool(t, "xsd-check", "xmllint")
	}
	dir := t.TempDir()
	for _, f := range testtool.Corpus(t) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			l, diags, err := Decode(data, DecodeOptions{File: name})
			if err != nil {
				t.Fatal(err)
			}
			wantErrs := strings.HasPrefix(name, "DE_v4") // two http://https:// URIs, refused by xmllint too
			if diags.HasErrors() != wantErrs {
				t.Errorf("structure errors = %v, want %v:\n%v", diags.HasErrors(), wantErrs, diags)
			}
			out, err := Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			l2, diags2, err := Decode(out, DecodeOptions{File: "re-encoded " + name})
			if err != nil {
				t.Fatal(err)
			}
			if diags2.HasErrors() != wantErrs {
				t.Errorf("re-encoded: structure errors %v", diags2)
			}
			if !reflect.DeepEqual(l, l2) {
				t.Errorf("model changed by Encode/Decode")
				testtool.LogDiff(t, l, l2)
			}
			if xsd != "" && !wantErrs {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, out, 0o644); err != nil {
					t.Fatal(err)
				}
				if msg, ok := testtool.Run(t, xsd, "-q", p); !ok {
					t.Errorf("re-encoded list fails the XSD:\n%s", msg)
				}
			}
		})
	}
}
