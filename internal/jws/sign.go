package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
)

// header is the JAdES-B-B protected header, in a fixed member order.
type header struct {
	Alg     string   `json:"alg"`
	Typ     string   `json:"typ"`
	Cty     string   `json:"cty"`
	X5c     []string `json:"x5c"`
	X5tS256 string   `json:"x5t#S256"`
	SigT    string   `json:"sigT"`
	Crit    []string `json:"crit"`
}

// Sign returns the compact JWS (JAdES-B-B, ETSI TS 119 182-1) of payload,
// signed with any crypto.Signer (a file key or an HSM): x5c holds the
// signer certificate, sigT the signing time (critical, as JAdES requires),
// and an ECDSA signature is r‖s as RFC 7518 says.
func Sign(payload []byte, signer crypto.Signer, cert *x509.Certificate, signingTime time.Time) ([]byte, error) {
	alg, hash, err := jwsAlg(signer.Public(), keys.UsesPSS(signer))
	if err != nil {
		return nil, err
	}
	thumb := sha256.Sum256(cert.Raw)
	h := header{
		Alg: alg, Typ: "jose", Cty: "json",
		X5c:     []string{base64.StdEncoding.EncodeToString(cert.Raw)},
		X5tS256: base64.RawURLEncoding.EncodeToString(thumb[:]),
		SigT:    signingTime.UTC().Format(model.TimeLayout), Crit: []string{"sigT"},
	}
	return signWith(h, payload, signer, hash)
}

// signWith signs payload under header h with the hash alg names.
func signWith(h header, payload []byte, signer crypto.Signer, hash crypto.Hash) ([]byte, error) {
	hj, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	// One buffer for header.payload.signature, sized for the largest
	// signature (RSA or ECDSA DER), so a list-sized payload is encoded once
	// and not copied again by string concatenation.
	enc := base64.RawURLEncoding
	const maxSig = 1024
	out := make([]byte, 0, enc.EncodedLen(len(hj))+1+enc.EncodedLen(len(payload))+1+enc.EncodedLen(maxSig))
	out = enc.AppendEncode(out, hj)
	out = append(out, '.')
	out = enc.AppendEncode(out, payload)
	d := hash.New()
	d.Write(out)
	sig, err := signer.Sign(rand.Reader, d.Sum(nil), hash)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if k, ok := signer.Public().(*ecdsa.PublicKey); ok {
		var rs struct{ R, S *big.Int }
		if _, err := asn1.Unmarshal(sig, &rs); err != nil {
			return nil, errors.New("malformed ECDSA signature from the key")
		}
		n := (k.Curve.Params().BitSize + 7) / 8
		raw := make([]byte, 2*n)
		rs.R.FillBytes(raw[:n])
		rs.S.FillBytes(raw[n:])
		sig = raw
	}
	out = append(out, '.')
	return enc.AppendEncode(out, sig), nil
}

func jwsAlg(pub crypto.PublicKey, pss bool) (string, crypto.Hash, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if pss {
			return "PS256", crypto.SHA256, nil
		}
		return "RS256", crypto.SHA256, nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ES256", crypto.SHA256, nil
		case elliptic.P384():
			return "ES384", crypto.SHA384, nil
		case elliptic.P521():
			return "ES512", crypto.SHA512, nil
		}
	}
	return "", 0, fmt.Errorf("unsupported key %T for a JWS", pub)
}
