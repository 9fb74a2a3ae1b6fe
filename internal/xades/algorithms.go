package xades

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"

	"github.com/jtsl/jtsl/internal/model"
)

var digestAlgs = map[string]crypto.Hash{
	model.AlgSHA1: crypto.SHA1, model.AlgSHA224: crypto.SHA224, model.AlgSHA256: crypto.SHA256,
	model.AlgSHA384: crypto.SHA384, model.AlgSHA512: crypto.SHA512,
}

func digestURI(h crypto.Hash) string {
	for u, x := range digestAlgs {
		if x == h {
			return u
		}
	}
	return ""
}

type sigAlg struct {
	hash crypto.Hash
	kind string // rsa, rsa-pss, ecdsa
}

var signatureAlgs = map[string]sigAlg{
	model.AlgRSASHA1: {crypto.SHA1, "rsa"}, model.AlgRSASHA256: {crypto.SHA256, "rsa"},
	model.AlgRSASHA384: {crypto.SHA384, "rsa"}, model.AlgRSASHA512: {crypto.SHA512, "rsa"},
	model.AlgRSAPSSSHA256: {crypto.SHA256, "rsa-pss"}, model.AlgRSAPSSSHA384: {crypto.SHA384, "rsa-pss"},
	model.AlgRSAPSSSHA512: {crypto.SHA512, "rsa-pss"},
	model.AlgECDSASHA1:    {crypto.SHA1, "ecdsa"}, model.AlgECDSASHA256: {crypto.SHA256, "ecdsa"},
	model.AlgECDSASHA384: {crypto.SHA384, "ecdsa"}, model.AlgECDSASHA512: {crypto.SHA512, "ecdsa"},
}

// signatureMethod picks the XML-DSig signature algorithm for a key: the
// digest follows the key size (TS 119 312), EdDSA is refused (DSS R16).
func signatureMethod(pub crypto.PublicKey, h crypto.Hash, pss bool) (string, crypto.Hash, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if h == 0 {
			h = crypto.SHA256
		}
		kind := "rsa"
		if pss {
			kind = "rsa-pss"
		}
		for u, a := range signatureAlgs {
			if a.kind == kind && a.hash == h {
				return u, h, nil
			}
		}
		return "", 0, fmt.Errorf("unsupported digest %v for RSA", h)
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			h = crypto.SHA256
		case elliptic.P384():
			h = crypto.SHA384
		case elliptic.P521():
			h = crypto.SHA512
		default:
			return "", 0, errors.New("unsupported elliptic curve (use P-256, P-384 or P-521)")
		}
		for u, a := range signatureAlgs {
			if a.kind == "ecdsa" && a.hash == h {
				return u, h, nil
			}
		}
	}
	return "", 0, fmt.Errorf("unsupported key type %T: trusted lists are signed with RSA or ECDSA (EU DSS rejects EdDSA)", pub)
}

// ecdsaRawFromDER converts an ASN.1 ECDSA signature to the fixed-width
// r‖s form of XML-DSig 1.1 (RFC 4050).
func ecdsaRawFromDER(der []byte, curve elliptic.Curve) ([]byte, error) {
	var sig struct{ R, S *big.Int }
	if rest, err := asn1.Unmarshal(der, &sig); err != nil || len(rest) > 0 {
		return nil, errors.New("malformed ECDSA signature from the key")
	}
	n := (curve.Params().BitSize + 7) / 8
	out := make([]byte, 2*n)
	sig.R.FillBytes(out[:n])
	sig.S.FillBytes(out[n:])
	return out, nil
}

// verifySignature checks a SignatureValue over digest with the
// certificate's key.
func verifySignature(cert *x509.Certificate, alg sigAlg, digest, value []byte) error {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		switch alg.kind {
		case "rsa":
			return rsa.VerifyPKCS1v15(k, alg.hash, digest, value)
		case "rsa-pss":
			return rsa.VerifyPSS(k, alg.hash, digest, value, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
		}
	case *brainpoolKey:
		n := len(value) / 2
		if alg.kind != "ecdsa" || len(value)%2 != 0 || n == 0 {
			break
		}
		if !k.verify(digest, new(big.Int).SetBytes(value[:n]), new(big.Int).SetBytes(value[n:])) {
			return errors.New("ECDSA (" + k.curve.name + ") signature does not verify")
		}
		return nil
	case *ecdsa.PublicKey:
		if alg.kind != "ecdsa" {
			break
		}
		n := len(value) / 2
		if len(value)%2 != 0 || n == 0 {
			return errors.New("ECDSA signature value is not r‖s")
		}
		r, s := new(big.Int).SetBytes(value[:n]), new(big.Int).SetBytes(value[n:])
		if !ecdsa.Verify(k, digest, r, s) {
			return errors.New("ECDSA signature does not verify")
		}
		return nil
	}
	return fmt.Errorf("signature method %s does not match the %T key", alg.kind, cert.PublicKey)
}
