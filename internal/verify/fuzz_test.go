package verify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// FuzzVerify: no input makes verification panic or hang; a valid verdict
// needs every check to pass.
func FuzzVerify(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join(testtool.Shared(), "tools", "samples", "sample-tl-unsigned.xml")); err == nil {
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fuzz"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
		der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
		cert, _ := x509.ParseCertificate(der)
		if d, err := xmldoc.ParseBytes(data, xmldoc.Limits{}); err == nil && xades.Sign(d.Document, k, cert, xades.SignOptions{SigningTime: time.Now()}) == nil {
			if b, err := d.WriteToBytes(); err == nil {
				f.Add(b)
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(testtool.Shared(), "corpus", "tl", "MT_v4_seq13_2015-06-01.xml")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Check(data, Options{File: "fuzz.xml", At: time.Now(), Limits: xmldoc.Limits{MaxBytes: 4 << 20}})
		if r.Valid && r.Checks.Failed() {
			t.Fatal("valid with a failed check")
		}
	})
}
