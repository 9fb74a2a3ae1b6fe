package jws

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Verify checks a compact JWS made by Sign: its payload is exactly
// payload, and its signature verifies with the certificate in x5c, under
// the algorithm that key and header name. It returns that certificate.
func Verify(jws, payload []byte) (*x509.Certificate, error) {
	got, cert, err := Open(jws)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(got, payload) {
		return nil, errors.New("the JWS signs another payload")
	}
	return cert, nil
}

// Open checks a compact JWS with an attached payload: its signature
// verifies with the certificate in x5c, under the algorithm that key and
// header name. It returns the payload and that certificate; whether the
// certificate is the one expected is the caller's to decide.
func Open(jws []byte) ([]byte, *x509.Certificate, error) {
	parts := strings.Split(string(jws), ".")
	if len(parts) != 3 {
		return nil, nil, errors.New("not a compact JWS (header.payload.signature)")
	}
	enc := base64.RawURLEncoding
	hb, err := enc.DecodeString(parts[0])
	if err != nil {
		return nil, nil, fmt.Errorf("JWS header: %w", err)
	}
	var h header
	if err := json.Unmarshal(hb, &h); err != nil {
		return nil, nil, fmt.Errorf("JWS header: %w", err)
	}
	payload, err := enc.DecodeString(parts[1])
	if err != nil {
		return nil, nil, fmt.Errorf("JWS payload: %w", err)
	}
	cert, err := verifyWith(&h, parts, enc)
	if err != nil {
		return nil, nil, err
	}
	return payload, cert, nil
}

// verifyWith checks the signature of parts with h's x5c certificate.
func verifyWith(h *header, parts []string, enc *base64.Encoding) (*x509.Certificate, error) {
	// RFC 7515 4.1.11: a critical parameter the reader does not know
	// makes the JWS invalid (b64=false would change what the payload
	// part means). sigT is the one this package writes and reads.
	for _, c := range h.Crit {
		if c != "sigT" {
			return nil, fmt.Errorf("JWS header: critical parameter %q is not understood", c)
		}
	}
	if len(h.X5c) == 0 {
		return nil, errors.New("JWS header has no x5c certificate")
	}
	der, err := base64.StdEncoding.DecodeString(h.X5c[0])
	if err != nil {
		return nil, fmt.Errorf("JWS x5c: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("JWS x5c: %w", err)
	}
	sig, err := enc.DecodeString(parts[2])
	if err != nil {
		return nil, fmt.Errorf("JWS signature: %w", err)
	}
	_, pss := cert.PublicKey.(*rsa.PublicKey)
	pss = pss && h.Alg == "PS256"
	alg, hash, err := jwsAlg(cert.PublicKey, pss)
	if err != nil {
		return nil, err
	}
	if alg != h.Alg {
		return nil, fmt.Errorf("JWS alg %q does not fit the x5c key (%s)", h.Alg, alg)
	}
	d := hash.New()
	d.Write([]byte(parts[0] + "." + parts[1]))
	digest := d.Sum(nil)
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		if pss {
			err = rsa.VerifyPSS(k, hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto, Hash: hash})
		} else {
			err = rsa.VerifyPKCS1v15(k, hash, digest, sig)
		}
	case *ecdsa.PublicKey:
		n := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*n || !ecdsa.Verify(k, digest, new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])) {
			err = errors.New("ECDSA signature does not verify")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("JWS signature does not verify with its x5c certificate: %w", err)
	}
	return cert, nil
}
