package mirror

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/keys"
)

// TestVerifyJWS: the JWS Sign makes verifies, for RSA (PKCS#1 v1.5 and
// PSS) and ECDSA, and returns its certificate; another payload, a changed
// signature or a certificate swapped in do not verify.
func TestVerifyJWS(t *testing.T) {
	payload := []byte(`{"LoTE":{}}`)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	pss, _ := keys.PSS(rk)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	for name, s := range map[string]crypto.Signer{"RS256": rk, "PS256": pss, "ES256": ek} {
		certKey := s
		if s == pss {
			certKey = rk // the certificate itself is signed PKCS#1 v1.5
		}
		cert := selfSigned(t, certKey)
		jws, err := Sign(payload, s, cert, issued)
		if err != nil {
			t.Fatal(err)
		}
		got, err := VerifyJWS(jws, payload)
		if err != nil || !got.Equal(cert) {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, err := VerifyJWS(jws, []byte(`{"LoTE":{"x":1}}`)); err == nil {
			t.Errorf("%s: another payload verifies", name)
		}
		parts := strings.Split(string(jws), ".")
		sig := []byte(parts[2])
		sig[5] ^= 1
		if _, err := VerifyJWS([]byte(parts[0]+"."+parts[1]+"."+string(sig)), payload); err == nil {
			t.Errorf("%s: a changed signature verifies", name)
		}
		// The same header and payload signed by another key.
		forged, _ := Sign(payload, other, selfSigned(t, other), issued)
		fp := strings.Split(string(forged), ".")
		if _, err := VerifyJWS([]byte(parts[0]+"."+parts[1]+"."+fp[2]), payload); err == nil {
			t.Errorf("%s: another key's signature verifies", name)
		}
	}
}
