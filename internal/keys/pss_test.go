package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"testing"
	"time"
)

// TestPSS: the PSS signer signs RSASSA-PSS (salt = digest length) when
// asked for a digest, is known as such, and refuses an ECDSA key.
func TestPSS(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	s, err := PSS(k)
	if err != nil || !UsesPSS(s) || UsesPSS(k) {
		t.Fatalf("PSS: %v, UsesPSS %v/%v", err, UsesPSS(s), UsesPSS(k))
	}
	d := sha256.Sum256([]byte("list"))
	sig, err := s.Sign(rand.Reader, d[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPSS(&k.PublicKey, crypto.SHA256, d[:], sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}); err != nil {
		t.Errorf("not an RSASSA-PSS signature with a digest-long salt: %v", err)
	}
	if rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, d[:], sig) == nil {
		t.Error("signed PKCS#1 v1.5")
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if _, err := PSS(ec); err == nil {
		t.Error("PSS accepts an ECDSA key")
	}
}

// TestSchemeWarning: an RSA PKCS#1 v1.5 signer whose certificate outlives
// 2029-01-01 is warned of; PSS, ECDSA and a shorter certificate are not.
func TestSchemeWarning(t *testing.T) {
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	late, early := PKCS1v15Sunset.Add(time.Hour), PKCS1v15Sunset
	for _, tt := range []struct {
		name     string
		pub      crypto.PublicKey
		notAfter time.Time
		pss      bool
		warn     bool
	}{
		{"RSA v1.5 past 2029", &rk.PublicKey, late, false, true},
		{"RSA v1.5 until 2029", &rk.PublicKey, early, false, false},
		{"RSA-PSS past 2029", &rk.PublicKey, late, true, false},
		{"ECDSA past 2029", &ek.PublicKey, late, false, false},
	} {
		c := &x509.Certificate{PublicKey: tt.pub, NotAfter: tt.notAfter}
		if w := SchemeWarning(c, tt.pss); (w != nil) != tt.warn {
			t.Errorf("%s: warning %v", tt.name, w)
		}
	}
}
