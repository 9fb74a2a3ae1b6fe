package trust

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
)

// parseServiceCert reads a listed service certificate. crypto/x509 refuses
// a few that EU DSS loads as trust anchors (an RSA key whose algorithm
// identifier lacks its NULL parameters, a PrintableString with a character
// outside its set, a BasicConstraints encoded against DER); for those it
// falls back to what covers needs of an issuer: the raw names, the public
// key and the subject key identifier. The list holding the certificate is
// signed and pinned, and a certificate it issued is still checked with its
// key, so the leniency only concerns the encoding.
func parseServiceCert(der []byte) (*x509.Certificate, error) {
	c, err := x509.ParseCertificate(der)
	if err == nil {
		return c, nil
	}
	if l, lerr := parseLenient(der); lerr == nil {
		return l, nil
	}
	return nil, err
}

// The structure of a certificate (RFC 5280 4.1), each field read as it is.
type lenientCert struct {
	TBS    asn1.RawValue
	SigAlg asn1.RawValue
	Sig    asn1.RawValue
}

type lenientTBS struct {
	Version   asn1.RawValue `asn1:"optional,explicit,tag:0"`
	Serial    asn1.RawValue
	SigAlg    asn1.RawValue
	Issuer    asn1.RawValue
	Validity  asn1.RawValue
	Subject   asn1.RawValue
	SPKI      asn1.RawValue
	IssuerID  asn1.RawValue   `asn1:"optional,tag:1"`
	SubjectID asn1.RawValue   `asn1:"optional,tag:2"`
	Exts      []asn1.RawValue `asn1:"optional,explicit,tag:3"`
}

type spkiFields struct {
	Algorithm struct {
		OID    asn1.ObjectIdentifier
		Params asn1.RawValue `asn1:"optional"`
	}
	Key asn1.BitString
}

var (
	oidRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSKI = asn1.ObjectIdentifier{2, 5, 29, 14}
)

// parseLenient reads the fields of a certificate that identify an issuer,
// checking only their structure.
func parseLenient(der []byte) (*x509.Certificate, error) {
	var cert lenientCert
	var tbs lenientTBS
	if rest, err := asn1.Unmarshal(der, &cert); err != nil || len(rest) > 0 {
		return nil, errors.New("malformed certificate")
	}
	if rest, err := asn1.Unmarshal(cert.TBS.FullBytes, &tbs); err != nil || len(rest) > 0 {
		return nil, errors.New("malformed tbsCertificate")
	}
	key, err := parseKey(tbs.SPKI.FullBytes)
	if err != nil {
		return nil, err
	}
	c := &x509.Certificate{Raw: der, RawTBSCertificate: cert.TBS.FullBytes, RawIssuer: tbs.Issuer.FullBytes,
		RawSubject: tbs.Subject.FullBytes, RawSubjectPublicKeyInfo: tbs.SPKI.FullBytes, PublicKey: key}
	switch key.(type) {
	case *rsa.PublicKey:
		c.PublicKeyAlgorithm = x509.RSA
	case *ecdsa.PublicKey:
		c.PublicKeyAlgorithm = x509.ECDSA
	case ed25519.PublicKey:
		c.PublicKeyAlgorithm = x509.Ed25519
	default:
		return nil, fmt.Errorf("unsupported public key %T", key)
	}
	for _, e := range tbs.Exts {
		if ski := subjectKeyID(e.Bytes); ski != nil {
			c.SubjectKeyId = ski
		}
	}
	return c, nil
}

// parseKey reads a SubjectPublicKeyInfo, adding the NULL parameters an
// RSA algorithm identifier must have when they are missing.
func parseKey(spki []byte) (any, error) {
	if k, err := x509.ParsePKIXPublicKey(spki); err == nil {
		return k, nil
	}
	var f spkiFields
	if rest, err := asn1.Unmarshal(spki, &f); err != nil || len(rest) > 0 || !f.Algorithm.OID.Equal(oidRSA) || len(f.Algorithm.Params.FullBytes) > 0 {
		return nil, errors.New("unreadable public key")
	}
	f.Algorithm.Params = asn1.NullRawValue
	fixed, err := asn1.Marshal(f)
	if err != nil {
		return nil, err
	}
	return x509.ParsePKIXPublicKey(fixed)
}

// subjectKeyID returns the key identifier of an extension's content (RFC
// 5280 4.1: extnID, critical DEFAULT FALSE, extnValue), or nil when it is
// not a readable SubjectKeyIdentifier.
func subjectKeyID(ext []byte) []byte {
	var id asn1.ObjectIdentifier
	rest, err := asn1.Unmarshal(ext, &id)
	if err != nil || !id.Equal(oidSKI) {
		return nil
	}
	var v asn1.RawValue
	if rest, err = asn1.Unmarshal(rest, &v); err == nil && v.Tag == asn1.TagBoolean {
		_, err = asn1.Unmarshal(rest, &v)
	}
	var ski []byte
	if err != nil || v.Tag != asn1.TagOctetString {
		return nil
	}
	if _, err := asn1.Unmarshal(v.Bytes, &ski); err != nil {
		return nil
	}
	return ski
}
