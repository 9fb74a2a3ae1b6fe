package keys_test

import (
	"crypto/elliptic"
	"crypto/x509"
	"path/filepath"
	"strings"
	"testing"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/keys/keystest"
)

// TestLoadPKCS12 reads files of each encryption generation: written by
// go-pkcs12 here (legacy RC2 and 3DES, modern AES-256/PBKDF2) and by
// OpenSSL 3 (testdata).
func TestLoadPKCS12(t *testing.T) {
	const pass = "p12-test-pass-8830"
	ca := keystest.RSA(t, 3072).Cert // stands in for an issuing CA
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		enc  *pkcs12.Encoder
		key  *keys.Key
	}{
		{"LegacyRC2 RSA", pkcs12.LegacyRC2, keystest.RSA(t, 3072)},
		{"LegacyDES EC", pkcs12.LegacyDES, keystest.EC(t, elliptic.P256())},
		{"Modern2023 EC", pkcs12.Modern2023, keystest.EC(t, elliptic.P256())},
		{"Modern2023 RSA", pkcs12.Modern2023, keystest.RSA(t, 3072)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.enc.Encode(tt.key.Signer, tt.key.Cert, []*x509.Certificate{ca}, pass)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".p12")
			write(t, file, data)
			k, err := keys.LoadPKCS12(file, pass)
			if err != nil {
				t.Fatal(err)
			}
			if !k.Cert.Equal(tt.key.Cert) || len(k.Chain) != 1 || !k.Chain[0].Equal(ca) {
				t.Errorf("got leaf %s and %d chain certificates", k.Cert.Subject, len(k.Chain))
			}
			signVerify(t, k)

			_, err = keys.LoadPKCS12(file, "wrong-"+pass)
			if want := "PKCS#12 " + file + ": wrong password"; err == nil || err.Error() != want {
				t.Errorf("wrong password: got %v, want %q", err, want)
			}
		})
	}
	for _, f := range []string{"rsa-openssl-modern.p12", "rsa-openssl-legacy.p12"} {
		t.Run(f, func(t *testing.T) {
			k, err := keys.LoadPKCS12(filepath.Join("testdata", f), fixturePass)
			if err != nil {
				t.Fatal(err)
			}
			signVerify(t, k)
		})
	}
}

// TestLoadPKCS12CAFirst: a file whose first certificate is the CA still
// yields the certificate that holds the key.
func TestLoadPKCS12CAFirst(t *testing.T) {
	k0 := keystest.EC(t, elliptic.P256())
	ca := keystest.RSA(t, 3072).Cert
	data, err := pkcs12.Modern2023.Encode(k0.Signer, ca, []*x509.Certificate{k0.Cert}, "x")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ca-first.p12")
	write(t, file, data)
	k, err := keys.LoadPKCS12(file, "x")
	if err != nil {
		t.Fatal(err)
	}
	if !k.Cert.Equal(k0.Cert) || len(k.Chain) != 1 || !k.Chain[0].Equal(ca) {
		t.Errorf("leaf %s, chain %d", k.Cert.Subject, len(k.Chain))
	}
}

func TestLoadPKCS12Mismatch(t *testing.T) {
	ec := keystest.EC(t, elliptic.P256())
	other := keystest.RSA(t, 3072).Cert
	data, err := pkcs12.Modern2023.Encode(ec.Signer, other, nil, "x")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "mismatch.p12")
	write(t, file, data)
	_, err = keys.LoadPKCS12(file, "x")
	if err == nil || !strings.Contains(err.Error(), "private key does not match the certificate") {
		t.Errorf("got %v", err)
	}
}
