// Package keystest gives other packages' tests signing keys without files
// or tokens: in-memory RSA and ECDSA keys with a self-signed certificate
// that passes the TLSO profile of ETSI TS 119 612 clause 5.7.1 for
// Territory and Operator. Keys are made once per test binary and shared,
// so tests stay fast (an RSA-3072 key takes about a second to make).
package keystest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
)

// The subject of every keystest certificate.
const (
	Territory = "JP"
	Operator  = "jtsl Test Scheme Operator"
)

// The validity of every keystest certificate: wide, so that any issue time
// a test picks is covered.
var (
	NotBefore = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	NotAfter  = time.Date(2099, 12, 31, 23, 59, 59, 0, time.UTC)
)

// Profile is a keys.Profile that keystest certificates pass.
func Profile(issue, nextUpdate time.Time) keys.Profile {
	return keys.Profile{Territory: Territory, OperatorNames: []string{Operator}, IssueTime: issue, NextUpdate: nextUpdate}
}

var (
	mu    sync.Mutex
	cache = map[string]*keys.Key{}
)

// RSA returns an RSA key of the given size with its certificate. Sizes
// below 3072 make a certificate that fails the profile's key check, which
// is what a test of that check wants.
func RSA(t testing.TB, bits int) *keys.Key {
	t.Helper()
	return cached(t, fmt.Sprintf("rsa-%d", bits), func() (crypto.Signer, error) {
		return rsa.GenerateKey(rand.Reader, bits)
	})
}

// EC returns an ECDSA key on curve (elliptic.P256() …) with its certificate.
func EC(t testing.TB, curve elliptic.Curve) *keys.Key {
	t.Helper()
	return cached(t, "ec-"+curve.Params().Name, func() (crypto.Signer, error) {
		return ecdsa.GenerateKey(curve, rand.Reader)
	})
}

func cached(t testing.TB, name string, gen func() (crypto.Signer, error)) *keys.Key {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if k, ok := cache[name]; ok {
		c := *k
		return &c
	}
	s, err := gen()
	if err != nil {
		t.Fatalf("keystest: generate %s key: %v", name, err)
	}
	cert, err := keys.NewSelfSigned(s, keys.Subject{Territory: Territory, Operator: Operator, CommonName: "keystest " + name}, NotBefore, NotAfter)
	if err != nil {
		t.Fatalf("keystest: certificate for %s key: %v", name, err)
	}
	k := &keys.Key{Signer: s, Cert: cert}
	cache[name] = k
	c := *k
	return &c
}

// Cert returns a key like k with a new self-signed certificate made from
// a TLSO-profile template that edit may change first (subject, key usage,
// validity …), for tests of what a bad signer certificate does.
func Cert(t testing.TB, k *keys.Key, edit func(tmpl *x509.Certificate)) *keys.Key {
	t.Helper()
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		t.Fatalf("keystest: serial number: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial.Add(serial, big.NewInt(1)),
		Subject:               k.Cert.Subject,
		NotBefore:             k.Cert.NotBefore,
		NotAfter:              k.Cert.NotAfter,
		KeyUsage:              k.Cert.KeyUsage,
		ExtKeyUsage:           k.Cert.ExtKeyUsage,
		UnknownExtKeyUsage:    k.Cert.UnknownExtKeyUsage,
		BasicConstraintsValid: k.Cert.BasicConstraintsValid,
		IsCA:                  k.Cert.IsCA,
		SubjectKeyId:          k.Cert.SubjectKeyId,
		AuthorityKeyId:        k.Cert.AuthorityKeyId,
	}
	if edit != nil {
		edit(tmpl)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Signer.Public(), k.Signer)
	if err != nil {
		t.Fatalf("keystest: create certificate: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("keystest: parse certificate: %v", err)
	}
	return &keys.Key{Signer: k.Signer, Cert: cert}
}
