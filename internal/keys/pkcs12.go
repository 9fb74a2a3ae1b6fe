package keys

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"software.sslmate.com/src/go-pkcs12"
)

// LoadPKCS12 reads a key and its certificate (and any further
// certificates, which become Chain) from a PKCS#12 file. Both the legacy
// encryption (RC2 or 3DES with SHA-1, what older tools and many CAs still
// write) and the modern one (PBES2 with AES-256 and PBKDF2) are read.
// The password comes from the caller and never appears in an error.
func LoadPKCS12(file, password string) (*Key, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read PKCS#12: %w", err)
	}
	priv, cert, rest, err := pkcs12.DecodeChain(data, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, fmt.Errorf("PKCS#12 %s: wrong password", file)
	}
	if err != nil {
		return nil, fmt.Errorf("PKCS#12 %s: %w", file, err)
	}
	signer, err := signerOf(priv)
	if err != nil {
		return nil, fmt.Errorf("PKCS#12 %s: %w", file, err)
	}
	// DecodeChain takes the first certificate bag as the leaf; find the one
	// that really holds the key, as files with the CA first exist.
	leaf, chain, err := pickLeaf(signer.Public(), append([]*x509.Certificate{cert}, rest...))
	if err != nil {
		return nil, fmt.Errorf("PKCS#12 %s: %w", file, err)
	}
	return &Key{Signer: signer, Cert: leaf, Chain: chain}, nil
}
