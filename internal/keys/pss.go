package keys

import (
	"crypto"
	"crypto/rsa"
	"errors"
	"io"
)

// PSS returns a signer that signs with RSASSA-PSS (salt as long as the
// digest, MGF1 with the same digest: the parameters of RFC 6931's
// sha256-rsa-MGF1 and of JWS PS256) when asked for a plain digest, which
// is how the XAdES and JWS signers ask. Only RSA keys take it.
func PSS(s crypto.Signer) (crypto.Signer, error) {
	if _, ok := s.Public().(*rsa.PublicKey); !ok {
		return nil, errors.New("RSASSA-PSS needs an RSA key")
	}
	return pssSigner{s}, nil
}

type pssSigner struct{ crypto.Signer }

func (p pssSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if h, ok := opts.(crypto.Hash); ok {
		opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: h}
	}
	return p.Signer.Sign(r, digest, opts)
}

// UsesPSS reports whether s is an RSA signer made by PSS: the XAdES and
// JWS signers then name the PSS algorithms.
func UsesPSS(s crypto.Signer) bool {
	_, ok := s.(pssSigner)
	return ok
}
