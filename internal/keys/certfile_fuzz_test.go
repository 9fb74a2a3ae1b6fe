package keys

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// certSeeds returns real certificates as the sources hold them: the
// sample's PEM files, their DER, and a few service certificates of each
// list of the corpus (what a person copies from another list), DER and
// PEM.
func certSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob(filepath.Join(testtool.Root(), "sources", "certs", "*"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		out = append(out, b)
		if blk, _ := pem.Decode(b); blk != nil {
			out = append(out, blk.Bytes)
		}
	}
	x509Cert := regexp.MustCompile(`<(?:\w+:)?X509Certificate>([A-Za-z0-9+/=\s]+)</`)
	lists, _ := filepath.Glob(filepath.Join(testtool.Shared(), "corpus", "tl", "*.xml"))
	for _, p := range lists {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, m := range x509Cert.FindAllSubmatch(b, 3) {
			der, err := base64.StdEncoding.DecodeString(string(bytes.Join(bytes.Fields(m[1]), nil)))
			if err != nil {
				continue
			}
			out = append(out, der, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
		}
	}
	return out
}

// FuzzCertificate: the reading of a certificate file of the sources
// (CertificateDER: PEM or DER) never panics; what it accepts is one certificate, and reading
// that certificate's PEM again gives the same bytes.
func FuzzCertificate(f *testing.F) {
	for _, s := range certSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nthis is not base64!\n-----END CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		der, err := CertificateDER(data)
		if err != nil {
			if der != nil {
				t.Fatalf("refused (%v) with bytes", err)
			}
			return
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return // reported as a malformed certificate
		}
		again, err := CertificateDER(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
		if err != nil || !bytes.Equal(again, c.Raw) {
			t.Fatalf("the certificate's own PEM reads as %v, %x", err, again)
		}
		_ = c.Subject.String() // the identity's subject name
	})
}
