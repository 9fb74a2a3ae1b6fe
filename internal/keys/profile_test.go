package keys_test

import (
	"crypto/elliptic"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/keys/keystest"
)

var (
	issue = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	next  = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

func profile() keys.Profile {
	return keys.Profile{
		Territory:     "JP",
		OperatorNames: []string{keystest.Operator, "テスト運営者"},
		IssueTime:     issue,
		NextUpdate:    next,
	}
}

// TestCheckProfile makes one certificate per violation of TS 119 612
// clause 5.7.1 and checks the exact message CheckProfile gives for it.
func TestCheckProfile(t *testing.T) {
	ec := keystest.EC(t, elliptic.P256())
	tests := []struct {
		name string
		key  *keys.Key
		edit func(*x509.Certificate)
		p    func(*keys.Profile)
		errs []string // exact Error() of each error, in order
		warn []string
	}{
		{name: "conformant EC", key: ec},
		{name: "conformant RSA-3072", key: keystest.RSA(t, 3072)},
		{name: "O is the Japanese name", key: ec, edit: func(c *x509.Certificate) {
			c.Subject.Organization = []string{"テスト運営者"}
		}},
		{name: "wrong C", key: ec, edit: func(c *x509.Certificate) { c.Subject.Country = []string{"DE"} },
			errs: []string{`subject C is "DE", want "JP" (the scheme territory): reissue the certificate with C=JP`}},
		{name: "missing C", key: ec, edit: func(c *x509.Certificate) { c.Subject.Country = nil },
			errs: []string{`subject C is absent, want "JP" (the scheme territory): reissue the certificate with C=JP`}},
		{name: "wrong O", key: ec, edit: func(c *x509.Certificate) { c.Subject.Organization = []string{"Some CA Ltd"} },
			errs: []string{`subject O is "Some CA Ltd", want one of "jtsl Test Scheme Operator", "テスト運営者" (SchemeOperatorName, English preferred): reissue the certificate with O=jtsl Test Scheme Operator`}},
		// DER sorts the values of one RDN, hence the order.
		{name: "two O values", key: ec, edit: func(c *x509.Certificate) {
			c.Subject.Organization = []string{keystest.Operator, "Other"}
		}, errs: []string{`subject O is "Other", "jtsl Test Scheme Operator", want one of "jtsl Test Scheme Operator", "テスト運営者" (SchemeOperatorName, English preferred): reissue the certificate with O=jtsl Test Scheme Operator`}},
		{name: "CA:true", key: ec, edit: func(c *x509.Certificate) { c.IsCA = true },
			errs: []string{`basicConstraints is CA:true, want CA:false: reissue the certificate as an end-entity certificate`}},
		{name: "missing key usage", key: ec, edit: func(c *x509.Certificate) { c.KeyUsage = 0 },
			errs: []string{`keyUsage is absent, want digitalSignature and/or nonRepudiation: reissue the certificate with a keyUsage extension`}},
		{name: "keyCertSign", key: ec, edit: func(c *x509.Certificate) { c.KeyUsage |= x509.KeyUsageCertSign },
			errs: []string{`keyUsage is digitalSignature+nonRepudiation+keyCertSign, want digitalSignature and/or nonRepudiation only: reissue the certificate without keyCertSign`}},
		{name: "nonRepudiation alone is enough", key: ec, edit: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageContentCommitment }},
		{name: "RSA-2048", key: keystest.RSA(t, 2048),
			errs: []string{`public key is RSA-2048, want RSA of at least 3072 bits or ECDSA P-256, P-384 or P-521: make a new key of an accepted type and size`}},
		{name: "ECDSA P-224", key: keystest.EC(t, elliptic.P224()),
			errs: []string{`public key is ECDSA P-224, want RSA of at least 3072 bits or ECDSA P-256, P-384 or P-521: make a new key of an accepted type and size`}},
		{name: "ECDSA P-384", key: keystest.EC(t, elliptic.P384())},
		{name: "missing SKI", key: ec, edit: func(c *x509.Certificate) { c.SubjectKeyId = nil },
			errs: []string{`subjectKeyIdentifier is absent, want present (RFC 5280 4.2.1.2): reissue the certificate with a subjectKeyIdentifier`}},
		{name: "expired at issue time", key: ec, edit: func(c *x509.Certificate) {
			c.NotBefore, c.NotAfter = issue.AddDate(-3, 0, 0), issue.AddDate(0, 0, -1)
		}, errs: []string{
			`notAfter is 2026-06-30T00:00:00Z (expired), want after the issue time 2026-07-01T00:00:00Z: renew the certificate`,
			`notAfter is 2026-06-30T00:00:00Z, want at or after NextUpdate 2026-12-31T00:00:00Z: renew the certificate, or issue the list with an earlier NextUpdate`,
		}},
		{name: "not yet valid", key: ec, edit: func(c *x509.Certificate) { c.NotBefore = issue.Add(time.Hour) },
			errs: []string{`notBefore is 2026-07-01T01:00:00Z, want at or before the issue time 2026-07-01T00:00:00Z: issue the list later or use a certificate valid now`}},
		{name: "expires before NextUpdate", key: ec, edit: func(c *x509.Certificate) { c.NotAfter = next.Add(-time.Second) },
			errs: []string{`notAfter is 2026-12-30T23:59:59Z, want at or after NextUpdate 2026-12-31T00:00:00Z: renew the certificate, or issue the list with an earlier NextUpdate`}},
		{name: "closed list: no NextUpdate to cover", key: ec, edit: func(c *x509.Certificate) { c.NotAfter = next.Add(-time.Second) },
			p: func(p *keys.Profile) { p.NextUpdate = time.Time{} }},
		{name: "no EKU is a warning", key: ec, edit: func(c *x509.Certificate) { c.UnknownExtKeyUsage = nil },
			warn: []string{`extendedKeyUsage is absent, want id-tsl-kp-tslSigning 0.4.0.2231.3.0: reissue the certificate with that extended key usage (TS 119 612 5.7.1 says it should be there)`}},
		{name: "other EKU only is a warning", key: ec, edit: func(c *x509.Certificate) {
			c.UnknownExtKeyUsage = nil
			c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
		}, warn: []string{`extendedKeyUsage is without id-tsl-kp-tslSigning, want id-tsl-kp-tslSigning 0.4.0.2231.3.0: reissue the certificate with that extended key usage (TS 119 612 5.7.1 says it should be there)`}},
		{name: "every error at once", key: keystest.RSA(t, 2048), edit: func(c *x509.Certificate) {
			c.Subject = pkix.Name{CommonName: "x"}
			c.IsCA = true
			c.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
			c.SubjectKeyId = []byte{1} // Go makes one for a CA unless given
			c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{1, 2, 3}}
		}, errs: []string{
			`subject C is absent, want "JP" (the scheme territory): reissue the certificate with C=JP`,
			`subject O is absent, want one of "jtsl Test Scheme Operator", "テスト運営者" (SchemeOperatorName, English preferred): reissue the certificate with O=jtsl Test Scheme Operator`,
			`basicConstraints is CA:true, want CA:false: reissue the certificate as an end-entity certificate`,
			`keyUsage is keyCertSign+cRLSign, want digitalSignature and/or nonRepudiation only: reissue the certificate without keyCertSign+cRLSign`,
			`public key is RSA-2048, want RSA of at least 3072 bits or ECDSA P-256, P-384 or P-521: make a new key of an accepted type and size`,
		}, warn: []string{`extendedKeyUsage is without id-tsl-kp-tslSigning, want id-tsl-kp-tslSigning 0.4.0.2231.3.0: reissue the certificate with that extended key usage (TS 119 612 5.7.1 says it should be there)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tt.key
			if tt.edit != nil {
				k = keystest.Cert(t, k, tt.edit)
			}
			p := profile()
			if tt.p != nil {
				tt.p(&p)
			}
			errs, warns := keys.CheckProfile(k.Cert, p)
			compare(t, "error", errs, tt.errs)
			compare(t, "warning", warns, tt.warn)
		})
	}
}

func compare(t *testing.T, what string, got []*keys.ProfileError, want []string) {
	t.Helper()
	var g []string
	for _, e := range got {
		g = append(g, e.Error())
	}
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("%ss:\n got: %q\nwant: %q", what, g, want)
	}
}
