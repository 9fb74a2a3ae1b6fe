package keys_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/testtool"
)

func TestNewKey(t *testing.T) {
	for _, tt := range []struct {
		alg  keys.Algorithm
		desc string
	}{{keys.ECP256, "ECDSA P-256"}, {keys.RSA3072, "RSA-3072"}} {
		s, err := keys.NewKey(tt.alg)
		if err != nil {
			t.Fatal(err)
		}
		switch k := s.Public().(type) {
		case *rsa.PublicKey:
			if tt.alg != keys.RSA3072 || k.N.BitLen() != 3072 {
				t.Errorf("%s: got RSA-%d", tt.alg, k.N.BitLen())
			}
		case *ecdsa.PublicKey:
			if tt.alg != keys.ECP256 || k.Curve != elliptic.P256() {
				t.Errorf("%s: got ECDSA %s", tt.alg, k.Curve.Params().Name)
			}
		}
	}
	if _, err := keys.NewKey("dsa-1024"); err == nil {
		t.Error("NewKey(dsa-1024) succeeded")
	}
}

// TestNewSelfSigned checks that a new certificate passes the whole profile,
// without even a warning, and carries SKI = AKI.
func TestNewSelfSigned(t *testing.T) {
	for _, alg := range []keys.Algorithm{keys.ECP256, keys.RSA3072} {
		t.Run(string(alg), func(t *testing.T) {
			s, err := keys.NewKey(alg)
			if err != nil {
				t.Fatal(err)
			}
			sub := keys.Subject{Territory: "JP", Operator: "Digital Agency"}
			cert, err := keys.NewSelfSigned(s, sub, issue.Add(-time.Hour), issue.AddDate(3, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			errs, warns := keys.CheckProfile(cert, keys.Profile{Territory: "JP", OperatorNames: []string{"Digital Agency"}, IssueTime: issue, NextUpdate: next})
			if len(errs)+len(warns) > 0 {
				t.Errorf("profile: errors %v, warnings %v", errs, warns)
			}
			if cert.Subject.CommonName != "Digital Agency" {
				t.Errorf("CN = %q, want the operator name", cert.Subject.CommonName)
			}
			if len(cert.SubjectKeyId) != 20 || !bytes.Equal(cert.SubjectKeyId, cert.AuthorityKeyId) {
				t.Errorf("SKI %x, AKI %x: want equal 20-byte identifiers", cert.SubjectKeyId, cert.AuthorityKeyId)
			}
			if err := cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature); err != nil {
				t.Errorf("not self-signed: %v", err)
			}
			openssl(t, "x509", cert.Raw, []string{
				`X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n`,
				`X509v3 Basic Constraints: critical\s+CA:FALSE\n`,
				`X509v3 Extended Key Usage:\s+0\.4\.0\.2231\.3\.0\n`,
				`X509v3 Subject Key Identifier:`,
				`X509v3 Authority Key Identifier:`,
				`Subject: C ?= ?JP, O ?= ?Digital Agency, CN ?= ?Digital Agency`,
			})
		})
	}
}

func TestNewSelfSignedRefuses(t *testing.T) {
	s, err := keys.NewKey(keys.ECP256)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sub      keys.Subject
		from, to time.Time
		want     string
	}{
		{keys.Subject{Territory: "jp", Operator: "X"}, issue, next, `territory "jp" is not a two-letter upper-case country code`},
		{keys.Subject{Territory: "JP"}, issue, next, `no operator name for subject O`},
		{keys.Subject{Territory: "JP", Operator: "X"}, next, issue, `validity ends (2026-07-01T00:00:00Z) before it starts (2026-12-31T00:00:00Z)`},
	} {
		if _, err := keys.NewSelfSigned(s, tt.sub, tt.from, tt.to); err == nil || err.Error() != tt.want {
			t.Errorf("NewSelfSigned(%+v) = %v, want %q", tt.sub, err, tt.want)
		}
	}
}

// TestNewRequest checks the request asks for exactly the TLSO profile,
// read back by Go and, independently, by OpenSSL.
func TestNewRequest(t *testing.T) {
	s, err := keys.NewKey(keys.ECP256)
	if err != nil {
		t.Fatal(err)
	}
	der, err := keys.NewRequest(s, keys.Subject{Territory: "JP", Operator: "Digital Agency", CommonName: "J-TSL signer 2026"})
	if err != nil {
		t.Fatal(err)
	}
	csr, err := x509.ParseCertificateRequest(der)
	if err != nil {
		t.Fatal(err)
	}
	if err := csr.CheckSignature(); err != nil {
		t.Fatal(err)
	}
	if got := csr.Subject.String(); got != "CN=J-TSL signer 2026,O=Digital Agency,C=JP" {
		t.Errorf("subject %s", got)
	}
	want := map[string]struct {
		critical bool
		value    []byte
	}{
		"2.5.29.15": {true, []byte{0x03, 0x02, 0x06, 0xc0}},                                      // digitalSignature, nonRepudiation
		"2.5.29.37": {false, []byte{0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x91, 0x37, 0x03, 0x00}}, // tslSigning
		"2.5.29.19": {true, []byte{0x30, 0x00}},                                                  // CA:false
	}
	if len(csr.Extensions) != len(want) {
		t.Errorf("%d extensions, want %d", len(csr.Extensions), len(want))
	}
	for _, e := range csr.Extensions {
		w, ok := want[e.Id.String()]
		if !ok {
			t.Errorf("unexpected extension %s", e.Id)
			continue
		}
		if e.Critical != w.critical || !bytes.Equal(e.Value, w.value) {
			t.Errorf("extension %s: critical %v value %x, want %v %x", e.Id, e.Critical, e.Value, w.critical, w.value)
		}
	}
	var oid asn1.ObjectIdentifier
	if _, err := asn1.Unmarshal(want["2.5.29.37"].value[2:], &oid); err != nil || oid.String() != "0.4.0.2231.3.0" {
		t.Fatalf("test table: EKU bytes decode to %v (%v)", oid, err)
	}
	openssl(t, "req", der, []string{
		`Subject: C ?= ?JP, O ?= ?Digital Agency, CN ?= ?J-TSL signer 2026`,
		`X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n`,
		`X509v3 Extended Key Usage:\s+0\.4\.0\.2231\.3\.0\n`,
		`X509v3 Basic Constraints: critical\s+CA:FALSE\n`,
	})
}

// openssl prints a DER certificate or request with OpenSSL (an
// independent parser) and checks its text against patterns. For a request
// it also checks the self-signature.
func openssl(t *testing.T, kind string, der []byte, patterns []string) {
	t.Helper()
	bin, err := exec.LookPath("openssl")
	if err != nil {
		testtool.Skip(t, "openssl not installed (run ../shared/tools/install-prereqs)")
	}
	f := filepath.Join(t.TempDir(), "in.der")
	if err := os.WriteFile(f, der, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{kind, "-inform", "DER", "-in", f, "-noout", "-text"}
	if kind == "req" {
		args = append(args, "-verify")
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl %s: %v\n%s", kind, err, out)
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).Match(out) {
			t.Errorf("openssl %s output lacks %s:\n%s", kind, p, out)
		}
	}
}
