package tsl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// FuzzDecode: no input makes the decoder panic or hang, and whatever it
// decodes re-encodes.
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
	})
}
