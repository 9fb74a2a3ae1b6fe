package xades

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestBrainpoolAgainstXmlsec: a list signed with a brainpoolP256r1 key
// made by OpenSSL verifies with our code and with xmlsec1; a changed
// SignatureValue fails with both.
func TestBrainpoolAgainstXmlsec(t *testing.T) {
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1", "openssl")
	dir := t.TempDir()
	key, certFile := filepath.Join(dir, "k.pem"), filepath.Join(dir, "c.pem")
	if out, err := exec.Command("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1",
		"-keyout", key, "-nodes", "-out", certFile, "-subj", "/C=JP/O=Digital Agency/CN=brainpool test", "-days", "3650",
		"-set_serial", "4242").CombinedOutput(); err != nil {
		t.Fatalf("openssl: %v\n%s", err, out)
	}
	pb, _ := os.ReadFile(certFile)
	blk, _ := pem.Decode(pb)
	cert, err := parseCertLax(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}

	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(signSample(t, keys(t)[1], nil)); err != nil {
		t.Fatal(err)
	}
	sig := doc.Root().SelectElement("Signature")
	sig.FindElement("KeyInfo/X509Data/X509Certificate").SetText(base64.StdEncoding.EncodeToString(cert.Raw))
	sum := sha256.Sum256(cert.Raw)
	sig.FindElement(".//CertDigest/DigestValue").SetText(base64.StdEncoding.EncodeToString(sum[:]))
	is, _ := issuerSerialV2(cert)
	sig.FindElement(".//IssuerSerialV2").SetText(base64.StdEncoding.EncodeToString(is))
	now := time.Now().UTC().Add(time.Minute)
	sig.FindElement(".//SigningTime").SetText(now.Format(model.TimeLayout))
	sp := sig.FindElement(".//SignedProperties")
	c, _ := c14n.Canonicalize(sp, model.AlgExcC14N, "")
	d := sha256.Sum256(c)
	for _, r := range sig.FindElements("SignedInfo/Reference") {
		if r.SelectAttrValue("Type", "") != "" {
			r.SelectElement("DigestValue").SetText(base64.StdEncoding.EncodeToString(d[:]))
		}
	}
	si, _ := canonicalSignedInfo(sig)
	siFile := filepath.Join(dir, "si.bin")
	os.WriteFile(siFile, si, 0o644)
	der, err := exec.Command("openssl", "dgst", "-sha256", "-sign", key, siFile).Output()
	if err != nil {
		t.Fatal(err)
	}
	var rs struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(der, &rs); err != nil {
		t.Fatal(err)
	}
	raw := make([]byte, 64)
	rs.R.FillBytes(raw[:32])
	rs.S.FillBytes(raw[32:])
	sig.SelectElement("SignatureValue").SetText(base64.StdEncoding.EncodeToString(raw))
	out, _ := doc.WriteToBytes()

	check := func(data []byte) *Result {
		d := etree.NewDocument()
		if err := d.ReadFromBytes(data); err != nil {
			t.Fatal(err)
		}
		return Verify(d, VerifyOptions{At: now.Add(time.Minute), Pin: []*x509.Certificate{cert}})
	}
	r := check(out)
	if !r.CryptoValid || !r.Valid() {
		t.Errorf("ours rejects the brainpool signature: %v", failed(r))
	}
	f := writeTemp(t, dir, "bp.xml", out)
	if msg, ok := testtool.Run(t, xmlsec, f, certFile); !ok {
		t.Errorf("xmlsec1 rejects:\n%s", msg)
	}
	raw[5] ^= 1
	sig.SelectElement("SignatureValue").SetText(base64.StdEncoding.EncodeToString(raw))
	bad, _ := doc.WriteToBytes()
	if r := check(bad); r.CryptoValid {
		t.Error("ours accepts a changed brainpool signature")
	}
	if _, ok := testtool.Run(t, xmlsec, writeTemp(t, dir, "bad.xml", bad), certFile); ok {
		t.Error("xmlsec1 accepts a changed brainpool signature")
	}
}
