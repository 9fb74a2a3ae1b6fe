package keys_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/keys/keystest"
)

const fixturePass = "fixture-pass-5521"

// signVerify signs a SHA-256 digest as XAdES does and verifies it with the
// key's certificate: PKCS#1 v1.5 for RSA, ASN.1 DER for ECDSA.
func signVerify(t *testing.T, k *keys.Key) {
	t.Helper()
	digest := sha256.Sum256([]byte("ListIssueDateTime 2026-07-01T00:00:00Z"))
	sig, err := k.Signer.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	switch pub := k.Cert.PublicKey.(type) {
	case *rsa.PublicKey:
		err = rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig)
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, digest[:], sig) {
			err = errBadSig
		}
	default:
		t.Fatalf("certificate key %T", pub)
	}
	if err != nil {
		t.Fatalf("verify with the certificate: %v", err)
	}
}

type sigError struct{}

func (sigError) Error() string { return "ECDSA signature does not verify" }

var errBadSig error = sigError{}

func TestLoadPEM(t *testing.T) {
	tests := []struct{ name, key, cert string }{
		{"SEC1 after EC PARAMETERS", "ec-sec1.pem", "ec-sec1.crt"},
		{"PKCS#1", "rsa-pkcs1.pem", "rsa-pkcs1.crt"},
		{"PKCS#8", "rsa-pkcs8.pem", "rsa-pkcs1.crt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := keys.LoadPEM(filepath.Join("testdata", tt.key), filepath.Join("testdata", tt.cert))
			if err != nil {
				t.Fatal(err)
			}
			defer k.Close()
			if len(k.Chain) != 0 {
				t.Errorf("chain of %d", len(k.Chain))
			}
			signVerify(t, k)
			from := k.Cert.NotBefore.AddDate(0, 0, 1) // fixtures were made in 2026-11
			errs, warns := keys.CheckProfile(k.Cert, keystest.Profile(from, from.AddDate(0, 6, 0)))
			if len(errs)+len(warns) > 0 {
				t.Errorf("OpenSSL-made fixture fails the profile: %v %v", errs, warns)
			}
		})
	}
}

// TestLoadPEMChain: the signer certificate is found by its key wherever it
// sits in the file; the others become the chain.
func TestLoadPEMChain(t *testing.T) {
	dir := t.TempDir()
	other := keystest.EC(t, elliptic.P384()).Cert
	certFile := filepath.Join(dir, "chain.pem")
	leaf, err := os.ReadFile("testdata/ec-sec1.crt")
	if err != nil {
		t.Fatal(err)
	}
	write(t, certFile, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: other.Raw}), leaf...))
	k, err := keys.LoadPEM("testdata/ec-sec1.pem", certFile)
	if err != nil {
		t.Fatal(err)
	}
	if k.Cert.SerialNumber.Int64() != 1 || len(k.Chain) != 1 || !k.Chain[0].Equal(other) {
		t.Errorf("leaf serial %v, chain %d", k.Cert.SerialNumber, len(k.Chain))
	}
}

func TestLoadPEMErrors(t *testing.T) {
	dir := t.TempDir()
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	edDER, err := x509.MarshalPKCS8PrivateKey(edKey)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "ed25519.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER}))
	write(t, filepath.Join(dir, "garbage.pem"), []byte("not PEM at all"))
	write(t, filepath.Join(dir, "bad.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: []byte{1, 2, 3}}))

	tests := []struct {
		name, key, cert string
		want            string
	}{
		{"mismatch", "testdata/ec-sec1.pem", "testdata/rsa-pkcs1.crt",
			`key testdata/ec-sec1.pem and certificate testdata/rsa-pkcs1.crt: private key does not match the certificate (subject "CN=openssl fixture,O=jtsl Test Scheme Operator,C=JP")`},
		{"encrypted PKCS#8", "testdata/ec-encrypted-pkcs8.pem", "testdata/ec-sec1.crt",
			`key testdata/ec-encrypted-pkcs8.pem: encrypted PEM keys are not supported: use a PKCS#12 file or a PKCS#11 token`},
		{"encrypted legacy PEM", "testdata/ec-encrypted-legacy.pem", "testdata/ec-sec1.crt",
			`key testdata/ec-encrypted-legacy.pem: encrypted PEM keys are not supported: use a PKCS#12 file or a PKCS#11 token`},
		{"Ed25519", filepath.Join(dir, "ed25519.pem"), "testdata/ec-sec1.crt",
			`unsupported key type Ed25519: a trusted list is signed with RSA or ECDSA (TS 119 612 annex B; EU DSS refuses other algorithms)`},
		{"no PEM", filepath.Join(dir, "garbage.pem"), "testdata/ec-sec1.crt",
			`no PEM private key found (want PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)`},
		{"bad DER", filepath.Join(dir, "bad.pem"), "testdata/ec-sec1.crt", `parse EC PRIVATE KEY: x509:`},
		{"key as cert", "testdata/ec-sec1.pem", "testdata/ec-sec1.pem", `no PEM CERTIFICATE found`},
		{"missing key", filepath.Join(dir, "nope.pem"), "testdata/ec-sec1.crt", `read key: open `},
		{"missing cert", "testdata/ec-sec1.pem", filepath.Join(dir, "nope.crt"), `read certificate: open `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := keys.LoadPEM(tt.key, tt.cert)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), fixturePass) || strings.Contains(err.Error(), "PRIVATE KEY-----") {
				t.Errorf("error leaks a secret: %v", err)
			}
		})
	}
}

func write(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
