package testtool

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"testing"
	"time"
)

// An Issued is a certificate made for a test and its key.
type Issued struct {
	Key  crypto.Signer
	Cert *x509.Certificate
}

// NewCert makes an ECDSA P-256 certificate for subject, valid 2019–2045,
// issued by issuer (self-signed when nil), a CA when ca is set; edit
// changes the template before signing.
func NewCert(t testing.TB, subject pkix.Name, issuer *Issued, ca bool, edit func(*x509.Certificate)) *Issued {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(k.Public())
	ski := sha256.Sum256(der)
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: subject,
		NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC),
		SubjectKeyId: ski[:20], BasicConstraintsValid: true, IsCA: ca,
	}
	if ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	if edit != nil {
		edit(tmpl)
	}
	parent, signer := tmpl, crypto.Signer(k)
	if issuer != nil {
		parent, signer = issuer.Cert, issuer.Key
	}
	c, err := x509.CreateCertificate(rand.Reader, tmpl, parent, k.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(c)
	if err != nil {
		t.Fatal(err)
	}
	return &Issued{k, cert}
}

// A QCStatement is one statement of a certificate's qcStatements (ETSI EN
// 319 412-5): its OID and, for those that have one, its info (QcType: the
// type OIDs, []asn1.ObjectIdentifier; QcCClegislation: the country codes,
// []string).
type QCStatement struct {
	ID   asn1.ObjectIdentifier
	Info any
}

// QCStatements returns the qcStatements extension (RFC 3739, not
// critical) of stmts, for a test certificate's ExtraExtensions.
func QCStatements(t testing.TB, stmts ...QCStatement) pkix.Extension {
	t.Helper()
	type withInfo struct {
		ID   asn1.ObjectIdentifier
		Info any
	}
	seq := make([]any, len(stmts))
	for i, s := range stmts {
		seq[i] = struct{ ID asn1.ObjectIdentifier }{s.ID}
		if s.Info != nil {
			seq[i] = withInfo(s)
		}
	}
	v, err := asn1.Marshal(seq)
	if err != nil {
		t.Fatal(err)
	}
	return pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}, Value: v}
}
