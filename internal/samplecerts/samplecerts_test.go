package samplecerts

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestCommittedFiles: the generated files in sources/certs are exactly
// what Files makes, so anyone can regenerate them (and tests can derive
// their keys).
func TestCommittedFiles(t *testing.T) {
	for _, c := range []struct {
		dir   string
		files func() (map[string][]byte, error)
	}{{"sources/certs", Files}, {"sources/lote/certs", LoTEFiles}} {
		files, err := c.files()
		if err != nil {
			t.Fatal(err)
		}
		again, err := c.files()
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			if !bytes.Equal(b, again[name]) {
				t.Errorf("%s: two runs differ", name)
			}
			got, err := os.ReadFile(filepath.Join(testtool.Root(), filepath.FromSlash(c.dir), name))
			if err != nil || !bytes.Equal(got, b) {
				t.Errorf("%s/%s is not what go run ./scripts/samplecerts writes (%v)", c.dir, name, err)
			}
		}
	}
}

// TestKeysAndIssuers: each certificate holds the key Key derives, and is
// signed by its issuer's.
func TestKeysAndIssuers(t *testing.T) {
	for _, s := range append(Specs[:len(Specs):len(Specs)], LoTESpecs...) {
		der, err := Certificate(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		if !Key(s.Name).PublicKey.Equal(c.PublicKey) {
			t.Errorf("%s: certificate key is not Key(%q)", s.Name, s.Name)
		}
		issuer := s.Name
		if s.Issuer != "" {
			issuer = s.Issuer
		}
		ider, _ := Certificate(issuer)
		ic, _ := x509.ParseCertificate(ider)
		if err := c.CheckSignatureFrom(ic); err != nil {
			t.Errorf("%s: not signed by %s: %v", s.Name, issuer, err)
		}
	}
	if b, _ := pem.Decode(mustFiles(t)[PublicKeyFile]); b == nil || b.Type != "PUBLIC KEY" {
		t.Errorf("%s is not a PEM public key", PublicKeyFile)
	}
}

func mustFiles(t *testing.T) map[string][]byte {
	f, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	return f
}
