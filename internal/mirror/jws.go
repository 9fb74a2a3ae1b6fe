package mirror

import (
	"crypto"
	"crypto/x509"
	"time"

	"github.com/jtsl/jtsl/internal/jws"
)

// Sign returns the compact JWS (JAdES-B-B) of a mirror: jws.Sign.
func Sign(payload []byte, signer crypto.Signer, cert *x509.Certificate, signingTime time.Time) ([]byte, error) {
	return jws.Sign(payload, signer, cert, signingTime)
}

// VerifyJWS checks that jwsBytes signs exactly payload: jws.Verify.
func VerifyJWS(jwsBytes, payload []byte) (*x509.Certificate, error) {
	return jws.Verify(jwsBytes, payload)
}
