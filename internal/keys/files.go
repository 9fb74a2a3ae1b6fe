package keys

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"github.com/jtsl/jtsl/internal/safefile"
	"os"
	"path/filepath"
)

// The files of a key folder, as `jtsl keys new` and DevKey write them.
const (
	KeyFile     = "key.pem"     // PKCS#8 private key, mode 0600
	RequestFile = "request.csr" // PKCS#10 certificate request
	CertFile    = "cert.pem"    // self-signed certificate
)

// onToken reports a signer whose private key stays on a token: there is
// no key file to write.
func onToken(s crypto.Signer) bool {
	_, ok := s.(interface{ onToken() })
	return ok
}

// WriteFiles writes signer's key (KeyFile, readable by the owner only;
// none for a key on a token) and,
// when given, the request (RequestFile) and certificate (CertFile) into
// dir, creating dir (0700) if needed. It never replaces a file: a key
// written over by mistake cannot be got back.
func WriteFiles(dir string, signer crypto.Signer, csr []byte, cert *x509.Certificate) error {
	type file struct {
		name string
		mode os.FileMode
		b    *pem.Block
	}
	var files []file
	if !onToken(signer) {
		der, err := x509.MarshalPKCS8PrivateKey(signer)
		if err != nil {
			return fmt.Errorf("marshal private key: %w", err)
		}
		files = append(files, file{KeyFile, 0o600, &pem.Block{Type: "PRIVATE KEY", Bytes: der}})
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create key folder: %w", err)
	}
	if csr != nil {
		files = append(files, file{RequestFile, 0o644, &pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr}})
	}
	if cert != nil {
		files = append(files, file{CertFile, 0o644, &pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}})
	}
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, f.name)); err == nil {
			return fmt.Errorf("%s exists: refusing to replace it", filepath.Join(dir, f.name))
		}
	}
	for _, f := range files {
		if err := safefile.Create(filepath.Join(dir, f.name), pem.EncodeToMemory(f.b), f.mode); err != nil {
			return err
		}
	}
	return nil
}
