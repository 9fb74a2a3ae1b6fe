package keys

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// FuzzCertificatesPEM: reading a certificate file a user names (--cert,
// the signer's chain) never panics; each certificate it returns parsed.
func FuzzCertificatesPEM(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("testdata", "*.crt"),
		filepath.Join(testtool.Root(), "sources", "certs", "*.pem"),
		filepath.Join(testtool.Shared(), "tools", "samples", "*.pem"),
	} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
				if blk, _ := pem.Decode(b); blk != nil {
					f.Add(blk.Bytes)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		certs, err := parseCertificatesPEM(data)
		if (err == nil) != (len(certs) > 0) {
			t.Fatalf("%d certificates and %v", len(certs), err)
		}
		for _, c := range certs {
			if c == nil || len(c.Raw) == 0 {
				t.Fatal("an empty certificate")
			}
		}
		if c, err := parseCertificate(data); (err == nil) != (c != nil) {
			t.Fatalf("certificate %v and %v", c, err)
		}
	})
}
