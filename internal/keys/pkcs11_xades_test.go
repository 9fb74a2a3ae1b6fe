//go:build cgo && unix

package keys_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xades"
)

// TestPKCS11SignsAList signs a list-shaped document with each SoftHSM key
// through the xades package (which takes only a crypto.Signer) and has
// xmlsec1 and xadesjs verify it against the token's certificate: the token
// signer returns what XML-DSig needs (PKCS#1 v1.5; ECDSA DER, converted by
// xades to r‖s).
func TestPKCS11SignsAList(t *testing.T) {
	env := softHSM(t)
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1")
	xadesVerify := testtool.Tool(t, "xades-verify", "node")
	for _, k := range []struct{ object, cert string }{
		{"tl-signer-rsa", env["PKCS11_RSA_CERT"]},
		{"tl-signer-ec", env["PKCS11_EC_CERT"]},
	} {
		t.Run(k.object, func(t *testing.T) {
			key, err := keys.OpenPKCS11("pkcs11:token="+env["PKCS11_TOKEN_LABEL"]+";object="+k.object,
				keys.PKCS11Options{Module: env["PKCS11_MODULE"], PIN: hsmPIN})
			if err != nil {
				t.Fatal(err)
			}
			defer key.Close()
			doc := etree.NewDocument()
			if err := doc.ReadFromString(`<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" Id="tsl" TSLTag="http://uri.etsi.org/19612/TSLTag"><tsl:SchemeInformation><tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier></tsl:SchemeInformation></tsl:TrustServiceStatusList>`); err != nil {
				t.Fatal(err)
			}
			at := key.Cert.NotBefore.Add(time.Hour).UTC().Truncate(time.Second)
			if err := xades.Sign(doc, key.Signer, key.Cert, xades.SignOptions{SigningTime: at}); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "signed.xml")
			b, err := doc.WriteToBytes()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if out, ok := testtool.Run(t, xmlsec, file, k.cert); !ok {
				t.Errorf("sig-verify-xmlsec rejects the token's signature:\n%s", out)
			}
			if out, ok := testtool.Run(t, xadesVerify, "--cert", k.cert, file); !ok {
				t.Errorf("xades-verify rejects the token's signature:\n%s", out)
			}
		})
	}
}
