package keys

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// LoadPEM reads a private key (PKCS#8, PKCS#1 or SEC1 PEM) and its
// certificate (PEM; further certificates in the file become Chain). A key
// that matches no certificate of certFile is an error.
func LoadPEM(keyFile, certFile string) (*Key, error) {
	kb, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("read key: %w", err)
	}
	signer, err := parsePrivateKeyPEM(kb)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", keyFile, err)
	}
	cb, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("read certificate: %w", err)
	}
	certs, err := parseCertificatesPEM(cb)
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %w", certFile, err)
	}
	leaf, chain, err := pickLeaf(signer.Public(), certs)
	if err != nil {
		return nil, fmt.Errorf("key %s and certificate %s: %w", keyFile, certFile, err)
	}
	return &Key{Signer: signer, Cert: leaf, Chain: chain}, nil
}

// parsePrivateKeyPEM decodes the first private-key block of data. The
// error never quotes the key bytes.
func parsePrivateKeyPEM(data []byte) (crypto.Signer, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.New("no PEM private key found (want PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)")
		}
		var (
			k   any
			err error
		)
		switch b.Type {
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			k, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			k, err = x509.ParseECPrivateKey(b.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New("encrypted PEM keys are not supported: use a PKCS#12 file or a PKCS#11 token")
		default:
			continue // EC PARAMETERS, CERTIFICATE … may come first
		}
		if _, legacy := b.Headers["DEK-Info"]; legacy {
			return nil, errors.New("encrypted PEM keys are not supported: use a PKCS#12 file or a PKCS#11 token")
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", b.Type, err)
		}
		return signerOf(k)
	}
}

// signerOf accepts the private key types a trusted list is signed with.
func signerOf(k any) (crypto.Signer, error) {
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("unsupported key type %T: %w", k, errUnsupportedKey)
	}
	if err := checkKeyType(s.Public()); err != nil {
		return nil, err
	}
	return s, nil
}

// errNoPEM: data holds no CERTIFICATE block.
var errNoPEM = errors.New("no PEM CERTIFICATE found")

// parseCertificatesPEM decodes every CERTIFICATE block of data.
func parseCertificatesPEM(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate %d: %w", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errNoPEM
	}
	return certs, nil
}

// ReadCertificates reads every CERTIFICATE block of each PEM file (pins,
// chains, trust anchors); a file without one is an error naming it.
func ReadCertificates(files ...string) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read certificate: %w", err)
		}
		certs, err := parseCertificatesPEM(b)
		if errors.Is(err, errNoPEM) {
			return nil, fmt.Errorf("%s: no PEM certificate (-----BEGIN CERTIFICATE-----)", f)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, certs...)
	}
	return out, nil
}

// ReadCertificate reads the first certificate of a PEM file (or a DER file).
func ReadCertificate(file string) (*x509.Certificate, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read certificate: %w", err)
	}
	c, err := parseCertificate(b)
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %w", file, err)
	}
	return c, nil
}

// parseCertificate returns the first PEM certificate of b, or b as DER.
func parseCertificate(b []byte) (*x509.Certificate, error) {
	certs, err := parseCertificatesPEM(b)
	if err != nil {
		c, derErr := x509.ParseCertificate(b)
		if derErr != nil {
			return nil, err
		}
		return c, nil
	}
	return certs[0], nil
}

// CertificateDER returns the DER of a certificate file of the sources:
// exactly one PEM CERTIFICATE block, or DER as is (.cer and .crt files
// often are). Its error says what is wrong, phrased to follow the file's
// name ("is not a PEM certificate: …").
func CertificateDER(data []byte) ([]byte, error) {
	begin := bytes.Index(data, []byte("-----BEGIN "))
	if begin < 0 {
		// No PEM armour: DER, which starts with a SEQUENCE.
		if len(data) > 0 && data[0] == 0x30 {
			return data, nil
		}
		return nil, errors.New("is neither a PEM certificate (no -----BEGIN CERTIFICATE----- line) nor a DER one")
	}
	blk, rest := pem.Decode(data)
	if blk == nil {
		return nil, errors.New("is not a PEM certificate: its -----BEGIN block does not decode (the body is not base64, or the -----END line is missing or different); export the certificate again")
	}
	if blk.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("is not a PEM certificate: it holds a %s block (want -----BEGIN CERTIFICATE-----)", blk.Type)
	}
	if bytes.Contains(rest, []byte("-----BEGIN ")) {
		return nil, errors.New("holds more than one PEM block: one certificate per file")
	}
	return blk.Bytes, nil
}
