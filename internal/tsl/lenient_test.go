package tsl

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestDecodeLenient: the 2015 German list's two "http://https://…" URIs
// are errors by default; Lenient keeps them as written with a warning on
// their lines and nothing else changes: the same model, which encodes and
// decodes (leniently) to itself.
func TestDecodeLenient(t *testing.T) {
	f := testtool.SharedPath(t, filepath.Join("corpus", "tl", "DE_v4_seq22_2015-08-12.xml"))
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	strict, sd, err := Decode(data, DecodeOptions{File: "DE.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sd.Errors()); n != 2 {
		t.Fatalf("strict: %d errors, want the two URIs:\n%v", n, sd)
	}
	l, ld, err := Decode(data, DecodeOptions{File: "DE.xml", Lenient: true})
	if err != nil || ld.HasErrors() {
		t.Fatalf("lenient: %v\n%v", err, ld)
	}
	var warned []int
	for _, d := range ld {
		if d.Severity == diag.Warning {
			warned = append(warned, d.Pos.Line)
		}
	}
	if !reflect.DeepEqual(warned, []int{151, 17786}) {
		t.Errorf("warnings on lines %v, want [151 17786]:\n%v", warned, ld)
	}
	if !reflect.DeepEqual(l, strict) {
		t.Error("the lenient model differs from the strict one")
	}
	if l.Providers[0].Address.Electronic[1].Value != "http://https://pki1.pki.arbeitsagentur.de/zdaba/" {
		t.Errorf("value not kept as written: %q", l.Providers[0].Address.Electronic[1].Value)
	}
	out, err := Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	back, bd, err := Decode(out, DecodeOptions{File: "re-encoded", Lenient: true})
	if err != nil || bd.HasErrors() || !reflect.DeepEqual(back, l) {
		t.Errorf("re-encoded list: %v %v, same model %v", err, bd.Errors(), reflect.DeepEqual(back, l))
	}
}
