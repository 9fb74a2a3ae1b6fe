package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// An Algorithm is a key type NewKey makes.
type Algorithm string

// The key types of a new TLSO key: both are accepted by EU DSS and strong
// enough for a key used three years (TS 119 312). RSA PKCS#1 v1.5
// signatures are deterministic, which makes rebuilt lists byte-identical;
// ECDSA keys are small and fast.
const (
	RSA3072 Algorithm = "rsa-3072"
	ECP256  Algorithm = "ec-p256"
)

// NewKey makes a fresh private key of type alg.
func NewKey(alg Algorithm) (crypto.Signer, error) {
	switch alg {
	case RSA3072:
		return rsa.GenerateKey(rand.Reader, 3072)
	case ECP256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		return nil, fmt.Errorf("unknown key algorithm %q (want %s or %s)", alg, RSA3072, ECP256)
	}
}

// A Subject names the scheme operator in a TLSO certificate (TS 119 612
// clause 5.7.1): C is the scheme territory, O a SchemeOperatorName.
type Subject struct {
	Territory  string // subject C, e.g. "JP"
	Operator   string // subject O, the English SchemeOperatorName
	CommonName string // subject CN; empty means Operator
}

// Name returns the subject as an X.509 name, or an error when C is not a
// two-letter upper-case country code or O is empty.
func (s Subject) Name() (pkix.Name, error) {
	if len(s.Territory) != 2 || s.Territory[0] < 'A' || s.Territory[0] > 'Z' || s.Territory[1] < 'A' || s.Territory[1] > 'Z' {
		return pkix.Name{}, fmt.Errorf("territory %q is not a two-letter upper-case country code", s.Territory)
	}
	if s.Operator == "" {
		return pkix.Name{}, errors.New("no operator name for subject O")
	}
	cn := s.CommonName
	if cn == "" {
		cn = s.Operator
	}
	return pkix.Name{Country: []string{s.Territory}, Organization: []string{s.Operator}, CommonName: cn}, nil
}

// Extension OIDs of RFC 5280 section 4.2.1.
var (
	oidExtKeyUsage         = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidExtBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidExtExtKeyUsage      = asn1.ObjectIdentifier{2, 5, 29, 37}
)

// NewRequest makes a PKCS#10 certificate request (DER) for signer's key
// that asks for exactly the TLSO profile: subject C/O/CN, keyUsage
// digitalSignature+nonRepudiation (critical), extendedKeyUsage
// id-tsl-kp-tslSigning and basicConstraints CA:false.
func NewRequest(signer crypto.Signer, s Subject) ([]byte, error) {
	name, err := s.Name()
	if err != nil {
		return nil, err
	}
	// RFC 5280 4.2.1.3 bits 0 and 1; DER drops trailing zero bits.
	ku, err := asn1.Marshal(asn1.BitString{Bytes: []byte{0xc0}, BitLength: 2})
	if err != nil {
		return nil, err
	}
	eku, err := asn1.Marshal([]asn1.ObjectIdentifier{oidTSLSigning})
	if err != nil {
		return nil, err
	}
	bc, err := asn1.Marshal(struct {
		IsCA bool `asn1:"optional"`
	}{})
	if err != nil {
		return nil, err
	}
	tmpl := &x509.CertificateRequest{
		Subject: name,
		ExtraExtensions: []pkix.Extension{
			{Id: oidExtKeyUsage, Critical: true, Value: ku},
			{Id: oidExtExtKeyUsage, Value: eku},
			{Id: oidExtBasicConstraints, Critical: true, Value: bc},
		},
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, signer)
	if err != nil {
		return nil, fmt.Errorf("create certificate request: %w", err)
	}
	return der, nil
}

// NewSelfSigned makes a self-signed TLSO certificate for signer's key with
// exactly the profile of TS 119 612 clause 5.7.1: the request's subject
// and extensions plus subject and authority key identifiers, valid from
// notBefore to notAfter.
func NewSelfSigned(signer crypto.Signer, s Subject, notBefore, notAfter time.Time) (*x509.Certificate, error) {
	name, err := s.Name()
	if err != nil {
		return nil, err
	}
	if !notAfter.After(notBefore) {
		return nil, fmt.Errorf("validity ends (%s) before it starts (%s)", notAfter.UTC().Format(time.RFC3339), notBefore.UTC().Format(time.RFC3339))
	}
	if err := checkKeyType(signer.Public()); err != nil {
		return nil, err
	}
	ski, err := subjectKeyID(signer.Public())
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("make serial number: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial.Add(serial, big.NewInt(1)), // positive, never 0 (RFC 5280 4.1.2.2)
		Subject:               name,
		NotBefore:             notBefore.UTC().Truncate(time.Second),
		NotAfter:              notAfter.UTC().Truncate(time.Second),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidTSLSigning},
		BasicConstraintsValid: true,
		IsCA:                  false,
		SubjectKeyId:          ski,
		AuthorityKeyId:        ski, // self-signed: the issuer's key is this key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, signer.Public(), signer)
	if err != nil {
		return nil, fmt.Errorf("create certificate: %w", err)
	}
	return x509.ParseCertificate(der)
}

// subjectKeyID is the key identifier of RFC 5280 4.2.1.2 method (1): the
// SHA-1 hash of the subjectPublicKey bits. SHA-1 here names a key; it
// protects nothing.
func subjectKeyID(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("marshal public key: %w", err)
	}
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &spki); err != nil {
		return nil, fmt.Errorf("parse public key: %w", err)
	}
	sum := sha1.Sum(spki.PublicKey.RightAlign())
	return sum[:], nil
}
