package xades

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"testing"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
)

// resignWith changes SignedInfo's canonicalisation and signature method
// and signs it again, as another signer would have.
func resignWith(t *testing.T, data []byte, k testKey, c14n, method string, sign func([]byte) []byte) []byte {
	t.Helper()
	doc := etree.NewDocument()
	doc.ReadSettings.PreserveCData = true
	if err := doc.ReadFromBytes(data); err != nil {
		t.Fatal(err)
	}
	sig := doc.Root().SelectElement("Signature")
	si := sig.SelectElement("SignedInfo")
	si.SelectElement("CanonicalizationMethod").CreateAttr("Algorithm", c14n)
	si.SelectElement("SignatureMethod").CreateAttr("Algorithm", method)
	b, err := canonicalSignedInfo(sig)
	if err != nil {
		t.Fatal(err)
	}
	sig.SelectElement("SignatureValue").SetText(base64.StdEncoding.EncodeToString(sign(b)))
	out, err := doc.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAlgorithmsAgainstXmlsec: signatures whose SignedInfo uses each c14n
// variant, and RSA-PSS, verify with our code and with xmlsec1.
func TestAlgorithmsAgainstXmlsec(t *testing.T) {
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1")
	k := keys(t)[0] // RSA-3072
	base := signSample(t, k, nil)
	rsaSign := func(h crypto.Hash, pss bool) func([]byte) []byte {
		return func(b []byte) []byte {
			d := h.New()
			d.Write(b)
			var sig []byte
			var err error
			if pss {
				sig, err = rsa.SignPSS(rand.Reader, k.signer.(*rsa.PrivateKey), h, d.Sum(nil), &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
			} else {
				sig, err = rsa.SignPKCS1v15(rand.Reader, k.signer.(*rsa.PrivateKey), h, d.Sum(nil))
			}
			if err != nil {
				t.Fatal(err)
			}
			return sig
		}
	}
	cases := []struct {
		name, c14n, method string
		sign               func([]byte) []byte
	}{
		{"exc-c14n with comments", model.AlgExcC14NWithComments, model.AlgRSASHA256, rsaSign(crypto.SHA256, false)},
		{"c14n 1.0", model.AlgC14N10, model.AlgRSASHA256, rsaSign(crypto.SHA256, false)},
		{"c14n 1.0 with comments", model.AlgC14N10WithComments, model.AlgRSASHA256, rsaSign(crypto.SHA256, false)},
		{"c14n 1.1", model.AlgC14N11, model.AlgRSASHA256, rsaSign(crypto.SHA256, false)},
		{"c14n 1.1 with comments", model.AlgC14N11WithComments, model.AlgRSASHA256, rsaSign(crypto.SHA256, false)},
		{"rsa-sha384", model.AlgExcC14N, model.AlgRSASHA384, rsaSign(crypto.SHA384, false)},
		{"rsa-sha512", model.AlgExcC14N, model.AlgRSASHA512, rsaSign(crypto.SHA512, false)},
		{"rsa-pss sha256", model.AlgExcC14N, model.AlgRSAPSSSHA256, rsaSign(crypto.SHA256, true)},
	}
	dir := t.TempDir()
	cert := writeTemp(t, dir, "cert.pem", certPEM(k.cert))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := resignWith(t, base, k, c.c14n, c.method, c.sign)
			if r := verifyBytes(t, out, k.cert); !r.CryptoValid {
				t.Errorf("ours rejects: %v", failed(r))
			}
			f := writeTemp(t, dir, "list.xml", out)
			if msg, ok := testtool.Run(t, xmlsec, "--time", "2026-07-01 01:00:00", f, cert); !ok {
				t.Logf("xmlsec1 rejects (may not support %s):\n%s", c.method, msg)
				if c.method != model.AlgRSAPSSSHA256 {
					t.Errorf("xmlsec1 rejects a %s signature that we accept", c.name)
				}
			}
		})
	}
}
