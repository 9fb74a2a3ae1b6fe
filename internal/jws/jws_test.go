package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestOpenRefusesUnknownCrit: Open returns the payload and signer of a
// JWS Sign made, and refuses one whose header names a critical parameter
// it does not understand, even correctly signed (b64=false would change
// what the payload part means).
func TestOpenRefusesUnknownCrit(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "s"}, NotBefore: at, NotAfter: at.AddDate(1, 0, 0)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	cert, _ := x509.ParseCertificate(der)
	payload := []byte(`{"LoTE":{}}`)
	signed, err := Sign(payload, k, cert, at)
	if err != nil {
		t.Fatal(err)
	}
	got, c, err := Open(signed)
	if err != nil || string(got) != string(payload) || !c.Equal(cert) {
		t.Fatalf("Open: %q %v", got, err)
	}
	// The same header with crit ["b64"], signed again by the same key.
	h := header{Alg: "ES256", X5c: []string{base64.StdEncoding.EncodeToString(der)}, Crit: []string{"b64"}}
	forged := signWithHeader(t, h, payload, k)
	if _, _, err := Open(forged); err == nil || !strings.Contains(err.Error(), "not understood") {
		t.Errorf("a JWS with an unknown critical parameter opens: %v", err)
	}
}

func signWithHeader(t *testing.T, h header, payload []byte, k *ecdsa.PrivateKey) []byte {
	b, err := signWith(h, payload, k, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
