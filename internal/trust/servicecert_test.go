package trust

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// TestLenientServiceCert: a listed CA certificate whose RSA algorithm
// identifier lacks its NULL parameters, which crypto/x509 refuses and EU
// DSS loads (real lists carry some: FR's AC REAL), is read for what an
// issuer needs, so that a certificate it issued is covered, checked with
// its key; one whose key cannot be read at all stays unreadable.
func TestLenientServiceCert(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{Country: []string{"FR"}, CommonName: "Lenient CA"},
		NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, SubjectKeyId: []byte{1, 2, 3, 4}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	leafDER, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Leaf"},
		NotBefore: tmpl.NotBefore, NotAfter: tmpl.NotAfter}, ca, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)

	noNull := withoutRSANull(t, der)
	if _, err := x509.ParseCertificate(noNull); err == nil {
		t.Fatal("crypto/x509 reads the certificate: the test proves nothing")
	}
	c, err := parseServiceCert(noNull)
	if err != nil || string(c.RawSubject) != string(ca.RawSubject) || string(c.SubjectKeyId) != string(ca.SubjectKeyId) || !key.PublicKey.Equal(c.PublicKey) {
		t.Fatalf("lenient read: %v %+v", err, c)
	}
	if how := covers(model.DigitalIdentity{{Certificate: noNull}}, leaf, true); how == "" {
		t.Error("the leaf is not covered by the listed certificate")
	}
	// Another key under the same name is refused: the leniency is in the
	// encoding only.
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	otherDER, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &other.PublicKey, other)
	if how := covers(model.DigitalIdentity{{Certificate: withoutRSANull(t, otherDER)}}, leaf, true); how != "" {
		t.Errorf("covered by another key: %s", how)
	}
	if _, err := parseServiceCert(noNull[:len(noNull)-10]); err == nil {
		t.Error("a truncated certificate is read")
	}
}

// withoutRSANull re-encodes der with the NULL parameters of its RSA key's
// algorithm identifier removed (the signature no longer verifies, which
// does not matter to an issuer's certificate read from a signed list).
func withoutRSANull(t *testing.T, der []byte) []byte {
	t.Helper()
	var cert lenientCert
	var tbs lenientTBS
	var spki spkiFields
	if _, err := asn1.Unmarshal(der, &cert); err != nil {
		t.Fatal(err)
	}
	if _, err := asn1.Unmarshal(cert.TBS.FullBytes, &tbs); err != nil {
		t.Fatal(err)
	}
	if _, err := asn1.Unmarshal(tbs.SPKI.FullBytes, &spki); err != nil {
		t.Fatal(err)
	}
	spki.Algorithm.Params = asn1.RawValue{}
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tbs.SPKI = asn1.RawValue{FullBytes: must(asn1.Marshal(spki))}
	cert.TBS = asn1.RawValue{FullBytes: must(asn1.Marshal(tbs))}
	return must(asn1.Marshal(cert))
}

// TestAnchorsUnreadable: a service certificate that cannot be read is no
// trust anchor, and the list's report names it with the reason.
func TestAnchorsUnreadable(t *testing.T) {
	ca := mkCert(t, "Readable CA", nil, true, nil)
	l := &model.List{Providers: []model.TSP{{Services: []model.Service{
		{Identity: model.DigitalIdentity{{Certificate: ca.cert.Raw}}},
		{Identity: model.DigitalIdentity{{Certificate: []byte{0x30, 0x03, 0x02, 0x01, 0x01}}}},
	}}}}
	w := &walker{res: &Result{}, seen: map[string]bool{}}
	r := &Reached{}
	w.anchors(r, Source{List: l})
	if r.Anchors != 1 || w.res.Anchors != 1 || len(r.Unreadable) != 1 || !strings.Contains(r.Unreadable[0], "x509: ") {
		t.Errorf("%d anchors (%d in all), unreadable %q", r.Anchors, w.res.Anchors, r.Unreadable)
	}
}
