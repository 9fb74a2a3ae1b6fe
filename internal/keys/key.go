package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
)

// A Key is a trusted-list signing key: the signer, its certificate (the
// TLSO certificate of TS 119 612 clause 5.7.1) and any further
// certificates that came with it. Close releases a token session; call it
// when done signing.
type Key struct {
	// Signer signs digests. RSA keys sign PKCS#1 v1.5 when the options are a
	// crypto.Hash (XML-DSig rsa-sha256); ECDSA keys return an ASN.1 DER
	// signature.
	Signer crypto.Signer
	// Cert is the signing certificate; its public key is Signer's.
	Cert *x509.Certificate
	// Chain holds the other certificates of the file or token (CA
	// certificates), leaf excluded. A trusted list's KeyInfo must not carry
	// them (5.7.1), but a caller may want to show them.
	Chain []*x509.Certificate

	close func() error
}

// Close releases what the key holds open (a PKCS#11 session). It is safe to
// call more than once and on a nil Key.
func (k *Key) Close() error {
	if k == nil || k.close == nil {
		return nil
	}
	c := k.close
	k.close = nil
	return c()
}

// errUnsupportedKey says which key types a trusted list may be signed with.
var errUnsupportedKey = errors.New("a trusted list is signed with RSA or ECDSA (TS 119 612 annex B; EU DSS refuses other algorithms)")

// checkKeyType accepts the key types XAdES-signed trusted lists use.
func checkKeyType(pub crypto.PublicKey) error {
	switch pub.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey:
		return nil
	case ed25519.PublicKey:
		return fmt.Errorf("unsupported key type Ed25519: %w", errUnsupportedKey)
	default:
		return fmt.Errorf("unsupported key type %T: %w", pub, errUnsupportedKey)
	}
}

// samePublicKey reports whether a and b are the same public key.
func samePublicKey(a, b crypto.PublicKey) bool {
	e, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && e.Equal(b)
}

// pickLeaf finds among certs the one certifying pub and returns it with the
// others. The order of a file is not trusted: some tools write the CA first.
func pickLeaf(pub crypto.PublicKey, certs []*x509.Certificate) (*x509.Certificate, []*x509.Certificate, error) {
	for i, c := range certs {
		if samePublicKey(pub, c.PublicKey) {
			rest := make([]*x509.Certificate, 0, len(certs)-1)
			rest = append(rest, certs[:i]...)
			rest = append(rest, certs[i+1:]...)
			return c, rest, nil
		}
	}
	if len(certs) == 1 {
		return nil, nil, fmt.Errorf("private key does not match the certificate (subject %q)", certs[0].Subject.String())
	}
	return nil, nil, fmt.Errorf("private key matches none of the %d certificates", len(certs))
}
