package model

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestDistinguishedName: each RDN of the certificate stays one RDN (JPKI's
// two OUs are not joined with "+" as pkix.Name.String joins them).
func TestDistinguishedName(t *testing.T) {
	ou, o, c := asn1.ObjectIdentifier{2, 5, 4, 11}, asn1.ObjectIdentifier{2, 5, 4, 10}, asn1.ObjectIdentifier{2, 5, 4, 6}
	rdn := func(typ asn1.ObjectIdentifier, v string) pkix.RelativeDistinguishedNameSET {
		return pkix.RelativeDistinguishedNameSET{{Type: typ, Value: v}}
	}
	tests := []struct {
		name string
		seq  pkix.RDNSequence
		want string
	}{
		{"JPKI", pkix.RDNSequence{rdn(c, "JP"), rdn(o, "JPKI"), rdn(ou, "JPKI for digital signature"), rdn(ou, "Japan Agency for Local Authority Information Systems")},
			"OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP"},
		{"multi-valued RDN", pkix.RDNSequence{rdn(c, "JP"), {{Type: o, Value: "A"}, {Type: ou, Value: "B"}}}, "O=A+OU=B,C=JP"},
	}
	for _, tt := range tests {
		raw, err := asn1.Marshal(tt.seq)
		if err != nil {
			t.Fatal(err)
		}
		if got := DistinguishedName(raw, pkix.Name{}); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := DistinguishedName([]byte("not DER"), pkix.Name{CommonName: "fallback"}); got != "CN=fallback" {
		t.Errorf("undecodable: %q", got)
	}
}

// dnSeeds are the subjects and issuers of every certificate of the sample
// sources and the testdata, and names that take asn1's way.
func dnSeeds(t testing.TB) [][]byte {
	var out [][]byte
	err := filepath.WalkDir("../..", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == ".git" || e.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if filepath.Ext(p) != ".pem" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for b, rest := pem.Decode(data); b != nil; b, rest = pem.Decode(rest) {
			if c, err := x509.ParseCertificate(b.Bytes); err == nil {
				out = append(out, c.RawSubject, c.RawIssuer)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("only %d names found", len(out))
	}
	for _, v := range []any{"a*b&c", "é", 42, []byte{1},
		asn1.RawValue{Tag: asn1.TagBMPString, Bytes: []byte{0, 'a'}}, asn1.RawValue{Tag: asn1.TagUTF8String, Bytes: []byte{0x80}},
		asn1.RawValue{Tag: asn1.TagPrintableString, Bytes: []byte("a@b")}, asn1.RawValue{Tag: asn1.TagIA5String, Bytes: []byte{0xe9}}} {
		raw, err := asn1.Marshal(pkix.RDNSequence{{{Type: asn1.ObjectIdentifier{2, 5, 4, 3}, Value: v}}, {}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, raw)
	}
	long, err := asn1.Marshal(pkix.RDNSequence{{{Type: asn1.ObjectIdentifier{1, 2, 1 << 30, 4}, Value: string(make([]byte, 300))}}})
	if err != nil {
		t.Fatal(err)
	}
	return append(out, long, nil, []byte{0x30, 0})
}

// TestDistinguishedNameFastPath: the names of every certificate at hand
// read as encoding/asn1 reads them, and the plain ones without it.
func TestDistinguishedNameFastPath(t *testing.T) {
	plain := 0
	for _, raw := range dnSeeds(t) {
		if _, ok := plainRDNs(raw); ok {
			plain++
		}
		fb := pkix.Name{CommonName: "fallback"}
		if got, want := DistinguishedName(raw, fb), distinguishedNameASN1(raw, fb); got != want {
			t.Errorf("%x: %q, asn1 gives %q", raw, got, want)
		}
	}
	if plain == 0 {
		t.Error("no name took the fast path")
	}
}

// FuzzDistinguishedName holds the fast path to encoding/asn1 on any input.
func FuzzDistinguishedName(f *testing.F) {
	for _, raw := range dnSeeds(f) {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		fb := pkix.Name{CommonName: "fallback"}
		if got, want := DistinguishedName(raw, fb), distinguishedNameASN1(raw, fb); got != want {
			t.Errorf("%x: %q, asn1 gives %q", raw, got, want)
		}
	})
}
