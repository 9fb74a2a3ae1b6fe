package model

import (
	"crypto/x509/pkix"
	"encoding/asn1"
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
