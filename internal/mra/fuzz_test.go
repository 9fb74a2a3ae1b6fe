package mra

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

// FuzzMRABlock: no MRA block, as a list of lists carries it, makes the
// decoder panic; a block it accepts and can encode reads back the same.
func FuzzMRABlock(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "cookbook-block.xml")); err == nil {
		f.Add(b)
	}
	// The blocks of the real MRA lists of lists (EU DSS's test data).
	lotls, _ := filepath.Glob(filepath.Join(testtool.Shared(), "corpus", "mra", "*", "mra-lotl.xml"))
	for _, p := range lotls {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		l, _, err := tsl.Decode(b, tsl.DecodeOptions{File: p})
		if err != nil || l == nil {
			continue
		}
		for _, ptr := range l.Scheme.Pointers {
			for _, info := range ptr.AdditionalInformation {
				if info.Other != nil && strings.Contains(info.Other.XML, Element) {
					f.Add([]byte(info.Other.XML))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data, "fuzz.xml")
		if err != nil {
			return
		}
		out, err := Marshal(a)
		if err != nil {
			return // a block the MRA schema refuses is not written
		}
		b, err := Parse([]byte(out), "again.xml")
		if err != nil {
			t.Fatalf("the encoded block does not read back: %v\n%s", err, out)
		}
		if again, err := Marshal(b); err != nil || again != out {
			t.Fatalf("encoded twice differently (%v):\n%s\n%s", err, out, again)
		}
	})
}
